using Flagkeeper.Diagnostics;

namespace Flagkeeper.Registry;

/// <summary>
/// A flag's (or an environment's) <c>targeting:</c>, in the order Microsoft.FeatureManagement's targeting
/// filter applies it: exclusions win, then listed users, then group rollouts, then the flag's rollout.
/// </summary>
public sealed record FlagTargeting
{
    public required SourceLocation Location { get; init; }
    public IReadOnlyList<TargetingItem> Users { get; init; } = [];
    public IReadOnlyList<GroupRollout> Groups { get; init; } = [];
    public IReadOnlyList<TargetingItem> ExcludedUsers { get; init; } = [];
    public IReadOnlyList<TargetingItem> ExcludedGroups { get; init; } = [];
}

/// <summary>A user id or group name as written, with where.</summary>
public sealed record TargetingItem(string Value, SourceLocation Location);

/// <summary>A group and the percent of its members that get the flag (absent: 100).</summary>
public sealed record GroupRollout(string Name, double? Rollout, SourceLocation Location);
