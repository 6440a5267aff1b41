using Flagkeeper.Registry;

namespace Flagkeeper.Editing;

/// <summary>
/// Where an emergency leaves a flag. A <c>kill-switch</c> flag is engaged by turning it on, everywhere
/// and for every target (master on, rollout 100, no environment that turns it off or narrows it);
/// every other flag is killed by turning its master switch off, which keeps it off in every environment.
/// </summary>
public static class SafeState
{
    public const double FullRollout = 100;

    public static bool IsKillSwitch(FlagDefinition flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return flag.Type == FlagType.KillSwitch;
    }

    /// <summary>The edits that move <paramref name="flag"/> to its safe state; none when it is there already.</summary>
    public static IReadOnlyList<SetFlagValue> EditsFor(FlagDefinition flag)
    {
        if (!IsKillSwitch(flag))
        {
            return flag.Enabled ? [new SetFlagValue(flag.Key, null, "enabled", false)] : [];
        }
        var edits = new List<SetFlagValue>();
        if (!flag.Enabled)
        {
            edits.Add(new SetFlagValue(flag.Key, null, "enabled", true));
        }
        if (flag.Rollout is < FullRollout)
        {
            edits.Add(new SetFlagValue(flag.Key, null, "rollout", FullRollout));
        }
        foreach (var environment in flag.Environments)
        {
            if (environment.Enabled == false)
            {
                edits.Add(new SetFlagValue(flag.Key, environment.Name, "enabled", true));
            }
            if (environment.Rollout is < FullRollout)
            {
                edits.Add(new SetFlagValue(flag.Key, environment.Name, "rollout", FullRollout));
            }
        }
        return edits;
    }
}
