namespace Flagkeeper.Registry;

/// <summary>Why a flag exists; decides whether it must expire.</summary>
public enum FlagType
{
    /// <summary>Hides unfinished work until it ships; temporary, must expire.</summary>
    Release,
    /// <summary>A/B test or gradual experiment; temporary, must expire.</summary>
    Experiment,
    /// <summary>Operational toggle (degrade, tune); long-lived.</summary>
    Operational,
    /// <summary>Turns a feature off in an emergency; long-lived.</summary>
    KillSwitch,
    /// <summary>Entitlement or permission gate; long-lived.</summary>
    Permission,
}

public static class FlagTypes
{
    /// <summary>The spellings used in flags.yaml, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["release", "experiment", "operational", "kill-switch", "permission"];

    public static string ToName(this FlagType type) => Names[(int)type];

    public static bool TryParse(string text, out FlagType type)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], text, StringComparison.Ordinal))
            {
                type = (FlagType)i;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>Release and experiment flags are temporary: they need an expiry date.</summary>
    public static bool RequiresExpiry(this FlagType type) => type is FlagType.Release or FlagType.Experiment;
}
