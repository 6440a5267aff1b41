namespace Flagkeeper.Analysis.Performance.History;

/// <summary>
/// When a metric counts as regressed: above <c>baseline × (1 + Percent/100)</c> and above <c>baseline + MinimumDelta</c>
/// (the noise guard: +25 % of a 2 ms operation is noise, not a regression).
/// </summary>
/// <param name="MinimumDelta">In the metric's unit: milliseconds for time, bytes for memory.</param>
public sealed record MetricThreshold(double Percent, double MinimumDelta)
{
    public bool IsRegression(double value, double baseline) =>
        value > baseline * (1 + Percent / 100) && value > baseline + MinimumDelta;
}

/// <summary>The <c>perf:</c> section of flagkeeper.yaml: how many runs make a baseline and when a metric regressed.</summary>
public sealed record PerfThresholds
{
    public const int DefaultBaselineRuns = 20;
    public const long MiB = 1024 * 1024;

    /// <summary>The baseline is the median of this many earlier runs (same operation, same fingerprint).</summary>
    public int BaselineRuns { get; init; } = DefaultBaselineRuns;

    /// <summary>Wall and CPU time: +25 % and +20 ms.</summary>
    public MetricThreshold Time { get; init; } = new(25, 20);

    /// <summary>Allocated bytes and peak working set: +25 % and +16 MiB.</summary>
    public MetricThreshold Memory { get; init; } = new(25, 16 * MiB);

    public static PerfThresholds Default { get; } = new();
}
