using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// A gate whose input did not load cannot judge, so no report format may call it passed: text says
/// "could not run", JSON "passed": false with "status": "incomplete", SARIF and github an error; exit 2.
/// </summary>
public class CheckIncompleteTests
{
    private static TempDirectory BrokenRegistry()
    {
        var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f: [unclosed\n");
        dir.Write("src/app.ts", "if (isEnabled('f')) {}\n");
        return dir;
    }

    [Fact]
    public void Text_says_flag_lint_could_not_run_never_passed()
    {
        using var dir = BrokenRegistry();

        var result = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--no-cache");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("passed", result.Stdout);
        Assert.StartsWith("flag-lint could not run (1 registry file(s) did not load", result.Stdout);
        Assert.Contains("NO ANSWER", result.Stdout);
    }

    [Fact]
    public void Json_reports_the_gate_incomplete_and_not_passed()
    {
        using var dir = BrokenRegistry();

        var result = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--no-cache", "--format", "json");

        Assert.Equal(2, result.ExitCode);
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("passed").GetBoolean());
        Assert.Equal("incomplete", json.GetProperty("status").GetString());
        var gate = Assert.Single(json.GetProperty("gates").EnumerateArray());
        Assert.False(gate.GetProperty("passed").GetBoolean());
        Assert.Equal("incomplete", gate.GetProperty("status").GetString());
        Assert.Contains("did not load", gate.GetProperty("incompleteReason").GetString());
    }

    [Fact]
    public void Sarif_and_github_report_the_gate_as_an_error()
    {
        using var dir = BrokenRegistry();

        var sarif = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--no-cache", "--format", "sarif");
        var github = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--no-cache", "--format", "github");

        Assert.Equal(2, sarif.ExitCode);
        var invocation = sarif.Json().RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.Contains(invocation.GetProperty("toolExecutionNotifications").EnumerateArray(), n =>
            n.GetProperty("level").GetString() == "error" && n.GetProperty("message").GetProperty("text").GetString()!.StartsWith("gate flag-lint could not run"));
        Assert.Equal(2, github.ExitCode);
        Assert.Contains("::error title=flagkeeper flag-lint::gate flag-lint could not run: 1 registry file(s) did not load", github.Stdout);
    }

    [Fact]
    public void A_clean_run_still_says_passed()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f:\n    description: d\n    owner: o\n    type: operational\n");
        dir.Write("src/app.ts", "if (isEnabled('f')) {}\n");

        var result = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--no-cache", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("passed", result.Json().RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, result.Json().RootElement.GetProperty("gates")[0].GetProperty("incompleteReason").ValueKind);
    }
}
