namespace Flagkeeper.Evaluation;

/// <summary>
/// <c>FLAGKEEPER__&lt;KEY&gt;=on|off</c>: the key upper-cased, every character other than A-Z and 0-9 as
/// <c>_</c> (<c>new-checkout</c> is <c>FLAGKEEPER__NEW_CHECKOUT</c>). Read once, when a snapshot is built.
/// </summary>
public static class EnvironmentOverrides
{
    public const string Prefix = "FLAGKEEPER__";

    /// <summary>
    /// The process's environment variables, the default source: when compiling, a snapshot reads the process's
    /// <c>FLAGKEEPER__</c> variables once, up front, instead of asking for one variable per flag (10,000 system
    /// lookups for a large registry), and none at all when there are none.
    /// </summary>
    public static Func<string, string?> FromProcess { get; } = Environment.GetEnvironmentVariable;

    /// <summary>The variable that overrides <paramref name="flagKey"/>.</summary>
    public static string VariableName(string flagKey)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        return string.Create(Prefix.Length + flagKey.Length, flagKey, static (name, key) =>
        {
            Prefix.CopyTo(name);
            for (var i = 0; i < key.Length; i++)
            {
                var upper = char.ToUpperInvariant(key[i]);
                name[Prefix.Length + i] = upper is >= 'A' and <= 'Z' or >= '0' and <= '9' ? upper : '_';
            }
        });
    }

    /// <summary>
    /// The source to read while compiling: <paramref name="source"/> itself, or for <see cref="FromProcess"/> the
    /// process's <c>FLAGKEEPER__</c> variables as they are now (null when it has none).
    /// </summary>
    internal static Func<string, string?>? ForCompiling(Func<string, string?>? source)
    {
        if (!ReferenceEquals(source, FromProcess))
        {
            return source;
        }
        // Variable names are case-insensitive on Windows only, as GetEnvironmentVariable treats them.
        var variables = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith(Prefix, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
                && entry.Value is string value)
            {
                variables[name] = value;
            }
        }
        return variables.Count == 0 ? null : name => variables.GetValueOrDefault(name);
    }

    /// <summary>The override for <paramref name="flagKey"/>; an unset or empty variable is none, any value but on/off/true/false is warned about and ignored.</summary>
    internal static bool? Read(string flagKey, Func<string, string?> environmentVariable, List<string> warnings)
    {
        var name = VariableName(flagKey);
        var value = environmentVariable(name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (value.Equals("on", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (value.Equals("off", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        warnings.Add($"{name}='{value}' is ignored: use on or off");
        return null;
    }
}
