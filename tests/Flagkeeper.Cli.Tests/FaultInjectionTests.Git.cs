using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>git missing from PATH, or the folder in no repository: a clear git error (or notice), and the gates that
/// need no git still report exactly what they found.</summary>
public partial class FaultInjectionTests
{
    /// <summary>A repository with one commit; src/b/b.ts checks 'beta', which no registry has: one flag-lint finding.</summary>
    private static GitSandbox Repository()
    {
        var repo = GitSandbox.Create(registry: "version: 1\nflags:\n  alpha:\n    description: d\n    owner: o\n    type: operational\n");
        repo.Commit("feat: first [T-2026-12-06-001] [MODE:NF]", ("src/a.ts", "if (isEnabled('alpha')) {}\n"), ("src/b/b.ts", "if (isEnabled('beta')) {}\n"));
        return repo;
    }

    /// <summary>PATH holding one empty folder: git cannot be found (dotnet itself is started by the test, not from PATH).</summary>
    private static Dictionary<string, string> WithoutGit(TempDirectory empty) => new() { ["PATH"] = empty.Path };

    private static void AssertOnlyBetaIsUnregistered(JsonElement gate)
    {
        var finding = Assert.Single(gate.GetProperty("findings").EnumerateArray());
        Assert.Equal(("unregistered-flag", "beta", "src/b/b.ts", 1), (finding.GetProperty("rule").GetString(), finding.GetProperty("flag").GetString(),
            finding.GetProperty("file").GetString(), finding.GetProperty("line").GetInt32()));
    }

    [Fact]
    public async Task Git_missing_from_path_skips_the_git_gates_with_gits_reason_and_flag_lint_still_reports()
    {
        using var repo = Repository();
        using var empty = new TempDirectory();

        var result = await CliRunner.RunAsync(repo.Path, ["check", ".", "--gate", "flag-lint", "--gate", "commit-message", "--format", "json", "--no-cache"], WithoutGit(empty));

        Assert.True(result.ExitCode == 1, result.ToString()); // flag-lint's finding, nothing hidden
        var json = result.Json().RootElement;
        AssertOnlyBetaIsUnregistered(json.GetProperty("gates")[0]);
        Assert.True(json.GetProperty("gates")[1].GetProperty("skipped").GetBoolean());
        var notice = Assert.Single(json.GetProperty("notices").EnumerateArray(), n => n.GetString()!.StartsWith("git gates skipped", StringComparison.Ordinal)).GetString();
        Assert.StartsWith("git gates skipped (commit-message): not in a git repository (or git is not installed): finding the git repository that holds the folder failed: git could not be started (is it installed and on PATH?): ", notice);
        Assert.Contains("'git'", notice); // the operating system's own words name the program it could not start
        Assert.Empty(json.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Git_missing_from_path_with_a_range_is_a_git_error_and_flag_lint_still_reports()
    {
        using var repo = Repository();
        using var empty = new TempDirectory();

        var result = await CliRunner.RunAsync(repo.Path, ["check", ".", "--range", "HEAD^!", "--gate", "flag-lint", "--gate", "commit-message", "--format", "json", "--no-cache"], WithoutGit(empty));

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        AssertOnlyBetaIsUnregistered(json.GetProperty("gates")[0]);
        Assert.Equal("incomplete", json.GetProperty("gates")[1].GetProperty("status").GetString());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal(("FK7002", "Git"), (error.GetProperty("code").GetString(), error.GetProperty("category").GetString()));
        Assert.StartsWith("finding the git repository that holds the folder failed: git could not be started (is it installed and on PATH?): ", error.GetProperty("message").GetString());
        Assert.Equal("""{"total":1,"byCategory":{"Git":1},"bySeverity":{"High":1},"recovery":{"attempts":0,"succeeded":0}}""", Counts(result));
    }

    [Fact]
    public void Outside_a_repository_a_range_is_gits_own_error_and_flag_lint_still_reports()
    {
        using var dir = Healthy();
        dir.Write("flags.yaml", "version: 1\nflags:\n  alpha:\n    description: d\n    owner: o\n    type: operational\n");

        var result = CliRunner.Run(dir.Path, "check", ".", "--range", "main..HEAD", "--gate", "flag-lint", "--gate", "commit-message", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        AssertOnlyBetaIsUnregistered(json.GetProperty("gates")[0]);
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("FK7002", error.GetProperty("code").GetString());
        Assert.StartsWith("finding the git repository that holds the folder failed: fatal: not a git repository", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Scan_changed_since_without_git_is_a_git_error_and_nothing_else()
    {
        using var repo = Repository();
        using var empty = new TempDirectory();

        var result = await CliRunner.RunAsync(repo.Path, ["scan", ".", "--changed-since", "HEAD", "--format", "json"], WithoutGit(empty));

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(Errors(result));
        Assert.Equal("FK7002", error.GetProperty("code").GetString());
        Assert.Contains("failed: git could not be started (is it installed and on PATH?): ", error.GetProperty("message").GetString());
    }
}
