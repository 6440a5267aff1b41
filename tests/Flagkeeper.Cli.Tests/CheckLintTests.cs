using System.Text;
using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flagkeeper check --gate flag-lint` end to end: the real CLI as a process over real temp folders.
/// Every rule both ways (fires at the expected place / does not fire), severity overrides,
/// flagkeeper-ignore suppressions, the baseline, gate selection, bad input, and the sample shop.
/// </summary>
public class CheckLintTests
{
    private const string Today = "2026-11-28";

    // ---------------------------------------------------------------- unregistered-flag

    [Fact]
    public void Unregistered_flag_is_reported_once_per_usage_site()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("known"));
        dir.Write("src/a.ts", "isEnabled('known');\nif (isEnabled('ghost')) {}\n  isEnabled('ghost');\n");
        dir.Write("lib/b.py", "if is_enabled(\"ghost\"):\n    pass\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.False(result.Json().RootElement.GetProperty("passed").GetBoolean());
        var findings = Findings(result, "unregistered-flag");
        Assert.Equal<(string?, int, int)>(
        [
            ("lib/b.py", 1, 16),  // 'if is_enabled("' is 15 characters
            ("src/a.ts", 2, 16),  // "if (isEnabled('" is 15 characters
            ("src/a.ts", 3, 14),  // "  isEnabled('" is 13 characters
        ], findings.Select(Place));
        Assert.All(findings, f =>
        {
            Assert.Equal("ghost", f.GetProperty("flag").GetString());
            Assert.Equal("error", f.GetProperty("severity").GetString());
            Assert.Contains("'ghost'", f.GetProperty("message").GetString());
        });
        Assert.Equal(3, result.Json().RootElement.GetProperty("stats").GetProperty("errors").GetInt32());
    }

    [Fact]
    public void Registered_key_and_alias_are_not_unregistered()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("new-checkout", "    aliases: [NEW_CHECKOUT]\n"));
        dir.Write("app.ts", "isEnabled('new-checkout');\nisEnabled('NEW_CHECKOUT');\n");
        dir.Write("Checkout.cs", "class C { bool On() => featureFlags.IsEnabled(\"new-checkout\"); }\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(3, Stats(result).GetProperty("usages").GetInt32());
        Assert.True(result.Json().RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Nested_registry_applies_only_below_its_folder()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("root-flag"));
        dir.Write("services/search/flags.yaml", Registry("search-box"));
        dir.Write("app.ts", "isEnabled('root-flag');\nisEnabled('search-box');\n");
        dir.Write("services/search/box.ts", "isEnabled('search-box');\nisEnabled('root-flag');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("unregistered-flag", finding.GetProperty("rule").GetString());
        Assert.Equal("search-box", finding.GetProperty("flag").GetString());
        Assert.Equal(("app.ts", 2, 12), Place(finding));
        Assert.Equal(2, Stats(result).GetProperty("registries").GetInt32());
    }

    [Fact]
    public void Loose_key_matching_makes_a_differently_spelled_key_registered()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("new-checkout"));
        dir.Write("app.ts", "isEnabled('NEW_CHECKOUT');\n");

        var exact = Lint(dir);
        Assert.True(exact.ExitCode == 1, exact.ToString());
        Assert.Equal(("app.ts", 1, 12), Place(Assert.Single(Findings(exact, "unregistered-flag"))));

        dir.Write("flagkeeper.yaml", "version: 1\nkeyMatching: loose\n");
        var loose = Lint(dir);
        Assert.True(loose.ExitCode == 0, loose.ToString());
        Assert.Empty(Findings(loose));
    }

    // ---------------------------------------------------------------- expired-flag / expiring-soon

    [Fact]
    public void Expired_flag_is_reported_at_each_usage_site()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("old", "    expires: 2026-11-27\n", type: "release"));
        dir.Write("a.ts", "isEnabled('old');\n");
        dir.Write("b/c.ts", "// x\n    useFlag('old');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        var findings = Findings(result, "expired-flag");
        Assert.Equal<(string?, int, int)>([("a.ts", 1, 12), ("b/c.ts", 2, 14)], findings.Select(Place));
        Assert.All(findings, f =>
        {
            Assert.Equal("old", f.GetProperty("flag").GetString());
            Assert.Equal("error", f.GetProperty("severity").GetString());
            Assert.Contains("2026-11-27", f.GetProperty("message").GetString());
            Assert.Contains("1 day ago", f.GetProperty("message").GetString());
        });
        Assert.Empty(Findings(result, "unused-flag"));
        Assert.Empty(Findings(result, "expiring-soon"));
    }

    [Theory]
    [InlineData("2026-11-28")] // expires today: not expired yet
    [InlineData("2026-11-29")]
    [InlineData("2027-06-30")]
    public void Flag_expiring_today_or_later_is_not_expired(string expires)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("f", $"    expires: {expires}\n", type: "release"));
        dir.Write("a.ts", "isEnabled('f');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result, "expired-flag"));
        Assert.DoesNotContain(Findings(result), f => f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public void Expired_flag_without_usage_is_unused_not_expired()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("old", "    expires: 2026-01-01\n", type: "release"));
        dir.Write("a.ts", "const x = 1;\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("unused-flag", finding.GetProperty("rule").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(("flags.yaml", 3, 3), Place(finding));
    }

    [Theory]
    [InlineData("2026-11-28", true)]  // today: 0 days left
    [InlineData("2026-12-12", true)]  // 14 days: the default window still includes it
    [InlineData("2026-12-13", false)] // 15 days
    [InlineData("2026-11-27", false)] // already expired: expired-flag territory, not expiring-soon
    public void Expiring_soon_warns_within_14_days_at_the_expires_line(string expires, bool warns)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("soon", $"    expires: {expires}\n", type: "release"));
        dir.Write("a.ts", "isEnabled('soon');\n");

        var result = Lint(dir);

        var soon = Findings(result, "expiring-soon");
        if (warns)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var finding = Assert.Single(soon);
            Assert.Equal("warning", finding.GetProperty("severity").GetString());
            Assert.Equal("soon", finding.GetProperty("flag").GetString());
            // "    expires: " is 13 characters; the finding points at the date on line 7.
            Assert.Equal(("flags.yaml", 7, 14), Place(finding));
            Assert.Contains(expires, finding.GetProperty("message").GetString());
        }
        else
        {
            Assert.Empty(soon);
        }
    }

    [Theory]
    [InlineData("2026-12-13", true)]  // 15 days
    [InlineData("2026-12-28", true)]  // 30 days
    [InlineData("2026-12-29", false)] // 31 days
    public void Expiring_soon_window_is_configurable(string expires, bool warns)
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nexpiringSoonDays: 30\n");
        dir.Write("flags.yaml", Registry("soon", $"    expires: {expires}\n", type: "release"));
        dir.Write("a.ts", "isEnabled('soon');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(warns ? 1 : 0, Findings(result, "expiring-soon").Count);
        if (warns)
        {
            Assert.Equal(("flags.yaml", 7, 14), Place(Findings(result, "expiring-soon")[0]));
        }
    }

    // ---------------------------------------------------------------- registry rules inside check

    public static TheoryData<string, string, string, int, int> RegistryCases => new()
    {
        // rule, broken registry, fixed registry, line, column (in flags.yaml)
        { "missing-owner", "version: 1\nflags:\n  f:\n    description: d\n    type: operational\n", Registry("f"), 3, 3 },
        { "invalid-rollout", Registry("f", "    rollout: 150\n"), Registry("f", "    rollout: 100\n"), 7, 14 },
        { "missing-expiry", Registry("f", type: "release"), Registry("f", "    expires: 2027-06-30\n", type: "release"), 3, 3 },
        { "unknown-prerequisite", Registry("f", "    requires: [ghost]\n"), Registry("f", "    requires: [g]\n") + Flag("g"), 7, 16 },
        { "prerequisite-cycle", Registry("f", "    requires: [g]\n") + Flag("g", "    requires: [f]\n"), Registry("f", "    requires: [g]\n") + Flag("g"), 7, 15 },
        { "duplicate-flag", Registry("f") + Flag("F"), Registry("f") + Flag("g"), 7, 3 },
    };

    [Theory]
    [MemberData(nameof(RegistryCases))]
    public void Registry_rule_fires_in_check_at_its_registry_location(string rule, string broken, string fixedText, int line, int column)
    {
        _ = fixedText;
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", broken);
        dir.Write("app.ts", "isEnabled('f');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result, rule));
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal(("flags.yaml", line, column), Place(finding));
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("commit").ValueKind);
        Assert.Equal("flag-lint", Gates(result).Single().GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(RegistryCases))]
    public void Registry_rule_does_not_fire_in_check_on_the_fixed_registry(string rule, string broken, string fixedText, int line, int column)
    {
        _ = (broken, line, column);
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", fixedText);
        dir.Write("app.ts", "isEnabled('f');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result, rule));
        Assert.DoesNotContain(Findings(result), f => f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public void Duplicate_in_a_parent_and_a_child_registry_is_reported_at_the_child()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("shared"));
        dir.Write("services/api/flags.yaml", Registry("shared"));
        dir.Write("services/api/a.ts", "isEnabled('shared');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(("services/api/flags.yaml", 3, 3), Place(Assert.Single(Findings(result, "duplicate-flag"))));
    }

    // ---------------------------------------------------------------- unused-flag

    [Fact]
    public void Unused_flag_warns_at_the_flag_key_and_used_flags_do_not()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("used") + Flag("idle"));
        dir.Write("a.ts", "isEnabled('used');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("unused-flag", finding.GetProperty("rule").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("idle", finding.GetProperty("flag").GetString());
        Assert.Equal(("flags.yaml", 7, 3), Place(finding));
        Assert.True(result.Json().RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(1, Stats(result).GetProperty("warnings").GetInt32());
    }

    [Fact]
    public void Prerequisites_of_a_used_flag_count_as_used_transitively()
    {
        using var dir = new TempDirectory();
        // a requires b, b requires c: only a is in code; d is neither used nor required.
        dir.Write("flags.yaml", Registry("a", "    requires: [b]\n") + Flag("b", "    requires: [c]\n") + Flag("c") + Flag("d"));
        dir.Write("a.ts", "isEnabled('a');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var unused = Assert.Single(Findings(result));
        Assert.Equal("unused-flag", unused.GetProperty("rule").GetString());
        Assert.Equal("d", unused.GetProperty("flag").GetString());
    }

    [Fact]
    public void Prerequisite_of_an_unused_flag_is_unused_too()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("a", "    requires: [b]\n") + Flag("b"));
        dir.Write("a.ts", "const nothing = 0;\n");

        var result = Lint(dir);

        Assert.Equal(["a", "b"], Findings(result, "unused-flag").Select(f => f.GetProperty("flag").GetString()));
    }

    // ---------------------------------------------------------------- dynamic-key

    [Fact]
    public void Dynamic_key_warns_at_the_argument_and_literal_keys_do_not()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("lit"));
        dir.Write("a.ts", "isEnabled('lit');\nconst on = isEnabled(name);\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("dynamic-key", finding.GetProperty("rule").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("flag").ValueKind);
        // "const on = isEnabled(" is 21 characters.
        Assert.Equal(("a.ts", 2, 22), Place(finding));
        Assert.Contains("(name)", finding.GetProperty("message").GetString());
    }

    // ---------------------------------------------------------------- rules: overrides

    [Fact]
    public void Rules_can_lower_an_error_to_a_warning_and_the_exit_code_follows()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("known"));
        dir.Write("a.ts", "isEnabled('known');\nisEnabled('ghost');\n");

        var before = Lint(dir);
        Assert.True(before.ExitCode == 1, before.ToString());
        Assert.Equal("error", Assert.Single(Findings(before, "unregistered-flag")).GetProperty("severity").GetString());

        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  unregistered-flag: warning\n");
        var after = Lint(dir);
        Assert.True(after.ExitCode == 0, after.ToString());
        var finding = Assert.Single(Findings(after, "unregistered-flag"));
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(("a.ts", 2, 12), Place(finding));
        Assert.True(after.Json().RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Rules_can_raise_a_warning_to_an_error()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  dynamic-key: error\n");
        dir.Write("a.ts", "isEnabled(name);\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("error", Assert.Single(Findings(result, "dynamic-key")).GetProperty("severity").GetString());
    }

    [Fact]
    public void Rules_off_removes_the_finding()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  unregistered-flag: off\n  missing-owner: off\n");
        dir.Write("flags.yaml", "version: 1\nflags:\n  f:\n    description: d\n    type: operational\n");
        dir.Write("a.ts", "isEnabled('f');\nisEnabled('ghost');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(0, Stats(result).GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void Unknown_rule_id_in_rules_is_a_configuration_error()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  unregistered-flags: off\n");
        dir.Write("a.ts", "isEnabled('ghost');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("passed").GetBoolean());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("FK1002", error.GetProperty("code").GetString());
        Assert.Equal("flagkeeper.yaml", error.GetProperty("file").GetString());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Contains("unregistered-flags", error.GetProperty("message").GetString());
    }

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

    // ---------------------------------------------------------------- gates and bad input

    [Fact]
    public void Gate_option_selects_the_gates_in_the_report()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost');\n");

        var one = Lint(dir);
        Assert.Equal(["flag-lint"], Gates(one).Select(g => g.GetProperty("id").GetString()));

        var two = Check(dir.Path, ".", "--gate", "delivery-mode", "--gate", "flag-lint", "--today", Today, "--format", "json", "--no-cache");
        Assert.True(two.ExitCode == 1, two.ToString());
        Assert.Equal(["flag-lint", "delivery-mode"], Gates(two).Select(g => g.GetProperty("id").GetString()));

        var git = Check(dir.Path, ".", "--gate", "commit-message", "--today", Today, "--format", "json", "--no-cache");
        Assert.True(git.ExitCode == 0, git.ToString());
        var gate = Assert.Single(Gates(git));
        Assert.Equal("commit-message", gate.GetProperty("id").GetString());
        Assert.True(gate.GetProperty("skipped").GetBoolean());
        Assert.Equal(0, Stats(git).GetProperty("filesScanned").GetInt32());
    }

    [Fact]
    public void Unknown_gate_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        var result = Check(dir.Path, ".", "--gate", "bogus", "--format", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("bogus", result.Stderr);
    }

    [Fact]
    public void Gates_in_flagkeeper_yaml_choose_the_default_gates()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost');\n");

        var all = Check(dir.Path, ".", "--today", Today, "--format", "json", "--no-cache");
        Assert.True(all.ExitCode == 1, all.ToString());
        Assert.Equal(["flag-lint", "kill-switch", "commit-message", "delivery-mode"], Gates(all).Select(g => g.GetProperty("id").GetString()));
        Assert.All(Gates(all).Skip(1), g => Assert.False(string.IsNullOrEmpty(g.GetProperty("skipReason").GetString())));

        dir.Write("flagkeeper.yaml", "version: 1\ngates: [flag-lint]\n");
        var configured = Check(dir.Path, ".", "--today", Today, "--format", "json", "--no-cache");
        Assert.True(configured.ExitCode == 1, configured.ToString());
        Assert.Equal(["flag-lint"], Gates(configured).Select(g => g.GetProperty("id").GetString()));
        // No git gate ran, so none was skipped; the one notice left says this folder has no registry.
        Assert.DoesNotContain(configured.Json().RootElement.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("git gates", StringComparison.Ordinal));
    }

    [Fact]
    public void Nonexistent_root_is_an_input_error()
    {
        using var dir = new TempDirectory();

        var result = Check(dir.Path, "no-such-folder", "--gate", "flag-lint", "--format", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK1006", result.Stdout + result.Stderr);
    }

    [Fact]
    public void Malformed_registry_is_an_input_error_in_json_errors()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f: {description: d\n");
        dir.Write("a.ts", "isEnabled('f');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("passed").GetBoolean());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("FK3001", error.GetProperty("code").GetString());
        Assert.Equal("flags.yaml", error.GetProperty("file").GetString());
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("28.11.2026")]
    public void Bad_today_is_a_usage_error(string today)
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost');\n");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", today, "--format", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(today, result.Stderr);
    }

    // ---------------------------------------------------------------- the sample

    [Fact]
    public void Sample_shop_reports_exactly_its_deliberate_problems()
    {
        var result = Check(RepositoryPaths.Root, "samples/shop", "--today", Today, "--gate", "flag-lint", "--format", "json", "--no-cache", "--no-baseline");

        Assert.True(result.ExitCode == 1, result.ToString());
        var found = Findings(result)
            .Select(f => (Rule: f.GetProperty("rule").GetString()!, Flag: f.GetProperty("flag").GetString(), File: f.GetProperty("file").GetString()!))
            .OrderBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Flag, StringComparer.Ordinal)
            .ToList();
        Assert.Equal<(string, string?, string)>(
        [
            ("dynamic-key", null, "web/src/flags.ts"),
            ("expired-flag", "search-suggestions", "web/src/search.ts"),
            ("invalid-rollout", "bulk-discount", "flags.yaml"),
            ("missing-owner", "dark-mode", "flags.yaml"),
            ("unregistered-flag", "beta-recommendations", "web/src/search.ts"),
            ("unregistered-flag", "express-shipping", "services/pricing/pricing.py"),
            ("unused-flag", "legacy-export", "flags.yaml"),
        ], found);
        var stats = Stats(result);
        Assert.Equal(5, stats.GetProperty("errors").GetInt32());
        Assert.Equal(2, stats.GetProperty("warnings").GetInt32());
        Assert.Equal(1, stats.GetProperty("registries").GetInt32());
        Assert.Empty(result.Json().RootElement.GetProperty("errors").EnumerateArray());
    }

    // ---------------------------------------------------------------- helpers

    private static CliResult Check(string workingDirectory, params string[] args) => CliRunner.Run(workingDirectory, ["check", .. args]);

    /// <summary>The flag-lint gate on the temp folder, as JSON, on a fixed day and without the scan cache.</summary>
    private static CliResult Lint(TempDirectory dir, params string[] extra) =>
        Check(dir.Path, [".", "--gate", "flag-lint", "--today", Today, "--format", "json", "--no-cache", .. extra]);

    private static List<JsonElement> Gates(CliResult result) => [.. result.Json().RootElement.GetProperty("gates").EnumerateArray()];

    private static List<JsonElement> Findings(CliResult result) => [.. Gates(result).SelectMany(g => g.GetProperty("findings").EnumerateArray())];

    private static List<JsonElement> Findings(CliResult result, string rule) => [.. Findings(result).Where(f => f.GetProperty("rule").GetString() == rule)];

    private static JsonElement Stats(CliResult result) => result.Json().RootElement.GetProperty("stats");

    private static (string? File, int Line, int Column) Place(JsonElement finding) =>
        (finding.GetProperty("file").GetString(), finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32());

    /// <summary>Three findings: an unregistered key, a dynamic key and an unused flag.</summary>
    private static void WriteBaselineTree(TempDirectory dir)
    {
        dir.Write("flags.yaml", Registry("used") + Flag("idle"));
        dir.Write("src/app.ts", "isEnabled('used');\nif (isEnabled('ghost')) {}\nconst on = isEnabled(name);\n");
    }

    /// <summary>A registry whose first flag, <paramref name="key"/>, is on line 3 (column 3); <paramref name="extra"/> lines start at line 7.</summary>
    private static string Registry(string key, string extra = "", string type = "operational") => "version: 1\nflags:\n" + Flag(key, extra, type);

    /// <summary>One flag entry: 4 lines, then <paramref name="extra"/>.</summary>
    private static string Flag(string key, string extra = "", string type = "operational") =>
        new StringBuilder()
            .Append("  ").Append(key).Append(":\n")
            .Append("    description: test flag\n")
            .Append("    owner: test-team\n")
            .Append("    type: ").Append(type).Append('\n')
            .Append(extra)
            .ToString();
}
