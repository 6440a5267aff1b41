namespace Flagkeeper.Analysis.Performance.History;

/// <summary>
/// What <c>perf report</c> and <c>perf check</c> judge: the operations of each command's latest run. A series whose
/// last line is from an older run (an operation the latest run did not do, such as <c>output.json</c> after a text
/// scan) is left out, so a stale number never fails a check.
/// </summary>
public static class LatestRuns
{
    public static IReadOnlyList<SeriesReport> Judge(IReadOnlyList<PerfRecord> records, PerfThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(records);
        var latestRun = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            latestRun[record.Command] = record.RunId; // file order: the last one wins
        }
        return [.. PerfBaseline.Analyze(records, thresholds).Where(s => latestRun[s.Latest.Command] == s.Latest.RunId)];
    }
}
