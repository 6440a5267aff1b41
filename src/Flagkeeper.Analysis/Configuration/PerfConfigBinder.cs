using Flagkeeper.Analysis.Performance.History;
using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;

namespace Flagkeeper.Analysis.Configuration;

/// <summary>
/// The <c>perf:</c> section: <c>baselineRuns</c>, and per kind of metric a <c>threshold</c> (percent) and a minimum
/// change (<c>minDeltaMs</c> for time, <c>minDeltaMB</c> for memory). A bad value is an error at its place; the default stays.
/// </summary>
internal static class PerfConfigBinder
{
    public static PerfThresholds Bind(NodeBinder binder, DocNode node, IReadOnlyCollection<string> keys, IReadOnlyCollection<string> timeKeys, IReadOnlyCollection<string> memoryKeys)
    {
        var perf = PerfThresholds.Default;
        if (binder.Mapping(node, "perf") is not { } map)
        {
            return perf;
        }
        binder.RejectUnknownKeys(map, keys, "perf");
        binder.RejectDuplicateKeys(map, "perf");
        if (map.Find("baselineRuns") is { } runs && binder.WholeNumber(runs.Value, "perf: baselineRuns") is { } count)
        {
            if (count is >= 1 and <= HistoryFile.Bound)
            {
                perf = perf with { BaselineRuns = (int)count };
            }
            else
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, $"perf: baselineRuns must be from 1 to {HistoryFile.Bound} (the history keeps {HistoryFile.Bound} runs)", runs.Value);
            }
        }
        if (map.Find("time") is { } time)
        {
            perf = perf with { Time = Metric(binder, time.Value, "time", timeKeys, perf.Time, 1) };
        }
        if (map.Find("memory") is { } memory)
        {
            perf = perf with { Memory = Metric(binder, memory.Value, "memory", memoryKeys, perf.Memory, PerfThresholds.MiB) };
        }
        return perf;
    }

    /// <param name="keys">threshold, then the minimum change's key (its unit in its name).</param>
    /// <param name="scale">From the configured unit to the metric's (MB to bytes).</param>
    private static MetricThreshold Metric(NodeBinder binder, DocNode node, string name, IReadOnlyCollection<string> keys, MetricThreshold threshold, double scale)
    {
        if (binder.Mapping(node, $"perf: {name}") is not { } map)
        {
            return threshold;
        }
        binder.RejectUnknownKeys(map, keys, $"perf: {name}");
        binder.RejectDuplicateKeys(map, $"perf: {name}");
        if (map.Find("threshold") is { } percent && binder.Number(percent.Value, $"perf: {name}: threshold", allowPercent: true) is { } value)
        {
            if (value is >= 0 and <= 1000)
            {
                threshold = threshold with { Percent = value };
            }
            else
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, $"perf: {name}: threshold must be a percentage from 0 to 1000, found {percent.Value}", percent.Value);
            }
        }
        var deltaKey = keys.Last();
        if (map.Find(deltaKey) is { } delta && binder.Number(delta.Value, $"perf: {name}: {deltaKey}") is { } amount)
        {
            if (amount is >= 0 and <= 1_000_000)
            {
                threshold = threshold with { MinimumDelta = amount * scale };
            }
            else
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, $"perf: {name}: {deltaKey} must be from 0 to 1000000", delta.Value);
            }
        }
        return threshold;
    }
}
