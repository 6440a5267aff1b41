using System.Text;
using Flagkeeper.Analysis.Performance.History;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// Every real <c>scan</c> and <c>check</c> appends its operations to <c>.flagkeeper/perf/history.jsonl</c>: bounded per
/// series, robust to lines that are not records, and never a reason for the run to fail.
/// </summary>
public class PerfHistoryTests
{
    private const string History = HistoryFile.RelativePath;

    internal static void WriteRepository(TempDirectory dir)
    {
        dir.Write("flags.yaml", "version: 1\nflags:\n  new-checkout:\n    owner: shop\n    type: release\n    expires: 2099-01-01\n");
        dir.Write("src/a.ts", "if (isEnabled('new-checkout')) {}\n");
        dir.Write("src/b.ts", "export const b = 1;\n");
    }

    private static IReadOnlyList<PerfRecord> Records(TempDirectory dir)
    {
        var contents = new HistoryFile(dir.Path).Read();
        Assert.Empty(contents.Warnings);
        return contents.Records;
    }

    /// <summary>A valid line of <paramref name="operation"/>, as an earlier run of this tool would have written it.</summary>
    internal static string Line(string command, string operation, double wallMs, int run, long allocated = 1_000_000, long files = 7, long bytes = 300) =>
        HistoryLine.Write(new PerfRecord
        {
            At = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(run),
            RunId = $"run{run:D4}",
            Command = command,
            Operation = operation,
            Fingerprint = WorkFingerprint.Of(files, bytes),
            WallMs = wallMs,
            CpuMs = wallMs / 2,
            AllocatedBytes = allocated,
            PeakWorkingSetBytes = 50_000_000,
            Files = files,
            Bytes = bytes,
            Matches = 1,
        }) + "\n";

    [Fact]
    public void Scan_and_check_each_append_one_line_per_operation_with_the_runs_fingerprint()
    {
        using var dir = new TempDirectory();
        WriteRepository(dir);

        var scan = CliRunner.Run(dir.Path, "scan", ".", "--no-cache");
        Assert.True(scan.ExitCode == 0, scan.ToString());
        var afterScan = Records(dir);
        var check = CliRunner.Run(dir.Path, "check", ".", "--no-cache", "--today", "2026-12-04");
        Assert.True(check.ExitCode == 0, check.ToString());
        var all = Records(dir);

        Assert.Equal(afterScan, all.Take(afterScan.Count));
        var scanRun = Assert.Single(afterScan.Select(r => r.RunId).Distinct());
        Assert.All(afterScan, r => Assert.Equal("scan", r.Command));
        Assert.Equal(afterScan.Select(r => r.Operation).Distinct().Count(), afterScan.Count);
        Assert.Contains(afterScan, r => r.Operation == "scan.walk-and-match");
        var run = Assert.Single(afterScan, r => r.Operation == PerfRecord.RunOperation);
        Assert.Equal((2, 54, 1), (run.Files, run.Bytes, run.Matches));
        Assert.Equal(new WorkFingerprint(2, 64, WorkFingerprint.ToolVersion), run.Fingerprint);
        Assert.True(run.WallMs > 0 && run.CpuMs > 0 && run.AllocatedBytes > 0 && run.PeakWorkingSetBytes > 0, run.ToString());

        var checkLines = all.Skip(afterScan.Count).ToList();
        Assert.NotEmpty(checkLines);
        Assert.All(checkLines, r => Assert.Equal("check", r.Command));
        Assert.NotEqual(scanRun, Assert.Single(checkLines.Select(r => r.RunId).Distinct()));
        Assert.Contains(checkLines, r => r.Operation == "gate.flag-lint");
        Assert.Equal(2, Assert.Single(checkLines, r => r.Operation == PerfRecord.RunOperation).Files);

        CliRunner.Run(dir.Path, "scan", ".", "--no-cache", "--format", "json");
        Assert.Equal(all.Count + afterScan.Count + 1, Records(dir).Count); // and output.json
    }

    [Fact]
    public void A_series_keeps_its_last_200_lines_and_the_others_stay()
    {
        using var dir = new TempDirectory();
        WriteRepository(dir);
        var text = new StringBuilder();
        for (var i = 0; i < 250; i++)
        {
            text.Append(Line("scan", "run", 100 + i, i));
        }
        text.Append(Line("check", "run", 5, 999));
        dir.Write(History, text.ToString());

        var scan = CliRunner.Run(dir.Path, "scan", ".", "--no-cache");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        Assert.DoesNotContain("warning", scan.Stderr);
        var records = Records(dir);
        var scanRuns = records.Where(r => r.Series == "scan run").ToList();
        Assert.Equal(HistoryFile.Bound, scanRuns.Count);
        Assert.Equal(100 + 51, scanRuns[0].WallMs); // the 51 oldest went
        Assert.Equal("run0249", scanRuns[^2].RunId);
        Assert.Equal(2, scanRuns[^1].Files); // this run is the last
        Assert.Single(records, r => r.Series == "check run");
        Assert.Contains(records, r => r.Series == "scan scan.walk-and-match");
    }

    [Fact]
    public void A_series_is_compacted_only_past_its_slack_so_a_run_does_not_rewrite_the_history_each_time()
    {
        using var dir = new TempDirectory();
        WriteRepository(dir);
        var text = new StringBuilder();
        for (var i = 0; i < HistoryFile.CompactAt - 1; i++)
        {
            text.Append(Line("scan", "run", 100 + i, i));
        }
        dir.Write(History, text.ToString());

        Assert.True(CliRunner.Run(dir.Path, "scan", ".", "--no-cache").ExitCode == 0);
        Assert.Equal(HistoryFile.CompactAt, Records(dir).Count(r => r.Series == "scan run")); // at the slack: appended only

        Assert.True(CliRunner.Run(dir.Path, "scan", ".", "--no-cache").ExitCode == 0);
        var runs = Records(dir).Where(r => r.Series == "scan run").ToList();
        Assert.Equal(HistoryFile.Bound, runs.Count); // past it: back to the last Bound
        Assert.Equal(2, runs[^1].Files);
    }

    [Fact]
    public void A_file_past_its_line_limit_is_compacted_even_when_its_lines_do_not_name_the_series_as_the_tool_writes_them()
    {
        using var dir = new TempDirectory();
        WriteRepository(dir);
        var text = new StringBuilder();
        for (var i = 0; i <= HistoryFile.MaxLines; i++)
        {
            // Valid records, their fields in another order (edited by hand, or by another tool): no signature matches.
            var line = Line("scan", "run", 100 + i, i);
            text.Append(line.Replace("\"command\":\"scan\",\"operation\":\"run\",", "\"operation\":\"run\",\"command\":\"scan\",", StringComparison.Ordinal));
        }
        dir.Write(History, text.ToString());
        Assert.Equal(HistoryFile.MaxLines + 1, Records(dir).Count(r => r.Series == "scan run"));

        var scan = CliRunner.Run(dir.Path, "scan", ".", "--no-cache");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        Assert.Equal(HistoryFile.Bound, Records(dir).Count(r => r.Series == "scan run"));
    }

    [Fact]
    public void Corrupt_empty_and_truncated_lines_are_skipped_with_a_warning_and_dropped_when_compacting()
    {
        using var dir = new TempDirectory();
        WriteRepository(dir);
        var text = new StringBuilder();
        for (var i = 0; i < HistoryFile.CompactAt; i++)
        {
            text.Append(Line("scan", "run", 10, i));
            if (i == 3)
            {
                text.Append("{not json at all\n").Append('\n').Append("\u0000\u0001binary\n");
            }
        }
        text.Append(Line("scan", "run", 10, 500)[..40]); // a crash in the middle of a line: no newline
        dir.Write(History, text.ToString());

        var read = new HistoryFile(dir.Path).Read();
        Assert.Equal(HistoryFile.CompactAt, read.Records.Count);
        var warning = Assert.Single(read.Warnings);
        Assert.Contains("skipped 4 line(s)", warning);
        Assert.Contains("line 5:", warning);
        Assert.Contains("line 6: an empty line", warning);

        var scan = CliRunner.Run(dir.Path, "scan", ".", "--no-cache");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        Assert.Contains("1 usage of 1 flag (", scan.Stdout);
        Assert.Contains($"warning: {History}: skipped 4 line(s) that are not history records", scan.Stderr);
        var after = Records(dir); // no warnings left: the bad lines went with the compaction
        Assert.Equal(HistoryFile.Bound, after.Count(r => r.Series == "scan run"));
        Assert.Equal(2, after.Last(r => r.Series == "scan run").Files);
    }

    [Fact]
    public void A_truncated_last_line_does_not_swallow_the_next_runs_first_line()
    {
        using var dir = new TempDirectory();
        WriteRepository(dir);
        dir.Write(History, Line("scan", "run", 10, 1) + Line("scan", "run", 10, 2)[..60]);

        var scan = CliRunner.Run(dir.Path, "scan", ".", "--no-cache");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        var read = new HistoryFile(dir.Path).Read();
        Assert.Contains("skipped 1 line(s) that are not history records (line 2:", Assert.Single(read.Warnings));
        Assert.Equal(2, read.Records.Count(r => r.Series == "scan run"));
        Assert.Equal(2, read.Records.Last(r => r.Series == "scan run").Files);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_read_only_history_folder_does_not_fail_the_run_and_warns_once()
    {
        using var dir = new TempDirectory();
        WriteRepository(dir);
        var folder = Directory.CreateDirectory(dir[".flagkeeper/perf"]).FullName;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var scan = CliRunner.Run(dir.Path, "scan", ".", "--format", "json", "--no-cache");
            var check = CliRunner.Run(dir.Path, "check", ".", "--no-cache", "--today", "2026-12-04");

            Assert.True(scan.ExitCode == 0, scan.ToString());
            Assert.Equal(1, scan.Json().RootElement.GetProperty("usages").GetArrayLength());
            Assert.True(check.ExitCode == 0, check.ToString());
            foreach (var run in new[] { scan, check })
            {
                var warnings = run.Stderr.Split('\n').Where(l => l.Contains("performance history", StringComparison.Ordinal)).ToList();
                Assert.Equal("warning: performance history was not recorded: .flagkeeper/perf is read-only (chmod u+w to record it)", Assert.Single(warnings));
            }
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>history.jsonl is no language the scanner reads; the folder is skipped whole, whatever lands in it.</summary>
    [Fact]
    public void The_scanner_never_reads_the_history_folder()
    {
        using var dir = new TempDirectory();
        WriteRepository(dir);
        dir.Write(".flagkeeper/perf/stray.ts", "isEnabled('from-history')\n");
        dir.Write("notes/stray.ts", "isEnabled('from-notes')\n");

        var scan = CliRunner.Run(dir.Path, "scan", ".", "--format", "json", "--no-cache");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        var flags = scan.Json().RootElement.GetProperty("usages").EnumerateArray().Select(u => u.GetProperty("flag").GetString()).ToList();
        Assert.Contains("from-notes", flags);
        Assert.DoesNotContain("from-history", flags);
    }
}
