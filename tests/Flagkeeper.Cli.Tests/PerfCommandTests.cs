using System.Text;
using Flagkeeper.Analysis.Performance.History;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// <c>flagkeeper perf report|check|reset</c> end to end over real history files: crafted lines make a regression
/// deterministic (no assertion depends on how fast this machine is).
/// </summary>
public class PerfCommandTests
{
    private const string History = HistoryFile.RelativePath;

    /// <summary>Three scan runs at 100 ms, then the latest at <paramref name="latestWallMs"/>.</summary>
    private static void WriteHistory(TempDirectory dir, double latestWallMs)
    {
        var text = new StringBuilder();
        for (var i = 0; i < 3; i++)
        {
            text.Append(PerfHistoryTests.Line("scan", "run", 100, i));
        }
        text.Append(PerfHistoryTests.Line("scan", "run", latestWallMs, 3));
        dir.Write(History, text.ToString());
    }

    [Fact]
    public void Check_exits_1_on_a_crafted_regression_and_names_metric_latest_baseline_and_threshold()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        WriteHistory(dir, 200);

        var result = CliRunner.Run(dir.Path, "perf", "check", ".");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("regressed: scan run: wallMs 200.0 ms against a baseline of 100.0 ms, +100.0% (+100.0 ms); the threshold is +25% and +20.0 ms", result.Stdout);
        Assert.Contains("cpuMs 100.0 ms against a baseline of 50.0 ms", result.Stdout);
    }

    [Fact]
    public void Check_exits_0_below_the_thresholds_and_without_a_baseline()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        WriteHistory(dir, 110); // +10 %: under both thresholds

        var ok = CliRunner.Run(dir.Path, "perf", "check", ".");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("1 operation(s): 0 regressed, 0 without a baseline yet, 1 ok.", ok.Stdout);

        dir.Write(History, PerfHistoryTests.Line("scan", "run", 500, 1));
        var first = CliRunner.Run(dir.Path, "perf", "check", ".");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("scan run: no baseline yet", first.Stdout);

        File.Delete(dir[History]);
        var none = CliRunner.Run(dir.Path, "perf", "check", ".");
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Contains("no performance history yet", none.Stdout);
    }

    [Fact]
    public void Report_text_shows_latest_baseline_change_status_and_trend_and_highlights_the_regression()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        WriteHistory(dir, 200);

        var result = CliRunner.Run(dir.Path, "perf", "report", ".");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("scan: run run0003", result.Stdout);
        Assert.Contains("200.0 ms", result.Stdout);
        Assert.Contains("+100.0% (+100.0 ms)", result.Stdout);
        Assert.Contains("▁▁▁█", result.Stdout);
        Assert.Contains("regressed: scan run: wallMs", result.Stdout);
        Assert.Contains("1 operation(s): 1 regressed", result.Stdout);
    }

    [Fact]
    public void Report_json_matches_its_schema_and_judges_only_each_commands_latest_run()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        WriteHistory(dir, 200);
        File.AppendAllText(dir[History], PerfHistoryTests.Line("check", "output.json", 5, 8) + PerfHistoryTests.Line("check", "run", 30, 9));

        var result = CliRunner.Run(dir.Path, "perf", "report", ".", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        SchemaFiles.AssertValid(SchemaFiles.PerfReport, result.Stdout, "perf report");
        var json = result.Json().RootElement;
        Assert.True(json.GetProperty("regressed").GetBoolean());
        var commands = json.GetProperty("commands").EnumerateArray().ToList();
        Assert.Equal(["check", "scan"], commands.Select(c => c.GetProperty("command").GetString()));
        Assert.Equal(["run"], commands[0].GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("operation").GetString())); // output.json was another run
        Assert.Equal("no-baseline", commands[0].GetProperty("operations")[0].GetProperty("status").GetString());
        var scan = commands[1].GetProperty("operations")[0];
        Assert.Equal("regressed", scan.GetProperty("status").GetString());
        Assert.Equal(3, scan.GetProperty("baselineRuns").GetInt32());
        var wall = scan.GetProperty("metrics")[0];
        Assert.Equal(("wallMs", 200, 100, 100), (wall.GetProperty("name").GetString(), wall.GetProperty("latest").GetDouble(), wall.GetProperty("baseline").GetDouble(), wall.GetProperty("changePercent").GetDouble()));
        Assert.Equal([100.0, 100, 100, 200], scan.GetProperty("trend").EnumerateArray().Select(t => t.GetDouble()));
    }

    [Fact]
    public void Report_with_no_history_says_to_run_scan_or_check_first_and_exits_0()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);

        var text = CliRunner.Run(dir.Path, "perf", "report", ".");
        var json = CliRunner.Run(dir.Path, "perf", "report", ".", "--format", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("run `flagkeeper scan` or `flagkeeper check` first", text.Stdout);
        Assert.True(json.ExitCode == 0, json.ToString());
        SchemaFiles.AssertValid(SchemaFiles.PerfReport, json.Stdout, "perf report");
        Assert.Equal(0, json.Json().RootElement.GetProperty("commands").GetArrayLength());
    }

    [Fact]
    public void Report_after_real_scans_lists_the_scan_operations()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        for (var i = 0; i < 2; i++)
        {
            var scan = CliRunner.Run(dir.Path, "scan", ".", "--no-cache");
            Assert.True(scan.ExitCode == 0, scan.ToString());
        }

        var result = CliRunner.Run(dir.Path, "perf", "report", ".", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        SchemaFiles.AssertValid(SchemaFiles.PerfReport, result.Stdout, "perf report");
        var operations = result.Json().RootElement.GetProperty("commands")[0].GetProperty("operations").EnumerateArray().ToList();
        Assert.Contains(operations, o => o.GetProperty("operation").GetString() == "scan.walk-and-match");
        Assert.All(operations, o => Assert.Equal(2, o.GetProperty("trend").GetArrayLength()));
    }

    [Fact]
    public void A_corrupt_line_is_skipped_with_a_warning()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        WriteHistory(dir, 110);
        File.AppendAllText(dir[History], "{not json\n");

        var result = CliRunner.Run(dir.Path, "perf", "check", ".");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"warning: {History}: skipped 1 line(s) that are not history records (line 5:", result.Stderr);
        Assert.Contains("1 ok.", result.Stdout);
    }

    [Fact]
    public void Lines_with_the_current_version_and_a_bad_body_are_skipped_and_the_report_is_as_without_them()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        WriteHistory(dir, 200);
        var clean = CliRunner.Run(dir.Path, "perf", "report", ".", "--format", "json");
        var good = dir.Read(History).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Each starts like a record of this format version, then a field has the wrong type or is missing.
        string[] bad =
        [
            good[0].Replace("\"wallMs\":100", "\"wallMs\":\"fast\"", StringComparison.Ordinal),
            good[1].Replace("\"run\":\"run0001\",", "", StringComparison.Ordinal).Replace("\"at\":\"", "\"at\":\"yesterday", StringComparison.Ordinal),
            good[2][..good[2].IndexOf(",\"files", StringComparison.Ordinal)] + "}",
        ];
        Assert.All(bad, line => Assert.StartsWith("{\"v\":1,", line));
        dir.Write(History, string.Join('\n', [good[0], bad[0], good[1], bad[1], good[2], bad[2], good[3]]) + "\n");

        var damaged = CliRunner.Run(dir.Path, "perf", "report", ".", "--format", "json");

        Assert.True(damaged.ExitCode == 0, damaged.ToString());
        var report = System.Text.Json.Nodes.JsonNode.Parse(damaged.Stdout)!.AsObject();
        var warning = Assert.Single(report["warnings"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith($"{History}: skipped 3 line(s) that are not history records (line 2:", warning);
        report.Remove("warnings");
        var expected = System.Text.Json.Nodes.JsonNode.Parse(clean.Stdout)!.AsObject();
        expected.Remove("warnings");
        Assert.Equal(expected.ToJsonString(), report.ToJsonString());
    }

    [Fact]
    public void Reset_deletes_the_history_and_says_so()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        WriteHistory(dir, 110);

        var reset = CliRunner.Run(dir.Path, "perf", "reset", ".");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Contains($"deleted {History}", reset.Stdout);
        Assert.False(File.Exists(dir[History]));

        var again = CliRunner.Run(dir.Path, "perf", "reset", ".");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("no performance history to delete", again.Stdout);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("check")]
    [InlineData("reset")]
    public void A_missing_folder_is_exit_2_with_FK1006(string command)
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "perf", command, "does-not-exist");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK1006", result.Stderr);
    }

    [Fact]
    public void An_invalid_configuration_is_exit_2()
    {
        using var dir = new TempDirectory();
        PerfHistoryTests.WriteRepository(dir);
        dir.Write("flagkeeper.yaml", "version: 1\nperf:\n  baselineRuns: 0\n");
        WriteHistory(dir, 200);

        var result = CliRunner.Run(dir.Path, "perf", "check", ".");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("baselineRuns must be from 1", result.Stderr);
    }
}
