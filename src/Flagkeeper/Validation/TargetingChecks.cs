using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;

namespace Flagkeeper.Validation;

/// <summary>The registry rules about <c>targeting:</c>, on the flag and in each environment entry.</summary>
internal static class TargetingChecks
{
    public static void Check(FlagDefinition flag, Action<RuleDescriptor, string, string?, SourceLocation> add)
    {
        // The names are built only for targeting that exists: most flags have none.
        if (flag.Targeting is { } targeting)
        {
            Check(flag, targeting, $"flag '{flag.Key}'", null, add);
        }
        var environments = flag.Environments;
        for (var i = 0; i < environments.Count; i++)
        {
            if (environments[i].Targeting is { } overridden)
            {
                Check(flag, overridden, $"flag '{flag.Key}' in '{environments[i].Name}'", environments[i].Name, add);
            }
        }
    }

    private static void Check(FlagDefinition flag, FlagTargeting? targeting, string what, string? environment,
        Action<RuleDescriptor, string, string?, SourceLocation> add)
    {
        if (targeting is null)
        {
            return;
        }
        var groupsSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in targeting.Groups)
        {
            if (string.IsNullOrWhiteSpace(group.Name))
            {
                add(RuleCatalog.InvalidTargeting, $"{what}: a targeting group has no name; add `name:`", flag.Key, group.Location);
            }
            else if (!groupsSeen.Add(group.Name))
            {
                add(RuleCatalog.InvalidTargeting, $"{what}: targeting group '{group.Name}' is listed twice; keep one", flag.Key, group.Location);
            }
            RegistryValidator.CheckRollout(group.Rollout, flag.Key, environment, group.Location, add);
        }
        CheckItems(flag, targeting.Users, "user", what, add);
        CheckItems(flag, targeting.ExcludedUsers, "excluded user", what, add);
        CheckItems(flag, targeting.ExcludedGroups, "excluded group", what, add);

        var excludedUsers = targeting.ExcludedUsers.Select(u => u.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var user in targeting.Users.Where(u => excludedUsers.Contains(u.Value)))
        {
            add(RuleCatalog.TargetingConflict, $"{what}: user '{user.Value}' is both targeted and excluded; the exclusion wins", flag.Key, user.Location);
        }
        var excludedGroups = targeting.ExcludedGroups.Select(g => g.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var group in targeting.Groups.Where(g => excludedGroups.Contains(g.Name)))
        {
            add(RuleCatalog.TargetingConflict, $"{what}: group '{group.Name}' is both targeted and excluded; the exclusion wins", flag.Key, group.Location);
        }
    }

    private static void CheckItems(FlagDefinition flag, IReadOnlyList<TargetingItem> items, string kind, string what,
        Action<RuleDescriptor, string, string?, SourceLocation> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (string.IsNullOrWhiteSpace(item.Value))
            {
                add(RuleCatalog.InvalidTargeting, $"{what}: an empty {kind} in targeting", flag.Key, item.Location);
            }
            else if (!seen.Add(item.Value))
            {
                add(RuleCatalog.InvalidTargeting, $"{what}: {kind} '{item.Value}' is listed twice in targeting; keep one", flag.Key, item.Location);
            }
        }
    }
}
