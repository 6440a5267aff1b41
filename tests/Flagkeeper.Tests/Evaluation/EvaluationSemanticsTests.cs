using Flagkeeper.Evaluation;
using static Flagkeeper.Tests.Evaluation.Evaluations;

namespace Flagkeeper.Tests.Evaluation;

public class EvaluationSemanticsTests
{
    [Fact]
    public void An_unknown_key_is_false_and_reported_once()
    {
        var warnings = new List<string>();
        var flags = Evaluator("version: 1\nflags:\n  a: { enabled: true }\n", warnings);

        var first = flags.Evaluate("nope");
        var second = flags.Evaluate(new string("nope".AsSpan())); // a different string instance, same key

        Assert.Equal(new FlagEvaluation("nope", false, EvaluationReason.UnknownFlag), first);
        Assert.Equal(EvaluationReason.UnknownFlag, second.Reason);
        Assert.Contains("'nope'", Assert.Single(warnings));
    }

    [Fact]
    public void A_null_key_or_a_throwing_logger_never_throws()
    {
        var flags = Evaluator("version: 1\nflags:\n  a: { enabled: true }\n");
        Assert.Equal(EvaluationReason.UnknownFlag, flags.Evaluate(null!).Reason);

        var loud = new FlagEvaluator(FlagSnapshot.Compile([Load("version: 1\nflags:\n  a: {}\n")]), _ => throw new InvalidOperationException());
        Assert.False(loud.IsEnabled("missing"));
        Assert.False(loud.IsEnabled("a", new EvaluationContext("u", [null!], "nowhere")));
    }

    [Theory]
    [InlineData("enabled: false, default: false", false)]
    [InlineData("enabled: false, default: true", true)]
    [InlineData("default: true", true)] // enabled absent means off
    public void A_disabled_flag_serves_its_default(string fields, bool expected)
    {
        var flags = Evaluator($"version: 1\nflags:\n  k: {{ {fields}, rollout: 100 }}\n");
        Assert.Equal(new FlagEvaluation("k", expected, EvaluationReason.Disabled), flags.Evaluate("k", User("u")));
    }

    [Fact]
    public void An_enabled_flag_with_no_rollout_is_on_for_everyone_even_anonymous()
    {
        var flags = Evaluator("version: 1\nflags:\n  k: { enabled: true }\n");
        Assert.Equal(new FlagEvaluation("k", true, EvaluationReason.Enabled), flags.Evaluate("k"));
        Assert.True(flags.IsEnabled("k", User("u")));
    }

    [Fact]
    public void The_environment_entry_replaces_the_flags_values_and_no_entry_keeps_them()
    {
        const string yaml = """
            version: 1
            environments: [dev, prod, test]
            flags:
              k:
                enabled: true
                rollout: 0
                environments:
                  dev: { rollout: 100 }
                  prod: { enabled: false }
            """;
        var flags = Evaluator(yaml);

        Assert.Equal(EvaluationReason.Enabled, flags.Evaluate("k", new EvaluationContext("u", Environment: "dev")).Reason);
        Assert.Equal(EvaluationReason.Disabled, flags.Evaluate("k", new EvaluationContext("u", Environment: "prod")).Reason);
        Assert.Equal(EvaluationReason.OutOfRollout, flags.Evaluate("k", new EvaluationContext("u", Environment: "test")).Reason);
        Assert.Equal(EvaluationReason.OutOfRollout, flags.Evaluate("k", User("u")).Reason);
    }

    [Fact]
    public void An_environment_cannot_revive_a_flag_whose_master_switch_is_off()
    {
        var flags = Evaluator("version: 1\nflags:\n  k:\n    enabled: false\n    environments:\n      dev: { enabled: true }\n");
        Assert.Equal(EvaluationReason.Disabled, flags.Evaluate("k", new EvaluationContext(Environment: "dev")).Reason);
    }

    [Fact]
    public void An_environment_the_registry_does_not_list_is_reported_once_and_uses_the_flags_own_values()
    {
        var warnings = new List<string>();
        var flags = Evaluator("version: 1\nenvironments: [dev, prod]\nflags:\n  k: { enabled: true }\n", warnings);

        Assert.Equal(EvaluationReason.Enabled, flags.Evaluate("k", new EvaluationContext(Environment: "production")).Reason);
        flags.Evaluate("k", new EvaluationContext(Environment: "production"));
        flags.Evaluate("k", new EvaluationContext(Environment: "dev"));

        var warning = Assert.Single(warnings);
        Assert.Contains("'production'", warning);
        Assert.Contains("dev, prod", warning);
    }

    [Fact]
    public void Every_prerequisite_must_be_on_for_the_same_context()
    {
        const string yaml = """
            version: 1
            flags:
              base: { enabled: true }
              half: { enabled: true, rollout: 50 }
              off: { enabled: false }
              needs-base: { enabled: true, requires: [base], default: true }
              needs-off: { enabled: true, requires: [base, off], default: true }
              needs-half: { enabled: true, requires: [half] }
            """;
        var flags = Evaluator(yaml);

        Assert.Equal(new FlagEvaluation("needs-base", true, EvaluationReason.Enabled), flags.Evaluate("needs-base"));
        Assert.Equal(new FlagEvaluation("needs-off", true, EvaluationReason.PrerequisiteOff), flags.Evaluate("needs-off"));
        // The prerequisite's rollout is decided for the same user: in exactly when that user is in `half`.
        for (var i = 0; i < 50; i++)
        {
            var user = User($"user-{i}");
            Assert.Equal(flags.IsEnabled("half", user), flags.IsEnabled("needs-half", user));
        }
    }

    [Fact]
    public void A_prerequisite_cycle_is_rejected_when_compiling()
    {
        var registry = Load("version: 1\nflags:\n  a: { requires: [b] }\n  b: { requires: [c] }\n  c: { requires: [a] }\n");
        var error = Assert.Throws<FlagSnapshotException>(() => FlagSnapshot.Compile([registry]));
        Assert.Equal("prerequisite cycle: a -> b -> c -> a; remove one `requires:` entry", error.Message);
    }

    [Fact]
    public void A_requires_chain_deeper_than_the_limit_is_rejected_and_one_at_the_limit_is_not()
    {
        static string Chain(int length) => "version: 1\nflags:\n" + string.Concat(Enumerable.Range(0, length)
            .Select(i => i + 1 < length ? $"  f{i}: {{ enabled: true, requires: [f{i + 1}] }}\n" : $"  f{i}: {{ enabled: true }}\n"));

        Assert.True(new FlagEvaluator(FlagSnapshot.Compile([Load(Chain(FlagSnapshot.MaxPrerequisiteDepth + 1))])).IsEnabled("f0"));
        var error = Assert.Throws<FlagSnapshotException>(() => FlagSnapshot.Compile([Load(Chain(FlagSnapshot.MaxPrerequisiteDepth + 2))]));
        Assert.Contains("deeper than 64", error.Message);
    }

    [Fact]
    public void Without_a_targeting_key_a_partial_rollout_serves_the_default_never_a_coin_flip()
    {
        var flags = Evaluator("version: 1\nflags:\n  k: { enabled: true, rollout: 99.9, default: true }\n  z: { enabled: true, rollout: 0 }\n");
        Assert.Equal(new FlagEvaluation("k", true, EvaluationReason.NoTargetingKey), flags.Evaluate("k"));
        Assert.Equal(EvaluationReason.NoTargetingKey, flags.Evaluate("k", User("")).Reason);
        Assert.Equal(new FlagEvaluation("z", false, EvaluationReason.OutOfRollout), flags.Evaluate("z"));
    }

    [Fact]
    public void A_rollout_gives_the_reference_percentile_and_decides_by_it()
    {
        // Reference vector: Microsoft.FeatureManagement puts user-123 at 67.190782 for new-checkout.
        var flags = Evaluator("version: 1\nflags:\n  new-checkout: { enabled: true, rollout: 67.19 }\n  wider: { enabled: true, rollout: 67.2 }\n");

        var result = flags.Evaluate("new-checkout", User("user-123"));

        Assert.Equal(EvaluationReason.OutOfRollout, result.Reason);
        Assert.False(result.Value);
        Assert.Equal(67.190782, Math.Round(result.Percentile!.Value, 6));
        Assert.Equal(67.190782, Math.Round(Percentiles.Of("user-123", "new-checkout"), 6));
        Assert.Equal(EvaluationReason.InRollout, flags.Evaluate("wider", User("user-123")).Reason);
    }

    [Fact]
    public void Targeting_order_is_exclusion_then_users_then_groups_then_rollout()
    {
        const string yaml = """
            version: 1
            flags:
              k:
                enabled: true
                rollout: 0
                targeting:
                  users: [alice, bob]
                  groups: [{ name: beta, rollout: 100 }, { name: half, rollout: 50 }, { name: nobody, rollout: 0 }]
                  exclude: { users: [bob], groups: [blocked] }
            """;
        var flags = Evaluator(yaml);

        Assert.Equal(new FlagEvaluation("k", true, EvaluationReason.Targeted), flags.Evaluate("k", User("alice")));
        Assert.Equal(new FlagEvaluation("k", false, EvaluationReason.Excluded), flags.Evaluate("k", User("bob")));
        Assert.Equal(EvaluationReason.Excluded, flags.Evaluate("k", User("alice", "blocked")).Reason);
        Assert.Equal(EvaluationReason.Targeted, flags.Evaluate("k", User("carol", "beta")).Reason);
        Assert.Equal(EvaluationReason.Targeted, flags.Evaluate("k", User(null, "beta")).Reason); // a full group needs no key
        Assert.Equal(EvaluationReason.OutOfRollout, flags.Evaluate("k", User("carol", "nobody")).Reason);
        Assert.Equal(EvaluationReason.OutOfRollout, flags.Evaluate("k", User("carol")).Reason);

        var half = Enumerable.Range(0, 400).Select(i => flags.Evaluate("k", User($"u{i}", "half"))).ToList();
        Assert.All(half, r => Assert.Equal(r.Value ? EvaluationReason.Targeted : EvaluationReason.OutOfRollout, r.Reason));
        Assert.All(half.Where(r => r.Value), r => Assert.True(r.Percentile < 50));
        Assert.InRange(half.Count(r => r.Value), 150, 250);
    }

    [Fact]
    public void An_environment_can_replace_the_targeting()
    {
        const string yaml = """
            version: 1
            flags:
              k:
                enabled: true
                rollout: 0
                targeting: { users: [alice] }
                environments:
                  prod: { targeting: { users: [bob] } }
                  dev: { rollout: 100 }
            """;
        var flags = Evaluator(yaml);

        Assert.True(flags.IsEnabled("k", User("alice")));
        Assert.False(flags.IsEnabled("k", new EvaluationContext("alice", Environment: "prod")));
        Assert.True(flags.IsEnabled("k", new EvaluationContext("bob", Environment: "prod")));
        Assert.Equal(EvaluationReason.Targeted, flags.Evaluate("k", new EvaluationContext("alice", Environment: "dev")).Reason);
    }

    [Fact]
    public void An_alias_evaluates_the_flag_and_answers_by_the_name_asked()
    {
        var flags = Evaluator("version: 1\nflags:\n  new-checkout: { enabled: true, aliases: [NEW_CHECKOUT] }\n");
        Assert.Equal(new FlagEvaluation("NEW_CHECKOUT", true, EvaluationReason.Enabled), flags.Evaluate("NEW_CHECKOUT"));
    }

    [Fact]
    public void A_replaced_snapshot_is_what_the_next_evaluation_reads()
    {
        var flags = Evaluator("version: 1\nflags:\n  k: { enabled: false }\n");
        flags.Replace(FlagSnapshot.Compile([Load("version: 1\nflags:\n  k: { enabled: true }\n")]));
        Assert.True(flags.IsEnabled("k"));
    }
}
