using System.Globalization;
using Flagkeeper.Registry;

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

/// <summary>
/// Replaces a flag's (or one environment's) <c>targeting:</c> with <paramref name="Targeting"/>; an empty one removes
/// the entry. The caller works out the whole new value (add or remove users, groups, exclusions), so the edit is one splice.
/// </summary>
public sealed record SetTargeting(string Key, string? Environment, TargetingSpec Targeting) : RegistryEdit(Key)
{
    public override string Describe() =>
        $"{Key}{(Environment is null ? "" : $" [{Environment}]")}: targeting {(Targeting.IsEmpty ? "removed" : "= " + Targeting.Describe())}";
}

/// <summary>A group in a targeting edit; a null rollout is the whole group (written as the bare name).</summary>
public sealed record TargetedGroup(string Name, double? Rollout);

/// <summary>The value a <see cref="SetTargeting"/> writes: the registry's <c>targeting:</c> shape, without locations.</summary>
public sealed record TargetingSpec(
    IReadOnlyList<string> Users,
    IReadOnlyList<TargetedGroup> Groups,
    IReadOnlyList<string> ExcludedUsers,
    IReadOnlyList<string> ExcludedGroups)
{
    public static TargetingSpec Empty { get; } = new([], [], [], []);

    public bool IsEmpty => Users.Count == 0 && Groups.Count == 0 && ExcludedUsers.Count == 0 && ExcludedGroups.Count == 0;

    /// <summary>The targeting as the registry holds it (null: none), in its order.</summary>
    public static TargetingSpec From(FlagTargeting? targeting) => targeting is null
        ? Empty
        : new([.. targeting.Users.Select(u => u.Value)], [.. targeting.Groups.Select(g => new TargetedGroup(g.Name, g.Rollout))],
            [.. targeting.ExcludedUsers.Select(u => u.Value)], [.. targeting.ExcludedGroups.Select(g => g.Value)]);

    /// <summary>Same users, groups (and their rollouts) and exclusions, in the same order.</summary>
    public bool SameAs(TargetingSpec other) =>
        Users.SequenceEqual(other.Users, StringComparer.Ordinal)
        && Groups.SequenceEqual(other.Groups)
        && ExcludedUsers.SequenceEqual(other.ExcludedUsers, StringComparer.Ordinal)
        && ExcludedGroups.SequenceEqual(other.ExcludedGroups, StringComparer.Ordinal);

    /// <summary>One line for people: <c>users a, b; groups beta 50%, staff; exclude users c</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Users.Count > 0)
        {
            parts.Add("users " + string.Join(", ", Users));
        }
        if (Groups.Count > 0)
        {
            parts.Add("groups " + string.Join(", ", Groups.Select(g => g.Rollout is { } r ? $"{g.Name} {RegistryNumbers.Format(r)}%" : g.Name)));
        }
        if (ExcludedUsers.Count > 0)
        {
            parts.Add("exclude users " + string.Join(", ", ExcludedUsers));
        }
        if (ExcludedGroups.Count > 0)
        {
            parts.Add("exclude groups " + string.Join(", ", ExcludedGroups));
        }
        return string.Join("; ", parts);
    }
}
