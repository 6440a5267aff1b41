using System.Globalization;
using Flagkeeper.Analysis.Performance.History;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>How the perf commands spell numbers, statuses and trends: invariant culture, so output is the same everywhere.</summary>
internal static class PerfText
{
    public const string Ok = "ok";
    public const string Regressed = "regressed";
    public const string NoBaseline = "no baseline yet";

    /// <summary>Eight levels, lowest first: one character per run.</summary>
    private const string Levels = "▁▂▃▄▅▆▇█";

    public static string Status(SeriesReport series) =>
        series.BaselineRuns == 0 ? NoBaseline : series.Regressed ? Regressed : Ok;

    /// <summary>The JSON spelling of <see cref="Status"/>.</summary>
    public static string StatusId(SeriesReport series) =>
        series.BaselineRuns == 0 ? "no-baseline" : series.Regressed ? "regressed" : "ok";

    /// <summary>A value in the metric's unit: milliseconds with one decimal, bytes as B, KiB or MiB.</summary>
    public static string Value(PerfMetric metric, double value)
    {
        if (metric.IsTime)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value:0.0} ms");
        }
        var magnitude = Math.Abs(value);
        return magnitude >= PerfThresholds.MiB ? string.Create(CultureInfo.InvariantCulture, $"{value / PerfThresholds.MiB:0.0} MiB")
            : magnitude >= 1024 ? string.Create(CultureInfo.InvariantCulture, $"{value / 1024:0.0} KiB")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0} B");
    }

    /// <summary><c>+20.0% (+12.5 ms)</c>; <c>-</c> without a baseline.</summary>
    public static string Change(MetricComparison comparison)
    {
        if (comparison.Baseline is not { } baseline)
        {
            return "-";
        }
        var delta = comparison.Latest - baseline;
        var absolute = (delta >= 0 ? "+" : "-") + Value(comparison.Metric, Math.Abs(delta));
        return comparison.ChangePercent is { } percent
            ? string.Create(CultureInfo.InvariantCulture, $"{percent:+0.0;-0.0;0.0}% ({absolute})")
            : absolute;
    }

    /// <summary><c>+25% and +20.0 ms</c>: when the metric counts as regressed.</summary>
    public static string Threshold(PerfMetric metric, PerfThresholds thresholds)
    {
        var threshold = metric.Threshold(thresholds);
        return string.Create(CultureInfo.InvariantCulture, $"+{threshold.Percent:0.##}% and +{Value(metric, threshold.MinimumDelta)}");
    }

    /// <summary>
    /// One block per run, oldest first, scaled between the smallest and largest value shown; all equal is a flat
    /// middle line. Deterministic: the same history draws the same line.
    /// </summary>
    public static string Sparkline(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return "";
        }
        var (min, max) = (values.Min(), values.Max());
        return string.Concat(values.Select(v => max <= min ? Levels[3] : Levels[(int)Math.Round((v - min) / (max - min) * (Levels.Length - 1))]));
    }

    /// <summary>One line per regressed metric: which, latest against baseline, and the thresholds it crossed.</summary>
    public static IEnumerable<string> Regressions(SeriesReport series, PerfThresholds thresholds) =>
        series.Metrics.Where(m => m.Regressed).Select(m =>
            $"{series.Latest.Command} {series.Latest.Operation}: {m.Metric.Name} {Value(m.Metric, m.Latest)} against a baseline of " +
            $"{Value(m.Metric, m.Baseline!.Value)}, {Change(m)}; the threshold is {Threshold(m.Metric, thresholds)}");
}
