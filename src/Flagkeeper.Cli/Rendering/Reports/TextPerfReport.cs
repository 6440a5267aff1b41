using System.Globalization;
using Flagkeeper.Analysis.Performance.History;
using Spectre.Console;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>
/// <c>perf report</c> as text: per command its latest run, one table row per operation (wall time against its
/// baseline, the status over every metric, the trend of recent wall times), then each regressed metric on a line.
/// </summary>
internal static class TextPerfReport
{
    public static void Write(IAnsiConsole console, TextWriter output, IReadOnlyList<SeriesReport> series, PerfThresholds thresholds)
    {
        console.WriteLine(
            $"thresholds: time {PerfText.Threshold(PerfMetric.Wall, thresholds)}, memory {PerfText.Threshold(PerfMetric.Allocated, thresholds)}; " +
            $"baseline: median of up to {thresholds.BaselineRuns} earlier runs with the same fingerprint", Style.Plain);
        foreach (var command in series.GroupBy(s => s.Latest.Command, StringComparer.Ordinal))
        {
            var latest = command.First().Latest;
            console.WriteLine();
            console.WriteLine(
                $"{latest.Command}: run {latest.RunId} at {latest.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} ({latest.Fingerprint})",
                Style.Plain);
            var table = new PlainTable("operation", "wall", "baseline", "change", "status", "trend");
            foreach (var one in command)
            {
                var wall = one.Metrics.Single(m => m.Metric == PerfMetric.Wall);
                var status = PerfText.Status(one);
                table.AddRow(
                    [one.Latest.Operation, PerfText.Value(wall.Metric, wall.Latest), wall.Baseline is { } b ? PerfText.Value(wall.Metric, b) : "-",
                     PerfText.Change(wall), status, PerfText.Sparkline(one.Trend)],
                    [null, null, null, null, status == PerfText.Regressed ? "red" : status == PerfText.Ok ? "green" : "grey", null]);
            }
            table.Write(console, output);
        }
        var regressions = series.SelectMany(s => PerfText.Regressions(s, thresholds)).ToList();
        console.WriteLine();
        foreach (var line in regressions)
        {
            console.MarkupLine($"[red]regressed:[/] {Markup.Escape(line)}");
        }
        console.WriteLine(Summary(series), Style.Plain);
    }

    public static string Summary(IReadOnlyList<SeriesReport> series)
    {
        var regressed = series.Count(s => s.Regressed);
        var waiting = series.Count(s => s.BaselineRuns == 0);
        return $"{series.Count} operation(s): {regressed} regressed, {waiting} without a baseline yet, {series.Count - regressed - waiting} ok.";
    }
}
