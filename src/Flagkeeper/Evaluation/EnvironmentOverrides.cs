using System.Text;

namespace Flagkeeper.Evaluation;

/// <summary>
/// <c>FLAGKEEPER__&lt;KEY&gt;=on|off</c>: the key upper-cased, every character other than A-Z and 0-9 as
/// <c>_</c> (<c>new-checkout</c> is <c>FLAGKEEPER__NEW_CHECKOUT</c>). Read once, when a snapshot is built.
/// </summary>
public static class EnvironmentOverrides
{
    public const string Prefix = "FLAGKEEPER__";

    /// <summary>The variable that overrides <paramref name="flagKey"/>.</summary>
    public static string VariableName(string flagKey)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        var name = new StringBuilder(Prefix, Prefix.Length + flagKey.Length);
        foreach (var c in flagKey)
        {
            var upper = char.ToUpperInvariant(c);
            name.Append(upper is >= 'A' and <= 'Z' or >= '0' and <= '9' ? upper : '_');
        }
        return name.ToString();
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
