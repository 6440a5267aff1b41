using System.Globalization;
using Flagkeeper.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using static Flagkeeper.Tests.Evaluation.Evaluations;

namespace Flagkeeper.Tests.Evaluation;

/// <summary>
/// Runs the real Microsoft.FeatureManagement targeting filter next to Flagkeeper on the same 10,000 users:
/// every answer must agree, so an application can move between the two without re-bucketing anyone.
/// </summary>
public class FeatureManagementParityTests
{
    private const int Users = 10_000;
    private static readonly string[][] GroupSets = [[], ["beta"], ["staff"], ["beta", "ring"], ["blocked", "beta"], ["ring"]];

    private static readonly ContextualTargetingFilter Filter =
        new(Options.Create(new TargetingEvaluationOptions()), NullLoggerFactory.Instance);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(99.9)]
    [InlineData(100)]
    public async Task Default_rollouts_agree_with_the_targeting_filter_for_every_user(double percent)
    {
        var rollout = percent.ToString(CultureInfo.InvariantCulture);
        var flags = Evaluator($"version: 1\nflags:\n  new-checkout: {{ enabled: true, rollout: {rollout} }}\n");
        var settings = new TargetingFilterSettings { Audience = new Audience { DefaultRolloutPercentage = percent } };

        var mismatches = new List<string>();
        var inside = 0;
        for (var i = 0; i < Users; i++)
        {
            var user = $"user-{i}";
            var theirs = await Targeted("new-checkout", settings, user, []);
            var ours = flags.IsEnabled("new-checkout", User(user));
            inside += ours ? 1 : 0;
            if (ours != theirs)
            {
                mismatches.Add(user);
            }
        }

        Assert.Empty(mismatches);
        Assert.InRange(inside, Users * percent / 100 - 300, Users * percent / 100 + 300); // the population really was split
    }

    [Fact]
    public async Task Users_groups_group_rollouts_and_exclusions_agree_with_the_targeting_filter()
    {
        const string yaml = """
            version: 1
            flags:
              new-checkout:
                enabled: true
                rollout: 20
                targeting:
                  users: [user-1, user-2, user-3, user-42]
                  groups: [{ name: beta, rollout: 30 }, { name: staff, rollout: 100 }, { name: ring, rollout: 0.5 }]
                  exclude: { users: [user-2, user-77], groups: [blocked] }
            """;
        var flags = Evaluator(yaml);
        var settings = new TargetingFilterSettings
        {
            Audience = new Audience
            {
                Users = ["user-1", "user-2", "user-3", "user-42"],
                Groups =
                [
                    new GroupRollout { Name = "beta", RolloutPercentage = 30 },
                    new GroupRollout { Name = "staff", RolloutPercentage = 100 },
                    new GroupRollout { Name = "ring", RolloutPercentage = 0.5 },
                ],
                DefaultRolloutPercentage = 20,
                Exclusion = new BasicAudience { Users = ["user-2", "user-77"], Groups = ["blocked"] },
            },
        };

        var mismatches = new List<string>();
        var reasons = new HashSet<EvaluationReason>();
        for (var i = 0; i < Users; i++)
        {
            var user = $"user-{i}";
            var groups = GroupSets[i % GroupSets.Length];
            var theirs = await Targeted("new-checkout", settings, user, groups);
            var ours = flags.Evaluate("new-checkout", User(user, groups));
            reasons.Add(ours.Reason);
            if (ours.Value != theirs)
            {
                mismatches.Add($"{user} [{string.Join(",", groups)}]: ours {ours}, theirs {theirs}");
            }
        }

        Assert.Empty(mismatches);
        Assert.Equal( // every branch of the order was exercised
            [EvaluationReason.Targeted, EvaluationReason.Excluded, EvaluationReason.InRollout, EvaluationReason.OutOfRollout],
            reasons.Order());
    }

    [Fact]
    public void The_reference_vector_matches()
    {
        Assert.Equal(67.190782, Math.Round(Percentiles.Of("user-123", "new-checkout"), 6));
    }

    private static Task<bool> Targeted(string flag, TargetingFilterSettings settings, string user, string[] groups) =>
        Filter.EvaluateAsync(
            new FeatureFilterEvaluationContext { FeatureName = flag, Settings = settings },
            new TargetingContext { UserId = user, Groups = groups });
}
