using System.Text;
using System.Text.Json;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Performance.History;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// <c>flagkeeper cache stats|clear</c> end to end: real scans fill the caches, crafted history lines make hit rates
/// exact, and damaged files show what a user meets.
/// </summary>
public class CacheCommandTests
{
    private const string ScanCacheFile = ".flagkeeper/cache/scan-v1.bin";

    private static JsonElement Stats(TempDirectory dir, out CliResult result)
    {
        result = CliRunner.Run(dir.Path, "cache", "stats", ".", "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        SchemaFiles.AssertValid(SchemaFiles.CacheStats, result.Stdout, "cache stats");
        return result.Json().RootElement.Clone();
    }

    private static JsonElement Cache(JsonElement stats, string name) =>
        stats.GetProperty("caches").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static void Age(TempDirectory dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        }
    }

    /// <summary>A run line recording the scan cache's hits and misses, as scan writes it.</summary>
    private static string RunLine(int run, long hits, long misses) =>
        HistoryLine.Write(new PerfRecord
        {
            At = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(run),
            RunId = $"run{run:D4}",
            Command = "scan",
            Operation = PerfRecord.RunOperation,
            Fingerprint = WorkFingerprint.Of(2, 100),
            CacheHits = hits,
            CacheMisses = misses,
            Caches = new CacheCounts([new CacheStats(RunRecorder.ScanCacheName, hits, misses)]),
        }) + "\n";

    [Fact]
    public void Stats_before_any_scan_says_empty_with_what_fills_it_and_exits_0()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);

        var stats = Stats(dir, out var result);

        var scan = Cache(stats, "scan");
        Assert.Equal("empty", scan.GetProperty("status").GetString());
        Assert.Contains("nothing cached yet", scan.GetProperty("reasons")[0].GetString());
        Assert.Equal(JsonValueKind.Null, scan.GetProperty("onDiskBytes").ValueKind);
        Assert.Equal(0, scan.GetProperty("recent").GetProperty("runs").GetInt32());
        Assert.False(stats.GetProperty("degraded").GetBoolean(), result.Stdout);
        Assert.False(File.Exists(dir[ScanCacheFile]), "stats must not create the cache");
    }

    [Fact]
    public void Stats_after_real_scans_counts_files_measures_the_file_and_leaves_out_the_warm_up()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        Age(dir);
        for (var i = 0; i < 3; i++)
        {
            var scan = CliRunner.Run(dir.Path, "scan", ".");
            Assert.True(scan.ExitCode == 0, scan.ToString());
        }

        var stats = Stats(dir, out var result);
        var text = CliRunner.Run(dir.Path, "cache", "stats", ".");

        var scanCache = Cache(stats, "scan");
        Assert.Equal("healthy", scanCache.GetProperty("status").GetString());
        Assert.Equal(2, scanCache.GetProperty("entries").GetInt64()); // a.ts, b.ts
        Assert.Equal(new FileInfo(dir[ScanCacheFile]).Length, scanCache.GetProperty("onDiskBytes").GetInt64());
        Assert.True(scanCache.GetProperty("estimatedMemoryBytes").GetInt64() > 0, result.Stdout);
        var recent = scanCache.GetProperty("recent");
        Assert.Equal((1, 2, 4, 0, 1.0), (recent.GetProperty("warmUpRuns").GetInt32(), recent.GetProperty("runs").GetInt32(),
            recent.GetProperty("hits").GetInt64(), recent.GetProperty("misses").GetInt64(), recent.GetProperty("hitRate").GetDouble()));
        var flag = Cache(stats, "flag");
        Assert.Equal(("healthy", 1), (flag.GetProperty("status").GetString(), flag.GetProperty("entries").GetInt32()));
        Assert.Equal(JsonValueKind.Null, flag.GetProperty("recent").ValueKind);
        // The live flag cache is in the application's process: the entry says so and where its health is shown.
        var live = flag.GetProperty("live");
        Assert.Equal(("in-process", "flagkeeper", "Flagkeeper"), (live.GetProperty("status").GetString(), live.GetProperty("healthCheck").GetString(), live.GetProperty("meter").GetString()));
        Assert.Equal(["flagkeeper.evaluations", "flagkeeper.reloads", "flagkeeper.reloads.rejected"], live.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(JsonValueKind.Null, scanCache.GetProperty("live").ValueKind);
        Assert.Contains("  live: in-process, not visible to this command; its health: the \"flagkeeper\" health check, services.AddHealthChecks().AddFlagkeeper()", text.Stdout);
        Assert.Equal(512, Cache(stats, "pattern").GetProperty("maxEntries").GetInt32());
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("hit rate 100.0 % (4 hits, 0 misses) over the last 2 run(s) after 1 warm-up run(s)", text.Stdout);
        Assert.Contains("6 caches: none degraded.", text.Stdout);
    }

    [Fact]
    public void A_no_cache_run_is_not_counted_against_the_hit_rate()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        Age(dir);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".", "--no-cache").ExitCode);

        var recent = Cache(Stats(dir, out _), "scan").GetProperty("recent");

        Assert.Equal((1, 2, 0), (recent.GetProperty("runs").GetInt32(), recent.GetProperty("hits").GetInt32(), recent.GetProperty("misses").GetInt32()));
    }

    [Theory]
    [InlineData(new byte[0], "corrupt")]
    [InlineData(new byte[] { 0x46, 0x4B, 0x53, 0x43, 0x41, 0x4E, 1, 2, 3 }, "corrupt")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57 }, "corrupt")]
    public void A_damaged_scan_cache_is_degraded_with_the_reason_left_as_it_is_and_rebuilt_by_the_next_scan(byte[] damage, string expected)
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        dir.WriteBytes(ScanCacheFile, damage);

        var scan = Cache(Stats(dir, out var result), "scan");

        Assert.Equal("degraded", scan.GetProperty("status").GetString());
        Assert.Contains(expected, scan.GetProperty("reasons")[0].GetString());
        Assert.Contains("the next scan discards and rebuilds it", scan.GetProperty("reasons")[0].GetString());
        Assert.True(result.Json().RootElement.GetProperty("degraded").GetBoolean());
        Assert.Equal(damage, dir.ReadBytes(ScanCacheFile));

        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);
        Assert.Equal("healthy", Cache(Stats(dir, out _), "scan").GetProperty("status").GetString());
    }

    [Fact]
    public void A_cache_that_never_hits_is_degraded_and_says_what_to_check()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode); // a cache file under today's settings
        dir.Write(HistoryFile.RelativePath, RunLine(1, 0, 40) + RunLine(2, 0, 40) + RunLine(3, 0, 40));

        var scan = Cache(Stats(dir, out _), "scan");

        Assert.Equal("degraded", scan.GetProperty("status").GetString());
        Assert.Equal("no hit in the last 3 runs that used it: is .flagkeeper/cache kept between runs, and do file times survive (a fresh checkout in CI changes them)?",
            scan.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public void A_hit_rate_below_half_after_warm_up_is_degraded_and_one_just_above_is_not()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);
        dir.Write(HistoryFile.RelativePath, RunLine(1, 0, 40) + RunLine(2, 10, 30) + RunLine(3, 9, 11));

        var low = Cache(Stats(dir, out _), "scan");
        Assert.Equal("degraded", low.GetProperty("status").GetString());
        Assert.Equal("hit rate 32 % over the last 2 runs after warm-up is below 50 %", low.GetProperty("reasons")[0].GetString());

        dir.Write(HistoryFile.RelativePath, RunLine(1, 0, 40) + RunLine(2, 30, 10) + RunLine(3, 11, 9));
        Assert.Equal("healthy", Cache(Stats(dir, out _), "scan").GetProperty("status").GetString());
    }

    [Fact]
    public void A_pattern_that_does_not_compile_and_a_registry_an_app_cannot_start_on_are_degraded()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\npatterns:\n  - id: bad\n    regex: \"(unclosed\"\n");
        dir.Write("flags.yaml", "version: 1\nflags:\n  new-checkout:\n    type: release\n    expires: 2099-01-01\n"); // no owner: the runtime refuses it
        dir.Write("src/a.ts", "isEnabled('new-checkout');\n");

        var stats = Stats(dir, out var result);

        var pattern = Cache(stats, "pattern");
        Assert.Equal("degraded", pattern.GetProperty("status").GetString());
        Assert.Contains("a pattern does not compile and is skipped", pattern.GetProperty("reasons")[0].GetString());
        var flag = Cache(stats, "flag");
        Assert.Equal("degraded", flag.GetProperty("status").GetString());
        Assert.StartsWith("flags.yaml: an application starting on it would fail:", flag.GetProperty("reasons")[0].GetString());
        Assert.Contains("missing-owner", flag.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public void Stats_exits_2_on_a_missing_folder_and_a_broken_configuration()
    {
        using var dir = new TempDirectory();
        var missing = CliRunner.Run(dir.Path, "cache", "stats", "no-such-folder");
        Assert.True(missing.ExitCode == 2, missing.ToString());

        dir.Write("flagkeeper.yaml", "version: 1\nscan: [\n");
        var broken = CliRunner.Run(dir.Path, "cache", "stats", ".");
        Assert.True(broken.ExitCode == 2, broken.ToString());
        Assert.Contains("flagkeeper.yaml", broken.Stderr);
    }

    [Fact]
    public void Clear_deletes_flagkeepers_files_only_verified_and_says_when_there_is_nothing()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);
        var size = new FileInfo(dir[ScanCacheFile]).Length;
        dir.Write(".flagkeeper/cache/.scan-v1.bin.4242.tmp", "left by a killed run");
        dir.Write(".flagkeeper/cache/notes.txt", "someone else's");

        var cleared = CliRunner.Run(dir.Path, "cache", "clear", ".");

        Assert.True(cleared.ExitCode == 0, cleared.ToString());
        Assert.Contains($"deleted .flagkeeper/cache/scan-v1.bin ({size:N0} bytes)", cleared.Stdout);
        Assert.Contains("deleted .flagkeeper/cache/.scan-v1.bin.4242.tmp", cleared.Stdout);
        Assert.False(File.Exists(dir[ScanCacheFile]));
        Assert.True(File.Exists(dir[".flagkeeper/cache/notes.txt"]));
        Assert.True(File.Exists(dir[HistoryFile.RelativePath]), "clear keeps the performance history");

        var again = CliRunner.Run(dir.Path, "cache", "clear", ".");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("no cache to clear in .flagkeeper/cache", again.Stdout);
        Assert.Equal("empty", Cache(Stats(dir, out _), "scan").GetProperty("status").GetString());
    }

    [Fact]
    public void Clear_follows_a_configured_cache_directory()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        dir.Write("flagkeeper.yaml", "version: 1\nscan:\n  cacheDir: build/fk-cache\n");
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);
        Assert.True(File.Exists(dir["build/fk-cache/scan-v1.bin"]));

        var cleared = CliRunner.Run(dir.Path, "cache", "clear", ".");

        Assert.True(cleared.ExitCode == 0, cleared.ToString());
        Assert.Contains("deleted build/fk-cache/scan-v1.bin", cleared.Stdout);
        Assert.False(File.Exists(dir["build/fk-cache/scan-v1.bin"]));
        var text = Encoding.UTF8.GetString(dir.ReadBytes(HistoryFile.RelativePath));
        Assert.Contains("\"caches\":{", text);
    }

    [Fact]
    public void The_symbol_cache_is_empty_until_a_name_is_resolved_then_counted_and_cleared()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        Age(dir);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);
        var empty = Cache(Stats(dir, out _), "symbol");
        Assert.Equal("empty", empty.GetProperty("status").GetString()); // only literal keys
        Assert.Contains("C#, Go, TypeScript, JavaScript, Java, Kotlin or Python usage fills", empty.GetProperty("reasons")[0].GetString());

        dir.Write("src/c.ts", "const KEY = 'new-checkout';\nisEnabled(KEY);\n");
        Age(dir);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);

        var symbol = Cache(Stats(dir, out _), "symbol");
        Assert.Equal(("healthy", 1), (symbol.GetProperty("status").GetString(), symbol.GetProperty("entries").GetInt32()));
        Assert.Equal(new FileInfo(dir[".flagkeeper/cache/symbols-v1.bin"]).Length, symbol.GetProperty("onDiskBytes").GetInt64());
        Assert.Equal((1, 1), (symbol.GetProperty("recent").GetProperty("hits").GetInt32(), symbol.GetProperty("recent").GetProperty("warmUpRuns").GetInt32()));

        dir.WriteBytes(".flagkeeper/cache/symbols-v1.bin", [1, 2, 3]);
        var damaged = Cache(Stats(dir, out _), "symbol");
        Assert.Equal("degraded", damaged.GetProperty("status").GetString());
        Assert.Contains("is corrupt", damaged.GetProperty("reasons")[0].GetString());

        var cleared = CliRunner.Run(dir.Path, "cache", "clear", ".");
        Assert.Contains("deleted .flagkeeper/cache/symbols-v1.bin", cleared.Stdout);
    }

    [Fact]
    public void The_wrapper_cache_is_listed_empty_then_healthy_after_a_scan_with_a_keyed_CSharp_usage_and_degraded_when_damaged()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        var empty = Cache(Stats(dir, out _), "wrapper");
        Assert.Equal("empty", empty.GetProperty("status").GetString());
        Assert.Contains("the next scan with a C# or Go usage with a key fills .flagkeeper/cache/wrappers-v1.bin", empty.GetProperty("reasons")[0].GetString());

        dir.Write("src/Flags.cs", "class Flags { public bool IsBeta() => c.IsEnabled(\"beta\"); void Use() { if (IsBeta()) { } } }\n");
        Age(dir);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".").ExitCode);

        var wrapper = Cache(Stats(dir, out _), "wrapper");
        Assert.Equal(("healthy", 1), (wrapper.GetProperty("status").GetString(), wrapper.GetProperty("entries").GetInt32()));
        Assert.Equal(new FileInfo(dir[".flagkeeper/cache/wrappers-v1.bin"]).Length, wrapper.GetProperty("onDiskBytes").GetInt64());
        Assert.Equal(1, wrapper.GetProperty("recent").GetProperty("hits").GetInt32());

        dir.WriteBytes(".flagkeeper/cache/wrappers-v1.bin", [1, 2, 3]);
        var damaged = Cache(Stats(dir, out _), "wrapper");
        Assert.Equal("degraded", damaged.GetProperty("status").GetString());
        Assert.Contains("is corrupt", damaged.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public void The_kept_report_is_listed_empty_then_healthy_after_two_json_scans_of_an_unchanged_tree_and_degraded_when_damaged()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        var empty = Cache(Stats(dir, out _), "report");
        Assert.Equal("empty", empty.GetProperty("status").GetString());
        Assert.Contains("the next scan with --format json that finds the tree as the scan cache has it fills .flagkeeper/cache/usages-v1.bin",
            empty.GetProperty("reasons")[0].GetString());

        Age(dir);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".", "--format", "json").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".", "--format", "json").ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "scan", ".", "--format", "json").ExitCode);

        var report = Cache(Stats(dir, out _), "report");
        Assert.Equal(("healthy", 1), (report.GetProperty("status").GetString(), report.GetProperty("entries").GetInt32()));
        Assert.Equal(new FileInfo(dir[".flagkeeper/cache/usages-v1.bin"]).Length, report.GetProperty("onDiskBytes").GetInt64());
        Assert.Equal(1, report.GetProperty("recent").GetProperty("hits").GetInt32());

        dir.WriteBytes(".flagkeeper/cache/usages-v1.bin", [1, 2, 3]);
        var damaged = Cache(Stats(dir, out _), "report");
        Assert.Equal("degraded", damaged.GetProperty("status").GetString());
        Assert.Contains("is corrupt", damaged.GetProperty("reasons")[0].GetString());
    }
}
