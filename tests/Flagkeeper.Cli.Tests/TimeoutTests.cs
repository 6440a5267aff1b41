using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// <c>--timeout SECONDS</c> on scan and check, through the real CLI: a budget too small for the tree stops the run,
/// prints what was found, marks it incomplete in every format and exits 2; a bad value is refused before any work.
/// (The exact cut-off point is tested with a fake clock in Flagkeeper.Analysis.Tests, ScanBudgetTests.)
/// </summary>
public class TimeoutTests
{
    private const int Files = 300;

    /// <summary>A tree whose scan takes far longer than a millisecond: <see cref="Files"/> files in 30 folders, one usage each.</summary>
    private static TempDirectory Tree()
    {
        var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f0:\n    description: d\n    owner: o\n    type: operational\n");
        for (var i = 0; i < Files; i++)
        {
            dir.Write($"src/d{i % 30}/file{i}.ts", $"if (isEnabled('f{i}')) {{}}\n");
        }
        return dir;
    }

    [Theory]
    [InlineData("abc", "--timeout 'abc' is not a number of seconds")]
    [InlineData("1,5", "write decimals with a dot: 1.5")]
    [InlineData("-1", "--timeout '-1' is not a number of seconds")]
    [InlineData("0", "--timeout 0 is no time at all")]
    [InlineData("0.000", "--timeout 0.000 is no time at all")]
    [InlineData("0.0001", "with at most 3 decimals")]
    [InlineData("", "Required argument missing for option: '--timeout'")]
    public void A_bad_timeout_is_refused_with_exit_2_before_any_work(string value, string message)
    {
        using var dir = new TempDirectory();
        dir.Write("src/app.ts", "if (isEnabled('f')) {}\n");

        var scan = CliRunner.Run(dir.Path, "scan", ".", "--format", "json", $"--timeout={value}");
        var check = CliRunner.Run(dir.Path, "check", ".", "--no-cache", $"--timeout={value}");

        foreach (var run in new[] { scan, check })
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("error FK1005: ", run.Stderr);
            Assert.Contains(message, run.Stderr);
            Assert.Equal("", run.Stdout);
        }
        Assert.False(Directory.Exists(dir[".flagkeeper"])); // nothing ran: no cache, no history
    }

    [Fact]
    public void Scan_json_out_of_time_is_partial_marked_incomplete_and_exit_2()
    {
        using var dir = Tree();

        var result = CliRunner.Run(dir.Path, "scan", ".", "--format", "json", "--timeout", "0.001");

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("complete").GetBoolean());
        var reason = json.GetProperty("incompleteReason").GetString()!;
        Assert.StartsWith("the time budget of 0.001 s (--timeout) ran out after ", reason);
        var scanned = json.GetProperty("stats").GetProperty("filesScanned").GetInt32();
        Assert.Contains($"after {scanned} file(s) were scanned", reason);
        Assert.True(scanned < Files, $"{scanned} files scanned: the budget did not stop the scan");
        // What is printed is exactly what the scanned files hold: one usage per scanned file.
        Assert.Equal(scanned, json.GetProperty("usages").GetArrayLength());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("FK5002", error.GetProperty("code").GetString());
        Assert.Equal("High", error.GetProperty("severity").GetString());
        Assert.Equal(reason + "; the results are partial", error.GetProperty("message").GetString());
        Assert.False(File.Exists(dir[".flagkeeper/cache/scan-v1.bin"])); // a partial scan writes no cache
        Assert.False(File.Exists(dir[".flagkeeper/perf/history.jsonl"])); // nor a history record
    }

    [Fact]
    public void Scan_text_out_of_time_ends_with_an_incomplete_line()
    {
        using var dir = Tree();

        var result = CliRunner.Run(dir.Path, "scan", ".", "--timeout", "0.001", "--no-cache");

        Assert.True(result.ExitCode == 2, result.ToString());
        var last = result.Stdout.TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^INCOMPLETE: the time budget of 0\.001 s \(--timeout\) ran out after \d+ file\(s\) were scanned; the usages above are only part of the tree$", last);
        Assert.Contains("error FK5002: the time budget of 0.001 s (--timeout) ran out", result.Stderr);
    }

    [Fact]
    public void A_budget_that_suffices_changes_nothing()
    {
        using var dir = Tree();

        var timed = CliRunner.Run(dir.Path, "scan", ".", "--format", "json", "--no-cache", "--timeout", "600");
        var untimed = CliRunner.Run(dir.Path, "scan", ".", "--format", "json", "--no-cache");

        Assert.True(timed.ExitCode == 0, timed.ToString());
        Assert.True(timed.Json().RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, timed.Json().RootElement.GetProperty("incompleteReason").ValueKind);
        Assert.Equal(Files, timed.Json().RootElement.GetProperty("usages").GetArrayLength());
        Assert.Equal(untimed.Json().RootElement.GetProperty("usages").GetRawText(), timed.Json().RootElement.GetProperty("usages").GetRawText());
    }

    [Fact]
    public void Check_out_of_time_reports_partial_findings_as_incomplete_in_every_format()
    {
        using var dir = Tree();

        var json = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--no-cache", "--format", "json", "--timeout", "0.001");
        var text = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--no-cache", "--timeout", "0.001");
        var sarif = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--no-cache", "--format", "sarif", "--timeout", "0.001");

        Assert.True(json.ExitCode == 2, json.ToString());
        var root = json.Json().RootElement;
        Assert.False(root.GetProperty("complete").GetBoolean());
        Assert.Equal("incomplete", root.GetProperty("status").GetString());
        Assert.StartsWith("the time budget of 0.001 s (--timeout) ran out", root.GetProperty("incompleteReason").GetString());
        var gate = Assert.Single(root.GetProperty("gates").EnumerateArray());
        Assert.Equal("incomplete", gate.GetProperty("status").GetString());
        Assert.StartsWith("the time budget of 0.001 s (--timeout) ran out", gate.GetProperty("incompleteReason").GetString());
        // The findings are exactly those of the scanned files: f0 is registered, every other flag is not; a partial
        // scan judges no flag unused (it never saw most of the code).
        var scanned = root.GetProperty("stats").GetProperty("filesScanned").GetInt32();
        var usages = root.GetProperty("stats").GetProperty("usages").GetInt32();
        Assert.True(scanned < Files, $"{scanned} files scanned");
        var findings = gate.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f =>
        {
            Assert.Equal("unregistered-flag", f.GetProperty("rule").GetString());
            var i = int.Parse(f.GetProperty("flag").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"src/d{i % 30}/file{i}.ts", f.GetProperty("file").GetString());
        });
        Assert.InRange(findings.Count, Math.Max(0, usages - 1), usages);
        Assert.Equal("FK5002", Assert.Single(root.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());

        Assert.True(text.ExitCode == 2, text.ToString());
        Assert.StartsWith("flag-lint could not run (the time budget of 0.001 s (--timeout) ran out", text.Stdout);
        Assert.StartsWith("INCOMPLETE (the time budget ran out; the findings are partial)", text.Stdout.TrimEnd().Split('\n')[^1]);

        Assert.True(sarif.ExitCode == 2, sarif.ToString());
        var invocation = sarif.Json().RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void Check_out_of_time_does_not_begin_the_git_gates_and_says_why()
    {
        using var repo = GitSandbox.Create();
        for (var i = 0; i < Files; i++)
        {
            repo.Write($"src/d{i % 30}/file{i}.ts", $"if (isEnabled('new-checkout')) {{}} // {i}\n");
        }
        repo.Commit("feat: files [T-2026-12-06-001] [MODE:NF]");

        var result = CliRunner.Run(repo.Path, "check", ".", "--gate", "flag-lint", "--gate", "commit-message", "--no-cache", "--format", "json", "--timeout", "0.001");

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        var commitMessage = json.GetProperty("gates")[1];
        Assert.Equal(("commit-message", "incomplete"), (commitMessage.GetProperty("id").GetString(), commitMessage.GetProperty("status").GetString()));
        Assert.Equal("the time budget of 0.001 s (--timeout) ran out before this gate began", commitMessage.GetProperty("incompleteReason").GetString());
        Assert.Empty(commitMessage.GetProperty("findings").EnumerateArray());
        Assert.Empty(json.GetProperty("commits").EnumerateArray());
        // One FK5002, from the scan that ran out first; the gates that never began add no second one.
        Assert.Equal("FK5002", Assert.Single(json.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
    }
}
