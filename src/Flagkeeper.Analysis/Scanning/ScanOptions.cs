using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Scanning;

/// <summary>How one scan runs.</summary>
public sealed record ScanOptions
{
    /// <summary>Read and write the incremental cache (<c>--no-cache</c> turns it off).</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>
    /// Scan only files changed since this git revision, plus untracked ones. <see cref="ScanRunner"/> asks git for them
    /// (a failing git is an error it returns) and passes them on as <see cref="OnlyFiles"/>.
    /// </summary>
    public string? ChangedSince { get; init; }

    /// <summary>Scan only these root-relative, '/'-separated files (null: every file the walk meets).</summary>
    public IReadOnlySet<string>? OnlyFiles { get; init; }

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Also hands the files this sink wants to it as the walk meets them, scanned or not (discovery's
    /// registry files: one walk serves both).
    /// </summary>
    public IWalkedFileSink? AlsoCollect { get; init; }

    /// <summary>
    /// Called with <see cref="UseCache"/> before the scan cache is read: whether there is a cache file to read. A run that
    /// has one mostly reloads it, and the CLI then pauses garbage collection for the run.
    /// </summary>
    public Action<bool>? BeforeCacheLoad { get; init; }

    /// <summary>The time the scan may take (<c>--timeout</c>); when it runs out the walk stops and the result is partial.</summary>
    public RunBudget? Budget { get; init; }

    /// <summary>
    /// The format of the caller's report when it keeps the usages as it rendered them (<see cref="Caching.RenderedUsages"/>),
    /// with <see cref="UseCache"/> and every file. A scan of a tree in the state they were rendered for then returns them
    /// in <see cref="ScanResult.Rendered"/>, with no usages; another complete scan with nothing wrong says where to keep
    /// its own (<see cref="ScanResult.RenderTo"/>). Null: neither.
    /// </summary>
    public string? RenderedFormat { get; init; }

    /// <summary>Called once per file the scan looks at, on the worker threads (a progress display counts them).</summary>
    public Action? Progress { get; init; }
}
