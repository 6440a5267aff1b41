using System.Text;
using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

public partial class ScanCommandTests
{
    // ---------------------------------------------------------------- incremental cache

    [Fact]
    public void Second_run_takes_every_file_from_the_cache()
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        Age(dir);

        var first = Scan(dir.Path, ".", "--format", "json");
        var second = Scan(dir.Path, ".", "--format", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(File.Exists(dir[".flagkeeper/cache/scan-v1.bin"]), "the first run writes the cache");
        var files = first.Json().RootElement.GetProperty("stats").GetProperty("filesScanned").GetInt32();
        Assert.Equal(3, files);
        Assert.Equal(0, CacheHits(first));
        Assert.Equal(files, CacheMisses(first));
        Assert.Equal(files, CacheHits(second));
        Assert.Equal(0, CacheMisses(second));
        Assert.Equal(files, second.Json().RootElement.GetProperty("stats").GetProperty("filesScanned").GetInt32());
        Assert.Equal(first.Json().RootElement.GetProperty("usages").GetRawText(), second.Json().RootElement.GetProperty("usages").GetRawText());
        Assert.Empty(second.Json().RootElement.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public void Cache_sees_a_changed_file_and_a_deleted_one()
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        Age(dir);
        Assert.Equal(0, Scan(dir.Path, ".", "--format", "json").ExitCode);

        dir.Write("src/a.ts", "isEnabled('a-changed');\n");
        File.SetLastWriteTimeUtc(dir["src/a.ts"], DateTime.UtcNow.AddHours(-1));
        File.Delete(dir["src/b.ts"]);
        var result = Scan(dir.Path, ".", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var flags = Usages(result).Select(u => u.GetProperty("flag").GetString()).ToList();
        Assert.Contains("a-changed", flags);
        Assert.DoesNotContain("a-one", flags);
        Assert.DoesNotContain("b-one", flags);
        Assert.Equal(1, CacheHits(result));
        Assert.Equal(1, CacheMisses(result));
    }

    [Fact]
    public void No_cache_reports_no_hits_and_writes_no_cache_folder()
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        Age(dir);

        var first = Scan(dir.Path, ".", "--format", "json", "--no-cache");
        var second = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(0, CacheHits(first));
        Assert.Equal(0, CacheHits(second));
        Assert.Equal(3, CacheMisses(second));
        Assert.False(Directory.Exists(dir[".flagkeeper/cache"]), "--no-cache must not create the cache folder");
        // The run is still recorded in the performance history: --no-cache is about the scan cache only.
        Assert.Equal(["perf"], Directory.EnumerateFileSystemEntries(dir[".flagkeeper"]).Select(Path.GetFileName));
    }

    [Fact]
    public void No_cache_ignores_an_existing_cache()
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        Age(dir);
        Assert.Equal(0, Scan(dir.Path, ".", "--format", "json").ExitCode);
        var saved = dir.ReadBytes(".flagkeeper/cache/scan-v1.bin");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.Equal(0, CacheHits(result));
        Assert.Equal(3, CacheMisses(result));
        Assert.Equal(saved, dir.ReadBytes(".flagkeeper/cache/scan-v1.bin"));
    }

    public static TheoryData<string> CorruptCaches => ["junk", "truncated", "flipped", "empty"];

    [Theory]
    [MemberData(nameof(CorruptCaches))]
    public void Corrupt_cache_is_a_low_warning_then_rebuilt(string damage)
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        Age(dir);
        var clean = Scan(dir.Path, ".", "--format", "json");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        var cacheFile = dir[".flagkeeper/cache/scan-v1.bin"];
        var bytes = File.ReadAllBytes(cacheFile);
        Assert.True(bytes.Length > 40, $"cache is only {bytes.Length} bytes");
        switch (damage)
        {
            case "junk":
                File.WriteAllBytes(cacheFile, Encoding.ASCII.GetBytes("this is not a cache at all, just junk bytes\n"));
                break;
            case "truncated":
                File.WriteAllBytes(cacheFile, bytes[..(bytes.Length / 2)]);
                break;
            case "empty":
                File.WriteAllBytes(cacheFile, []);
                break;
            default:
                bytes[bytes.Length / 2] ^= 0x5A;
                File.WriteAllBytes(cacheFile, bytes);
                break;
        }

        var damaged = Scan(dir.Path, ".", "--format", "json");

        Assert.True(damaged.ExitCode == 0, damaged.ToString());
        var warning = Assert.Single(damaged.Json().RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "FK8001");
        Assert.Equal("Low", warning.GetProperty("severity").GetString());
        Assert.Equal("Cache", warning.GetProperty("category").GetString());
        Assert.False(string.IsNullOrWhiteSpace(warning.GetProperty("message").GetString()));
        Assert.EndsWith("scan-v1.bin", warning.GetProperty("file").GetString());
        Assert.Equal(clean.Json().RootElement.GetProperty("usages").GetRawText(), damaged.Json().RootElement.GetProperty("usages").GetRawText());
        Assert.Equal(0, CacheHits(damaged));

        var next = Scan(dir.Path, ".", "--format", "json");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.DoesNotContain(next.Json().RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "FK8001");
        Assert.Equal(3, CacheHits(next));
        Assert.Equal(clean.Json().RootElement.GetProperty("usages").GetRawText(), next.Json().RootElement.GetProperty("usages").GetRawText());
    }

    [Fact]
    public void Corrupt_cache_is_a_warning_on_stderr_in_text_mode()
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        Age(dir);
        Assert.Equal(0, Scan(dir.Path, ".").ExitCode);
        File.WriteAllText(dir[".flagkeeper/cache/scan-v1.bin"], "garbage");

        var result = Scan(dir.Path, ".");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning FK8001", result.Stderr);
        Assert.Contains("src/a.ts:1:12  a-one  (is-enabled)", result.Stdout);
    }

    [Fact]
    public void The_cache_folder_is_never_scanned()
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        dir.Write(".flagkeeper/cache/planted.ts", "isEnabled('from-the-cache-folder');\n");
        dir.Write(".flagkeeper/cache/flags.yaml", Registry(("a-one", [])));
        Age(dir);

        foreach (var args in new[] { new[] { ".", "--format", "json" }, [".", "--format", "json"], [".", "--format", "json", "--no-cache"] })
        {
            var result = Scan(dir.Path, args);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.DoesNotContain(Usages(result), u => u.GetProperty("file").GetString()!.StartsWith(".flagkeeper/", StringComparison.Ordinal));
            Assert.DoesNotContain(Usages(result), u => u.GetProperty("flag").GetString() == "from-the-cache-folder");
            Assert.Equal(3, result.Json().RootElement.GetProperty("stats").GetProperty("filesScanned").GetInt32());
            // A registry inside the cache folder is not a project registry either.
            Assert.Equal(JsonValueKind.Null, Usages(result).First(u => u.GetProperty("flag").GetString() == "a-one").GetProperty("registryKey").ValueKind);
        }
    }

    [Fact]
    public void A_configured_cache_folder_is_used_and_never_scanned()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nscan:\n  cacheDir: build-cache/fk\n");
        WriteCacheTree(dir);
        Age(dir);

        var first = Scan(dir.Path, ".", "--format", "json");
        dir.Write("build-cache/fk/planted.ts", "isEnabled('planted');\n");
        File.SetLastWriteTimeUtc(dir["build-cache/fk/planted.ts"], DateTime.UtcNow.AddHours(-1));
        var second = Scan(dir.Path, ".", "--format", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(File.Exists(dir["build-cache/fk/scan-v1.bin"]), "the cache goes to scan.cacheDir");
        Assert.False(Directory.Exists(dir[".flagkeeper/cache"]), "the default cache folder is not used");
        Assert.Equal(3, CacheHits(second));
        Assert.DoesNotContain(Usages(second), u => u.GetProperty("flag").GetString() == "planted");
    }
}
