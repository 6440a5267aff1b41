using System.Diagnostics;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// Custom patterns from <c>flagkeeper.yaml</c>: a regex with a named group <c>key</c>, limited to
/// files by globs; a broken pattern is reported with its config line and skipped; no pattern can
/// hang the scan.
/// </summary>
public class ScannerCustomPatternTests
{
    private const string TogglesRegex = @"Toggles\.Get\(\s*""(?<key>[A-Za-z0-9_-]+)""";

    private static FlagkeeperConfig WithPatterns(params CustomPattern[] patterns) =>
        FlagkeeperConfig.Default with { Patterns = patterns, SourcePath = "flagkeeper.yaml" };

    [Fact]
    public void Custom_pattern_with_a_key_group_finds_keys_with_their_positions()
    {
        using var dir = new TempDirectory();
        const string line = "if (Toggles.Get(\"custom-one\") && Toggles.Get(\"custom-two\")) {}";
        dir.Write("src/a.cs", "// header\n" + line + "\n");
        var config = WithPatterns(new CustomPattern("toggles", TogglesRegex, [], 12));

        var result = ScannerSpecSupport.Scan(dir.Path, config);

        Assert.True(result.Errors.Count == 0, ScannerSpecSupport.Describe(result));
        Assert.Equal(
            [("src/a.cs", 2, line.IndexOf("custom-one", StringComparison.Ordinal) + 1, "custom-one"), ("src/a.cs", 2, line.IndexOf("custom-two", StringComparison.Ordinal) + 1, "custom-two")],
            result.Usages.Select(u => (u.File, u.Line, u.Column, u.Flag!)));
        Assert.All(result.Usages, u => Assert.Equal("toggles", u.Pattern));
        Assert.All(result.Usages, u => Assert.Equal(UsageKind.Usage, u.Kind));
        Assert.All(result.Usages, u => Assert.Equal(line, u.Text));
    }

    [Fact]
    public void Custom_pattern_respects_its_files_globs()
    {
        using var dir = new TempDirectory();
        dir.Write("src/a.cs", "Toggles.Get(\"in-src\");\n");
        dir.Write("src/deep/b.cs", "Toggles.Get(\"in-src-deep\");\n");
        dir.Write("src/c.ts", "Toggles.Get(\"wrong-extension\");\n");
        dir.Write("other/d.cs", "Toggles.Get(\"other-folder\");\n");
        dir.Write("e.cs", "Toggles.Get(\"root\");\n");
        var config = WithPatterns(new CustomPattern("toggles", TogglesRegex, ["src/**/*.cs"], 3));

        var result = ScannerSpecSupport.Scan(dir.Path, config);

        Assert.Equal([("src/a.cs", "in-src"), ("src/deep/b.cs", "in-src-deep")], result.Usages.Select(u => (u.File, u.Flag!)));
    }

    [Fact]
    public void Custom_pattern_without_files_applies_to_every_scanned_file_but_not_to_comments()
    {
        using var dir = new TempDirectory();
        dir.Write("a.cs", "Toggles.Get(\"cs\");\n// Toggles.Get(\"commented\");\n");
        dir.Write("b.ts", "Toggles.Get(\"ts\");\n/* Toggles.Get(\"commented\") */\n");
        dir.Write("c.py", "Toggles.Get(\"py\")\n# Toggles.Get(\"commented\")\n");
        dir.Write("d.md", "Toggles.Get(\"markdown-not-scanned\")\n");

        var result = ScannerSpecSupport.Scan(dir.Path, WithPatterns(new CustomPattern("toggles", TogglesRegex, [], 3)));

        Assert.Equal(["cs", "ts", "py"], result.Usages.Select(u => u.Flag));
    }

    [Fact]
    public void Invalid_regex_is_reported_with_its_config_line_and_the_rest_still_run()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "if (isEnabled('builtin')) {}\nToggles.Get(\"custom\");\n");
        var config = WithPatterns(
            new CustomPattern("broken", "(unclosed", [], 7),
            new CustomPattern("toggles", TogglesRegex, [], 11));

        var result = ScannerSpecSupport.Scan(dir.Path, config);

        var error = Assert.Single(result.Errors);
        Assert.Equal("FK6001", error.Code);
        Assert.NotNull(error.Location);
        Assert.Equal(7, error.Location.Value.Line);
        Assert.Equal("flagkeeper.yaml", error.Location.Value.File);
        Assert.Contains("broken", error.Message);
        Assert.Equal([("builtin", "is-enabled"), ("custom", "toggles")], result.Usages.Select(u => (u.Flag!, u.Pattern)));
    }

    [Fact]
    public void Pattern_without_a_key_group_is_reported()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "if (isEnabled('builtin')) {}\nToggles.Get(\"custom\");\n");
        var config = WithPatterns(new CustomPattern("no-key", @"Toggles\.Get\(""(?<name>[a-z]+)""", [], 4));

        var result = ScannerSpecSupport.Scan(dir.Path, config);

        var error = Assert.Single(result.Errors);
        Assert.Equal("FK6001", error.Code);
        Assert.Equal(4, error.Location?.Line);
        Assert.Equal(["builtin"], result.Usages.Select(u => u.Flag));
    }

    [Fact]
    public void Catastrophic_pattern_runs_in_linear_time()
    {
        using var dir = new TempDirectory();
        // No "ab" outside the run of a's (so the pattern has nothing to match): no isEnabled here.
        dir.Write("big.ts", new string('a', 50_000) + "\nif (process.env.FEATURE_STILL_HERE) {}\n");
        dir.Write("small.ts", "Toggles.Get(\"custom\");\n");
        var config = WithPatterns(
            new CustomPattern("catastrophic", "(?<key>(a+)+)b", ["big.ts"], 5),
            new CustomPattern("toggles", TogglesRegex, [], 9));

        var watch = Stopwatch.StartNew();
        var result = ScannerSpecSupport.Scan(dir.Path, config);
        watch.Stop();

        Assert.True(result.Errors.Count == 0, ScannerSpecSupport.Describe(result));
        Assert.Equal(["STILL_HERE", "custom"], result.Usages.Select(u => u.Flag));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"scan took {watch.Elapsed}");
    }

    [Fact]
    public void Catastrophic_pattern_finds_its_key_when_it_matches()
    {
        using var dir = new TempDirectory();
        dir.Write("big.ts", "// x\nconst s = '" + new string('a', 20_000) + "b';\n");

        var result = ScannerSpecSupport.Scan(dir.Path, WithPatterns(new CustomPattern("catastrophic", "(?<key>(a+)+)b", [], 5)));

        var usage = Assert.Single(result.Usages);
        Assert.Equal(new string('a', 20_000), usage.Flag);
        Assert.Equal(2, usage.Line);
        Assert.Equal(12, usage.Column);
    }

    [Fact]
    public void Backtracking_pattern_is_stopped_by_the_timeout_and_the_scan_goes_on()
    {
        using var dir = new TempDirectory();
        dir.Write("big.ts", new string('a', 50_000) + "\nif (process.env.FEATURE_SAME_FILE) {}\n");
        dir.Write("other.ts", "if (isEnabled('other-file')) {}\nToggles.Get(\"custom\");\n");
        var config = WithPatterns(
            new CustomPattern("backref", @"(?<key>(a+)+)\1b", [], 5),
            new CustomPattern("toggles", TogglesRegex, [], 9));

        var watch = Stopwatch.StartNew();
        var result = ScannerSpecSupport.Scan(dir.Path, config);
        watch.Stop();

        var error = Assert.Single(result.Errors);
        Assert.Equal("FK6002", error.Code);
        Assert.Contains("backref", error.Message);
        Assert.Equal("big.ts", error.Location?.File);
        Assert.Equal([("big.ts", "SAME_FILE"), ("other.ts", "other-file"), ("other.ts", "custom")], result.Usages.Select(u => (u.File, u.Flag!)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"scan took {watch.Elapsed}");
    }

    [Fact]
    public void A_pattern_that_backtracks_too_long_moves_to_the_linear_engine_and_the_scan_stays_complete()
    {
        // (a|aa)+ before a 'b' that never comes backtracks exponentially over the run of a's; the NonBacktracking
        // engine reads it once. The file the backtracking engine gave up on is run again, not reported incomplete.
        using var dir = new TempDirectory();
        var old = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(dir.Write("big.ts", new string('a', 30_000) + "!\nconst x = aab-on;\n"), old);
        File.SetLastWriteTimeUtc(dir.Write("small.ts", "const y = ab-two;\n"), old);
        var config = WithPatterns(new CustomPattern("runs", @"(a|aa)+(?<key>b[a-z-]*)", [], 5));

        var watch = Stopwatch.StartNew();
        var first = ScannerSpecSupport.Scan(dir.Path, config, useCache: true);
        watch.Stop();
        var second = ScannerSpecSupport.Scan(dir.Path, config, useCache: true);

        Assert.True(first.Errors.Count == 0, ScannerSpecSupport.Describe(first));
        Assert.Equal([("big.ts", 2, 13, "b-on"), ("small.ts", 1, 12, "b-two")], first.Usages.Select(u => (u.File, u.Line, u.Column, u.Flag!)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"scan took {watch.Elapsed}");
        // Complete, so both files were cached and come back from the cache as they were.
        Assert.Equal(2, second.Statistics.CacheHits);
        Assert.Equal(first.Usages, second.Usages);
    }

    [Fact]
    public void A_pattern_runs_on_the_backtracking_engine_until_it_times_out_then_on_the_linear_one()
    {
        using var cache = new PatternCache(new PatternCacheOptions { MatchTimeout = TimeSpan.FromMilliseconds(200) });
        var (patterns, errors) = CustomPatterns.Compile(WithPatterns(new CustomPattern("runs", @"(a|aa)+(?<key>b[a-z-]*)", [], 5)), cache);
        Assert.Empty(errors);
        var pattern = Assert.Single(patterns);
        var backtracking = pattern.Regex;
        Assert.False(backtracking.Options.HasFlag(RegexOptions.NonBacktracking));
        Assert.Throws<RegexMatchTimeoutException>(() => backtracking.Match(new string('a', 30_000) + "!"));

        var linear = pattern.LinearAfterTimeout(backtracking);

        Assert.NotNull(linear);
        Assert.True(linear.Options.HasFlag(RegexOptions.NonBacktracking));
        Assert.Same(linear, pattern.Regex);
        Assert.Null(pattern.LinearAfterTimeout(linear)); // a timeout on the linear engine leaves nothing to try
    }

    [Fact]
    public void A_pattern_with_a_backreference_has_no_linear_engine_to_move_to()
    {
        using var cache = new PatternCache();
        var (patterns, _) = CustomPatterns.Compile(WithPatterns(new CustomPattern("backref", @"(?<key>(a+)+)\1b", [], 5)), cache);
        var pattern = Assert.Single(patterns);

        Assert.Null(pattern.LinearAfterTimeout(pattern.Regex));
        Assert.False(pattern.Regex.Options.HasFlag(RegexOptions.NonBacktracking));
    }

    [Fact]
    public void Timed_out_pattern_is_reported_once_even_over_many_files()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 4; i++)
        {
            dir.Write($"big{i}.ts", new string('a', 30_000) + $"\nisEnabled('k{i}');\n");
        }
        var config = WithPatterns(new CustomPattern("backref", @"(?<key>(a+)+)\1b", [], 5));

        var watch = Stopwatch.StartNew();
        var result = ScannerSpecSupport.Scan(dir.Path, config);
        watch.Stop();

        Assert.Equal("FK6002", Assert.Single(result.Errors).Code);
        Assert.Equal(["k0", "k1", "k2", "k3"], result.Usages.Select(u => u.Flag));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"scan took {watch.Elapsed}");
    }
    [Fact]
    public void Custom_pattern_with_non_ascii_literal_text_matches()
    {
        using var dir = new TempDirectory();
        const string line = "if (Schalter.für(\"neue-kasse\")) {}";
        dir.Write("a.ts", line + "\n");
        var config = WithPatterns(new CustomPattern("schalter", @"Schalter\.für\(""(?<key>[a-z-]+)""\)", [], 3));

        var result = ScannerSpecSupport.Scan(dir.Path, config);

        var usage = Assert.Single(result.Usages);
        Assert.Equal("neue-kasse", usage.Flag);
        Assert.Equal(line.IndexOf("neue", StringComparison.Ordinal) + 1, usage.Column);
    }

    [Fact]
    public void Custom_pattern_key_with_non_ascii_characters_is_decoded()
    {
        using var dir = new TempDirectory();
        const string line = "Toggles.Get(\"größe\");";
        dir.Write("a.ts", line + "\n");
        var config = WithPatterns(new CustomPattern("toggles", @"Toggles\.Get\(""(?<key>[^""]+)""", [], 3));

        var usage = Assert.Single(ScannerSpecSupport.Scan(dir.Path, config).Usages);

        Assert.Equal("größe", usage.Flag);
        Assert.Equal(14, usage.Column);
    }

    [Fact]
    public void Custom_pattern_in_a_file_that_is_not_utf8_reports_its_key_at_its_own_bytes()
    {
        // A Latin-1 comment before the usage: decoded as UTF-8, its one bad byte became a 3-byte replacement
        // character, so the key was read 2 bytes late (and past the file's end, from the previous file's buffer).
        using var dir = new TempDirectory();
        const string line = "enabled = flag_on(\"my-key\")";
        var path = Path.Combine(dir.Path, "a.py");
        File.WriteAllBytes(path, [.. "# caf"u8, 0xE9, .. "\n"u8, .. System.Text.Encoding.ASCII.GetBytes(line)]);
        var config = WithPatterns(new CustomPattern("flag-on", @"flag_on\(""(?<key>[a-z-]+)""\)", [], 3));

        var usage = Assert.Single(ScannerSpecSupport.Scan(dir.Path, config).Usages);

        Assert.Equal(("my-key", 2, line.IndexOf("my-key", StringComparison.Ordinal) + 1), (usage.Flag, usage.Line, usage.Column));
    }

    [Fact]
    public void Timed_out_pattern_is_reported_again_when_the_file_comes_from_the_cache()
    {
        using var dir = new TempDirectory();
        var big = dir.Write("big.ts", new string('a', 50_000) + "\nif (process.env.FEATURE_SAME_FILE) {}\n");
        File.SetLastWriteTimeUtc(big, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var config = WithPatterns(new CustomPattern("backref", @"(?<key>(a+)+)\1b", [], 5));

        var first = ScannerSpecSupport.Scan(dir.Path, config, useCache: true);
        var second = ScannerSpecSupport.Scan(dir.Path, config, useCache: true);

        Assert.Equal("FK6002", Assert.Single(first.Errors).Code);
        // The pattern never finished on big.ts: a cached run must not pass that off as a complete,
        // error-free result (same outcome as the first run, or the file scanned again).
        Assert.True(second.Errors.Any(e => e.Code == "FK6002") || second.Statistics.CacheHits == 0, ScannerSpecSupport.Describe(second));
        Assert.Equal(first.Usages, second.Usages);
    }

    [Fact]
    public void Custom_pattern_is_not_built_when_the_cache_serves_every_file_but_a_bad_one_is_still_reported()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("src/a.cs", "Toggles.Get(\"cached\");\n");
        File.SetLastWriteTimeUtc(file, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var config = WithPatterns(new CustomPattern("toggles", TogglesRegex, [], 3), new CustomPattern("broken", "(?<key>[a-z", [], 7));

        var first = ScannerSpecSupport.Scan(dir.Path, config, useCache: true);
        var second = ScannerSpecSupport.Scan(dir.Path, config, useCache: true);

        Assert.True(first.Statistics.PatternCache.Misses > 0, ScannerSpecSupport.Describe(first));
        Assert.Equal(1, second.Statistics.CacheHits);
        // Nothing needed the regex engine: no pattern was built for it on the warm run.
        Assert.Equal(0, second.Statistics.PatternCache.Misses);
        Assert.Equal(["cached"], second.Usages.Select(u => u.Flag));
        Assert.Equal(7, Assert.Single(second.Errors, e => e.Code == "FK6001").Location?.Line);
    }
}
