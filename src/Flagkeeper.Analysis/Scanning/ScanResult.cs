using Flagkeeper.Analysis.Scanning.Caching;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;

namespace Flagkeeper.Analysis.Scanning;

/// <summary>Counts and timings of one scan.</summary>
public sealed record ScanStatistics
{
    public int FilesScanned { get; init; }
    public int FilesSkipped { get; init; }
    public int BinaryFiles { get; init; }
    public int LargeFiles { get; init; }
    public int UnreadableFiles { get; init; }
    public long BytesScanned { get; init; }
    public long BytesRead { get; init; }
    public int Directories { get; init; }
    public int IgnoredEntries { get; init; }
    public int SymbolicLinks { get; init; }
    public TimeSpan Duration { get; init; }
    public long CacheHits { get; init; }
    public long CacheMisses { get; init; }

    /// <summary>Reads tried again after a transient I/O error, and how many of those then succeeded.</summary>
    public RecoveryCounts ReadRetries { get; init; } = RecoveryCounts.None;
    public required PatternCacheStatistics PatternCache { get; init; }
}

/// <summary>Everything a scan found.</summary>
public sealed record ScanResult(string Root, IReadOnlyList<Usage> Usages, ScanStatistics Statistics, IReadOnlyList<FlagkeeperError> Errors)
{
    /// <summary>Why only part of the tree was scanned (the time budget ran out); null when the scan is complete.</summary>
    public string? IncompleteReason { get; init; }

    /// <summary>
    /// The report's usages as the caller rendered them for this very tree (<see cref="ScanOptions.RenderedFormat"/>): then
    /// <see cref="ScanResult.Usages"/> and <see cref="FilesWithSuppressionMarkers"/> are empty and nothing else was read.
    /// The caller disposes it once written (its bytes are mapped from the file).
    /// </summary>
    public RenderedUsages? Rendered { get; init; }

    /// <summary>Where the caller may keep this scan's rendered usages for the next scan of the same tree; null: not this run.</summary>
    public RenderedSlot? RenderTo { get; init; }

    /// <summary>How many usages the scan found, rendered or not.</summary>
    public int UsageCount => Rendered?.Counts.Usages ?? Usages.Count;

    /// <summary>Scanned files (root-relative) that contain <c>flagkeeper-ignore</c>: the only ones <c>check</c> reads again for suppressions.</summary>
    public IReadOnlySet<string> FilesWithSuppressionMarkers { get; init; } = new HashSet<string>();
}

/// <summary>Where and under which key a scan's rendered usages are kept (<see cref="RenderedUsages.Begin"/>).</summary>
public sealed record RenderedSlot(string Directory, string Key, RenderedCounts Counts)
{
    /// <summary>
    /// A writer, or null when the cache folder is read-only on purpose: then the report is not kept, without a warning.
    /// The scan cache warns when it has something to write there; a report kept only to go faster does not warn on
    /// every run of a cache shared read-only.
    /// </summary>
    public RenderedUsages.Writer? Begin() => ReadOnlyFolder.Nearest(Directory) is null ? RenderedUsages.Begin(Directory, Key, Counts) : null;
}
