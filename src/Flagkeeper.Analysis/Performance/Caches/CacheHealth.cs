namespace Flagkeeper.Analysis.Performance.Caches;

/// <summary><c>Empty</c>: nothing cached yet (a first run, after <c>cache clear</c>), which is not a fault.</summary>
public enum CacheStatus
{
    Healthy,
    Degraded,
    Empty,
}

/// <summary>Hit and miss counts of a cache over the recent runs that used it, after its warm-up.</summary>
/// <param name="Runs">Runs counted (after the warm-up).</param>
/// <param name="WarmUpRuns">Leading runs left out: those before the cache first served a hit.</param>
public sealed record HitRateWindow(long Hits, long Misses, int Runs, int WarmUpRuns)
{
    public static HitRateWindow None { get; } = new(0, 0, 0, 0);

    /// <summary>Null when no lookup was counted.</summary>
    public double? HitRate => Hits + Misses == 0 ? null : (double)Hits / (Hits + Misses);
}

/// <summary>
/// One cache as <c>flagkeeper cache stats</c> reports it. Fields a cache does not have (an in-process cache has no
/// file) are null, never a made-up zero.
/// </summary>
public sealed record CacheHealth
{
    /// <summary><c>scan</c>, <c>pattern</c> or <c>flag</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What it caches and how long it lives, in a few words.</summary>
    public required string Description { get; init; }

    public required CacheStatus Status { get; init; }

    /// <summary>Why the status is not Healthy, and notes a reader needs (one sentence each).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The file it lives in (root-relative), for an on-disk cache.</summary>
    public string? Location { get; init; }

    public long Entries { get; init; }
    public long? OnDiskBytes { get; init; }

    /// <summary>Bytes it takes in memory: measured (allocated to load or build it), not guessed from the entry count.</summary>
    public long? EstimatedMemoryBytes { get; init; }

    /// <summary>From the performance history; null for a cache the history does not record.</summary>
    public HitRateWindow? Recent { get; init; }

    /// <summary>Entries dropped for the size bound, and entries found expired (time-to-live misses).</summary>
    public long? Evictions { get; init; }
    public long? Expirations { get; init; }

    /// <summary>Its bound (entries), when it has one.</summary>
    public long? MaxEntries { get; init; }
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>For a cache whose live instance is in another process (the flag cache): where that process shows its health.</summary>
    public InProcessCache? Live { get; init; }
}

/// <summary>
/// The live instance of a cache that lives inside the application's process. No other process can read its hits or
/// its state, so <c>cache stats</c> names where the application exposes them instead of guessing.
/// </summary>
public sealed record InProcessCache
{
    /// <summary>Always <c>in-process</c>: the figures beside it are of a copy built by this command, not the live one.</summary>
    public string Status { get; } = "in-process";

    /// <summary>The health check's name, and what adds it.</summary>
    public required string HealthCheck { get; init; }
    public required string HealthCheckAddedBy { get; init; }

    /// <summary>The meter (what <c>AddMeter</c> takes) and its instruments.</summary>
    public required string Meter { get; init; }
    public required IReadOnlyList<string> Metrics { get; init; }
}
