using System.Globalization;

namespace Flagkeeper.Editing;

/// <summary>A change to a registry, applied to its text so that everything else stays as written.</summary>
public abstract record RegistryEdit(string Key)
{
    /// <summary>What the edit does, in words, for the command's output.</summary>
    public abstract string Describe();
}

/// <summary>Sets <c>enabled</c> or <c>rollout</c> of a flag, or of one environment's override.</summary>
public sealed record SetFlagValue(string Key, string? Environment, string Field, object Value) : RegistryEdit(Key)
{
    public override string Describe() =>
        $"{Key}{(Environment is null ? "" : $" [{Environment}]")}: {Field} = {FormatValue(Value)}";

    public static string FormatValue(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => RegistryNumbers.Format(d),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>Adds a new flag at the end of the registry's <c>flags:</c> mapping.</summary>
public sealed record AddFlag(string Key, IReadOnlyList<KeyValuePair<string, object>> Fields) : RegistryEdit(Key)
{
    public override string Describe() => $"added {Key}";
}

/// <summary>Removes a flag and its lines.</summary>
public sealed record RemoveFlag(string Key) : RegistryEdit(Key)
{
    public override string Describe() => $"removed {Key}";
}
