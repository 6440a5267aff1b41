using System.IO.Hashing;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Caching;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// The incremental scan cache on disk: an unchanged tree is not re-read, a changed file is, deleted
/// files drop out, and a damaged cache is discarded with one warning and rebuilt. File times are set
/// well into the past, since files modified within two seconds of a scan are re-hashed ("racy").
/// </summary>
public class ScannerCacheTests
{
    private static readonly DateTime Past = new(2024, 1, 15, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime LaterPast = new(2024, 3, 1, 8, 30, 0, DateTimeKind.Utc);

    private static readonly (string File, int Line, int Column, UsageKind Kind, string? Flag)[] Expected =
    [
        ("a.ts", 1, 16, UsageKind.Usage, "alpha"),
        ("a.ts", 2, 31, UsageKind.Usage, "A_ENV"),
        ("b.py", 1, 16, UsageKind.Usage, "beta"),
        ("b.py", 2, 16, UsageKind.Dynamic, null),
        ("sub/c.cs", 1, 16, UsageKind.Usage, "gamma"),
    ];

    private static TempDirectory Tree()
    {
        var dir = new TempDirectory();
        Write(dir, "a.ts", "if (isEnabled('alpha')) {}\nconst e = process.env.FEATURE_A_ENV;\n", Past);
        Write(dir, "b.py", "if is_enabled('beta'):\n    is_enabled(name)\n", Past);
        Write(dir, "sub/c.cs", "if (IsEnabled(\"gamma\")) {}\n", Past);
        Write(dir, "sub/readme.txt", "isEnabled('not-source')\n", Past);
        return dir;
    }

    private static void Write(TempDirectory dir, string relative, string content, DateTime modified)
    {
        var full = dir.Write(relative, content);
        File.SetLastWriteTimeUtc(full, modified);
    }

    private static string CachePath(TempDirectory dir) => Path.Combine(dir.Path, ".flagkeeper", "cache", ScanCache.FileName);

    private static ScanResult Scan(TempDirectory dir, FlagkeeperConfig? config = null) =>
        ScannerSpecSupport.Scan(dir.Path, config, useCache: true);

    private static IEnumerable<(string, int, int, UsageKind, string?)> Shape(ScanResult result) =>
        result.Usages.Select(u => (u.File, u.Line, u.Column, u.Kind, u.Flag));

    private static void AssertNoErrors(ScanResult result) =>
        Assert.True(result.Errors.Count == 0, ScannerSpecSupport.Describe(result));

    [Fact]
    public void Second_run_over_an_unchanged_tree_reads_nothing_and_returns_the_same_usages()
    {
        using var dir = Tree();

        var first = Scan(dir);
        var second = Scan(dir);

        AssertNoErrors(first);
        AssertNoErrors(second);
        Assert.Equal(Expected, Shape(first));
        Assert.True(File.Exists(CachePath(dir)), "no cache file written");
        Assert.Equal(0, first.Statistics.CacheHits);
        Assert.Equal(3, first.Statistics.CacheMisses);
        Assert.True(first.Statistics.BytesRead > 0);

        Assert.Equal(3, second.Statistics.CacheHits);
        Assert.Equal(0, second.Statistics.CacheMisses);
        Assert.Equal(0, second.Statistics.BytesRead);
        Assert.Equal(3, second.Statistics.FilesScanned);
        Assert.Equal(first.Statistics.BytesScanned, second.Statistics.BytesScanned);
        Assert.Equal(first.Usages, second.Usages);
    }

    [Fact]
    public void Cache_folder_is_not_scanned_itself()
    {
        using var dir = Tree();
        Scan(dir);
        // A source file planted inside the cache folder must never be picked up.
        Write(dir, ".flagkeeper/cache/planted.ts", "isEnabled('planted');\n", Past);

        var result = Scan(dir);

        Assert.DoesNotContain(result.Usages, u => u.Flag == "planted");
        Assert.Equal(3, result.Statistics.CacheHits);
    }

    [Fact]
    public void Modified_file_is_the_only_one_read_again()
    {
        using var dir = Tree();
        Scan(dir);
        // Same length, different content, new time.
        const string changed = "if (isEnabled('omega')) {}\nconst e = process.env.FEATURE_A_ENV;\n";
        Write(dir, "a.ts", changed, LaterPast);

        var result = Scan(dir);

        AssertNoErrors(result);
        Assert.Equal(2, result.Statistics.CacheHits);
        Assert.Equal(1, result.Statistics.CacheMisses);
        Assert.Equal(changed.Length, result.Statistics.BytesRead);
        Assert.Equal(["omega", "A_ENV", "beta", null, "gamma"], result.Usages.Select(u => u.Flag));

        var third = Scan(dir);
        Assert.Equal(3, third.Statistics.CacheHits);
        Assert.Equal(0, third.Statistics.BytesRead);
        Assert.Equal(result.Usages, third.Usages);
    }

    [Fact]
    public void Modified_file_with_a_different_length_is_read_again()
    {
        using var dir = Tree();
        Scan(dir);
        const string changed = "// rewritten\nif (IsEnabled(\"gamma\")) {}\nif (IsEnabled(\"delta\")) {}\n";
        Write(dir, "sub/c.cs", changed, LaterPast);

        var result = Scan(dir);

        Assert.Equal(2, result.Statistics.CacheHits);
        Assert.Equal(changed.Length, result.Statistics.BytesRead);
        Assert.Equal([("sub/c.cs", 2, "gamma"), ("sub/c.cs", 3, "delta")], result.Usages.Where(u => u.File == "sub/c.cs").Select(u => (u.File, u.Line, u.Flag!)));
    }

    [Fact]
    public void File_with_a_new_time_but_the_same_content_keeps_its_usages()
    {
        using var dir = Tree();
        var first = Scan(dir);
        File.SetLastWriteTimeUtc(dir["b.py"], LaterPast);

        var touched = Scan(dir);
        var after = Scan(dir);

        AssertNoErrors(touched);
        Assert.Equal(first.Usages, touched.Usages);
        Assert.Equal(2, touched.Statistics.CacheHits);
        Assert.Equal(1, touched.Statistics.CacheMisses);
        Assert.Equal(new FileInfo(dir["b.py"]).Length, touched.Statistics.BytesRead);
        // The new time was recorded: the next run hits again.
        Assert.Equal(3, after.Statistics.CacheHits);
        Assert.Equal(0, after.Statistics.BytesRead);
        Assert.Equal(first.Usages, after.Usages);
    }

    [Fact]
    public void Deleted_file_drops_its_usages()
    {
        using var dir = Tree();
        Scan(dir);
        File.Delete(dir["sub/c.cs"]);

        var result = Scan(dir);
        var after = Scan(dir);

        AssertNoErrors(result);
        Assert.DoesNotContain(result.Usages, u => u.File == "sub/c.cs");
        Assert.Equal(Expected.Where(e => e.File != "sub/c.cs"), Shape(result));
        Assert.Equal(2, result.Statistics.CacheHits);
        Assert.Equal(0, result.Statistics.BytesRead);
        Assert.Equal(Expected.Where(e => e.File != "sub/c.cs"), Shape(after));
        Assert.Equal(2, after.Statistics.CacheHits);
    }

    [Fact]
    public void New_file_is_read_and_the_others_hit()
    {
        using var dir = Tree();
        Scan(dir);
        Write(dir, "d.go", "if client.IsEnabled(\"delta\") {\n", Past);

        var result = Scan(dir);

        Assert.Equal(3, result.Statistics.CacheHits);
        Assert.Equal(1, result.Statistics.CacheMisses);
        Assert.Contains(result.Usages, u => u.File == "d.go" && u.Flag == "delta");
    }

    [Fact]
    public void No_cache_option_neither_reads_nor_writes_the_cache()
    {
        using var dir = Tree();

        var result = ScannerSpecSupport.Scan(dir.Path, useCache: false);

        Assert.Equal(Expected, Shape(result));
        Assert.False(File.Exists(CachePath(dir)));
        Assert.Equal(0, result.Statistics.CacheHits);
    }

    public static TheoryData<string> Damages() => ["random", "truncated", "flipped", "empty", "magic-only"];

    [Theory]
    [MemberData(nameof(Damages))]
    public void Damaged_cache_gives_one_warning_correct_usages_and_is_rebuilt(string damage)
    {
        using var dir = Tree();
        var clean = Scan(dir);
        var path = CachePath(dir);
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "random":
                var random = new byte[Math.Max(bytes.Length, 256)];
                new Random(1234).NextBytes(random);
                File.WriteAllBytes(path, random);
                break;
            case "truncated":
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
            case "flipped":
                bytes[bytes.Length / 2] ^= 0xFF;
                File.WriteAllBytes(path, bytes);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "magic-only":
                File.WriteAllBytes(path, bytes[..20]);
                break;
        }

        var damaged = Scan(dir);
        var rebuilt = Scan(dir);

        var warning = Assert.Single(damaged.Errors);
        Assert.Equal("FK8001", warning.Code);
        Assert.Equal(clean.Usages, damaged.Usages);
        Assert.Equal(Expected, Shape(damaged));
        Assert.Equal(0, damaged.Statistics.CacheHits);
        Assert.Equal(3, damaged.Statistics.CacheMisses);

        AssertNoErrors(rebuilt);
        Assert.Equal(3, rebuilt.Statistics.CacheHits);
        Assert.Equal(0, rebuilt.Statistics.BytesRead);
        Assert.Equal(clean.Usages, rebuilt.Usages);
    }

    [Fact]
    public void Files_with_a_suppression_marker_are_known_from_a_cold_and_from_a_warm_scan()
    {
        using var dir = Tree();
        Write(dir, "src/quiet.ts", "if (isEnabled('a')) {} // flagkeeper-ignore: unregistered-flag\n", Past);
        Write(dir, "src/loud.ts", "if (isEnabled('b')) {}\n", Past);

        var cold = Scan(dir);
        var warm = Scan(dir);

        Assert.Equal(0, warm.Statistics.BytesRead);
        foreach (var result in new[] { cold, warm })
        {
            Assert.Contains("src/quiet.ts", result.FilesWithSuppressionMarkers);
            Assert.DoesNotContain("src/loud.ts", result.FilesWithSuppressionMarkers);
        }

        Write(dir, "src/loud.ts", "if (isEnabled('b')) {} // flagkeeper-ignore\n", LaterPast);
        Assert.Contains("src/loud.ts", Scan(dir).FilesWithSuppressionMarkers);
    }

    [Theory]
    [InlineData(1)] // the format before the suppression-marker bit
    [InlineData(2)] // the format before the C# declaration index
    [InlineData(3)] // the format before the returned-check bit (the wrapper pass's hint)
    [InlineData(4)] // the format before the string table and shared texts
    [InlineData(5)] // the format before Kotlin val names in the declaration index
    [InlineData(7)] // a newer Flagkeeper's
    public void Cache_of_another_format_version_is_discarded_with_a_warning_and_rebuilt(int version)
    {
        using var dir = Tree();
        var clean = Scan(dir);
        var path = CachePath(dir);
        var bytes = File.ReadAllBytes(path);
        // Layout: "FKSCAN", int32 format version, ..., XxHash64 of everything before it. Re-seal it, so only the version differs.
        BitConverter.GetBytes(version).CopyTo(bytes, 6);
        BitConverter.GetBytes(XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8))).CopyTo(bytes, bytes.Length - 8);
        File.WriteAllBytes(path, bytes);

        var old = Scan(dir);
        var rebuilt = Scan(dir);

        Assert.Equal(clean.Usages, old.Usages);
        Assert.Equal(0, old.Statistics.CacheHits);
        // The issue: "A corrupt, truncated or old-version cache is discarded and rebuilt with a warning, never a crash."
        Assert.Equal("FK8001", Assert.Single(old.Errors).Code);
        AssertNoErrors(rebuilt);
        Assert.Equal(3, rebuilt.Statistics.CacheHits);
    }

    [Fact]
    public void Resealed_cache_with_an_unchanged_version_is_accepted()
    {
        // Control for the test above: rewriting the checksum of an untouched cache keeps it valid.
        using var dir = Tree();
        Scan(dir);
        var path = CachePath(dir);
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8))).CopyTo(bytes, bytes.Length - 8);
        File.WriteAllBytes(path, bytes);

        var result = Scan(dir);

        AssertNoErrors(result);
        Assert.Equal(3, result.Statistics.CacheHits);
    }

    [Fact]
    public void Cache_written_with_different_custom_patterns_is_discarded()
    {
        using var dir = Tree();
        Write(dir, "g.ts", "Toggles.Get(\"eta\");\n", Past);
        Scan(dir);
        var config = FlagkeeperConfig.Default with { Patterns = [new CustomPattern("toggles", @"Toggles\.Get\(""(?<key>[a-z]+)""", [], 3)] };

        var result = Scan(dir, config);

        AssertNoErrors(result);
        Assert.Equal(0, result.Statistics.CacheHits);
        Assert.Contains(result.Usages, u => u.Flag == "eta" && u.Pattern == "toggles");
    }

    [Fact]
    public void Cache_written_under_a_different_config_is_silently_discarded()
    {
        using var dir = Tree();
        Write(dir, "e.js", "const x = process.env.FLAG_EPSILON;\n", Past);
        var byDefault = Scan(dir);
        var custom = FlagkeeperConfig.Default with { EnvPrefixes = ["FLAG_"] };

        var changed = Scan(dir, custom);
        var again = Scan(dir, custom);

        AssertNoErrors(changed);
        Assert.DoesNotContain(byDefault.Usages, u => u.Flag == "EPSILON");
        Assert.Equal(0, changed.Statistics.CacheHits);
        Assert.Equal(4, changed.Statistics.CacheMisses);
        // Read afresh under the new prefixes: FEATURE_A_ENV is no longer a flag, FLAG_EPSILON is.
        Assert.Equal(["alpha", "beta", null, "EPSILON", "gamma"], changed.Usages.Select(u => u.Flag));
        Assert.Equal(4, again.Statistics.CacheHits);
        Assert.Equal(changed.Usages, again.Usages);
    }

    [Fact]
    public void Cache_written_with_different_sdks_is_discarded()
    {
        using var dir = Tree();
        Write(dir, "f.js", "const v = map.getValue('zeta');\n", Past);
        var byDefault = Scan(dir);

        var withSdk = Scan(dir, FlagkeeperConfig.Default with { Sdks = ["configcat"] });

        AssertNoErrors(withSdk);
        Assert.DoesNotContain(byDefault.Usages, u => u.Flag == "zeta");
        Assert.Contains(withSdk.Usages, u => u.Flag == "zeta" && u.Pattern == "configcat-get-value");
        Assert.Equal(0, withSdk.Statistics.CacheHits);
    }

    [Fact]
    public void Binary_file_stays_skipped_when_taken_from_the_cache()
    {
        using var dir = Tree();
        var full = dir.WriteBytes("blob.ts", [.. "isEnabled('in-blob')\n"u8, 0, 1, 2]);
        File.SetLastWriteTimeUtc(full, Past);

        var first = Scan(dir);
        var second = Scan(dir);

        Assert.Equal(1, first.Statistics.BinaryFiles);
        Assert.Equal(1, second.Statistics.BinaryFiles);
        Assert.Equal(4, second.Statistics.CacheHits);
        Assert.DoesNotContain(second.Usages, u => u.Flag == "in-blob");
        Assert.Equal(Expected, Shape(second));
    }
}
