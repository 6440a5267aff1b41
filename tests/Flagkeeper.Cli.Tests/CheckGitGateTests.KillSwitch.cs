
namespace Flagkeeper.Cli.Tests;

public partial class CheckGitGateTests
{
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
}
