namespace Flagkeeper.Analysis.Performance.History;

/// <summary>One metric of the latest run against its baseline.</summary>
/// <param name="Baseline">The median of the earlier runs; null when there are none with the same fingerprint.</param>
/// <param name="ChangePercent">(latest − baseline) / baseline × 100; null without a baseline or when it is 0.</param>
public sealed record MetricComparison(PerfMetric Metric, double Latest, double? Baseline, double? ChangePercent, bool Regressed);

/// <summary>One series (command and operation): its latest run, its baseline and the recent trend.</summary>
/// <param name="BaselineRuns">How many earlier runs the baseline is the median of (0: no baseline yet).</param>
/// <param name="Trend">Wall time of the recent runs with the latest's fingerprint, oldest first, the latest last.</param>
public sealed record SeriesReport(PerfRecord Latest, int BaselineRuns, IReadOnlyList<MetricComparison> Metrics, IReadOnlyList<double> Trend)
{
    public bool Regressed => Metrics.Any(m => m.Regressed);
}

/// <summary>Baselines and regressions, as pure functions of the history's records (in file order, oldest first).</summary>
public static class PerfBaseline
{
    public const int TrendLength = 12;

    /// <summary>The median; the mean of the middle two for an even count. Empty: null.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Every series' latest run judged against the median of its last N earlier runs with the same fingerprint.</summary>
    public static IReadOnlyList<SeriesReport> Analyze(IReadOnlyList<PerfRecord> records, PerfThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(thresholds);
        return [.. records
            .GroupBy(r => r.Series, StringComparer.Ordinal)
            .Select(series => Judge(series.ToList(), thresholds))
            .OrderBy(r => r.Latest.Command, StringComparer.Ordinal)
            .ThenBy(r => r.Latest.Operation == PerfRecord.RunOperation ? 0 : 1)
            .ThenBy(r => r.Latest.Operation, StringComparer.Ordinal)];
    }

    /// <summary>The last run of <paramref name="series"/> (one command and operation, oldest first) against the runs before it.</summary>
    public static SeriesReport Judge(IReadOnlyList<PerfRecord> series, PerfThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(thresholds);
        var latest = series[^1];
        var alike = series.Take(series.Count - 1).Where(r => r.Fingerprint == latest.Fingerprint).ToList();
        var earlier = alike.TakeLast(thresholds.BaselineRuns).ToList();
        var metrics = PerfMetric.For(latest.Operation).Select(metric =>
        {
            var value = metric.Read(latest);
            var baseline = Median(earlier.Select(metric.Read));
            double? change = baseline is > 0 ? (value - baseline.Value) / baseline.Value * 100 : null;
            var regressed = baseline is { } b && metric.Threshold(thresholds).IsRegression(value, b);
            return new MetricComparison(metric, value, baseline, change, regressed);
        }).ToList();
        var trend = alike.TakeLast(TrendLength - 1).Append(latest).Select(PerfMetric.Wall.Read).ToList();
        return new SeriesReport(latest, earlier.Count, metrics, trend);
    }
}
