using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `commits: { preset: ... }` end to end: the out-of-the-box conventional preset in `check` and the
/// commit-msg hook, breaking changes in JSON, the kill-switch gate's feature commits per preset, and none.
/// </summary>
public class CommitPresetTests
{
    private const string Unflagged = "export function checkout() {\n  return 3;\n}\n";

    [Fact]
    public async Task Out_of_the_box_a_conventional_commit_passes_the_hook()
    {
        using var dir = new TempDirectory();

        var result = await CommitMsg(dir, "fix: correct the typo\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Out_of_the_box_the_hook_names_each_commitlint_rule_and_suggests_a_header()
    {
        using var dir = new TempDirectory();

        var result = await CommitMsg(dir, "Fix(API): Correct the typo.\n");

        Assert.True(result.ExitCode == 1, result.ToString());
        foreach (var rule in new[] { "type-case", "subject-case", "subject-full-stop" })
        {
            Assert.Contains($"  - {rule}: ", result.Stderr);
        }
        Assert.Contains("example: fix(API): correct the typo", result.Stderr);
        Assert.DoesNotContain("scope-case", result.Stderr); // config-conventional leaves the scope's case alone
        Assert.Contains("convention: Conventional Commits (preset: conventional)", result.Stderr);
    }

    [Fact]
    public async Task The_hook_warns_about_a_missing_blank_line_but_lets_the_commit_through()
    {
        using var dir = new TempDirectory();

        var result = await CommitMsg(dir, "fix: correct the typo\nthe body starts at once\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning commit-message-invalid: body-leading-blank", result.Stderr);
    }

    [Fact]
    public async Task The_none_preset_lets_any_message_through()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "commits: { preset: none }\n");

        var result = await CommitMsg(dir, "WIP: Stuff.\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task An_unknown_preset_is_a_located_error_with_exit_2()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "commits:\n  preset: conventionnal\n");

        var result = await CommitMsg(dir, "fix: a\n");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("flagkeeper.yaml:2:11: error FK1003: commits: preset must be conventional, flagkeeper or none, found 'conventionnal' (did you mean 'conventional'?)", result.Stderr);
    }

    [Fact]
    public async Task Check_reports_commitlint_rules_warnings_and_breaking_changes_in_json()
    {
        using var repo = GitSandbox.Create(config: null);
        repo.Commit("chore: base", ("README.md", "# shop\n"));
        repo.Commit("feat(api)!: drop the v1 endpoint");
        repo.Commit("fix: a\nno blank line above\n\nBREAKING CHANGE: the old flag is gone");
        repo.Commit("Fix: Correct the typo.");

        var result = await Check(repo.Path, "--range", "HEAD~3..HEAD", "--gate", "commit-message");

        Assert.True(result.ExitCode == 1, result.ToString());
        var findings = Findings(result);
        Assert.Collection(findings,
            warning =>
            {
                Assert.Equal("warning", warning.GetProperty("severity").GetString());
                Assert.Contains("body-leading-blank", warning.GetProperty("message").GetString());
            },
            error =>
            {
                Assert.Equal("error", error.GetProperty("severity").GetString());
                Assert.Contains("\"Fix: Correct the typo.\": type-case:", error.GetProperty("message").GetString());
            });
        var breaking = result.Json().RootElement.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("breaking").GetBoolean());
        Assert.Equal([true, true, false], breaking);
    }

    [Theory]
    [InlineData("conventional", "feat: add checkout", true)]
    [InlineData("conventional", "feat(cart)!: replace checkout", true)]
    [InlineData("conventional", "feat: add checkout [MODE:NF]", true)] // tags are not read outside the flagkeeper preset
    [InlineData("conventional", "fix: add checkout", false)]
    [InlineData("none", "feat: add checkout", true)]
    [InlineData("none", "add checkout", false)]
    [InlineData("flagkeeper", "feat: add checkout [T-2026-11-28-001] [MODE:F]", true)]
    [InlineData("flagkeeper", "feat: add checkout [T-2026-11-28-001] [MODE:NF]", false)]
    public async Task The_kill_switch_gate_judges_the_feature_commits_of_the_preset(string preset, string subject, bool judged)
    {
        using var repo = GitSandbox.Create(config: $"commits: {{ preset: {preset} }}\n");
        repo.Commit("chore: base [T-2026-11-28-001] [MODE:NF]", ("src/cart.ts", "export const a = 1;\n"));
        repo.Commit(subject, ("src/cart.ts", "export const a = 1;\n" + Unflagged));

        var result = await Check(repo.Path, "--gate", "kill-switch");

        Assert.True(result.ExitCode == (judged ? 1 : 0), result.ToString());
        Assert.Equal(judged ? 1 : 0, Findings(result).Count);
    }

    [Fact]
    public async Task Mode_option_still_marks_conventional_feature_commits_as_no_behaviour_change()
    {
        using var repo = GitSandbox.Create(config: null);
        repo.Commit("chore: base", ("src/cart.ts", "export const a = 1;\n"));
        repo.Commit("feat: add checkout", ("src/cart.ts", "export const a = 1;\n" + Unflagged));

        var result = await Check(repo.Path, "--gate", "kill-switch", "--mode", "NF");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Mode_missing_never_fires_outside_the_flagkeeper_preset()
    {
        using var repo = GitSandbox.Create(config: "rules:\n  mode-missing: error\n");
        repo.Commit("fix: correct the typo");

        var result = await Check(repo.Path, "--gate", "delivery-mode");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    private static Task<CliResult> CommitMsg(TempDirectory dir, string message)
    {
        var file = dir.Write("COMMIT_EDITMSG", message);
        return CliRunner.RunAsync(dir.Path, ["commit-msg", file, "-C", dir.Path]);
    }

    private static Task<CliResult> Check(string directory, params string[] args) =>
        CliRunner.RunAsync(directory, ["check", .. args, "--format", "json", "--no-cache"], new Dictionary<string, string> { ["FLAGKEEPER_MODE"] = "" });

    private static List<JsonElement> Findings(CliResult result) =>
    [
        .. result.Json().RootElement.GetProperty("gates").EnumerateArray().SelectMany(g => g.GetProperty("findings").EnumerateArray()),
    ];
}
