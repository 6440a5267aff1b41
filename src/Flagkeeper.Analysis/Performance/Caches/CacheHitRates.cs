using Flagkeeper.Analysis.Performance.History;

namespace Flagkeeper.Analysis.Performance.Caches;

/// <summary>
/// A cache's hit rate over the recent <c>scan</c> and <c>check</c> runs that recorded it in the performance history.
/// The warm-up is left out: the runs before the cache first served a hit (the first run after a clear, a new checkout
/// or a configuration change misses everything by design).
/// </summary>
public static class CacheHitRates
{
    /// <summary>Runs looked at, newest first.</summary>
    public const int Window = 20;

    /// <summary>Below this after the warm-up, a cache is Degraded.</summary>
    public const double MinimumHitRate = 0.5;

    /// <summary>Runs without a single hit after which a cache that never warms up is Degraded.</summary>
    public const int RunsWithoutAHit = 3;

    public static HitRateWindow Of(IReadOnlyList<PerfRecord> history, string cache)
    {
        ArgumentNullException.ThrowIfNull(history);
        var runs = history
            .Where(r => r.Operation == PerfRecord.RunOperation && r.Caches is not null)
            .Select(r => (r.At, Counts: r.Caches!.Find(cache)))
            .Where(r => r.Counts is { } c && c.Hits + c.Misses > 0)
            .OrderBy(r => r.At)
            .TakeLast(Window)
            .Select(r => r.Counts!)
            .ToList();
        var warmUp = runs.FindIndex(c => c.Hits > 0);
        if (warmUp < 0)
        {
            return new HitRateWindow(0, runs.Sum(c => c.Misses), 0, runs.Count);
        }
        var counted = runs.Skip(warmUp).ToList();
        return new HitRateWindow(counted.Sum(c => c.Hits), counted.Sum(c => c.Misses), counted.Count, warmUp);
    }

    /// <summary>Why the window makes a cache Degraded, or null.</summary>
    /// <param name="kept">What must survive between runs for the cache to hit (its folder).</param>
    public static string? Problem(HitRateWindow window, string kept)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Runs == 0)
        {
            return window.WarmUpRuns >= RunsWithoutAHit
                ? $"no hit in the last {window.WarmUpRuns} runs that used it: is {kept} kept between runs, and do file times survive (a fresh checkout in CI changes them)?"
                : null;
        }
        return window.HitRate < MinimumHitRate
            ? $"hit rate {window.HitRate:P0} over the last {window.Runs} runs after warm-up is below {MinimumHitRate:P0}"
            : null;
    }
}
