
namespace Flagkeeper.Cli.Tests;

public partial class CheckGitGateTests
{
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
}
