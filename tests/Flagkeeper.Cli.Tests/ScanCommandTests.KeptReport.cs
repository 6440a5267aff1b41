using System.Runtime.Versioning;

namespace Flagkeeper.Cli.Tests;

public partial class ScanCommandTests
{
    // ---------------------------------------------------------------- the kept report (rendered usages)

    /// <summary>The report a JSON scan keeps for an unchanged tree, copied by the next scan of that tree.</summary>
    private const string KeptReportPath = ".flagkeeper/cache/usages-v1.bin";

    [Fact]
    public void A_warm_json_scan_of_an_unchanged_tree_copies_the_kept_report_and_reads_no_file()
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        dir.Write("flags.yaml", Registry(("a-one", [])));
        Age(dir);

        var first = Scan(dir.Path, ".", "--format", "json", "--stats");
        var keptAfterFirst = File.Exists(dir[KeptReportPath]);
        var unchanged = Scan(dir.Path, ".", "--format", "json", "--stats");
        var second = Scan(dir.Path, ".", "--format", "json", "--stats");
        var uncached = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.False(keptAfterFirst, "a run that read files keeps no report");
        Assert.True(File.Exists(dir[KeptReportPath]), "a run that found the tree as the scan cache had it keeps its report");
        Assert.Contains("0 hits / 1 misses", KeptReportRow(first));
        Assert.Contains("0 hits / 1 misses", KeptReportRow(unchanged));
        Assert.Contains("1 hits / 0 misses", KeptReportRow(second));
        Assert.Equal(uncached.Json().RootElement.GetProperty("usages").GetRawText(), second.Json().RootElement.GetProperty("usages").GetRawText());
        Assert.Equal("a-one", Usages(second).Single(u => u.GetProperty("flag").GetString() == "a-one").GetProperty("registryKey").GetString());
        var stats = second.Json().RootElement.GetProperty("stats");
        Assert.Equal(3, stats.GetProperty("filesScanned").GetInt32());
        Assert.Equal(0, stats.GetProperty("bytesRead").GetInt64());
        Assert.Equal(uncached.Json().RootElement.GetProperty("stats").GetProperty("bytesScanned").GetInt64(), stats.GetProperty("bytesScanned").GetInt64());
        Assert.Equal(3, CacheHits(second));
        Assert.Equal(0, CacheMisses(second));
        Assert.Empty(second.Json().RootElement.GetProperty("errors").EnumerateArray());
    }

    public static TheoryData<string> TreeChanges => ["same-size edit", "added", "deleted", "registered", "configured", "ignored", "renamed"];

    [Theory]
    [MemberData(nameof(TreeChanges))]
    public void A_changed_tree_is_scanned_again_not_copied(string change)
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        dir.Write("flags.yaml", Registry(("a-one", [])));
        Age(dir);
        KeepReport(dir);
        var earlier = DateTime.UtcNow.AddHours(-2); // not the time Age gave: a timestamp that differs, far from the racy window
        switch (change)
        {
            case "same-size edit":
                File.SetLastWriteTimeUtc(dir.Write("src/a.ts", "isEnabled('a-two');\n"), earlier);
                break;
            case "added":
                File.SetLastWriteTimeUtc(dir.Write("src/d.ts", "isEnabled('d-one');\n"), earlier);
                break;
            case "deleted":
                File.Delete(dir["src/b.ts"]);
                break;
            case "registered":
                File.SetLastWriteTimeUtc(dir.Write("flags.yaml", Registry(("a-one", []), ("b-one", []))), earlier);
                break;
            case "configured":
                File.SetLastWriteTimeUtc(dir.Write("flagkeeper.yaml", "version: 1\nexclude: [\"lib/**\"]\n"), earlier);
                break;
            case "ignored":
                File.SetLastWriteTimeUtc(dir.Write(".gitignore", "src/b.ts\n"), earlier);
                break;
            default:
                File.Move(dir["src/b.ts"], dir["src/e.ts"]);
                break;
        }

        var warm = Scan(dir.Path, ".", "--format", "json", "--stats");
        var uncached = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.Contains("0 hits / 1 misses", KeptReportRow(warm));
        Assert.Equal(uncached.Json().RootElement.GetProperty("usages").GetRawText(), warm.Json().RootElement.GetProperty("usages").GetRawText());
    }

    [Fact]
    public void After_a_change_the_next_run_that_finds_the_tree_unchanged_keeps_a_new_report_and_the_one_after_copies_it()
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        Age(dir);
        KeepReport(dir);
        File.SetLastWriteTimeUtc(dir.Write("src/a.ts", "isEnabled('a-two');\n"), DateTime.UtcNow.AddHours(-2));

        var edited = Scan(dir.Path, ".", "--format", "json", "--stats"); // reads a.ts: keeps nothing
        var settled = Scan(dir.Path, ".", "--format", "json", "--stats"); // finds the tree as the scan cache has it: keeps
        var next = Scan(dir.Path, ".", "--format", "json", "--stats");

        Assert.Contains("0 hits / 1 misses", KeptReportRow(edited));
        Assert.Contains("0 hits / 1 misses", KeptReportRow(settled));
        Assert.Contains("1 hits / 0 misses", KeptReportRow(next));
        Assert.Contains("a-two", next.Stdout, StringComparison.Ordinal);
        Assert.Equal(edited.Json().RootElement.GetProperty("usages").GetRawText(), next.Json().RootElement.GetProperty("usages").GetRawText());
    }

    public static TheoryData<string> KeptReportDamage => ["flipped", "truncated", "empty"];

    [Theory]
    [MemberData(nameof(KeptReportDamage))]
    public void A_damaged_kept_report_is_a_low_warning_and_the_report_is_built_again(string damage)
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        Age(dir);
        var clean = KeepReport(dir);
        var bytes = File.ReadAllBytes(dir[KeptReportPath]);
        File.WriteAllBytes(dir[KeptReportPath], damage switch
        {
            "flipped" => [.. bytes[..^20], (byte)(bytes[^20] ^ 0x20), .. bytes[^19..]], // inside the report's own bytes
            "truncated" => bytes[..(bytes.Length / 2)],
            _ => [],
        });

        var damaged = Scan(dir.Path, ".", "--format", "json");
        var next = Scan(dir.Path, ".", "--format", "json");

        Assert.True(damaged.ExitCode == 0, damaged.ToString());
        var warning = Assert.Single(damaged.Json().RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("FK8001", warning.GetProperty("code").GetString());
        Assert.Contains("rendered-usages cache", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(clean.Json().RootElement.GetProperty("usages").GetRawText(), damaged.Json().RootElement.GetProperty("usages").GetRawText());
        Assert.Empty(next.Json().RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(clean.Json().RootElement.GetProperty("usages").GetRawText(), next.Json().RootElement.GetProperty("usages").GetRawText());
    }

    [Fact]
    public void No_report_is_kept_from_a_tree_or_settings_changed_seconds_ago_a_run_with_errors_text_output_or_no_cache()
    {
        using var fresh = new TempDirectory();
        WriteCacheTree(fresh); // just written: a change within the same timestamp would go unseen
        Assert.Equal(0, Scan(fresh.Path, ".", "--format", "json").ExitCode);
        Assert.Equal(0, Scan(fresh.Path, ".", "--format", "json").ExitCode);
        Assert.True(File.Exists(fresh[".flagkeeper/cache/scan-v1.bin"]), "the scan cache is still written");
        Assert.False(File.Exists(fresh[KeptReportPath]), "a tree changed within two seconds is not kept");

        using var configured = new TempDirectory();
        WriteCacheTree(configured);
        Age(configured);
        configured.Write("flagkeeper.yaml", "version: 1\n"); // the sources are old, the settings just written
        Assert.Equal(0, Scan(configured.Path, ".", "--format", "json").ExitCode);
        Assert.Equal(0, Scan(configured.Path, ".", "--format", "json").ExitCode);
        Assert.False(File.Exists(configured[KeptReportPath]), "a flagkeeper.yaml changed within two seconds is not trusted by its time either");

        using var broken = new TempDirectory();
        WriteCacheTree(broken);
        broken.Write("flagkeeper.yaml", "version: 1\npatterns:\n  - id: bad\n    regex: \"isOn\\\\((\"\n");
        Age(broken);
        Scan(broken.Path, ".", "--format", "json");
        var withErrors = Scan(broken.Path, ".", "--format", "json");
        Assert.NotEmpty(withErrors.Json().RootElement.GetProperty("errors").EnumerateArray());
        Assert.False(File.Exists(broken[KeptReportPath]), "a run that reported errors is not kept");

        using var plain = new TempDirectory();
        WriteCacheTree(plain);
        Age(plain);
        Assert.Equal(0, Scan(plain.Path, ".").ExitCode);
        Assert.Equal(0, Scan(plain.Path, ".").ExitCode);
        Assert.Equal(0, Scan(plain.Path, ".", "--format", "json", "--no-cache").ExitCode);
        Assert.Equal(0, Scan(plain.Path, ".", "--format", "json", "--no-cache").ExitCode);
        Assert.False(File.Exists(plain[KeptReportPath]), "text output and --no-cache keep no report");
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_cache_folder_read_only_on_purpose_keeps_no_report_and_warns_of_nothing_it_did_not_need_to_write()
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        Age(dir);
        Assert.Equal(0, Scan(dir.Path, ".", "--format", "json").ExitCode); // writes the scan cache, keeps no report
        var folder = dir[".flagkeeper/cache"];
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var warm = Scan(dir.Path, ".", "--format", "json"); // finds the tree unchanged: would keep its report

            Assert.True(warm.ExitCode == 0, warm.ToString());
            Assert.Equal(3, CacheHits(warm));
            Assert.Empty(warm.Json().RootElement.GetProperty("errors").EnumerateArray());
            Assert.False(File.Exists(dir[KeptReportPath]));
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Cache_clear_deletes_the_kept_report()
    {
        using var dir = new TempDirectory();
        WriteCacheTree(dir);
        Age(dir);
        KeepReport(dir);

        var cleared = CliRunner.Run(dir.Path, ["cache", "clear", "."]);

        Assert.True(cleared.ExitCode == 0, cleared.ToString());
        Assert.Contains($"deleted {KeptReportPath}", cleared.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(dir[KeptReportPath]));
    }

    /// <summary>Scans twice, so the second run finds the tree as the first left the scan cache and keeps its report; returns the first.</summary>
    private static CliResult KeepReport(TempDirectory dir)
    {
        var first = Scan(dir.Path, ".", "--format", "json");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(0, Scan(dir.Path, ".", "--format", "json").ExitCode);
        Assert.True(File.Exists(dir[KeptReportPath]), "the second scan of an unchanged tree keeps its report");
        return first;
    }

    private static string KeptReportRow(CliResult result) =>
        Assert.Single(result.Stderr.Split('\n'), line => line.Contains("cache rendered-usages", StringComparison.Ordinal));
}
