using System.Collections.Frozen;
using Flagkeeper.Registry;

namespace Flagkeeper.Evaluation;

/// <summary>One flag, resolved once per snapshot: evaluation only reads these fields.</summary>
internal sealed class CompiledFlag
{
    public required string Key { get; init; }
    public required bool Default { get; init; }

    /// <summary>The flag's own values, used when the context has no environment or the flag no entry for it.</summary>
    public required CompiledRule Base { get; init; }

    /// <summary>
    /// Per environment, the values that replace <see cref="Base"/>, first entry of a name wins; null when the flag has
    /// no entries. A flag names a handful of environments: an array searched in order is as fast as a dictionary to
    /// read and far cheaper to build, 10,000 times for a large registry.
    /// </summary>
    public (string Name, CompiledRule Rule)[]? ByEnvironment { get; init; }

    /// <summary>Indices of the flags in <c>requires:</c>, into the snapshot's flag array.</summary>
    public int[] Prerequisites { get; set; } = [];

    /// <summary>A <c>FLAGKEEPER__KEY=on|off</c> read when the snapshot was built; null: none.</summary>
    public bool? EnvironmentVariable { get; init; }

    public CompiledRule RuleFor(string? environment) =>
        environment is not null && ByEnvironment is { } entries && Named(entries, environment) is { } rule ? rule : Base;

    /// <summary>The rule of the first entry named <paramref name="environment"/>, or null.</summary>
    internal static CompiledRule? Named(ReadOnlySpan<(string Name, CompiledRule Rule)> entries, string environment)
    {
        foreach (var (name, rule) in entries)
        {
            if (string.Equals(name, environment, StringComparison.Ordinal))
            {
                return rule;
            }
        }
        return null;
    }
}

/// <summary>The master switch, rollout and targeting that apply in one environment.</summary>
internal sealed class CompiledRule(bool enabled, double rollout, CompiledTargeting? targeting, byte[] rolloutSuffix)
{
    public bool Enabled { get; } = enabled;
    public double Rollout { get; } = rollout;
    public CompiledTargeting? Targeting { get; } = targeting;

    /// <summary>UTF-8 <c>"\n{flag}"</c>, hashed after the targeting key.</summary>
    public byte[] RolloutSuffix { get; } = rolloutSuffix;
}

/// <summary>Targeting as sets for O(1) membership; group rollouts stay in written order, as the filter checks them.</summary>
internal sealed class CompiledTargeting
{
    public required FrozenSet<string> Users { get; init; }
    public required CompiledGroup[] Groups { get; init; }
    public required FrozenSet<string> ExcludedUsers { get; init; }
    public required FrozenSet<string> ExcludedGroups { get; init; }

    public static CompiledTargeting? From(FlagTargeting? targeting, string flagKey)
    {
        if (targeting is null)
        {
            return null;
        }
        return new CompiledTargeting
        {
            Users = targeting.Users.Select(u => u.Value).ToFrozenSet(StringComparer.Ordinal),
            Groups = targeting.Groups.Select(g => new CompiledGroup(g.Name, g.Rollout ?? 100, Percentiles.Suffix(flagKey, g.Name))).ToArray(),
            ExcludedUsers = targeting.ExcludedUsers.Select(u => u.Value).ToFrozenSet(StringComparer.Ordinal),
            ExcludedGroups = targeting.ExcludedGroups.Select(g => g.Value).ToFrozenSet(StringComparer.Ordinal),
        };
    }
}

/// <summary>A group rollout with its hash suffix <c>"\n{flag}\n{group}"</c> prepared.</summary>
internal sealed record CompiledGroup(string Name, double Rollout, byte[] Suffix);
