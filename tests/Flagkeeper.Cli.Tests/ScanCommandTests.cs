using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flagkeeper scan` end to end: the real CLI as a process over real temp folders (and real git
/// repositories), checking the JSON contract, the text format, registry resolution, ignore rules,
/// the incremental cache, --changed-since, skipped files and error handling.
/// </summary>
public partial class ScanCommandTests
{
    // ---------------------------------------------------------------- configuration and input errors

    [Fact]
    public void A_scan_with_a_cache_to_reload_runs_without_a_garbage_collection_and_any_other_scan_as_usual()
    {
        using var dir = new TempDirectory();
        dir.Write("app.ts", "if (client.isEnabled('new-checkout')) { run(); }\n");

        var cold = CliRunner.Run(dir.Path, "scan", ".", "--stats");
        var warm = CliRunner.Run(dir.Path, "scan", ".", "--stats");
        var uncached = CliRunner.Run(dir.Path, "scan", ".", "--no-cache", "--stats");

        Assert.True(cold.ExitCode == 0 && warm.ExitCode == 0 && uncached.ExitCode == 0, cold + "\n" + warm + "\n" + uncached);
        Assert.Matches(@"garbage collections: \d+; ", cold.Stderr); // no cache file yet: collected as usual
        Assert.DoesNotContain("paused", cold.Stderr, StringComparison.Ordinal);
        Assert.Contains("garbage collections: 0 during the command (paused up to 96 MiB allocated)", warm.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", uncached.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_that_reloads_the_scan_cache_is_paused_as_a_warm_scan_is()
    {
        using var dir = new TempDirectory();
        dir.Write("app.ts", "if (client.isEnabled('new-checkout')) { run(); }\n");

        var cold = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--stats");
        var warm = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--stats");

        Assert.DoesNotContain("paused", cold.Stderr, StringComparison.Ordinal);
        Assert.Contains("garbage collections: 0 during the command (paused up to 96 MiB allocated)", warm.Stderr, StringComparison.Ordinal);
        Assert.Equal(cold.Stdout.Split('\n')[0], warm.Stdout.Split('\n')[0]); // the same findings either way
    }

    [Fact]
    public void Invalid_custom_pattern_is_reported_with_its_config_line_and_the_rest_still_run()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", """
            version: 1
            patterns:
              - id: helper
                regex: 'Flags\.On\("(?<key>[^"]+)"\)'
              - id: bad
                regex: "(unclosed"
              - id: nokey
                regex: 'Flags\.Off\("([^"]+)"\)'
            """);
        dir.Write("app.ts", "Flags.On(\"custom\");\nFlags.Off(\"never\");\nisEnabled('builtin');\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json().RootElement;
        var patternErrors = json.GetProperty("errors").EnumerateArray().Where(e => e.GetProperty("code").GetString() == "FK6001").ToList();
        Assert.Equal(2, patternErrors.Count);
        var bad = Assert.Single(patternErrors, e => e.GetProperty("message").GetString()!.Contains("'bad'", StringComparison.Ordinal));
        Assert.Equal("flagkeeper.yaml", bad.GetProperty("file").GetString());
        Assert.Equal(5, bad.GetProperty("line").GetInt32());
        Assert.Equal("Pattern", bad.GetProperty("category").GetString());
        var nokey = Assert.Single(patternErrors, e => e.GetProperty("message").GetString()!.Contains("'nokey'", StringComparison.Ordinal));
        Assert.Equal(7, nokey.GetProperty("line").GetInt32());
        Assert.Equal(["custom", "builtin"], Usages(result).Select(u => u.GetProperty("flag").GetString()));
        Assert.Equal("helper", Usages(result)[0].GetProperty("pattern").GetString());
        Assert.Equal(11, Usages(result)[0].GetProperty("column").GetInt32());
    }

    [Fact]
    public void Flow_style_invalid_pattern_is_reported_on_its_line_in_text_mode()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\n\npatterns: [{id: bad, regex: \"(unclosed\"}]\n");
        dir.Write("app.ts", "isEnabled('still-found');\n");

        var result = Scan(dir.Path, ".", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("app.ts:1:12  still-found  (is-enabled)", result.Stdout);
        Assert.Contains("flagkeeper.yaml:3", result.Stderr);
        Assert.Contains("FK6001", result.Stderr);
    }

    [Fact]
    public void Missing_root_is_exit_2_with_FK1006()
    {
        using var dir = new TempDirectory();

        foreach (var format in new[] { "text", "json" })
        {
            var result = Scan(dir.Path, "does-not-exist", "--format", format);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("FK1006", result.Stderr);
            Assert.DoesNotContain("   at ", result.Stderr);
        }
        dir.Write("a-file.ts", "isEnabled('x');\n");
        var file = Scan(dir.Path, "a-file.ts");
        Assert.True(file.ExitCode == 2, file.ToString());
        Assert.Contains("FK1006", file.Stderr);
    }

    public static TheoryData<string, string> InvalidConfigs => new()
    {
        { "keyMatching: fuzzy\n", "FK1003" },
        { "keyMatching: [\n", "FK1001" },
        { "scann:\n  maxFileSize: 100\n", "FK1002" },
        { "scan:\n  maxFileSize: -5\n", "FK1003" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void Invalid_config_is_exit_2(string config, string code)
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", config);
        dir.Write("app.ts", "isEnabled('x');\n");

        var text = Scan(dir.Path, ".", "--no-cache");
        var json = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(text.ExitCode == 2, text.ToString());
        Assert.Contains($"flagkeeper.yaml:", text.Stderr);
        Assert.Contains(code, text.Stderr);
        Assert.DoesNotContain("isEnabled", text.Stdout);
        Assert.True(json.ExitCode == 2, json.ToString());
        Assert.Contains(json.Json().RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == code);
        Assert.False(Directory.Exists(dir[".flagkeeper"]));
    }

    [Fact]
    public void Unknown_format_is_exit_2()
    {
        using var dir = new TempDirectory();

        var result = Scan(dir.Path, ".", "--format", "xml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK1005", result.Stderr);
    }

    // An unreadable file (FK2001) is in FaultInjectionTests: under root it runs the CLI without the
    // capabilities that override permissions, so chmod 000 stops the read there too.

    // ---------------------------------------------------------------- helpers

    private static CliResult Scan(string workingDirectory, params string[] args) => CliRunner.Run(workingDirectory, ["scan", .. args]);

    private static List<JsonElement> Usages(CliResult result) => [.. result.Json().RootElement.GetProperty("usages").EnumerateArray()];

    private static long CacheHits(CliResult result) => result.Json().RootElement.GetProperty("stats").GetProperty("cache").GetProperty("hits").GetInt64();

    private static long CacheMisses(CliResult result) => result.Json().RootElement.GetProperty("stats").GetProperty("cache").GetProperty("misses").GetInt64();

    /// <summary>
    /// <see cref="RepositoryPaths.Root"/>, or, when the tests are built with --artifacts-path outside the
    /// repository (so it cannot be found from the binaries' folder), the folder above this source file.
    /// </summary>
    private static string RepositoryRoot([CallerFilePath] string source = "")
    {
        try
        {
            return RepositoryPaths.Root;
        }
        catch (TypeInitializationException)
        {
            for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Flagkeeper.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw;
        }
    }

    private static void WriteCacheTree(TempDirectory dir)
    {
        dir.Write("src/a.ts", "isEnabled('a-one');\n");
        dir.Write("src/b.ts", "useFlag('b-one');\n");
        dir.Write("lib/c.py", "if is_enabled(\"c-one\"):\n    pass\n");
    }

    /// <summary>Moves every file's timestamp an hour back: files modified within 2 s of a scan are re-hashed next time by design.</summary>
    private static void Age(TempDirectory dir)
    {
        var past = DateTime.UtcNow.AddHours(-1);
        foreach (var file in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories))
        {
            if (!file.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                File.SetLastWriteTimeUtc(file, past);
            }
        }
    }

    private static string Registry(params (string Key, string[] Aliases)[] flags)
    {
        var text = new StringBuilder("version: 1\nflags:\n");
        foreach (var (key, aliases) in flags)
        {
            text.Append("  ").Append(key).Append(":\n")
                .Append("    description: test flag\n")
                .Append("    owner: test-team\n")
                .Append("    type: operational\n");
            if (aliases.Length > 0)
            {
                text.Append("    aliases: [").AppendJoin(", ", aliases).Append("]\n");
            }
        }
        return text.ToString();
    }

    /// <summary>Every file under a folder with its size and timestamp (empty when the folder is absent).</summary>
    private static List<(string, long, DateTime)> Snapshot(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => (f, new FileInfo(f).Length, File.GetLastWriteTimeUtc(f)))]
            : [];

    private static void InitRepository(TempDirectory dir) => GitSandbox.Run(dir.Path, "init", "-q");

    private static string Git(string workingDirectory, params string[] args) => GitSandbox.Run(workingDirectory, args);

    [GeneratedRegex(@"^\S+:\d+:\d+  \S+.*  \([^)]+\)")]
    private static partial Regex UsageLine();
}
