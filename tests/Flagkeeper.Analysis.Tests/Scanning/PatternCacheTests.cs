using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Scanning.Matching;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>The compiled-regex cache: counting, LRU bound, sliding time-to-live on a fake clock, warm-up, metrics.</summary>
public class PatternCacheTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    private static PatternCache NewCache(FakeTimeProvider time, int maxEntries = 100) =>
        new(new PatternCacheOptions { MaxEntries = maxEntries, TimeToLive = Ttl }, time);

    [Fact]
    public void First_use_is_a_miss_and_later_uses_are_hits_returning_the_same_regex()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time);

        var first = cache.GetOrAdd("a+b", RegexOptions.None);
        var second = cache.GetOrAdd("a+b", RegexOptions.None);
        var third = cache.GetOrAdd("a+b", RegexOptions.None);

        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.Matches(first, "xaab");
        var stats = cache.Statistics;
        Assert.Equal(2, stats.Hits);
        Assert.Equal(1, stats.Misses);
        Assert.Equal(1, stats.Entries);
        Assert.Equal(1, cache.Count);
        Assert.Equal(2.0 / 3.0, stats.HitRate, 10);
    }

    [Fact]
    public void Hit_rate_is_zero_before_any_lookup()
    {
        using var cache = NewCache(new FakeTimeProvider());

        Assert.Equal(0, cache.Statistics.HitRate);
        Assert.Equal(0, cache.Statistics.Entries);
        Assert.Equal(0, cache.Statistics.EstimatedBytes);
    }

    [Fact]
    public void Entries_are_keyed_by_pattern_and_options()
    {
        using var cache = NewCache(new FakeTimeProvider());

        var plain = cache.GetOrAdd("abc", RegexOptions.None);
        var ignoreCase = cache.GetOrAdd("abc", RegexOptions.IgnoreCase);
        var other = cache.GetOrAdd("abd", RegexOptions.None);

        Assert.NotSame(plain, ignoreCase);
        Assert.NotSame(plain, other);
        Assert.Equal(RegexOptions.IgnoreCase, ignoreCase.Options & RegexOptions.IgnoreCase);
        Assert.Equal(3, cache.Statistics.Misses);
        Assert.Equal(0, cache.Statistics.Hits);
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Regexes_get_the_configured_match_timeout()
    {
        using var cache = new PatternCache(new PatternCacheOptions { MatchTimeout = TimeSpan.FromMilliseconds(250) }, new FakeTimeProvider());

        Assert.Equal(TimeSpan.FromMilliseconds(250), cache.GetOrAdd("x", RegexOptions.None).MatchTimeout);
    }

    [Fact]
    public void Lru_bound_evicts_the_least_recently_used_entry()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time, maxEntries: 2);

        var a = cache.GetOrAdd("a", RegexOptions.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var b = cache.GetOrAdd("b", RegexOptions.None);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(a, cache.GetOrAdd("a", RegexOptions.None)); // a is now the most recently used
        time.Advance(TimeSpan.FromSeconds(1));
        cache.GetOrAdd("c", RegexOptions.None);                 // over the bound: b goes, not a

        var afterC = cache.Statistics;
        Assert.Equal(2, afterC.Entries);
        Assert.Equal(1, afterC.Evictions);
        Assert.Equal(0, afterC.Expirations);

        Assert.Same(a, cache.GetOrAdd("a", RegexOptions.None));       // still cached: a hit
        Assert.Equal(afterC.Hits + 1, cache.Statistics.Hits);
        Assert.NotSame(b, cache.GetOrAdd("b", RegexOptions.None));    // was evicted: compiled again
        Assert.Equal(afterC.Misses + 1, cache.Statistics.Misses);
        Assert.Equal(2, cache.Statistics.Evictions);                  // adding b back evicted c
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Eviction_order_follows_use_not_insertion()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time, maxEntries: 3);
        var a = cache.GetOrAdd("a", RegexOptions.None);
        var b = cache.GetOrAdd("b", RegexOptions.None);
        var c = cache.GetOrAdd("c", RegexOptions.None);
        cache.GetOrAdd("a", RegexOptions.None);
        cache.GetOrAdd("b", RegexOptions.None);

        cache.GetOrAdd("d", RegexOptions.None); // c is the least recently used

        var misses = cache.Statistics.Misses;
        Assert.Same(a, cache.GetOrAdd("a", RegexOptions.None));
        Assert.Same(b, cache.GetOrAdd("b", RegexOptions.None));
        Assert.Equal(misses, cache.Statistics.Misses);
        Assert.NotSame(c, cache.GetOrAdd("c", RegexOptions.None));
        Assert.Equal(misses + 1, cache.Statistics.Misses);
    }

    [Fact]
    public void Sliding_ttl_keeps_used_entries_and_expires_idle_ones()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time);
        var a = cache.GetOrAdd("a", RegexOptions.None);

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Same(a, cache.GetOrAdd("a", RegexOptions.None)); // 9 min idle: hit, and the clock restarts
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Same(a, cache.GetOrAdd("a", RegexOptions.None)); // 18 min old but only 9 idle: still a hit
        Assert.Equal(0, cache.Statistics.Expirations);

        time.Advance(Ttl + TimeSpan.FromSeconds(1));
        var again = cache.GetOrAdd("a", RegexOptions.None);    // idle past the TTL: expired, compiled again

        Assert.NotSame(a, again);
        var stats = cache.Statistics;
        Assert.Equal(2, stats.Hits);
        Assert.Equal(2, stats.Misses);
        Assert.Equal(1, stats.Expirations);
        Assert.Equal(0, stats.Evictions);
        Assert.Equal(1, stats.Entries);
    }

    [Fact]
    public void Expired_entries_are_dropped_when_a_new_one_is_added()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time);
        cache.GetOrAdd("aaa", RegexOptions.None);
        cache.GetOrAdd("bbb", RegexOptions.None);
        time.Advance(TimeSpan.FromMinutes(5));
        cache.GetOrAdd("ccc", RegexOptions.None);
        var withThree = cache.Statistics;

        time.Advance(TimeSpan.FromMinutes(6)); // aaa and bbb are 11 min idle, ccc 6
        cache.GetOrAdd("ddd", RegexOptions.None);

        var stats = cache.Statistics;
        Assert.Equal(3, withThree.Entries);
        Assert.Equal(2, stats.Entries);
        Assert.Equal(2, stats.Expirations);
        Assert.Equal(0, stats.Evictions);
        Assert.True(stats.EstimatedBytes < withThree.EstimatedBytes, $"{stats.EstimatedBytes} >= {withThree.EstimatedBytes}");
    }

    [Fact]
    public void Estimated_bytes_grow_with_entries_and_shrink_on_eviction()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time, maxEntries: 2);

        cache.GetOrAdd("first-pattern", RegexOptions.None);
        var one = cache.Statistics.EstimatedBytes;
        cache.GetOrAdd("second-pattern", RegexOptions.None);
        var two = cache.Statistics.EstimatedBytes;
        cache.GetOrAdd("x", RegexOptions.None); // evicts first-pattern, adds a much shorter one
        var afterEviction = cache.Statistics.EstimatedBytes;
        time.Advance(Ttl + TimeSpan.FromMinutes(1));
        cache.GetOrAdd("y", RegexOptions.None); // expires both, adds one
        var afterExpiry = cache.Statistics.EstimatedBytes;

        Assert.True(one > 0, $"one entry: {one}");
        Assert.True(two > one, $"two entries: {two} <= {one}");
        Assert.True(afterEviction < two, $"after eviction: {afterEviction} >= {two}");
        Assert.True(afterExpiry < afterEviction && afterExpiry > 0, $"after expiry: {afterExpiry}, before: {afterEviction}");
    }

    [Fact]
    public void Longer_patterns_are_estimated_larger()
    {
        using var small = NewCache(new FakeTimeProvider());
        using var large = NewCache(new FakeTimeProvider());

        small.GetOrAdd("ab", RegexOptions.None);
        large.GetOrAdd(new string('a', 500), RegexOptions.None);

        Assert.True(large.Statistics.EstimatedBytes > small.Statistics.EstimatedBytes);
    }

    [Fact]
    public void Preloaded_source_generated_patterns_are_hits_and_never_compiled()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time, maxEntries: 100);
        var prebuilt = ShapeIndex.Prebuilt.ToList();
        Assert.NotEmpty(prebuilt);

        foreach (var (pattern, options, regex) in prebuilt)
        {
            cache.Preload(pattern, options, regex);
            Assert.Same(regex, cache.GetOrAdd(pattern, options));
        }

        var stats = cache.Statistics;
        Assert.Equal(0, stats.Misses);
        Assert.Equal(prebuilt.Count, stats.Hits);
        Assert.Equal(prebuilt.Count, stats.Entries);
        Assert.Equal(TimeSpan.Zero, stats.CompileTime);
        Assert.True(stats.EstimatedBytes > 0);
    }

    [Fact]
    public void Warm_up_compiles_the_builtin_catalog_so_later_lookups_hit()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time, maxEntries: 1000);
        var patterns = ShapeIndex.ForConfig(FlagkeeperConfig.Default).Patterns.Values.ToList();
        var distinct = patterns.Distinct(StringComparer.Ordinal).Count();

        cache.WarmUp(patterns.Select(p => (p, ShapeIndex.PatternOptions)));

        var warmed = cache.Statistics;
        // Call shapes share one argument-list pattern; receivers, tags, env vars and kill switches have their own.
        Assert.True(distinct >= 10 && distinct < patterns.Count, $"{distinct} distinct of {patterns.Count} patterns");
        Assert.Equal(distinct, warmed.Entries);
        Assert.Equal(distinct, warmed.Misses);
        Assert.Equal(patterns.Count - distinct, warmed.Hits);

        foreach (var pattern in patterns)
        {
            cache.GetOrAdd(pattern, ShapeIndex.PatternOptions);
        }

        Assert.Equal(warmed.Misses, cache.Statistics.Misses);
        Assert.Equal(warmed.Hits + patterns.Count, cache.Statistics.Hits);
    }

    [Fact]
    public void A_scan_after_warm_up_compiles_nothing()
    {
        using var cache = new PatternCache();
        cache.WarmUp(ShapeIndex.ForConfig(FlagkeeperConfig.Default).Patterns.Values.Select(p => (p, ShapeIndex.PatternOptions)));
        var misses = cache.Statistics.Misses;
        using var dir = new TempDirectory();
        dir.Write("a.ts", "if (isEnabled('a') && process.env.FEATURE_B && useFlag('c')) {}\n");
        dir.Write("b.py", "if is_enabled('d') and os.getenv('FEATURE_E'):\n");
        using var monitor = new PerformanceMonitor();

        var result = new Scanner(FlagkeeperConfig.Default, cache, monitor).Scan(dir.Path, new ScanOptions { UseCache = false });

        Assert.Equal(["a", "B", "c", "d", "E"], result.Usages.Select(u => u.Flag));
        Assert.Equal(misses, result.Statistics.PatternCache.Misses);
        Assert.True(result.Statistics.PatternCache.Hits >= 5, $"hits: {result.Statistics.PatternCache.Hits}");
    }

    [Fact]
    public void Invalid_pattern_throws_argument_exception_and_is_not_cached()
    {
        using var cache = NewCache(new FakeTimeProvider());

        Assert.ThrowsAny<ArgumentException>(() => cache.GetOrAdd("(unclosed", RegexOptions.None));
        Assert.ThrowsAny<ArgumentException>(() => cache.GetOrAdd("(unclosed", RegexOptions.None));

        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Statistics.EstimatedBytes);
        Assert.Equal(0, cache.Statistics.Hits);
    }

    [Fact]
    public void Non_backtracking_with_a_backreference_throws_not_supported()
    {
        using var cache = NewCache(new FakeTimeProvider());

        Assert.Throws<NotSupportedException>(() => cache.GetOrAdd(@"(a)\1", RegexOptions.NonBacktracking));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Null_pattern_is_rejected()
    {
        using var cache = NewCache(new FakeTimeProvider());

        Assert.Throws<ArgumentNullException>(() => cache.GetOrAdd(null!, RegexOptions.None));
    }

    [Fact]
    public void Metrics_count_hits_misses_and_evictions()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time, maxEntries: 1);
        // Scoped to this cache's meter: caches in other tests publish under the same names at the same time.
        using var hits = new MetricCollector<long>(cache.Meter, "flagkeeper.pattern_cache.hits", time);
        using var misses = new MetricCollector<long>(cache.Meter, "flagkeeper.pattern_cache.misses", time);
        using var evictions = new MetricCollector<long>(cache.Meter, "flagkeeper.pattern_cache.evictions", time);

        cache.GetOrAdd("m1", RegexOptions.None);
        cache.GetOrAdd("m1", RegexOptions.None);
        cache.GetOrAdd("m1", RegexOptions.None);
        cache.GetOrAdd("m2", RegexOptions.None); // evicts m1

        Assert.Equal(2, hits.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(2, misses.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, evictions.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public void Metrics_publish_the_entries_gauge()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time);
        using var entries = new MetricCollector<int>(cache.Meter, "flagkeeper.pattern_cache.entries", time);
        cache.GetOrAdd("g1", RegexOptions.None);
        cache.GetOrAdd("g2", RegexOptions.None);

        entries.RecordObservableInstruments();

        Assert.Equal(2, entries.LastMeasurement?.Value);
    }

    [Fact]
    public void Compile_time_is_measured_with_the_real_clock()
    {
        using var cache = new PatternCache();

        cache.GetOrAdd(@"(?<key>[A-Za-z0-9_-]+)\s*=\s*(?:true|false|on|off)", RegexOptions.None);

        Assert.True(cache.Statistics.CompileTime > TimeSpan.Zero);
    }

    [Fact]
    public void Parallel_use_keeps_the_bound_and_counts_every_lookup()
    {
        var time = new FakeTimeProvider();
        using var cache = NewCache(time, maxEntries: 10);

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var regex = cache.GetOrAdd($"p{i % 40}x", RegexOptions.None);
            Assert.Matches(regex, $"p{i % 40}x");
        });

        var stats = cache.Statistics;
        Assert.Equal(2000, stats.Hits + stats.Misses);
        Assert.True(stats.Entries <= 10, $"entries: {stats.Entries}");
        Assert.Equal(stats.Entries, cache.Count);
        Assert.True(stats.Misses >= 40);
        // Two threads may both compile a new pattern (both count as misses, one is stored), so evictions <= misses - entries.
        Assert.True(stats.Evictions > 0 && stats.Evictions <= stats.Misses - stats.Entries, $"evictions {stats.Evictions}, misses {stats.Misses}, entries {stats.Entries}");
    }
}
