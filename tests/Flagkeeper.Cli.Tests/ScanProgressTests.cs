using System.Diagnostics;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Cli.Rendering;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// The progress line on standard error: drawn only on an interactive terminal, for text output, without --quiet or
/// JSON logs, and only after a second. (That it draws on a terminal during a scan of tens of thousands of files was
/// checked by hand under `script`; a test tree that slow would make the suite slow.)
/// </summary>
public class ScanProgressTests
{
    [Theory]
    [InlineData(true, "text", false, false, true)]
    [InlineData(false, "text", false, false, false)] // a pipe, a file, a CI log
    [InlineData(true, "json", false, false, false)]
    [InlineData(true, "sarif", false, false, false)]
    [InlineData(true, "github", false, false, false)]
    [InlineData(true, "file", false, false, false)] // check --output FILE
    [InlineData(true, "text", true, false, false)] // --quiet
    [InlineData(true, "text", false, true, false)] // --log-format json
    public void Progress_is_shown_only_to_a_person_at_a_terminal(bool terminal, string format, bool quiet, bool jsonLog, bool shown)
    {
        using var monitor = new PerformanceMonitor();
        var context = new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System, monitor) { Quiet = quiet, JsonLog = jsonLog };

        Assert.Equal(shown, ScanProgress.Wanted(context, format, terminal));
    }

    [Fact]
    public void A_fast_scan_on_a_terminal_draws_no_progress()
    {
        using var dir = new TempDirectory();
        dir.Write("src/a.ts", "if (isEnabled('alpha')) {}\n");
        var cli = CliRunner.CliExecutable is { } native ? $"'{native}'" : $"dotnet '{CliRunner.CliDll}'";

        // script(1) gives the CLI a pseudo-terminal for standard error; standard output goes to a file.
        var start = new ProcessStartInfo("script") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-qec", $"{cli} scan . --no-cache > out.txt", "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var terminal = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, terminal);
        Assert.DoesNotContain("scanning", terminal);
        Assert.StartsWith("src/a.ts:1:16  alpha  (", dir.Read("out.txt"));
    }
}
