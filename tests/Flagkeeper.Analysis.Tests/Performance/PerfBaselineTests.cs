using Flagkeeper.Analysis.Performance.History;

namespace Flagkeeper.Analysis.Tests.Performance;

/// <summary>Baselines (medians of earlier runs with the same fingerprint) and the two-sided regression rule, with exact numbers.</summary>
public class PerfBaselineTests
{
    private static readonly WorkFingerprint Small = WorkFingerprint.Of(100, 50_000, "1.0.0");
    private static readonly WorkFingerprint Large = WorkFingerprint.Of(1000, 50_000, "1.0.0");

    private static PerfRecord Run(double wallMs, long allocated = 10 * PerfThresholds.MiB, WorkFingerprint? fingerprint = null, string operation = "scan", double? cpuMs = null) => new()
    {
        At = DateTimeOffset.UnixEpoch,
        RunId = "r",
        Command = "scan",
        Operation = operation,
        Fingerprint = fingerprint ?? Small,
        WallMs = wallMs,
        CpuMs = cpuMs ?? wallMs,
        AllocatedBytes = allocated,
        PeakWorkingSetBytes = 100 * PerfThresholds.MiB,
    };

    [Theory]
    [InlineData(new double[] { 3 }, 3)]
    [InlineData(new double[] { 5, 1, 3 }, 3)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 100, 100, 100, 1000 }, 100)]
    public void Median_is_the_middle_value_or_the_mean_of_the_middle_two(double[] values, double median) =>
        Assert.Equal(median, PerfBaseline.Median(values));

    [Fact]
    public void Median_of_nothing_is_null() => Assert.Null(PerfBaseline.Median([]));

    [Theory]
    [InlineData(100, 125, false)]   // exactly +25 %: not above
    [InlineData(100, 125.001, true)]
    [InlineData(10, 29, false)]     // +190 % but only +19 ms: noise
    [InlineData(10, 30.001, true)]  // +200 % and above +20 ms
    [InlineData(1000, 1200, false)] // +200 ms but only +20 %
    [InlineData(0, 20.5, true)]
    public void Time_regresses_only_above_both_the_percentage_and_the_minimum_change(double baseline, double value, bool regressed) =>
        Assert.Equal(regressed, PerfThresholds.Default.Time.IsRegression(value, baseline));

    [Fact]
    public void Memory_needs_25_percent_and_16_MiB()
    {
        var memory = PerfThresholds.Default.Memory;
        Assert.Equal(16 * 1024 * 1024, memory.MinimumDelta);
        Assert.False(memory.IsRegression(20 * PerfThresholds.MiB, 10 * PerfThresholds.MiB));  // +100 % but +10 MiB
        Assert.False(memory.IsRegression(110 * PerfThresholds.MiB, 100 * PerfThresholds.MiB)); // +10 MiB, +10 %
        Assert.True(memory.IsRegression(130 * PerfThresholds.MiB, 100 * PerfThresholds.MiB));  // +30 MiB, +30 %
    }

    [Fact]
    public void Latest_run_is_judged_against_the_median_of_the_earlier_runs()
    {
        var series = new[] { Run(100), Run(120), Run(80), Run(110), Run(150) };

        var report = PerfBaseline.Judge(series, PerfThresholds.Default);

        Assert.Equal(4, report.BaselineRuns);
        var wall = report.Metrics[0];
        Assert.Equal("wallMs", wall.Metric.Name);
        Assert.Equal(150, wall.Latest);
        Assert.Equal(105, wall.Baseline);                 // median of 80, 100, 110, 120
        Assert.Equal(42.857142857142854, wall.ChangePercent);
        Assert.True(wall.Regressed);                      // > 131.25 and > 125
        Assert.True(report.Regressed);
        Assert.Equal([100, 120, 80, 110, 150], report.Trend);
        Assert.Equal(["wallMs", "cpuMs", "allocatedBytes"], report.Metrics.Select(m => m.Metric.Name));
    }

    [Fact]
    public void Only_the_last_N_runs_with_the_same_fingerprint_make_the_baseline()
    {
        var series = new List<PerfRecord> { Run(1000), Run(1000) };
        series.AddRange(Enumerable.Range(0, 3).Select(_ => Run(10, fingerprint: Large)));
        series.AddRange([Run(200), Run(100), Run(100), Run(400), Run(130)]);

        var report = PerfBaseline.Judge(series, PerfThresholds.Default with { BaselineRuns = 3 });

        Assert.Equal(3, report.BaselineRuns);
        Assert.Equal(100, report.Metrics[0].Baseline);    // median of 100, 100, 400: not the 1000s, not the other fingerprint
        Assert.Equal(30, report.Metrics[0].ChangePercent);
        Assert.True(report.Metrics[0].Regressed);
        Assert.Equal([1000, 1000, 200, 100, 100, 400, 130], report.Trend);
    }

    [Fact]
    public void A_first_run_or_a_new_fingerprint_has_no_baseline_and_no_regression()
    {
        var first = PerfBaseline.Judge([Run(500)], PerfThresholds.Default);
        var moved = PerfBaseline.Judge([Run(10), Run(10), Run(500, fingerprint: Large)], PerfThresholds.Default);

        foreach (var report in new[] { first, moved })
        {
            Assert.Equal(0, report.BaselineRuns);
            Assert.All(report.Metrics, m => Assert.Null(m.Baseline));
            Assert.All(report.Metrics, m => Assert.Null(m.ChangePercent));
            Assert.False(report.Regressed);
        }
    }

    [Fact]
    public void Thresholds_from_configuration_change_the_verdict()
    {
        var series = new[] { Run(100), Run(100), Run(115) };
        var strict = PerfThresholds.Default with { Time = new MetricThreshold(10, 5) };

        Assert.False(PerfBaseline.Judge(series, PerfThresholds.Default).Regressed);
        Assert.True(PerfBaseline.Judge(series, strict).Regressed);
    }

    [Fact]
    public void Only_the_whole_run_is_judged_on_peak_working_set_and_memory_regressions_count()
    {
        var series = new[] { Run(100, operation: "run"), Run(100, allocated: 100 * PerfThresholds.MiB, operation: "run") };

        var report = PerfBaseline.Judge(series, PerfThresholds.Default);

        Assert.Equal(["wallMs", "cpuMs", "allocatedBytes", "peakWorkingSetBytes"], report.Metrics.Select(m => m.Metric.Name));
        Assert.Equal([false, false, true, false], report.Metrics.Select(m => m.Regressed));
        Assert.Equal(900, report.Metrics[2].ChangePercent);
    }

    [Fact]
    public void Analyze_gives_each_series_its_latest_run_whole_run_first()
    {
        PerfRecord Of(string command, string operation, double wall) => Run(wall, operation: operation) with { Command = command };
        var records = new[]
        {
            Of("scan", "scan", 10), Of("scan", "run", 50), Of("check", "gate.flag-lint", 5), Of("check", "run", 70),
            Of("scan", "scan", 12), Of("scan", "run", 55),
        };

        var reports = PerfBaseline.Analyze(records, PerfThresholds.Default);

        Assert.Equal(["check run", "check gate.flag-lint", "scan run", "scan scan"], reports.Select(r => r.Latest.Series));
        Assert.Equal(55, reports[2].Latest.WallMs);
        Assert.Equal(50, reports[2].Metrics[0].Baseline);
    }
}
