using Flagkeeper.Evaluation;
using Microsoft.Extensions.Time.Testing;
using static Flagkeeper.Tests.Evaluation.Evaluations;

namespace Flagkeeper.Tests.Evaluation;

/// <summary>Live overrides: weaker than scopes and FLAGKEEPER__ variables, stronger than the file; expiry by the evaluator's clock.</summary>
public class LiveOverrideTests
{
    private const string Yaml = "version: 1\nflags:\n  off-flag: { enabled: false }\n  on-flag: { enabled: true }\n  env-flag: { enabled: false }\n";

    [Fact]
    public void Precedence_is_scope_then_environment_variable_then_live_then_file()
    {
        var flags = Evaluator(Yaml, environment: name => name == "FLAGKEEPER__ENV_FLAG" ? "off" : null);
        flags.SetLiveOverrides(LiveOverrideSet.Create([new("off-flag", true, null, null), new("env-flag", true, null, null)]));

        Assert.Equal(new FlagEvaluation("off-flag", true, EvaluationReason.LiveOverride), flags.Evaluate("off-flag"));
        Assert.Equal(new FlagEvaluation("env-flag", false, EvaluationReason.Override), flags.Evaluate("env-flag"));
        using (flags.Override("off-flag", false))
        {
            Assert.Equal(new FlagEvaluation("off-flag", false, EvaluationReason.Override), flags.Evaluate("off-flag"));
        }
        Assert.Equal(EvaluationReason.Enabled, flags.Evaluate("on-flag").Reason);
    }

    [Fact]
    public void A_live_rollout_uses_the_files_percentile_hashing()
    {
        var flags = Evaluator(Yaml);
        flags.SetLiveOverrides(LiveOverrideSet.Create([new("off-flag", null, 30, null)]));

        var users = Enumerable.Range(0, 200).Select(i => "user-" + i).ToList();
        foreach (var user in users)
        {
            var result = flags.Evaluate("off-flag", new EvaluationContext { TargetingKey = user });
            Assert.Equal(EvaluationReason.LiveOverride, result.Reason);
            Assert.Equal(Percentiles.IsIn(Percentiles.Of(user, "off-flag"), 30), result.Value);
        }
        Assert.InRange(users.Count(u => flags.IsEnabled("off-flag", new EvaluationContext { TargetingKey = u })), 30, 90);
    }

    [Fact]
    public void An_override_stops_applying_at_its_expiry_and_survives_a_snapshot_replace()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 14, 0, 0, TimeSpan.Zero));
        var flags = Evaluator(Yaml);
        flags.SetLiveOverrides(LiveOverrideSet.Create([new("off-flag", true, null, time.GetUtcNow().AddMinutes(5))]), time);
        flags.Replace(Evaluator(Yaml).Snapshot);

        Assert.True(flags.IsEnabled("off-flag"));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new FlagEvaluation("off-flag", false, EvaluationReason.Disabled), flags.Evaluate("off-flag"));
    }
}
