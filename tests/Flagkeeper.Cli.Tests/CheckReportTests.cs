using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// The output formats of `flagkeeper check`: text, the JSON contract, SARIF 2.1.0 (validated against the
/// official schema and GitHub code scanning's needs), GitHub workflow commands, and --output.
/// </summary>
public partial class CheckReportTests
{
    private const string Today = "2026-11-28";

    /// <summary>Every rule id Flagkeeper has; SARIF's driver.rules must carry each one.</summary>
    private static readonly string[] AllRuleIds =
    [
        "invalid-key", "duplicate-flag", "missing-description", "missing-owner", "missing-type", "unknown-type",
        "missing-expiry", "invalid-date", "invalid-rollout", "unknown-environment", "unknown-prerequisite",
        "prerequisite-cycle", "invalid-targeting", "targeting-conflict", "unregistered-flag", "expired-flag", "expiring-soon", "unused-flag", "dynamic-key", "nothing-recognised",
        "kill-switch-missing", "commit-message-invalid", "mode-missing",
    ];

    // ---------------------------------------------------------------- text

    [Fact]
    public void Text_puts_path_line_column_first_under_gate_headings_with_a_summary()
    {
        using var dir = new TempDirectory();
        WriteMixedTree(dir);

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--no-cache");

        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("flag-lint failed: 2 errors, 2 warnings", lines[0]);
        var findingLines = lines.Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, findingLines.Count);
        Assert.All(findingLines, l => Assert.Matches(FindingLine(), l));
        var places = findingLines.Select(l => FindingLine().Match(l)).Select(m => (m.Groups["place"].Value, m.Groups["severity"].Value, m.Groups["rule"].Value)).ToList();
        Assert.Equal<(string, string, string)>(
        [
            ("flags.yaml:3:3", "error", "missing-owner"),
            ("flags.yaml:7:3", "warning", "unused-flag"),
            ("src/app.ts:2:16", "error", "unregistered-flag"),
            ("src/app.ts:3:22", "warning", "dynamic-key"),
        ], places);
        Assert.Matches(@"^FAILED: 2 errors, 2 warnings; 1 gate, 1 file, 3 usages, 0 commits; \d+ ms$", lines.Last(l => l.Length > 0));
    }

    [Fact]
    public void Text_lines_stay_short_when_one_path_is_very_deep()
    {
        using var dir = new TempDirectory();
        var deep = string.Join('/', Enumerable.Range(0, 12).Select(i => $"folder-number-{i}")) + "/app.ts";
        dir.Write(deep, "isEnabled('ghost-a');\n");
        dir.Write("a.ts", "isEnabled('ghost-b');\n");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--no-cache");

        var lines = result.Stdout.ReplaceLineEndings("\n").Split('\n');
        var shallow = Assert.Single(lines, l => l.StartsWith("  a.ts:1:", StringComparison.Ordinal));
        var deepLine = Assert.Single(lines, l => l.StartsWith("  " + deep + ":1:", StringComparison.Ordinal));
        // The short path pads to the cap, not to the deep one; the deep one is followed by two spaces only.
        Assert.Equal(2 + 48 + 2, shallow.IndexOf("error", StringComparison.Ordinal));
        Assert.Equal(2 + (deep + ":1:11").Length + 2, deepLine.IndexOf("error", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_summary_says_passed_and_counts_hidden_findings()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost'); // flagkeeper-ignore\nconst y = 2;\nisEnabled(name);\n");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("flag-lint passed with warnings: 0 errors, 1 warning", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^PASSED: 0 errors, 1 warning \(1 suppressed, 0 baselined\); 1 gate, 1 file, 2 usages, 0 commits; \d+ ms\r?$", result.Stdout);
    }

    [Fact]
    public void Text_shows_skipped_gates_and_their_reason()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "const x = 1;\n");

        var result = Check(dir.Path, ".", "--today", Today, "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("flag-lint passed", result.Stdout);
        Assert.Matches(@"(?m)^kill-switch skipped \(.+\)", result.Stdout);
        Assert.Matches(@"(?m)^commit-message skipped \(.+\)", result.Stdout);
        Assert.Matches(@"(?m)^delivery-mode skipped \(.+\)", result.Stdout);
        Assert.Contains("note: git gates skipped", result.Stderr);
    }

    [Fact]
    public void Text_prints_markup_characters_in_registry_keys_literally()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  \"[red]x[/]\":\n    description: d\n    owner: o\n    type: operational\n  \"[T-1]\":\n    description: d\n    owner: o\n    type: operational\n");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--no-cache");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("flag key '[red]x[/]' must be", result.Stdout);
        Assert.Contains("flag key '[T-1]' must be", result.Stdout);
        Assert.Contains("flag '[red]x[/]' is registered in flags.yaml", result.Stdout);
        Assert.DoesNotContain("Unhandled", result.Stderr);
    }

    [Fact]
    public void Text_prints_commit_subjects_with_tags_and_markup_literally()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        dir.Write("a.ts", "const x = 1;\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "oops [T-bad] [MODE:X] [red]x[/] [/]");

        var result = Check(dir.Path, ".", "--gate", "commit-message", "--today", Today);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("commit-message failed: 1 error, 0 warnings", result.Stdout);
        Assert.Matches(@"(?m)^  commit [0-9a-f]{12}\s+error\s+commit-message-invalid\s+", result.Stdout);
        Assert.Contains("\"oops [T-bad] [MODE:X] [red]x[/] [/]\"", result.Stdout);
        Assert.Matches(@"(?m)^FAILED: 1 error, 0 warnings; 1 gate, 0 files, 0 usages, 1 commit; \d+ ms\r?$", result.Stdout);
    }

    // ---------------------------------------------------------------- json

    [Fact]
    public void Json_has_every_contract_field_on_every_finding_with_nulls_where_they_do_not_apply()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        WriteMixedTree(dir);
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "not a conventional subject");

        var result = Check(dir.Path, ".", "--today", Today, "--format", "json", "--no-cache", "--mode", "NF");

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = result.Json().RootElement;
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.False(json.GetProperty("passed").GetBoolean());
        var gates = json.GetProperty("gates").EnumerateArray().ToList();
        Assert.Equal(["flag-lint", "kill-switch", "commit-message", "delivery-mode"], gates.Select(g => g.GetProperty("id").GetString()));
        foreach (var gate in gates)
        {
            foreach (var field in new[] { "id", "passed", "skipped", "skipReason", "findings" })
            {
                Assert.True(gate.TryGetProperty(field, out _), $"gate is missing {field}: {gate}");
            }
            Assert.False(gate.GetProperty("skipped").GetBoolean());
            Assert.Equal(JsonValueKind.Null, gate.GetProperty("skipReason").ValueKind);
        }

        var findings = gates.SelectMany(g => g.GetProperty("findings").EnumerateArray()).ToList();
        Assert.NotEmpty(findings);
        foreach (var finding in findings)
        {
            foreach (var field in new[] { "rule", "severity", "message", "flag", "file", "line", "column", "commit", "fingerprint" })
            {
                Assert.True(finding.TryGetProperty(field, out _), $"finding is missing {field}: {finding}");
            }
            Assert.Contains(finding.GetProperty("severity").GetString(), new[] { "error", "warning" });
            Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("fingerprint").GetString()));
        }

        var lint = gates[0].GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(4, lint.Count);
        Assert.False(gates[0].GetProperty("passed").GetBoolean());
        Assert.All(lint, f =>
        {
            Assert.Equal(JsonValueKind.Null, f.GetProperty("commit").ValueKind);
            Assert.DoesNotContain('\\', f.GetProperty("file").GetString()!);
            Assert.True(f.GetProperty("line").GetInt32() >= 1);
            Assert.True(f.GetProperty("column").GetInt32() >= 1);
        });
        var dynamic = Assert.Single(lint, f => f.GetProperty("rule").GetString() == "dynamic-key");
        Assert.Equal(JsonValueKind.Null, dynamic.GetProperty("flag").ValueKind);
        Assert.Equal("src/app.ts", dynamic.GetProperty("file").GetString());

        var commit = Assert.Single(gates[2].GetProperty("findings").EnumerateArray());
        Assert.Equal("commit-message-invalid", commit.GetProperty("rule").GetString());
        Assert.Matches("^[0-9a-f]{40}$", commit.GetProperty("commit").GetString());
        Assert.Equal(JsonValueKind.Null, commit.GetProperty("file").ValueKind);
        Assert.Equal(JsonValueKind.Null, commit.GetProperty("line").ValueKind);
        Assert.Equal(JsonValueKind.Null, commit.GetProperty("column").ValueKind);
        Assert.Equal(JsonValueKind.Null, commit.GetProperty("flag").ValueKind);

        var stats = json.GetProperty("stats");
        foreach (var field in new[] { "durationMs", "errors", "warnings", "suppressed", "baselined", "filesScanned", "usages", "registries", "flags", "commitsChecked" })
        {
            Assert.True(stats.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number, $"stats.{field} missing: {stats}");
        }
        Assert.Equal(3, stats.GetProperty("errors").GetInt32());
        Assert.Equal(2, stats.GetProperty("warnings").GetInt32());
        Assert.Equal(1, stats.GetProperty("commitsChecked").GetInt32());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("notices").ValueKind);
        Assert.Empty(json.GetProperty("errors").EnumerateArray());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("errorCounts").ValueKind);
    }

    [Fact]
    public void Json_gates_keep_the_canonical_order_whatever_the_option_order()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "const x = 1;\n");

        var result = Check(dir.Path, ".", "--gate", "delivery-mode", "--gate", "commit-message", "--gate", "kill-switch", "--gate", "flag-lint",
            "--today", Today, "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json().RootElement;
        Assert.True(json.GetProperty("passed").GetBoolean());
        Assert.Equal(["flag-lint", "kill-switch", "commit-message", "delivery-mode"],
            json.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("id").GetString()));
    }

    // ---------------------------------------------------------------- sarif

    [Fact]
    public async Task Sarif_is_valid_against_the_official_schema()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        WriteMixedTree(dir);
        dir.Write("flags.yaml", dir.Read("flags.yaml") + "  soon:\n    description: d\n    owner: o\n    type: release\n    expires: 2026-12-01\n");
        dir.Write("src/soon.ts", "isEnabled('soon');\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "bad subject");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--gate", "commit-message", "--today", Today, "--format", "sarif", "--no-cache");

        Assert.True(result.ExitCode == 1, result.ToString());
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json")));
        // The validator is live: a document that breaks the schema is rejected.
        Assert.NotEmpty(schema.Validate("{\"version\": \"9.9\", \"runs\": [{\"results\": [{\"level\": \"fatal\"}]}]}"));
        var errors = schema.Validate(result.Stdout);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")) + "\n" + result.Stdout);
        Assert.Equal(5, Results(result).Count);
    }

    [Fact]
    public void Sarif_driver_lists_every_rule_with_descriptions_and_help()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "const x = 1;\n");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "sarif", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var sarif = result.Json().RootElement;
        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        var driver = sarif.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        Assert.Equal("Flagkeeper", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        var ids = rules.Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(AllRuleIds.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var rule in rules)
        {
            foreach (var part in new[] { "shortDescription", "fullDescription", "help" })
            {
                Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty(part).GetProperty("text").GetString()), $"{rule.GetProperty("id")} has no {part}.text");
            }
            Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "error", "warning", "note", "none" });
        }

        // docs/rules.md is generated from the same catalog: every rule it documents is in the SARIF driver.
        var documented = RuleRow().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "rules.md"))).Select(m => m.Groups["id"].Value).ToList();
        Assert.NotEmpty(documented);
        Assert.All(documented, id => Assert.Contains(id, ids));
    }

    [Fact]
    public void Sarif_results_carry_what_code_scanning_needs()
    {
        using var dir = new TempDirectory();
        WriteMixedTree(dir);
        dir.Write("src/weird dir/ü#1.ts", "isEnabled('ghost2');\n");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "sarif", "--no-cache");

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = result.Json().RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var results = Results(result);
        Assert.Equal(5, results.Count);
        foreach (var r in results)
        {
            var ruleId = r.GetProperty("ruleId").GetString()!;
            Assert.Contains(ruleId, AllRuleIds);
            Assert.Equal(ruleId, rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Contains(r.GetProperty("level").GetString(), new[] { "error", "warning" });
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetProperty("text").GetString()));
            var physical = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.False(uri.StartsWith('/'), uri);
            Assert.DoesNotContain("file:", uri, StringComparison.Ordinal);
            Assert.DoesNotContain('\\', uri);
            Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), uri);
            Assert.True(physical.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
            var fingerprints = r.GetProperty("partialFingerprints").EnumerateObject().ToList();
            Assert.NotEmpty(fingerprints);
            Assert.All(fingerprints, p => Assert.False(string.IsNullOrEmpty(p.Value.GetString())));
        }
        Assert.Equal(
            ["flags.yaml", "flags.yaml", "src/app.ts", "src/app.ts", "src/weird%20dir/%C3%BC%231.ts"],
            results.Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()));
        var unregistered = results.Single(r => r.GetProperty("ruleId").GetString() == "unregistered-flag"
            && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "src/app.ts");
        Assert.Equal("error", unregistered.GetProperty("level").GetString());
        var region = unregistered.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(2, region.GetProperty("startLine").GetInt32());
        Assert.Equal(16, region.GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void Sarif_fingerprints_match_the_json_fingerprints_and_survive_line_moves()
    {
        using var dir = new TempDirectory();
        WriteMixedTree(dir);

        var json = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "json", "--no-cache");
        var sarif = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "sarif", "--no-cache");
        dir.Write("src/app.ts", "\n\n" + dir.Read("src/app.ts"));
        var moved = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "sarif", "--no-cache");

        var expected = json.Json().RootElement.GetProperty("gates")[0].GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("fingerprint").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, Fingerprints(sarif));
        Assert.Equal(expected, Fingerprints(moved));
    }

    [Fact]
    public void Sarif_leaves_out_findings_without_a_location_and_counts_them_in_a_notification()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        dir.Write("a.ts", "isEnabled('ghost');\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "oops [T-bad] [MODE:X] [red]x[/]");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--gate", "commit-message", "--today", Today, "--format", "sarif", "--no-cache");

        Assert.True(result.ExitCode == 1, result.ToString());
        var results = Results(result);
        Assert.Equal("unregistered-flag", Assert.Single(results).GetProperty("ruleId").GetString());
        Assert.DoesNotContain(results, r => r.GetProperty("ruleId").GetString() == "commit-message-invalid");
        var invocation = result.Json().RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean());
        // The other notification is the no-registry notice: this repository has none.
        var notes = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().Select(n => n.GetProperty("message").GetProperty("text").GetString()!).ToList();
        Assert.Single(notes, n => n.StartsWith("1 finding(s) without a file", StringComparison.Ordinal));
        Assert.Single(notes, n => n.StartsWith("no registry (flags.yaml) found", StringComparison.Ordinal));
    }

    [Fact]
    public void Sarif_and_github_paths_are_repository_relative_when_checking_a_subfolder()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        dir.Write("README.md", "top\n");
        dir.Write("services/api/flags.yaml", "version: 1\nflags:\n  f:\n    description: d\n    type: operational\n");
        dir.Write("services/api/src/app.ts", "isEnabled('f');\nisEnabled('ghost');\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "chore: base [T-2026-11-28-001] [MODE:NF]");
        var root = Path.Combine(dir.Path, "services", "api");

        var sarif = Check(root, ".", "--gate", "flag-lint", "--gate", "commit-message", "--today", Today, "--format", "sarif", "--no-cache");
        var github = Check(dir.Path, "services/api", "--gate", "flag-lint", "--gate", "commit-message", "--today", Today, "--format", "github", "--no-cache");
        var json = Check(root, ".", "--gate", "flag-lint", "--today", Today, "--format", "json", "--no-cache");

        Assert.True(sarif.ExitCode == 1, sarif.ToString());
        Assert.Equal(["services/api/flags.yaml", "services/api/src/app.ts"], Results(sarif).Select(UriOf));
        Assert.Equal(1, github.ExitCode);
        Assert.Contains("::error file=services/api/flags.yaml,line=3,col=3,title=flagkeeper missing-owner::", github.Stdout);
        Assert.Contains("::error file=services/api/src/app.ts,line=2,col=12,title=flagkeeper unregistered-flag::", github.Stdout);
        // JSON stays root-relative.
        Assert.Equal(["flags.yaml", "src/app.ts"],
            json.Json().RootElement.GetProperty("gates")[0].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("file").GetString()));
    }

    [Fact]
    public void Sarif_and_github_paths_are_repository_relative_with_only_the_flag_lint_gate()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        dir.Write("services/api/flags.yaml", "version: 1\nflags:\n  f:\n    description: d\n    type: operational\n");
        dir.Write("services/api/src/app.ts", "isEnabled('f');\nisEnabled('ghost');\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "chore: base [T-2026-11-28-001] [MODE:NF]");
        var root = Path.Combine(dir.Path, "services", "api");

        var sarif = Check(root, ".", "--gate", "flag-lint", "--today", Today, "--format", "sarif", "--no-cache");
        var github = Check(root, ".", "--gate", "flag-lint", "--today", Today, "--format", "github", "--no-cache");

        Assert.True(sarif.ExitCode == 1, sarif.ToString());
        Assert.Equal(["services/api/flags.yaml", "services/api/src/app.ts"], Results(sarif).Select(UriOf));
        Assert.Contains("::error file=services/api/src/app.ts,line=2,col=12,title=flagkeeper unregistered-flag::", github.Stdout);
    }

    [Fact]
    public void Sarif_reports_input_errors_as_an_unsuccessful_invocation()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f: {description: d\n");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "sarif", "--no-cache");

        Assert.True(result.ExitCode == 2, result.ToString());
        var invocation = result.Json().RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.Contains(invocation.GetProperty("toolExecutionNotifications").EnumerateArray(),
            n => n.GetProperty("level").GetString() == "error" && n.GetProperty("message").GetProperty("text").GetString()!.Contains("FK3001", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- github

    [Fact]
    public void Github_writes_error_and_warning_commands_with_file_line_col_and_title()
    {
        using var dir = new TempDirectory();
        WriteMixedTree(dir);

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "github", "--no-cache");

        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var commands = lines.Where(l => l.StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, commands.Count);
        Assert.StartsWith("::error file=flags.yaml,line=3,col=3,title=flagkeeper missing-owner::flag 'f' has no owner", commands[0], StringComparison.Ordinal);
        Assert.StartsWith("::warning file=flags.yaml,line=7,col=3,title=flagkeeper unused-flag::flag 'idle'", commands[1], StringComparison.Ordinal);
        Assert.StartsWith("::error file=src/app.ts,line=2,col=16,title=flagkeeper unregistered-flag::flag 'ghost'", commands[2], StringComparison.Ordinal);
        Assert.StartsWith("::warning file=src/app.ts,line=3,col=22,title=flagkeeper dynamic-key::the key of this flag check", commands[3], StringComparison.Ordinal);
        Assert.Matches(@"^FAILED: 2 errors, 2 warnings; .+ ms$", lines[^1]);
    }

    [Fact]
    public void Github_escapes_data_and_property_values_per_the_actions_rules()
    {
        using var dir = new TempDirectory();
        // A folder name with ',' ':' '%' and a flag key with '%', ',', ':' and a newline.
        dir.Write("odd%2C,dir:x/flags.yaml", "version: 1\nflags:\n  \"k%1,b:c\\nd\":\n    description: d\n    owner: o\n    type: operational\n");

        var json = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "json", "--no-cache");
        var github = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "github", "--no-cache");

        Assert.True(json.ExitCode == 1, json.ToString());
        Assert.True(github.ExitCode == 1, github.ToString());
        var findings = json.Json().RootElement.GetProperty("gates")[0].GetProperty("findings").EnumerateArray().ToList();
        var invalid = Assert.Single(findings, f => f.GetProperty("rule").GetString() == "invalid-key");
        var message = invalid.GetProperty("message").GetString()!;
        Assert.Contains("k%1,b:c\nd", message);
        Assert.Equal("odd%2C,dir:x/flags.yaml", invalid.GetProperty("file").GetString());

        var expected = "::error file=odd%252C%2Cdir%3Ax/flags.yaml,line=3,col=3,title=flagkeeper invalid-key::"
            + message.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
        var lines = github.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(expected, lines);
        Assert.Contains("k%251,b:c%0Ad", expected);
        // Every line is a whole workflow command or the summary: no raw newline leaked out of a message.
        Assert.All(lines.Where(l => l.Length > 0), l => Assert.True(l.StartsWith("::", StringComparison.Ordinal) || l.StartsWith("FAILED: ", StringComparison.Ordinal), l));
        Assert.Equal(findings.Count, lines.Count(l => l.StartsWith("::", StringComparison.Ordinal)));
    }

    [Fact]
    public void Github_reports_input_errors_as_error_commands()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f: {description: d\n");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "github", "--no-cache");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(result.Stdout.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith("::error title=flagkeeper FK3001::", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- --output

    [Fact]
    public void Output_writes_the_report_to_a_file_and_keeps_the_exit_code()
    {
        using var dir = new TempDirectory();
        WriteMixedTree(dir);

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--format", "sarif", "--output", "report.sarif", "--no-cache");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Matches(@"^FAILED: 2 errors, 2 warnings; .+ ms \(report written to report\.sarif\)", result.Stderr);
        var sarif = JsonDocument.Parse(File.ReadAllText(dir["report.sarif"])).RootElement;
        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        Assert.Equal(4, sarif.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
        // Only the report and the run's performance history are written; nothing else.
        Assert.Equal([".flagkeeper", "flags.yaml", "report.sarif", "src"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["perf"], Directory.EnumerateFileSystemEntries(dir[".flagkeeper"]).Select(Path.GetFileName));
    }

    [Fact]
    public void Output_in_text_format_writes_the_plain_report_and_exit_zero_when_clean()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  on:\n    description: d\n    owner: o\n    type: operational\n");
        dir.Write("a.ts", "const x = isEnabled('on');\n");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", Today, "--output", "report.txt", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
        var text = File.ReadAllText(dir["report.txt"]);
        Assert.StartsWith("flag-lint passed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
        Assert.Contains("PASSED: 0 errors, 0 warnings", text);
    }

    // ---------------------------------------------------------------- helpers

    private static CliResult Check(string workingDirectory, params string[] args) => CliRunner.Run(workingDirectory, ["check", .. args]);

    private static List<JsonElement> Results(CliResult sarif) => [.. sarif.Json().RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()];

    private static string UriOf(JsonElement result) =>
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;

    private static List<string> Fingerprints(CliResult sarif) =>
        [.. Results(sarif).Select(r => r.GetProperty("partialFingerprints").GetProperty("flagkeeper/v1").GetString()!).Order(StringComparer.Ordinal)];

    /// <summary>Four flag-lint findings: missing-owner (flags.yaml:3:3), unused-flag (flags.yaml:7:3), unregistered-flag (src/app.ts:2:16), dynamic-key (src/app.ts:3:22).</summary>
    private static void WriteMixedTree(TempDirectory dir)
    {
        dir.Write("flags.yaml", "version: 1\nflags:\n  f:\n    description: d\n    type: operational\n\n  idle:\n    description: d\n    owner: o\n    type: operational\n");
        dir.Write("src/app.ts", "isEnabled('f');\nif (isEnabled('ghost')) {}\nconst on = isEnabled(name);\n");
    }

    private static void InitRepository(TempDirectory dir) => GitSandbox.Run(dir.Path, "init", "-q");

    private static string Git(string workingDirectory, params string[] args) => GitSandbox.Run(workingDirectory, args);

    [GeneratedRegex(@"^  (?<place>\S+:\d+:\d+)\s+(?<severity>error|warning)\s+(?<rule>[a-z-]+)\s+\S")]
    private static partial Regex FindingLine();

    [GeneratedRegex(@"(?m)^\| (?:<a id=""[^""]+""></a>)?`(?<id>[a-z-]+)` \|")]
    private static partial Regex RuleRow();
}
