namespace Flagkeeper.Analysis.Performance.History;

/// <summary>A measured quantity of a <see cref="PerfRecord"/> that can regress.</summary>
public sealed record PerfMetric(string Name, string Unit, bool IsTime, Func<PerfRecord, double> Read)
{
    public static PerfMetric Wall { get; } = new("wallMs", "ms", IsTime: true, r => r.WallMs);
    public static PerfMetric Cpu { get; } = new("cpuMs", "ms", IsTime: true, r => r.CpuMs);
    public static PerfMetric Allocated { get; } = new("allocatedBytes", "B", IsTime: false, r => r.AllocatedBytes);
    public static PerfMetric PeakWorkingSet { get; } = new("peakWorkingSetBytes", "B", IsTime: false, r => r.PeakWorkingSetBytes);

    /// <summary>
    /// The metrics judged for an operation. The peak working set is the process's, so only the whole run is judged on it
    /// (every other line repeats the same number).
    /// </summary>
    public static IReadOnlyList<PerfMetric> For(string operation) =>
        operation == PerfRecord.RunOperation ? [Wall, Cpu, Allocated, PeakWorkingSet] : [Wall, Cpu, Allocated];

    public MetricThreshold Threshold(PerfThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return IsTime ? thresholds.Time : thresholds.Memory;
    }
}
