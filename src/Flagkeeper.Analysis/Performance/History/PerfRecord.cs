namespace Flagkeeper.Analysis.Performance.History;

/// <summary>
/// One operation of one <c>scan</c> or <c>check</c> run: one line of <c>.flagkeeper/perf/history.jsonl</c>.
/// The work counts (files, bytes, matches, the scan cache's hits and misses) and the peak working set are the run's, repeated on
/// each of its lines so a line stands alone; <see cref="Operation"/> <c>run</c> is the whole command.
/// </summary>
public sealed record PerfRecord
{
    /// <summary>The operation every run records: the whole command, process-wide.</summary>
    public const string RunOperation = "run";

    public required DateTimeOffset At { get; init; }

    /// <summary>Ties the lines of one run together.</summary>
    public required string RunId { get; init; }

    /// <summary><c>scan</c> or <c>check</c>.</summary>
    public required string Command { get; init; }

    public required string Operation { get; init; }
    public required WorkFingerprint Fingerprint { get; init; }
    public long Count { get; init; } = 1;
    public double WallMs { get; init; }
    public double CpuMs { get; init; }
    public long AllocatedBytes { get; init; }
    public long PeakWorkingSetBytes { get; init; }
    public long Files { get; init; }
    public long Bytes { get; init; }
    public long Matches { get; init; }
    public long CacheHits { get; init; }
    public long CacheMisses { get; init; }

    /// <summary>Each cache's hits and misses in the run (scan, pattern, symbol); on the <see cref="RunOperation"/> line only, null elsewhere and in older lines.</summary>
    public CacheCounts? Caches { get; init; }

    /// <summary>Runs of the same command and operation share a history (and its bound of 200 lines).</summary>
    public string Series => $"{Command} {Operation}";
}

/// <summary>Each cache's counts in one run, compared by value (so records read back equal the records written).</summary>
public sealed class CacheCounts(IReadOnlyList<CacheStats> all) : IEquatable<CacheCounts>
{
    public IReadOnlyList<CacheStats> All { get; } = all;

    /// <summary>The named cache's counts, or null when the run did not use it.</summary>
    public CacheStats? Find(string cache) => All.FirstOrDefault(c => c.Cache == cache);

    public bool Equals(CacheCounts? other) => other is not null && All.SequenceEqual(other.All);
    public override bool Equals(object? obj) => Equals(obj as CacheCounts);
    public override int GetHashCode() => All.Count;
}
