namespace Flagkeeper.Evaluation;

/// <summary>
/// The targeting decision for an enabled flag whose prerequisites are on, in Microsoft.FeatureManagement's
/// order: exclusion wins, then listed users, then group rollouts, then the flag's rollout. Without a
/// targeting key a partial rollout serves the default: never a coin flip.
/// </summary>
internal static class Targeting
{
    public static FlagEvaluation Decide(CompiledFlag flag, CompiledRule rule, in EvaluationContext context, PercentileCache percentiles)
    {
        var user = context.TargetingKey;
        var hasUser = !string.IsNullOrEmpty(user);
        var groups = context.Groups;
        if (rule.Targeting is { } targeting)
        {
            if ((hasUser && targeting.ExcludedUsers.Contains(user!)) || AnyIn(groups, targeting))
            {
                return new FlagEvaluation(flag.Key, flag.Default, EvaluationReason.Excluded);
            }
            if (hasUser && targeting.Users.Contains(user!))
            {
                return new FlagEvaluation(flag.Key, true, EvaluationReason.Targeted);
            }
            if (groups is not null)
            {
                foreach (var group in targeting.Groups)
                {
                    if (!Contains(groups, group.Name))
                    {
                        continue;
                    }
                    if (group.Rollout >= 100)
                    {
                        return new FlagEvaluation(flag.Key, true, EvaluationReason.Targeted);
                    }
                    if (hasUser && group.Rollout > 0)
                    {
                        var percentile = percentiles.Get(user!, group.Suffix);
                        if (percentile < group.Rollout)
                        {
                            return new FlagEvaluation(flag.Key, true, EvaluationReason.Targeted, percentile);
                        }
                    }
                }
            }
        }

        if (rule.Rollout >= 100)
        {
            return new FlagEvaluation(flag.Key, true, EvaluationReason.Enabled);
        }
        if (!hasUser)
        {
            return new FlagEvaluation(flag.Key, flag.Default, rule.Rollout <= 0 ? EvaluationReason.OutOfRollout : EvaluationReason.NoTargetingKey);
        }
        var p = percentiles.Get(user!, rule.RolloutSuffix);
        return p < rule.Rollout
            ? new FlagEvaluation(flag.Key, true, EvaluationReason.InRollout, p)
            : new FlagEvaluation(flag.Key, flag.Default, EvaluationReason.OutOfRollout, p);
    }

    private static bool AnyIn(IReadOnlyList<string>? groups, CompiledTargeting targeting)
    {
        if (groups is null || targeting.ExcludedGroups.Count == 0)
        {
            return false;
        }
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i] is { } group && targeting.ExcludedGroups.Contains(group))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Contains(IReadOnlyList<string> groups, string name)
    {
        for (var i = 0; i < groups.Count; i++)
        {
            if (string.Equals(groups[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
