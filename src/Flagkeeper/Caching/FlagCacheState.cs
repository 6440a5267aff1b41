using Flagkeeper.Diagnostics;

namespace Flagkeeper.Caching;

public enum FlagCacheStatus
{
    /// <summary>The active snapshot is what the files say.</summary>
    Healthy,
    /// <summary>The files hold a version that was rejected (or is missing); the last good snapshot answers.</summary>
    Degraded,
}

/// <summary>The cache's health: Degraded with the reason while a rejected version is pending.</summary>
public sealed record FlagCacheHealth(FlagCacheStatus Status, string? Reason, FlagCacheRejection? Rejection)
{
    public static FlagCacheHealth Healthy { get; } = new(FlagCacheStatus.Healthy, null, null);
}

/// <summary>A version of the files that was not loaded, and why.</summary>
/// <param name="Version">Its content hash.</param>
/// <param name="Errors">One line each, <c>path:line:column: message (code)</c>.</param>
/// <param name="Location">Where the first error is, when it has a place.</param>
public sealed record FlagCacheRejection(string Version, DateTimeOffset At, IReadOnlyList<string> Errors, SourceLocation? Location)
{
    /// <summary>The first error, and how many more there are.</summary>
    public string Reason => Errors.Count <= 1 ? Errors[0] : $"{Errors[0]} (and {Errors.Count - 1} more)";
}

/// <summary>Counters since the cache was created. A check that finds the active version's hash is a hit; any other is a miss.</summary>
public readonly record struct FlagCacheStatistics(long Hits, long Misses, long Reloads, long RejectedReloads, TimeSpan LastLoadDuration);

/// <summary>What one check did.</summary>
public enum FlagCacheCheckResult
{
    /// <summary>Same content hash as last time: nothing parsed.</summary>
    Unchanged,
    /// <summary>A new version is active.</summary>
    Reloaded,
    /// <summary>A new version failed to load; the last good snapshot stays active.</summary>
    Rejected,
}

public sealed class FlagCacheReloadedEventArgs(string version, string? previousVersion, int flagCount, TimeSpan duration) : EventArgs
{
    public string Version { get; } = version;
    public string? PreviousVersion { get; } = previousVersion;
    public int FlagCount { get; } = flagCount;
    public TimeSpan Duration { get; } = duration;
}

public sealed class FlagCacheRejectedEventArgs(FlagCacheRejection rejection, string activeVersion) : EventArgs
{
    public FlagCacheRejection Rejection { get; } = rejection;
    /// <summary>The version still answering.</summary>
    public string ActiveVersion { get; } = activeVersion;
}

/// <summary>The cache could not load its registries at start-up; the message lists each problem with its location.</summary>
public sealed class FlagCacheLoadException : Exception
{
    public FlagCacheLoadException() : this("the flag registry could not be loaded")
    {
    }

    public FlagCacheLoadException(string message) : this(message, [message])
    {
    }

    public FlagCacheLoadException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [message];
    }

    public FlagCacheLoadException(string message, IReadOnlyList<string> errors) : base(message)
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
