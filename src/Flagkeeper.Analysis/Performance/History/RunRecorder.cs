using System.Diagnostics;

namespace Flagkeeper.Analysis.Performance.History;

/// <summary>How much work a run did: what its fingerprint is made of and what each line repeats.</summary>
public sealed record RunWork(long Files, long Bytes, long Matches);

/// <summary>Turns what the <see cref="PerformanceMonitor"/> measured in one run into history lines.</summary>
public static class RunRecorder
{
    /// <summary>The monitor's name for the incremental scan cache.</summary>
    public const string ScanCacheName = "scan-cache";

    /// <summary>
    /// One record per measured operation, plus <see cref="PerfRecord.RunOperation"/>: the whole command's wall time
    /// (<paramref name="runWall"/>), the process's CPU time and allocations so far and its peak working set.
    /// </summary>
    public static IReadOnlyList<PerfRecord> Records(string command, PerformanceSnapshot snapshot, RunWork work, TimeSpan runWall, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(time);
        var at = time.GetUtcNow();
        var runId = Guid.NewGuid().ToString("N")[..12];
        var fingerprint = WorkFingerprint.Of(work.Files, work.Bytes);
        // The line's own counts are the scan cache's (what a baseline compares); every cache is broken down on the run line.
        var hits = snapshot.Caches.Where(c => c.Cache == ScanCacheName).Sum(c => c.Hits);
        var misses = snapshot.Caches.Where(c => c.Cache == ScanCacheName).Sum(c => c.Misses);
        using var process = Process.GetCurrentProcess();
        var peak = process.PeakWorkingSet64;
        PerfRecord Make(string operation) => new()
        {
            At = at, RunId = runId, Command = command, Operation = operation, Fingerprint = fingerprint,
            PeakWorkingSetBytes = peak, Files = work.Files, Bytes = work.Bytes, Matches = work.Matches, CacheHits = hits, CacheMisses = misses,
        };
        var records = new List<PerfRecord>
        {
            Make(PerfRecord.RunOperation) with
            {
                WallMs = runWall.TotalMilliseconds,
                CpuMs = Environment.CpuUsage.TotalTime.TotalMilliseconds,
                AllocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
                Caches = new CacheCounts([.. snapshot.Caches.OrderBy(c => c.Cache, StringComparer.Ordinal)]),
            },
        };
        records.AddRange(snapshot.Operations.Select(op => Make(op.Operation) with
        {
            Count = op.Count, WallMs = op.WallMs, CpuMs = op.CpuMs, AllocatedBytes = op.AllocatedBytes,
        }));
        return records;
    }
}
