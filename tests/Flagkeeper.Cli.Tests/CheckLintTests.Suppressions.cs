using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

public partial class CheckLintTests
{
    // ---------------------------------------------------------------- flagkeeper-ignore

    [Theory]
    [InlineData("isEnabled('ghost'); // flagkeeper-ignore\n")]
    [InlineData("// flagkeeper-ignore\nisEnabled('ghost');\n")]
    [InlineData("isEnabled('ghost'); // flagkeeper-ignore: unregistered-flag\n")]
    [InlineData("// flagkeeper-ignore: dynamic-key, unregistered-flag\nisEnabled('ghost');\n")]
    [InlineData("// flagkeeper-ignore\r\nisEnabled('ghost');\r\n")]
    [InlineData("isEnabled('ghost'); /* flagkeeper-ignore:unregistered-flag */\n")]
    public void Ignore_comment_on_the_line_or_the_line_above_silences(string code)
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", code);

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(1, Stats(result).GetProperty("suppressed").GetInt32());
        Assert.True(result.Json().RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Ignore_comment_still_silences_when_the_scan_comes_from_the_cache()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost'); // flagkeeper-ignore\n\nisEnabled('other');\n");
        File.SetLastWriteTimeUtc(dir["a.ts"], DateTime.UtcNow.AddMinutes(-5)); // not "racy": the second run trusts the cache

        var cold = Check(dir.Path, "--gate", "flag-lint", "--format", "json", "--today", "2026-11-28");
        var warm = Check(dir.Path, "--gate", "flag-lint", "--format", "json", "--today", "2026-11-28");

        foreach (var result in new[] { cold, warm })
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Equal(("a.ts", 3, 12), Place(Assert.Single(Findings(result))));
            Assert.Equal(1, Stats(result).GetProperty("suppressed").GetInt32());
        }
        Assert.True(File.Exists(dir[".flagkeeper/cache/scan-v1.bin"]), "the first run wrote the scan cache");
    }

    [Fact]
    public void Ignore_with_a_rule_silences_only_that_rule()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "if (isEnabled(name) || isEnabled('ghost')) {} // flagkeeper-ignore: dynamic-key\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("unregistered-flag", finding.GetProperty("rule").GetString());
        Assert.Equal(("a.ts", 1, 35), Place(finding));
        Assert.Equal(1, Stats(result).GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void Ignore_for_another_rule_does_not_silence()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost'); // flagkeeper-ignore: dynamic-key\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Single(Findings(result, "unregistered-flag"));
        Assert.Equal(0, Stats(result).GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void Ignore_two_lines_above_does_not_silence()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "// flagkeeper-ignore\n\nisEnabled('ghost');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(("a.ts", 3, 12), Place(Assert.Single(Findings(result, "unregistered-flag"))));
        Assert.Equal(0, Stats(result).GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void Ignore_comment_in_the_registry_silences_a_registry_finding()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  # flagkeeper-ignore: missing-owner\n  f:\n    description: d\n    type: operational\n");
        dir.Write("a.ts", "const nothing = 0;\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result, "missing-owner"));
        // Only the named rule: the unused-flag warning on the same key line stays.
        Assert.Equal(("flags.yaml", 4, 3), Place(Assert.Single(Findings(result, "unused-flag"))));
        Assert.Equal(1, Stats(result).GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void Ignore_comment_on_the_expires_line_silences_expiring_soon()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("soon", "    expires: 2026-12-01  # flagkeeper-ignore: expiring-soon\n", type: "release"));
        dir.Write("a.ts", "isEnabled('soon');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(1, Stats(result).GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void Ignore_marker_inside_a_string_literal_does_not_silence()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost'); const hint = \"flagkeeper-ignore\";\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Single(Findings(result, "unregistered-flag"));
        Assert.Equal(0, Stats(result).GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void Suppressed_count_adds_up_over_files_and_rules()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f:  # flagkeeper-ignore\n    description: d\n    type: operational\n");
        dir.Write("a.ts", "isEnabled('ghost'); // flagkeeper-ignore\n// flagkeeper-ignore: dynamic-key\nisEnabled(name);\nisEnabled('ghost2');\n");

        var result = Lint(dir);

        // missing-owner + unused-flag on the registry line, unregistered ghost, dynamic key: 4 silenced; ghost2 stays.
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(4, Stats(result).GetProperty("suppressed").GetInt32());
        Assert.Equal("ghost2", Assert.Single(Findings(result)).GetProperty("flag").GetString());
    }

    // ---------------------------------------------------------------- baseline

    [Fact]
    public void Write_baseline_records_every_finding_and_later_runs_hide_them()
    {
        using var dir = new TempDirectory();
        WriteBaselineTree(dir);
        var all = Findings(Lint(dir, "--no-baseline"));
        Assert.Equal(3, all.Count);

        var write = Lint(dir, "--write-baseline");
        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.Contains("wrote 3 finding(s)", write.Stdout);

        var baseline = JsonDocument.Parse(File.ReadAllText(dir[".flagkeeper/baseline.json"])).RootElement;
        Assert.Equal(1, baseline.GetProperty("version").GetInt32());
        var entries = baseline.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);
        Assert.Equal(
            all.Select(f => f.GetProperty("fingerprint").GetString()).Order(StringComparer.Ordinal),
            entries.Select(e => e.GetProperty("fingerprint").GetString()).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("rule").GetString())));

        var second = Lint(dir);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(Findings(second));
        Assert.Equal(3, Stats(second).GetProperty("baselined").GetInt32());
        Assert.True(second.Json().RootElement.GetProperty("passed").GetBoolean());

        var noBaseline = Lint(dir, "--no-baseline");
        Assert.True(noBaseline.ExitCode == 1, noBaseline.ToString());
        Assert.Equal(3, Findings(noBaseline).Count);
        Assert.Equal(0, Stats(noBaseline).GetProperty("baselined").GetInt32());
    }

    [Fact]
    public void New_finding_after_the_baseline_is_the_only_one_reported()
    {
        using var dir = new TempDirectory();
        WriteBaselineTree(dir);
        Assert.Equal(0, Lint(dir, "--write-baseline").ExitCode);

        dir.Write("src/new.ts", "// new code\nif (isEnabled('fresh')) {}\n");
        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("unregistered-flag", finding.GetProperty("rule").GetString());
        Assert.Equal("fresh", finding.GetProperty("flag").GetString());
        Assert.Equal(("src/new.ts", 2, 16), Place(finding));
        Assert.Equal(3, Stats(result).GetProperty("baselined").GetInt32());
    }

    [Fact]
    public void Fixed_baseline_entries_are_named_in_a_notice_until_the_baseline_is_rewritten()
    {
        using var dir = new TempDirectory();
        WriteBaselineTree(dir);
        Assert.Equal(0, Lint(dir, "--write-baseline").ExitCode);

        dir.Write("src/app.ts", "isEnabled('used');\nconst on = isEnabled(name);\n"); // the 'ghost' usage is fixed
        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, Stats(result).GetProperty("baselined").GetInt32());
        var notice = Assert.Single(result.Json().RootElement.GetProperty("notices").EnumerateArray()).GetString();
        Assert.StartsWith("1 finding(s) in .flagkeeper/baseline.json no longer occur", notice);

        Assert.Equal(0, Lint(dir, "--write-baseline").ExitCode);
        Assert.Empty(Lint(dir).Json().RootElement.GetProperty("notices").EnumerateArray());
    }

    [Fact]
    public void Baselined_finding_stays_baselined_when_lines_move()
    {
        using var dir = new TempDirectory();
        WriteBaselineTree(dir);
        Assert.Equal(0, Lint(dir, "--write-baseline").ExitCode);

        dir.Write("src/app.ts", "\n\n\n// moved down\n\n" + dir.Read("src/app.ts"));
        dir.Write("flags.yaml", "# a comment on top\n\n" + dir.Read("flags.yaml"));
        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(3, Stats(result).GetProperty("baselined").GetInt32());
    }

    [Fact]
    public void Baselined_expired_flag_stays_baselined_on_later_days()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("old", "    expires: 2026-11-01\n", type: "release"));
        dir.Write("a.ts", "isEnabled('old');\n");
        Assert.Equal(0, Lint(dir, "--write-baseline").ExitCode);

        // The message says "34 days ago" a week later, not "27 days ago": the fingerprint ignores the message.
        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", "2026-12-05", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(1, Stats(result).GetProperty("baselined").GetInt32());
    }

    [Fact]
    public void Baseline_matches_by_count_so_a_repeated_identical_finding_is_new()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost');\nisEnabled('ghost');\n");
        Assert.Equal(0, Lint(dir, "--write-baseline").ExitCode);
        Assert.Equal(0, Lint(dir).ExitCode);

        dir.Write("a.ts", "isEnabled('ghost');\nisEnabled('ghost');\nisEnabled('ghost');\n");
        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Single(Findings(result, "unregistered-flag"));
        Assert.Equal(2, Stats(result).GetProperty("baselined").GetInt32());
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"version\": 2, \"findings\": []}")]
    [InlineData("{\"version\": 1, \"findings\": [{\"rule\": \"x\"}]}")]
    [InlineData("{\"version\": 1, \"findings\": [{\"rule\": \"unregistered-flag\", \"fi")] // a valid header, a truncated body
    [InlineData("{\"version\": 1, \"findings\": {\"rule\": \"unregistered-flag\"}}")] // a valid header, a body of the wrong shape
    [InlineData("[]")]
    public void Corrupt_baseline_is_an_input_error_and_is_left_untouched(string content)
    {
        using var dir = new TempDirectory();
        WriteBaselineTree(dir);
        var path = dir.Write(".flagkeeper/baseline.json", content);
        var before = File.ReadAllBytes(path);
        var stamp = File.GetLastWriteTimeUtc(path);

        var result = Lint(dir);

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("passed").GetBoolean());
        Assert.Contains(json.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "FK2005");
        Assert.Equal(3, Findings(result).Count); // the report still lists what was found
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Write_baseline_with_a_broken_config_writes_nothing()
    {
        using var dir = new TempDirectory();
        WriteBaselineTree(dir);
        dir.Write("flagkeeper.yaml", "version: 1\nrules: [\n");

        var result = Lint(dir, "--write-baseline");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.False(File.Exists(dir[".flagkeeper/baseline.json"]), "a baseline was written despite the broken configuration");
        Assert.Contains("not written", result.Stderr);
    }

    [Fact]
    public void Write_baseline_with_a_broken_registry_writes_nothing()
    {
        using var dir = new TempDirectory();
        WriteBaselineTree(dir);
        dir.Write("flags.yaml", "version: 1\nflags:\n  f: [\n");

        var result = Lint(dir, "--write-baseline");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.False(File.Exists(dir[".flagkeeper/baseline.json"]));
    }
}
