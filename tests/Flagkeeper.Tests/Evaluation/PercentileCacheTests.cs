using Flagkeeper.Evaluation;

namespace Flagkeeper.Tests.Evaluation;

/// <summary>The percentile memo: exact answers always, hits after the first ask, no allocation, no torn entries.</summary>
public class PercentileCacheTests
{
    private static readonly byte[] Rollout = Percentiles.Suffix("new-checkout", null);
    private static readonly byte[] Group = Percentiles.Suffix("new-checkout", "beta");

    [Fact]
    public void Reference_user_keeps_its_percentile_on_a_hit()
    {
        var cache = new PercentileCache();
        Assert.False(cache.TryGet("user-123", Rollout, out _));
        Assert.Equal(67.190782, Math.Round(cache.Get("user-123", Rollout), 6));
        Assert.True(cache.TryGet("user-123", Rollout, out var hit));
        Assert.Equal(67.190782, Math.Round(hit, 6));
    }

    [Fact]
    public void Every_answer_equals_the_hash_on_first_ask_and_on_repeat()
    {
        var cache = new PercentileCache();
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < 10_000; i++)
            {
                var user = $"user-{i}";
                Assert.Equal(Percentiles.Of(user, Rollout), cache.Get(user, Rollout));
                Assert.Equal(Percentiles.Of(user, Group), cache.Get(user, Group));
            }
        }
    }

    [Fact]
    public void Same_user_under_another_flag_or_group_is_a_different_entry()
    {
        var cache = new PercentileCache(slots: 1);
        var rollout = cache.Get("user-123", Rollout);
        Assert.NotEqual(rollout, cache.Get("user-123", Group));
        Assert.False(cache.TryGet("user-123", Rollout, out _)); // the one slot now holds the group's entry
        Assert.True(cache.TryGet("user-123", Group, out _));
    }

    [Fact]
    public void An_equal_suffix_from_another_snapshot_does_not_hit()
    {
        var cache = new PercentileCache();
        cache.Get("user-123", Rollout);
        var reloaded = Percentiles.Suffix("new-checkout", null); // same bytes, new snapshot's array
        Assert.False(cache.TryGet("user-123", reloaded, out _));
    }

    [Fact]
    public void Zero_slots_turns_the_cache_off()
    {
        var cache = new PercentileCache(slots: 0);
        Assert.Equal(Percentiles.Of("user-1", Rollout), cache.Get("user-1", Rollout));
        Assert.False(cache.TryGet("user-1", Rollout, out _));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Slot_count_must_be_a_power_of_two(int slots) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentileCache(slots));

    [Fact]
    public void Hits_and_misses_allocate_nothing()
    {
        var cache = new PercentileCache(slots: 16);
        var users = Enumerable.Range(0, 64).Select(i => $"user-{i}").ToArray();
        foreach (var user in users)
        {
            cache.Get(user, Rollout); // warm up the JIT and the hash
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10; round++)
        {
            foreach (var user in users)
            {
                cache.Get(user, Rollout); // 64 users over 16 slots: hits and misses both
            }
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_slot_mid_write_is_never_read_nor_overwritten()
    {
        var cache = new PercentileCache();
        var exact = cache.Get("user-123", Rollout);
        ref var sequence = ref cache.SequenceOf("user-123", Rollout);
        var stored = sequence;
        sequence = stored + 1; // odd: a writer is between its stores
        Assert.False(cache.TryGet("user-123", Rollout, out _));
        Assert.Equal(exact, cache.Get("user-123", Rollout)); // computed again, exact
        Assert.Equal(stored + 1, sequence);                   // and the writer's slot left alone
        sequence = stored + 2; // the writer finished
        Assert.True(cache.TryGet("user-123", Rollout, out var hit));
        Assert.Equal(exact, hit);
    }

    [Fact]
    public void Threads_racing_on_few_slots_never_read_a_torn_entry()
    {
        var cache = new PercentileCache(slots: 4);
        var users = Enumerable.Range(0, 256).Select(i => $"user-{i}").ToArray();
        var expected = users.Select(u => (Percentiles.Of(u, Rollout), Percentiles.Of(u, Group))).ToArray();
        var wrong = 0;
        Parallel.For(0, Math.Max(4, Environment.ProcessorCount * 2), worker =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var at = (i * 7 + worker * 13) % users.Length;
                var suffix = (i & 1) == 0 ? Rollout : Group;
                var want = (i & 1) == 0 ? expected[at].Item1 : expected[at].Item2;
                if (cache.Get(users[at], suffix) != want)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Evaluator_answers_a_repeat_user_from_the_cache_with_the_same_result()
    {
        var flags = Evaluations.Evaluator("""
            version: 1
            flags:
              new-checkout: { enabled: true, rollout: 25 }
            """);
        var first = flags.Evaluate("new-checkout", Evaluations.User("user-123"));
        Assert.True(flags.Snapshot.PercentileCache.TryGet("user-123", flags.Snapshot.Flags[0].Base.RolloutSuffix, out var cached));
        Assert.Equal(first.Percentile, cached);
        Assert.Equal(first, flags.Evaluate("new-checkout", Evaluations.User("user-123")));
        Assert.Equal(EvaluationReason.OutOfRollout, first.Reason);
    }
}
