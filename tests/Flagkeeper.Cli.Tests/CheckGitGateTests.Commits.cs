using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

public partial class CheckGitGateTests
{
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
}
