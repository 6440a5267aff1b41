using Flagkeeper.Evaluation;
using static Flagkeeper.Tests.Evaluation.Evaluations;

namespace Flagkeeper.Tests.Evaluation;

/// <summary>What a snapshot says it knows: adapters list <see cref="FlagSnapshot.Keys"/> and ask <see cref="FlagSnapshot.Contains"/>.</summary>
public class SnapshotKeysTests
{
    [Fact]
    public void Keys_are_every_flag_once_in_registry_order_and_the_first_registry_wins_a_duplicate()
    {
        var snapshot = FlagSnapshot.Compile([
            Load("version: 1\nflags:\n  b: { enabled: true, aliases: [B_ALIAS] }\n  a: { enabled: false }\n"),
            Load("version: 1\nflags:\n  a: { enabled: true }\n  c: { enabled: true }\n")]);

        Assert.Equal(["b", "a", "c"], snapshot.Keys);
        Assert.Equal(3, snapshot.Count);
    }

    [Fact]
    public void Contains_knows_keys_and_aliases_ordinally_and_nothing_else()
    {
        var snapshot = FlagSnapshot.Compile([Load("version: 1\nflags:\n  new-checkout: { enabled: true, aliases: [NEW_CHECKOUT] }\n")]);

        Assert.True(snapshot.Contains("new-checkout"));
        Assert.True(snapshot.Contains("NEW_CHECKOUT"));
        Assert.False(snapshot.Contains("New-Checkout"));
        Assert.False(snapshot.Contains("other"));
        Assert.False(snapshot.Contains(null!));
    }

    [Fact]
    public void A_large_registry_compiled_in_parallel_answers_as_one_compiled_flag_by_flag()
    {
        // 3,000 flags: over the parallel threshold without variables; a source of variables keeps it sequential.
        var yaml = new System.Text.StringBuilder("version: 1\nenvironments: [dev, prod]\nflags:\n");
        for (var i = 0; i < 3000; i++)
        {
            yaml.Append($"  f{i}: {{ enabled: {(i % 4 != 0 ? "true" : "false")}, rollout: {i % 101}");
            yaml.Append(i % 7 == 0 && i > 0 ? $", requires: [f{i / 2}], environments: {{ prod: {{ rollout: {i % 13} }}, dev: {{ enabled: false }} }}" : "");
            yaml.Append(i % 11 == 0 ? $", aliases: [F_{i}], targeting: {{ users: [u{i}], groups: [{{ name: beta, rollout: 30 }}] }}" : "").Append(" }\n");
        }
        var registry = Load(yaml.ToString());
        var parallel = new FlagEvaluator(FlagSnapshot.Compile([registry]));
        var sequential = new FlagEvaluator(FlagSnapshot.Compile([registry], _ => null));

        Assert.Equal(sequential.Snapshot.Keys, parallel.Snapshot.Keys);
        foreach (var key in registry.Flags.Select(f => f.Key).Append("F_33").Append("nope"))
        {
            foreach (var context in new[] { new EvaluationContext("u33", ["beta"], "prod"), new EvaluationContext("user-9", [], "dev"), new EvaluationContext("user-9") })
            {
                Assert.Equal(sequential.Evaluate(key, context), parallel.Evaluate(key, context));
            }
        }
    }
}
