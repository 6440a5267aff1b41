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
}
