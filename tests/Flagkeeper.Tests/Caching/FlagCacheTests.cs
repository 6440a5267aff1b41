using System.Security.Cryptography;
using Flagkeeper.Caching;
using Flagkeeper.Evaluation;
using Microsoft.Extensions.Time.Testing;

namespace Flagkeeper.Tests.Caching;

/// <summary>The flag cache on real files in a temp folder, with the clock driven by a FakeTimeProvider.</summary>
public sealed class FlagCacheTests : IDisposable
{
    private static readonly string On = FlagsYaml.Of(("checkout", "enabled: true"));
    private static readonly string Off = FlagsYaml.Of(("checkout", "enabled: false"));

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private FlagCache Cache(bool watch = true, bool defaultsIfMissing = false, params string[] files)
    {
        var options = new FlagCacheOptions { TimeProvider = _time, Watch = watch, StartWithDefaultsIfMissing = defaultsIfMissing, EnvironmentVariables = null };
        foreach (var file in files.Length == 0 ? ["flags.yaml"] : files)
        {
            options.Registries.Add(_dir[file]);
        }
        return new FlagCache(options);
    }

    /// <summary>Waits (real time, bounded) for the watcher to report the write, then runs the debounce on the fake clock.</summary>
    private void AfterWatcherNotices(FlagCache cache)
    {
        Assert.True(SpinWait.SpinUntil(() => cache.ChangePending, TimeSpan.FromSeconds(10)), "the file watcher never reported the change");
        _time.Advance(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Loads_the_file_and_exposes_its_sha256_as_the_version_and_the_load_time()
    {
        _dir.Write("flags.yaml", On);
        using var cache = Cache();

        Assert.True(cache.Evaluator.IsEnabled("checkout"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_dir.ReadBytes("flags.yaml"))), cache.Version);
        Assert.Equal(_time.GetUtcNow(), cache.LoadedAt);
        Assert.Equal(FlagCacheHealth.Healthy, cache.Health);
        Assert.True(cache.IsWatching);
    }

    [Fact]
    public void A_file_replaced_by_rename_is_noticed_and_the_new_answer_follows_the_debounce()
    {
        _dir.Write("flags.yaml", On);
        using var cache = Cache();
        var first = cache.Version;

        FlagsYaml.WriteAtomically(_dir["flags.yaml"], Off);
        AfterWatcherNotices(cache);

        Assert.False(cache.Evaluator.IsEnabled("checkout"));
        Assert.NotEqual(first, cache.Version);
        Assert.Equal(1, cache.Statistics.Reloads);
    }

    [Fact]
    public void A_file_written_in_place_is_noticed_too()
    {
        _dir.Write("flags.yaml", On);
        using var cache = Cache();

        _time.Advance(TimeSpan.FromMinutes(1));
        _dir.Write("flags.yaml", Off);
        AfterWatcherNotices(cache);

        Assert.False(cache.Evaluator.IsEnabled("checkout"));
        Assert.Equal(_time.GetUtcNow(), cache.LoadedAt);
    }

    [Fact]
    public void A_broken_file_keeps_the_old_answers_and_reports_degraded_with_its_location_until_fixed()
    {
        _dir.Write("flags.yaml", On);
        using var cache = Cache(watch: false);
        var good = cache.Version;
        var rejections = new List<FlagCacheRejectedEventArgs>();
        cache.Rejected += (_, e) => rejections.Add(e);

        _dir.Write("flags.yaml", "version: 1\nflags:\n  checkout:\n    enabled: [unclosed\n");
        Assert.Equal(FlagCacheCheckResult.Rejected, cache.CheckNow());

        Assert.True(cache.Evaluator.IsEnabled("checkout"));
        Assert.Equal(good, cache.Version);
        Assert.Equal(FlagCacheStatus.Degraded, cache.Health.Status);
        Assert.Matches(@"flags\.yaml:\d+:\d+: ", cache.Health.Reason);
        Assert.Equal(_dir["flags.yaml"], cache.Health.Rejection!.Location!.Value.File);
        Assert.Equal(good, Assert.Single(rejections).ActiveVersion);

        // The same broken bytes again: a hit, not another rejection.
        Assert.Equal(FlagCacheCheckResult.Unchanged, cache.CheckNow());
        Assert.Equal(1, cache.Statistics.RejectedReloads);

        _dir.Write("flags.yaml", Off);
        Assert.Equal(FlagCacheCheckResult.Reloaded, cache.CheckNow());
        Assert.False(cache.Evaluator.IsEnabled("checkout"));
        Assert.Equal(FlagCacheHealth.Healthy, cache.Health);
    }

    [Fact]
    public void A_file_that_fails_validation_or_has_a_prerequisite_cycle_is_rejected_with_its_location()
    {
        _dir.Write("flags.yaml", On);
        using var cache = Cache(watch: false);

        _dir.Write("flags.yaml", "version: 1\nflags:\n  checkout:\n    enabled: false\n"); // no owner, type, description
        Assert.Equal(FlagCacheCheckResult.Rejected, cache.CheckNow());
        Assert.Contains("flags.yaml:3:3: ", cache.Health.Reason);
        Assert.Contains("owner", string.Join("\n", cache.Health.Rejection!.Errors));
        Assert.True(cache.Evaluator.IsEnabled("checkout"));

        _dir.Write("flags.yaml", FlagsYaml.Of(("a", "enabled: true\nrequires: [b]"), ("b", "enabled: true\nrequires: [a]")));
        Assert.Equal(FlagCacheCheckResult.Rejected, cache.CheckNow());
        Assert.Contains("cycle", cache.Health.Reason);
        Assert.True(cache.Evaluator.IsEnabled("checkout"));
        Assert.Equal(2, cache.Statistics.RejectedReloads);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_rejected_unread_and_the_last_good_answers_stay()
    {
        _dir.Write("flags.yaml", On);
        using var cache = Cache(watch: false);
        var good = cache.Version;

        File.WriteAllBytes(_dir["flags.yaml"], new byte[Documents.DocumentLimits.Default.MaxBytes + 1]);
        Assert.Equal(FlagCacheCheckResult.Rejected, cache.CheckNow());
        Assert.Contains("the limit is", cache.Health.Reason);
        Assert.Contains("(FK2002)", cache.Health.Reason);
        Assert.True(cache.Evaluator.IsEnabled("checkout"));
        Assert.Equal(good, cache.Version);
        Assert.Equal(FlagCacheCheckResult.Unchanged, cache.CheckNow()); // same size and time: not read again
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_rejected_at_the_bad_byte()
    {
        _dir.Write("flags.yaml", On);
        using var cache = Cache(watch: false);

        var bytes = System.Text.Encoding.UTF8.GetBytes(On.Replace("enabled: true", "enabled: true # caf\u00e9", StringComparison.Ordinal)).ToList();
        var at = bytes.IndexOf(0xC3);
        bytes[at] = 0xFF; // an invalid UTF-8 byte where the é began
        File.WriteAllBytes(_dir["flags.yaml"], [.. bytes]);
        Assert.Equal(FlagCacheCheckResult.Rejected, cache.CheckNow());
        Assert.Matches(@"flags\.yaml:\d+:\d+: .*\(FK2004\)", cache.Health.Reason);
        Assert.True(cache.Evaluator.IsEnabled("checkout"));
    }

    [Fact]
    public void Checks_count_hits_when_the_hash_is_unchanged_and_misses_when_it_changed()
    {
        _dir.Write("flags.yaml", On);
        using var cache = Cache(watch: false);
        var reloads = new List<FlagCacheReloadedEventArgs>();
        cache.Reloaded += (_, e) => reloads.Add(e);

        cache.CheckNow();
        cache.CheckNow();
        File.SetLastWriteTimeUtc(_dir["flags.yaml"], new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)); // touched, same bytes
        Assert.Equal(FlagCacheCheckResult.Unchanged, cache.CheckNow());
        var before = cache.Version;
        _dir.Write("flags.yaml", Off);
        Assert.Equal(FlagCacheCheckResult.Reloaded, cache.CheckNow());

        var stats = cache.Statistics;
        Assert.Equal((3L, 1L, 1L, 0L), (stats.Hits, stats.Misses, stats.Reloads, stats.RejectedReloads));
        var reloaded = Assert.Single(reloads);
        Assert.Equal((before, cache.Version, 1), (reloaded.PreviousVersion, reloaded.Version, reloaded.FlagCount));
    }

    [Fact]
    public void Without_a_watcher_the_ttl_check_picks_the_change_up_and_not_before()
    {
        _dir.Write("flags.yaml", On);
        using var cache = Cache(watch: false);
        Assert.False(cache.IsWatching);

        _dir.Write("flags.yaml", Off);
        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.True(cache.Evaluator.IsEnabled("checkout"));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.Evaluator.IsEnabled("checkout"));
        Assert.Equal(1, cache.Statistics.Misses);

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, cache.Statistics.Hits);
    }

    [Fact]
    public void A_missing_file_at_start_up_is_an_error_naming_it()
    {
        var ex = Assert.Throws<FlagCacheLoadException>(() => Cache());
        Assert.Contains(_dir["flags.yaml"], ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void A_broken_file_at_start_up_is_an_error_with_its_location()
    {
        _dir.Write("flags.yaml", "version: 1\nflags:\n  checkout: [\n");
        var ex = Assert.Throws<FlagCacheLoadException>(() => Cache());
        Assert.Matches(@"flags\.yaml:\d+:\d+: ", ex.Message);
    }

    [Fact]
    public void Started_with_defaults_every_flag_is_off_and_degraded_until_the_file_appears()
    {
        using var cache = Cache(watch: false, defaultsIfMissing: true);

        Assert.Equal(new FlagEvaluation("checkout", false, EvaluationReason.UnknownFlag), cache.Evaluator.Evaluate("checkout"));
        Assert.Equal(FlagCacheStatus.Degraded, cache.Health.Status);
        Assert.Contains("does not exist", cache.Health.Reason);
        Assert.Equal("", cache.Version);
        Assert.Equal(FlagCacheCheckResult.Unchanged, cache.CheckNow());

        _dir.Write("flags.yaml", On);
        Assert.Equal(FlagCacheCheckResult.Reloaded, cache.CheckNow());
        Assert.True(cache.Evaluator.IsEnabled("checkout"));
        Assert.Equal(FlagCacheHealth.Healthy, cache.Health);
    }

    [Fact]
    public void A_file_deleted_after_start_up_is_rejected_and_the_last_good_answers_stay()
    {
        _dir.Write("flags.yaml", On);
        using var cache = Cache(watch: false);

        File.Delete(_dir["flags.yaml"]);
        Assert.Equal(FlagCacheCheckResult.Rejected, cache.CheckNow());
        Assert.True(cache.Evaluator.IsEnabled("checkout"));
        Assert.Contains("does not exist", cache.Health.Reason);
    }

    [Fact]
    public void Several_files_combine_into_one_version_and_the_first_listed_wins_a_shared_key()
    {
        // Sibling folders: neither registry's scope holds the other, so a shared key is no validation error.
        _dir.Write("web/flags.yaml", On);
        _dir.Write("api/flags.yaml", FlagsYaml.Of(("checkout", "enabled: false"), ("search", "enabled: true")));
        using var cache = Cache(watch: false, files: ["web/flags.yaml", "api/flags.yaml"]);

        Assert.True(cache.Evaluator.IsEnabled("checkout"));
        Assert.True(cache.Evaluator.IsEnabled("search"));
        Assert.Equal(64, cache.Version.Length);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(_dir.ReadBytes("web/flags.yaml"))), cache.Version);

        _dir.Write("api/flags.yaml", FlagsYaml.Of(("search", "enabled: false")));
        Assert.Equal(FlagCacheCheckResult.Reloaded, cache.CheckNow());
        Assert.False(cache.Evaluator.IsEnabled("search"));
    }

    [Fact]
    public void A_disposed_cache_checks_no_more()
    {
        _dir.Write("flags.yaml", On);
        var cache = Cache(watch: false);
        cache.Dispose();

        _dir.Write("flags.yaml", Off);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(cache.Evaluator.IsEnabled("checkout"));
        Assert.Throws<ObjectDisposedException>(() => cache.CheckNow());
    }

    [Fact]
    public void No_registry_or_an_empty_path_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new FlagCache(new FlagCacheOptions()));
        var options = new FlagCacheOptions();
        options.Registries.Add(" ");
        Assert.Contains("empty path", Assert.Throws<ArgumentException>(() => new FlagCache(options)).Message);
    }
}
