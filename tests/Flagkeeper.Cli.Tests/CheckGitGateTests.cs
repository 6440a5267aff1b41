using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flagkeeper check` git gates end to end: the real CLI over real git repositories (kill-switch,
/// commit-message, delivery-mode), ranges, shallow clones, folders outside git and sub-folder roots.
/// </summary>
public class CheckGitGateTests
{
    private const string Task = "[T-2026-11-28-001]";
    private const string Feat = "feat: add checkout " + Task + " [MODE:F]";
    private const string Base = "chore: base " + Task + " [MODE:NF]";
    private const string Unflagged = "export function checkout() {\n  return 3;\n}\n";
    private const string Flagged = "export function checkout() {\n  if (isEnabled('new-checkout')) {\n    return 3;\n  }\n  return 0;\n}\n";

    // ---------------------------------------------------------------- kill-switch: fires

    [Fact]
    public async Task Feature_commit_adding_unflagged_production_code_fires_with_commit_file_and_first_added_line()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("src/cart.ts", "export const a = 1;\nexport const b = 2;\n"));
        var feat = repo.Commit(Feat, ("src/cart.ts", "export const a = 1;\nexport const b = 2;\n" + Unflagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("passed").GetBoolean());
        var gate = Gate(result, "kill-switch");
        Assert.False(gate.GetProperty("passed").GetBoolean());
        Assert.False(gate.GetProperty("skipped").GetBoolean());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("kill-switch-missing", finding.GetProperty("rule").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal(feat, finding.GetProperty("commit").GetString());
        Assert.Equal(40, feat.Length);
        Assert.Equal("src/cart.ts", finding.GetProperty("file").GetString());
        Assert.Equal(3, finding.GetProperty("line").GetInt32());
        Assert.Contains("src/cart.ts", finding.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(finding.GetProperty("fingerprint").GetString()));
        Assert.Equal(1, Stat(result, "commitsChecked"));
        Assert.Equal(1, Stat(result, "errors"));
    }

    [Fact]
    public async Task Feature_commit_adding_a_registered_flag_check_passes()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("src/cart.ts", "export const a = 1;\n"));
        repo.Commit(Feat, ("src/cart.ts", "export const a = 1;\n" + Flagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.True(Gate(result, "kill-switch").GetProperty("passed").GetBoolean());
        Assert.Equal("1 of 1 commit(s) were features adding production code", Gate(result, "kill-switch").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Feature_commit_adding_a_csharp_flag_check_passes()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Commit(Feat, ("src/Checkout.cs", "class Checkout\n{\n    void Run()\n    {\n        if (featureFlags.IsEnabled(\"new-checkout\"))\n        {\n        }\n    }\n}\n"));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task Feature_commit_adding_a_kill_switch_identifier_passes()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Commit(Feat, ("src/cart.ts", "export function pay() {\n  if (KILL_SWITCH_PAYMENTS) {\n    return;\n  }\n  charge();\n}\n"));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task Usage_of_an_unregistered_flag_does_not_satisfy_the_gate()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        var feat = repo.Commit(Feat, ("src/cart.ts", "export function checkout() {\n  if (isEnabled('no-such-flag')) {\n    return 3;\n  }\n}\n"));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result, "kill-switch-missing"));
        Assert.Equal(feat, finding.GetProperty("commit").GetString());
        Assert.Equal(1, finding.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Flag_usage_already_in_the_file_but_not_on_an_added_line_does_not_satisfy_the_gate()
    {
        using var repo = GitSandbox.Create();
        var before = "if (isEnabled('new-checkout')) {\n  legacy();\n}\n";
        repo.Commit(Base, ("src/cart.ts", before));
        var feat = repo.Commit(Feat, ("src/cart.ts", before + "export function extra() {\n  return 4;\n}\n"));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result, "kill-switch-missing"));
        Assert.Equal(feat, finding.GetProperty("commit").GetString());
        Assert.Equal("src/cart.ts", finding.GetProperty("file").GetString());
        Assert.Equal(4, finding.GetProperty("line").GetInt32());
    }

    // ---------------------------------------------------------------- kill-switch: commit type and mode

    [Theory]
    [InlineData("fix: repair checkout " + Task + " [MODE:F]")]
    [InlineData("feat: add checkout " + Task + " [MODE:NF]")]
    [InlineData("chore: tidy " + Task + " [MODE:F]")]
    [InlineData("add checkout without a type")]
    public async Task Commits_that_are_not_F_features_pass_without_a_flag(string subject)
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Commit(subject, ("src/cart.ts", Unflagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(1, Stat(result, "commitsChecked"));
    }

    [Fact]
    public async Task Mode_NF_option_passes_an_F_tagged_feature()
    {
        using var repo = UnflaggedFeature(Feat);

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json", "--mode", "NF");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task FLAGKEEPER_MODE_NF_passes_an_F_tagged_feature()
    {
        using var repo = UnflaggedFeature(Feat);

        var result = await Check(repo.Path, ["--gate", "kill-switch", "--format", "json"], new() { ["FLAGKEEPER_MODE"] = "NF" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task FLAGKEEPER_MODE_with_a_bogus_value_is_a_usage_error()
    {
        using var repo = UnflaggedFeature(Feat);

        var result = await Check(repo.Path, ["--gate", "kill-switch", "--format", "json"], new() { ["FLAGKEEPER_MODE"] = "bogus" });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FLAGKEEPER_MODE", result.Stderr);
    }

    [Fact]
    public async Task Mode_option_with_a_bogus_value_is_a_usage_error()
    {
        using var repo = UnflaggedFeature(Feat);

        var result = await Check(repo.Path, "--gate", "kill-switch", "--mode", "maybe");

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public async Task Mode_F_option_overrides_an_NF_tag()
    {
        using var repo = UnflaggedFeature("feat: add checkout " + Task + " [MODE:NF]");

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json", "--mode", "F");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Single(Findings(result, "kill-switch-missing"));
    }

    [Fact]
    public async Task Mode_F_option_overrides_FLAGKEEPER_MODE_NF()
    {
        using var repo = UnflaggedFeature(Feat);

        var result = await Check(repo.Path, ["--gate", "kill-switch", "--format", "json", "--mode", "F"], new() { ["FLAGKEEPER_MODE"] = "NF" });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Single(Findings(result, "kill-switch-missing"));
    }

    // ---------------------------------------------------------------- kill-switch: what counts as production code

    [Theory]
    [InlineData("tests/cart.test.ts")]
    [InlineData("tests/cart.ts")]
    [InlineData("src/__tests__/x.ts")]
    [InlineData("src/cart.spec.ts")]
    [InlineData("Foo.Tests/A.cs")]
    [InlineData("src/CartTests.cs")]
    public async Task Feature_touching_only_test_code_passes(string path)
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Commit(Feat, (path, path.EndsWith(".cs") ? "class A\n{\n    void M() { }\n}\n" : Unflagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/notes.txt")]
    public async Task Feature_touching_only_non_source_files_passes(string path)
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("src/cart.ts", "export const a = 1;\n"));
        repo.Commit(Feat, (path, "some new text\nmore text\n"));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task Production_globs_decide_what_is_production_code()
    {
        using var repo = GitSandbox.Create();
        repo.Write("flagkeeper.yaml", GitSandbox.FlagkeeperPreset + "production: [\"app/**\"]\n");
        repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Commit(Feat, ("src/cart.ts", Unflagged));

        var outside = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(outside.ExitCode == 0, outside.ToString());
        Assert.Empty(Findings(outside));

        var inside = repo.Commit(Feat, ("app/main.ts", Unflagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result, "kill-switch-missing"));
        Assert.Equal(inside, finding.GetProperty("commit").GetString());
        Assert.Equal("app/main.ts", finding.GetProperty("file").GetString());
    }

    // git ends a '+++ b/src/my cart.ts' diff header with a TAB when the name has a space, and C-quotes names
    // with '"', TAB or other control characters; neither is part of the path.
    [Theory]
    [InlineData("src/my cart.ts")]
    [InlineData("src/k\u00e4se.ts")]
    [InlineData("src/say \"hi\".ts")]
    [InlineData("src/tab\there.ts")]
    [InlineData("src/back\\slash.ts")]
    public async Task Production_file_with_unusual_characters_in_its_path_is_checked(string path)
    {
        if (OperatingSystem.IsWindows() && path.IndexOfAny(['"', '\t', '\\']) >= 0)
        {
            return; // not a valid file name there
        }
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        var feat = repo.Commit(Feat, (path, Unflagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result, "kill-switch-missing"));
        Assert.Equal(feat, finding.GetProperty("commit").GetString());
        Assert.Equal(path, finding.GetProperty("file").GetString());
    }

    [Theory]
    [InlineData("src/my cart.ts")]
    [InlineData("src/say \"hi\".ts")]
    public async Task Flag_check_in_a_file_with_unusual_characters_in_its_path_passes(string path)
    {
        if (OperatingSystem.IsWindows() && path.Contains('"'))
        {
            return; // not a valid file name there
        }
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Commit(Feat, (path, Flagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task Kill_switch_rule_as_warning_reports_but_exits_0()
    {
        using var repo = UnflaggedFeature(Feat);
        repo.Write("flagkeeper.yaml", GitSandbox.FlagkeeperPreset + "rules:\n  kill-switch-missing: warning\n");

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("warning", Assert.Single(Findings(result, "kill-switch-missing")).GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Kill_switch_rule_off_removes_the_finding()
    {
        using var repo = UnflaggedFeature(Feat);
        repo.Write("flagkeeper.yaml", GitSandbox.FlagkeeperPreset + "rules:\n  kill-switch-missing: off\n");

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task Deleting_production_code_in_a_feature_passes()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("src/cart.ts", Unflagged), ("src/keep.ts", "export const k = 1;\n"));
        File.Delete(repo["src/cart.ts"]);
        repo.Commit(Feat);

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    // ---------------------------------------------------------------- kill-switch: suppression, merges, root commit, ranges

    [Fact]
    public async Task Ignore_comment_on_an_added_line_suppresses_the_finding()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Commit(Feat, ("src/cart.ts", "// flagkeeper-ignore: kill-switch-missing\n" + Unflagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.True(Stat(result, "suppressed") >= 1, result.ToString());
    }

    [Fact]
    public async Task Ignore_comment_for_another_rule_does_not_suppress_the_finding()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Commit(Feat, ("src/cart.ts", "// flagkeeper-ignore: unused-flag\n" + Unflagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Single(Findings(result, "kill-switch-missing"));
        Assert.Equal(0, Stat(result, "suppressed"));
    }

    [Fact]
    public async Task Merge_commit_is_skipped()
    {
        using var repo = GitSandbox.Create();
        var baseCommit = repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Git("checkout", "-q", "-b", "topic");
        repo.Commit("fix: cart " + Task + " [MODE:F]", ("src/cart.ts", Unflagged));
        repo.Git("checkout", "-q", "main");
        repo.Commit("chore: docs " + Task + " [MODE:NF]", ("docs/a.md", "a\n"));
        // A feat subject on the merge itself: only the merge rule keeps it from firing.
        repo.Git("merge", "-q", "--no-ff", "-m", Feat, "topic");
        Assert.Equal(2, repo.Git("rev-list", "--parents", "-n", "1", "HEAD").Trim().Split(' ').Length - 1);

        var head = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");
        var range = await Check(repo.Path, "--gate", "kill-switch", "--format", "json", "--range", baseCommit + "..HEAD");

        Assert.True(head.ExitCode == 0, head.ToString());
        Assert.Empty(Findings(head));
        Assert.True(range.ExitCode == 0, range.ToString());
        Assert.Empty(Findings(range));
        Assert.Equal(3, Stat(range, "commitsChecked"));
    }

    [Fact]
    public async Task Root_commit_is_checked_against_the_empty_tree()
    {
        using var repo = GitSandbox.Create();
        var root = repo.Commit(Feat, ("src/cart.ts", Unflagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result, "kill-switch-missing"));
        Assert.Equal(root, finding.GetProperty("commit").GetString());
        Assert.Equal("src/cart.ts", finding.GetProperty("file").GetString());
        Assert.Equal(1, finding.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Root_commit_with_a_flag_check_passes()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Feat, ("src/cart.ts", Flagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task Range_reports_each_offending_commit_once()
    {
        using var repo = GitSandbox.Create();
        var a = repo.Commit(Base, ("README.md", "# shop\n"));
        var b1 = repo.Commit("feat: one " + Task + " [MODE:F]", ("src/a.ts", Unflagged), ("src/a2.ts", Unflagged));
        repo.Commit("fix: two " + Task + " [MODE:F]", ("src/b.ts", Unflagged));
        var b3 = repo.Commit("feat: three " + Task + " [MODE:F]", ("src/c.ts", Unflagged));
        var b4 = repo.Commit("feat: four " + Task + " [MODE:F]", ("src/d.ts", Flagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--format", "json", "--range", $"{a}..{b4}");

        Assert.True(result.ExitCode == 1, result.ToString());
        var findings = Findings(result, "kill-switch-missing");
        Assert.Equal(2, findings.Count);
        Assert.Equal(new HashSet<string> { b1, b3 }, findings.Select(f => f.GetProperty("commit").GetString()!).ToHashSet());
        Assert.Equal("src/a.ts", findings.Single(f => f.GetProperty("commit").GetString() == b1).GetProperty("file").GetString());
        Assert.Equal("src/c.ts", findings.Single(f => f.GetProperty("commit").GetString() == b3).GetProperty("file").GetString());
        Assert.Equal(4, Stat(result, "commitsChecked"));
        Assert.Equal(2, Stat(result, "errors"));
    }

    // ---------------------------------------------------------------- commit-message

    [Fact]
    public async Task Invalid_subjects_in_a_range_each_get_a_finding_naming_the_problem()
    {
        using var repo = GitSandbox.Create();
        var start = repo.Commit(Base);
        var cases = new (string Subject, string Problem)[]
        {
            ("feature: add cart " + Task + " [MODE:F]", "unknown type 'feature'"),
            ("feat: add cart [MODE:F]", "no task id"),
            ("feat: add cart [T-2026-02-30-001] [MODE:F]", "2026-02-30 is not a real calendar date"),
            ("feat: add cart " + Task, "no delivery mode"),
        };
        var expected = new Dictionary<string, string>();
        foreach (var (subject, problem) in cases)
        {
            expected[repo.Commit(subject)] = problem;
            repo.Commit("fix: valid one " + Task + " [MODE:NF]");
        }

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json", "--range", start + "..HEAD");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(8, Stat(result, "commitsChecked"));
        var findings = Findings(result);
        Assert.Equal(4, findings.Count);
        Assert.All(findings, f => Assert.Equal("commit-message-invalid", f.GetProperty("rule").GetString()));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), findings.Select(f => f.GetProperty("commit").GetString()!).Order(StringComparer.Ordinal));
        foreach (var finding in findings)
        {
            var message = finding.GetProperty("message").GetString()!;
            Assert.Equal("error", finding.GetProperty("severity").GetString());
            Assert.Contains(expected[finding.GetProperty("commit").GetString()!], message);
            Assert.Contains("Example:", message);
            Assert.Equal(JsonValueKind.Null, finding.GetProperty("file").ValueKind);
        }
    }

    [Theory]
    [InlineData("feat: add cart " + Task + " [MODE:F]")]
    [InlineData("fix: repair " + Task + " [MODE:NF]")]
    [InlineData("revert: undo the cart [T-2024-02-29-017] [MODE:F]")]
    public async Task Valid_subject_passes(string subject)
    {
        using var repo = GitSandbox.Create();
        repo.Commit(subject);

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(1, Stat(result, "commitsChecked"));
    }

    [Fact]
    public async Task Git_generated_subjects_are_exempt()
    {
        using var repo = GitSandbox.Create();
        var start = repo.Commit(Base);
        repo.Git("checkout", "-q", "-b", "topic");
        repo.Commit("fix: topic work " + Task + " [MODE:NF]", ("a.txt", "a\n"));
        repo.Git("checkout", "-q", "main");
        repo.Commit("Revert \"feat: add cart " + Task + " [MODE:F]\"", ("b.txt", "b\n"));
        repo.Commit("fixup! feat: add cart " + Task + " [MODE:F]");
        repo.Commit("squash! feat: add cart " + Task + " [MODE:F]");
        repo.Git("merge", "-q", "--no-ff", "--no-edit", "topic");
        Assert.StartsWith("Merge branch 'topic'", repo.Git("log", "-1", "--format=%s").Trim());

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json", "--range", start + "..HEAD");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(5, Stat(result, "commitsChecked"));

        // Look-alikes of the exempt subjects are not exempt.
        var mergedLike = repo.Commit("Merged the topic");
        var fixupLike = repo.Commit("fixup: cart");

        var after = await Check(repo.Path, "--gate", "commit-message", "--format", "json", "--range", start + "..HEAD");

        Assert.True(after.ExitCode == 1, after.ToString());
        Assert.Equal(new HashSet<string> { mergedLike, fixupLike }, Findings(after).Select(f => f.GetProperty("commit").GetString()!).ToHashSet());
        Assert.Equal(2, Findings(after).Count);
    }

    [Fact]
    public async Task Commit_message_rule_as_warning_reports_but_exits_0()
    {
        using var repo = GitSandbox.Create();
        repo.Write("flagkeeper.yaml", GitSandbox.FlagkeeperPreset + "rules:\n  commit-message-invalid: warning\n");
        var bad = repo.Commit("bad message");

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var finding = Assert.Single(Findings(result, "commit-message-invalid"));
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(bad, finding.GetProperty("commit").GetString());
        Assert.Equal(1, Stat(result, "warnings"));
        Assert.Equal(0, Stat(result, "errors"));
    }

    [Fact]
    public async Task Commit_message_rule_off_removes_the_finding()
    {
        using var repo = GitSandbox.Create();
        repo.Write("flagkeeper.yaml", GitSandbox.FlagkeeperPreset + "rules:\n  commit-message-invalid: off\n");
        repo.Commit("bad message");

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task Commit_types_from_the_configuration_are_the_only_types()
    {
        using var repo = GitSandbox.Create();
        repo.Write("flagkeeper.yaml", "version: 1\ncommits:\n  preset: flagkeeper\n  types: [feat, docs]\n");
        var start = repo.Commit("docs: explain the cart " + Task + " [MODE:NF]");
        repo.Commit("docs: explain more " + Task + " [MODE:NF]");
        var fix = repo.Commit("fix: repair " + Task + " [MODE:F]");

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json", "--range", start + "..HEAD");

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal(fix, finding.GetProperty("commit").GetString());
        Assert.Contains("unknown type 'fix'", finding.GetProperty("message").GetString());
    }

    // ---------------------------------------------------------------- delivery-mode

    [Fact]
    public async Task Mode_missing_is_off_by_default()
    {
        using var repo = GitSandbox.Create();
        repo.Commit("feat: add cart " + Task);

        var result = await Check(repo.Path, "--gate", "delivery-mode", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(1, Stat(result, "commitsChecked"));
    }

    [Fact]
    public async Task Mode_missing_as_warning_reports_commits_without_a_mode_tag()
    {
        using var repo = GitSandbox.Create();
        repo.Write("flagkeeper.yaml", GitSandbox.FlagkeeperPreset + "rules:\n  mode-missing: warning\n");
        var start = repo.Commit(Base);
        var untagged = repo.Commit("feat: add cart " + Task);
        repo.Commit("fix: repair " + Task + " [MODE:NF]");
        repo.Commit("feat: more " + Task + " [MODE:F]");

        var result = await Check(repo.Path, "--gate", "delivery-mode", "--format", "json", "--range", start + "..HEAD");

        Assert.True(result.ExitCode == 0, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("mode-missing", finding.GetProperty("rule").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(untagged, finding.GetProperty("commit").GetString());
    }

    // ---------------------------------------------------------------- ranges

    [Fact]
    public async Task Without_range_only_HEAD_is_checked()
    {
        using var repo = GitSandbox.Create();
        repo.Commit("bad message one");
        repo.Commit("bad message two", ("src/cart.ts", Unflagged));
        repo.Commit("fix: good " + Task + " [MODE:NF]");

        var result = await Check(repo.Path, "--gate", "commit-message", "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(1, Stat(result, "commitsChecked"));
    }

    [Fact]
    public async Task Range_HEAD_minus_2_checks_exactly_two_commits()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);
        repo.Commit("bad message one");
        var second = repo.Commit("bad message two");
        repo.Commit("fix: good " + Task + " [MODE:NF]");

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json", "--range", "HEAD~2..HEAD");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(2, Stat(result, "commitsChecked"));
        var finding = Assert.Single(Findings(result));
        Assert.Equal(second, finding.GetProperty("commit").GetString());
    }

    [Fact]
    public async Task Empty_range_passes_without_claiming_the_repository_has_no_commits()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);
        repo.Commit("bad message");

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json", "--range", "HEAD..HEAD");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, Stat(result, "commitsChecked"));
        Assert.DoesNotContain(result.Json().RootElement.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("no commits yet"));
    }

    [Fact]
    public async Task Json_lists_each_checked_commit_with_its_mode_and_where_the_mode_came_from()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);
        var tagged = repo.Commit("fix: tagged " + Task + " [MODE:NF]");
        var untagged = repo.Commit("chore: no tag at all");

        var byTag = await Check(repo.Path, "--gate", "delivery-mode", "--format", "json", "--range", "HEAD~2..HEAD");
        var forced = await CliRunner.RunAsync(repo.Path, ["check", "--gate", "delivery-mode", "--format", "json", "--range", "HEAD~2..HEAD"],
            new Dictionary<string, string> { ["FLAGKEEPER_MODE"] = "NF" });
        var option = await Check(repo.Path, "--gate", "delivery-mode", "--format", "json", "--range", "HEAD~2..HEAD", "--mode", "F");

        static List<(string?, string?, string?, string?)> Commits(CliResult result) =>
            [.. result.Json().RootElement.GetProperty("commits").EnumerateArray().Select(c =>
                (c.GetProperty("id").GetString(), c.GetProperty("type").GetString(), c.GetProperty("mode").GetString(), c.GetProperty("modeSource").GetString()))];
        Assert.Equal([(tagged, "fix", "NF", "tag"), (untagged, "chore", "F", "default")], Commits(byTag));
        Assert.Equal([(tagged, "fix", "NF", "environment"), (untagged, "chore", "NF", "environment")], Commits(forced));
        Assert.Equal([(tagged, "fix", "F", "option"), (untagged, "chore", "F", "option")], Commits(option));
        var text = await Check(repo.Path, "--gate", "delivery-mode", "--range", "HEAD~2..HEAD");
        Assert.Contains("delivery-mode passed (2 commits: 1 F by default (no tag), 1 NF by tag)", text.Stdout);
    }

    [Fact]
    public async Task Single_commit_range_checks_exactly_that_commit_even_when_it_is_not_HEAD()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);
        var bad = repo.Commit("bad message");
        repo.Commit("fix: good " + Task + " [MODE:NF]");

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json", "--range", bad + "^!");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(1, Stat(result, "commitsChecked"));
        Assert.Equal(bad, Assert.Single(Findings(result)).GetProperty("commit").GetString());
        var unknown = await Check(repo.Path, "--gate", "commit-message", "--range", "nosuchcommit^!");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
    }

    [Fact]
    public async Task Unknown_base_is_a_git_error_with_a_deepen_hint()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);

        var result = await Check(repo.Path, "--format", "json", "--range", "nosuchref..HEAD");

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("passed").GetBoolean());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "FK7001");
        Assert.Contains("git fetch --deepen", error.GetProperty("message").GetString());
        Assert.Contains("nosuchref", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("HEAD~1...HEAD")]
    [InlineData("0000000000000000000000000000000000000000..HEAD")]
    [InlineData("HEAD")]
    [InlineData("..HEAD")]
    public async Task Malformed_range_is_a_usage_error(string range)
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);
        repo.Commit(Feat, ("src/cart.ts", Unflagged));

        var result = await Check(repo.Path, "--format", "json", "--range", range);

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public async Task Shallow_clone_whose_head_feature_touches_production_code_is_an_error_never_a_pass()
    {
        using var origin = GitSandbox.Create();
        origin.Commit(Base, ("README.md", "# shop\n"));
        origin.Commit("fix: tidy " + Task + " [MODE:NF]", ("src/a.ts", "export const a = 1;\n"));
        origin.Commit(Feat, ("src/a.ts", "export const a = 1;\nexport const b = 2;\n"));
        using var target = new TempDirectory();
        var clone = Clone(origin, target);
        Assert.Equal("true", GitSandbox.Run(clone, "rev-parse", "--is-shallow-repository").Trim());

        var gate = await Check(clone, "--gate", "kill-switch", "--format", "json");
        var all = await Check(clone, "--format", "json");

        foreach (var result in new[] { gate, all })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains(result.Json().RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "FK7003");
            Assert.Contains("fetch", result.Stdout);
        }
    }

    [Fact]
    public async Task Shallow_clone_of_a_single_root_commit_is_checked_like_the_root_commit()
    {
        using var origin = GitSandbox.Create();
        var root = origin.Commit(Feat, ("src/cart.ts", Unflagged));
        using var target = new TempDirectory();
        var clone = Clone(origin, target);

        var result = await Check(clone, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(root, Assert.Single(Findings(result, "kill-switch-missing")).GetProperty("commit").GetString());
    }

    [Fact]
    public async Task Shallow_clone_whose_head_is_no_feature_passes()
    {
        using var origin = GitSandbox.Create();
        origin.Commit(Base, ("README.md", "# shop\n"));
        origin.Commit("fix: tidy " + Task + " [MODE:F]", ("src/a.ts", "export const a = 1;\n"));
        using var target = new TempDirectory();
        var clone = Clone(origin, target);

        var result = await Check(clone, "--gate", "kill-switch", "--gate", "commit-message", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task Shallow_clone_with_a_base_that_was_not_fetched_is_a_git_error()
    {
        using var origin = GitSandbox.Create();
        var first = origin.Commit(Base, ("README.md", "# shop\n"));
        origin.Commit("fix: tidy " + Task + " [MODE:NF]", ("src/a.ts", "export const a = 1;\n"));
        origin.Commit("fix: more " + Task + " [MODE:NF]", ("src/a.ts", "export const a = 2;\n"));
        using var target = new TempDirectory();
        var clone = Clone(origin, target);

        var result = await Check(clone, "--gate", "kill-switch", "--format", "json", "--range", first + "..HEAD");

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.Json().RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "FK7001");
        Assert.Contains("git fetch --deepen", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Repository_without_commits_passes_with_a_notice()
    {
        using var repo = GitSandbox.Create();
        repo.Write("src/cart.ts", Flagged);

        var result = await Check(repo.Path, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json().RootElement;
        Assert.Contains(json.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("no commits"));
        Assert.Equal(0, Stat(result, "commitsChecked"));
        Assert.Empty(json.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Outside_git_the_git_gates_are_skipped_and_flag_lint_decides()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry);
        dir.Write("src/cart.ts", Flagged);

        var clean = await Check(dir.Path, ["--format", "json"], OutsideGit(dir));

        Assert.True(clean.ExitCode == 0, clean.ToString());
        var json = clean.Json().RootElement;
        foreach (var id in new[] { "kill-switch", "commit-message", "delivery-mode" })
        {
            var gate = Gate(clean, id);
            Assert.True(gate.GetProperty("skipped").GetBoolean(), id);
            Assert.False(string.IsNullOrEmpty(gate.GetProperty("skipReason").GetString()), id);
        }
        Assert.False(Gate(clean, "flag-lint").GetProperty("skipped").GetBoolean());
        Assert.Contains(json.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("git gates skipped"));
        Assert.Empty(json.GetProperty("errors").EnumerateArray());

        dir.Write("src/other.ts", "if (isEnabled('not-registered')) {\n}\n");

        var dirty = await Check(dir.Path, ["--format", "json"], OutsideGit(dir));

        Assert.True(dirty.ExitCode == 1, dirty.ToString());
        Assert.Single(Findings(dirty, "unregistered-flag"));
        Assert.True(Gate(dirty, "kill-switch").GetProperty("skipped").GetBoolean());
    }

    [Fact]
    public async Task Outside_git_a_range_is_an_error()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry);
        dir.Write("src/cart.ts", Flagged);

        var result = await Check(dir.Path, ["--format", "json", "--range", "a..b"], OutsideGit(dir));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.NotEmpty(result.Json().RootElement.GetProperty("errors").EnumerateArray());
    }

    // ---------------------------------------------------------------- a root below the top of the repository

    [Fact]
    public async Task Sub_folder_root_ignores_production_code_outside_it()
    {
        using var repo = GitSandbox.Create(registry: null);
        repo.Write("sub/flags.yaml", GitSandbox.DefaultRegistry);
        repo.Commit(Base, ("sub/README.md", "# sub\n"));
        repo.Commit(Feat, ("src/app.ts", Unflagged), ("sub/docs.md", "more\n"));

        var sub = await Check(repo.Path, "sub", "--gate", "kill-switch", "--format", "json");
        var top = await Check(repo.Path, ".", "--gate", "kill-switch", "--format", "json");

        Assert.True(sub.ExitCode == 0, sub.ToString());
        Assert.Empty(Findings(sub));
        Assert.True(top.ExitCode == 1, top.ToString());
        Assert.Equal("src/app.ts", Assert.Single(Findings(top)).GetProperty("file").GetString());
    }

    [Fact]
    public async Task Sub_folder_root_reports_repository_relative_paths_in_github_format()
    {
        using var repo = GitSandbox.Create(registry: null);
        repo.Write("sub/flags.yaml", GitSandbox.DefaultRegistry);
        repo.Commit(Base, ("sub/README.md", "# sub\n"));
        var feat = repo.Commit(Feat, ("sub/src/cart.ts", Unflagged));

        var json = await Check(repo.Path, "sub", "--gate", "kill-switch", "--format", "json");
        var github = await Check(repo.Path, "sub", "--gate", "kill-switch", "--format", "github");

        Assert.True(json.ExitCode == 1, json.ToString());
        var finding = Assert.Single(Findings(json));
        Assert.Equal("src/cart.ts", finding.GetProperty("file").GetString());
        Assert.Equal(feat, finding.GetProperty("commit").GetString());
        Assert.True(github.ExitCode == 1, github.ToString());
        var line = Assert.Single(github.Stdout.Split('\n'), l => l.StartsWith("::error ", StringComparison.Ordinal));
        Assert.Contains("file=sub/src/cart.ts,", line);
        Assert.Contains("line=1,", line);
        Assert.Contains("kill-switch-missing", line);
    }

    // ---------------------------------------------------------------- helpers

    private static GitSandbox UnflaggedFeature(string subject)
    {
        var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Commit(subject, ("src/cart.ts", Unflagged));
        return repo;
    }

    /// <summary>A --depth 1 clone of <paramref name="origin"/> in <paramref name="target"/>; returns its path.</summary>
    private static string Clone(GitSandbox origin, TempDirectory target)
    {
        var path = Path.Combine(target.Path, "shallow");
        GitSandbox.Run(target.Path, "clone", "-q", "--depth", "1", new Uri(origin.Path).AbsoluteUri, path);
        return path;
    }

    /// <summary>Keeps git from finding a repository above the temp folder, whatever the machine's layout.</summary>
    private static Dictionary<string, string> OutsideGit(TempDirectory dir) =>
        new() { ["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(dir.Path)! };

    private static Task<CliResult> Check(string directory, params string[] args) => Check(directory, args, []);

    private static Task<CliResult> Check(string directory, string[] args, Dictionary<string, string> environment)
    {
        var merged = new Dictionary<string, string> { ["FLAGKEEPER_MODE"] = "" };
        foreach (var (name, value) in environment)
        {
            merged[name] = value;
        }
        return CliRunner.RunAsync(directory, ["check", .. args, "--no-cache"], merged);
    }

    private static JsonElement Gate(CliResult result, string id) =>
        result.Json().RootElement.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("id").GetString() == id);

    private static List<JsonElement> Findings(CliResult result, string? rule = null) =>
    [
        .. result.Json().RootElement.GetProperty("gates").EnumerateArray()
            .SelectMany(g => g.GetProperty("findings").EnumerateArray())
            .Where(f => rule is null || f.GetProperty("rule").GetString() == rule),
    ];

    private static int Stat(CliResult result, string name) => result.Json().RootElement.GetProperty("stats").GetProperty(name).GetInt32();
}
