using Flagkeeper.Analysis.Performance.History;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Caching;

namespace Flagkeeper.Analysis.Performance.Caches;

/// <summary>
/// <c>flagkeeper cache stats</c>: looks at each of Flagkeeper's caches as the next run would meet it. The scan cache
/// is read from disk (never changed); the pattern cache and the flag cache live in a process, so they are built here
/// as a scan and an application would build them, and measured. Hit rates come from the performance history.
/// </summary>
public static class CacheInspector
{
    public const string ScanName = "scan";
    public const string SymbolName = "symbol";
    public const string WrapperName = "wrapper";
    public const string ReportName = "report";
    public const string PatternName = "pattern";
    public const string FlagName = "flag";

    public static IReadOnlyList<CacheHealth> Inspect(Workspace workspace, IReadOnlyList<PerfRecord> history, PerformanceMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(history);
        var options = new PatternCacheOptions();
        using var patterns = new PatternCache(options);
        var scanner = new Scanner(workspace.Config, patterns, monitor);
        var (directory, fingerprint, patternErrors) = scanner.CacheIdentity(workspace.Root);
        return
        [
            Scan(workspace.Root, Scanning.Caching.ScanCache.Inspect(directory, fingerprint), history),
            Symbol(workspace.Root, Scanning.Caching.SymbolCache.Inspect(directory), history),
            Wrapper(workspace.Root, Scanning.Caching.WrapperCache.Inspect(directory), history),
            Report(workspace.Root, Scanning.Caching.RenderedUsages.Inspect(directory), history),
            Pattern(patterns.Statistics, options, patternErrors.Select(e => e.Message), history),
            Flag(workspace),
        ];
    }

    private static CacheHealth Scan(string root, Scanning.Caching.ScanCacheSummary summary, IReadOnlyList<PerfRecord> history)
    {
        var location = Location(root, summary);
        var recent = CacheHitRates.Of(history, RunRecorder.ScanCacheName);
        var reasons = new List<string>();
        var status = CacheStatus.Healthy;
        if (summary.Problem is { } problem)
        {
            (status, reasons) = (CacheStatus.Degraded, [$"{location} is {problem}"]);
        }
        else if (!summary.Exists || summary.Entries == 0)
        {
            (status, reasons) = (CacheStatus.Empty, [$"nothing cached yet: the next scan or check fills {location}"]);
        }
        else if (!summary.Current)
        {
            (status, reasons) = (CacheStatus.Empty, ["built under other settings (flagkeeper.yaml, the SDK catalog or the tool changed): the next scan starts it over"]);
        }
        else if (CacheHitRates.Problem(recent, Path.GetDirectoryName(location) ?? location) is { } rate)
        {
            (status, reasons) = (CacheStatus.Degraded, [rate]);
        }
        return OnDisk(ScanName, "per-file usages, reused while a file's size and time are unchanged; on disk", location, summary, status, reasons, recent);
    }

    /// <summary>
    /// The symbol pass's outcomes. Any edit of a C#, Go, script, Java, Kotlin or Python file misses it by design (one entry for the whole tree),
    /// so a low hit rate is reported, not judged.
    /// </summary>
    private static CacheHealth Symbol(string root, Scanning.Caching.ScanCacheSummary summary, IReadOnlyList<PerfRecord> history) =>
        OnePassEntry(root, summary, SymbolName, "keys behind C#, Go, TypeScript, JavaScript, Java, Kotlin and Python constants, reused while those files and the dynamic usages are unchanged; on disk",
            "a dynamic C#, Go, TypeScript, JavaScript, Java, Kotlin or Python usage", CacheHitRates.Of(history, Scanning.Symbols.CachedSymbolPass.CacheName));

    /// <summary>The wrapper pass's last result; like the symbol cache, any edit of a C# or Go file misses it by design.</summary>
    private static CacheHealth Wrapper(string root, Scanning.Caching.ScanCacheSummary summary, IReadOnlyList<PerfRecord> history) =>
        OnePassEntry(root, summary, WrapperName, "the usages at calls of wrapper methods (C#, Go), reused while those files and their usages are unchanged; on disk",
            "a C# or Go usage with a key", CacheHitRates.Of(history, Scanning.Wrappers.CachedWrapperPass.CacheName));

    /// <summary>
    /// The last JSON report's usages, kept for a tree scanned twice unchanged; any change misses it by design (the next
    /// scan that finds the tree as the scan cache has it keeps a new one).
    /// </summary>
    private static CacheHealth Report(string root, Scanning.Caching.ScanCacheSummary summary, IReadOnlyList<PerfRecord> history) =>
        OnePassEntry(root, summary, ReportName, "the last scan --format json report's usages, copied while every file, flagkeeper.yaml and the registries it names are unchanged; on disk",
            "--format json that finds the tree as the scan cache has it", CacheHitRates.Of(history, Scanner.RenderedCacheName));

    /// <summary>A pass's cache of one entry: damaged, empty until <paramref name="fillsWith"/> is scanned, else healthy.</summary>
    private static CacheHealth OnePassEntry(string root, Scanning.Caching.ScanCacheSummary summary, string name, string description, string fillsWith, HitRateWindow recent)
    {
        var location = Location(root, summary);
        var (status, reasons) = summary switch
        {
            { Problem: { } problem } => (CacheStatus.Degraded, new[] { problem }),
            { Exists: false } => (CacheStatus.Empty, new[] { $"nothing cached yet: the next scan with {fillsWith} fills {location}" }),
            _ => (CacheStatus.Healthy, Array.Empty<string>()),
        };
        return OnDisk(name, description, location, summary, status, reasons, recent);
    }

    private static string Location(string root, Scanning.Caching.ScanCacheSummary summary) => Path.GetRelativePath(root, summary.Path).Replace('\\', '/');

    /// <summary>A cache file's entry: its size when it exists, its load cost when it also loaded.</summary>
    private static CacheHealth OnDisk(string name, string description, string location, Scanning.Caching.ScanCacheSummary summary,
        CacheStatus status, IReadOnlyList<string> reasons, HitRateWindow recent) => new()
    {
        Name = name,
        Description = description,
        Status = status,
        Reasons = reasons,
        Location = location,
        Entries = summary.Entries,
        OnDiskBytes = summary.Exists ? summary.Bytes : null,
        EstimatedMemoryBytes = summary.Exists && summary.Problem is null ? summary.LoadAllocatedBytes : null,
        Recent = recent,
    };

    private static CacheHealth Pattern(PatternCacheStatistics built, PatternCacheOptions options, IEnumerable<string> patternErrors, IReadOnlyList<PerfRecord> history)
    {
        var recent = CacheHitRates.Of(history, "pattern-cache");
        var reasons = patternErrors.Select(e => $"a pattern does not compile and is skipped: {e}").ToList();
        if (built.Entries > options.MaxEntries)
        {
            reasons.Add($"{built.Entries} patterns exceed its bound of {options.MaxEntries}: every scan evicts and compiles again");
        }
        if (CacheHitRates.Problem(recent, "the process") is { } rate)
        {
            reasons.Add(rate);
        }
        return new CacheHealth
        {
            Name = PatternName,
            Description = "compiled regular expressions (SDK call shapes and your patterns:); in the process, one per run",
            Status = reasons.Count > 0 ? CacheStatus.Degraded : CacheStatus.Healthy,
            Reasons = reasons,
            Entries = built.Entries,
            EstimatedMemoryBytes = built.EstimatedBytes,
            Recent = recent,
            Evictions = built.Evictions,
            Expirations = built.Expirations,
            MaxEntries = options.MaxEntries,
            TimeToLive = options.TimeToLive,
        };
    }

    /// <summary>The runtime's cache as an application reading these registries builds it: loaded, validated and measured.</summary>
    private static CacheHealth Flag(Workspace workspace)
    {
        var registries = workspace.Registries.Registries;
        if (registries.Count == 0)
        {
            return new CacheHealth
            {
                Name = FlagName, Description = FlagDescription, Status = CacheStatus.Empty,
                Reasons = ["no flag registry under this root"], Live = FlagCacheLive,
            };
        }
        var reasons = new List<string>();
        long entries = 0, allocated = 0;
        foreach (var registry in registries)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var options = new FlagCacheOptions { Watch = false, Severities = workspace.Config.Severities };
                options.Registries.Add(registry.FullPath);
                using var cache = new Flagkeeper.Caching.FlagCache(options);
                entries += registry.Flags.Count;
                if (cache.Health.Status != FlagCacheStatus.Healthy)
                {
                    reasons.Add($"{registry.DisplayPath}: {cache.Health.Reason}");
                }
            }
            catch (FlagCacheLoadException ex)
            {
                reasons.Add($"{registry.DisplayPath}: an application starting on it would fail: {(ex.Errors.Count > 0 ? ex.Errors[0] : ex.Message)}");
            }
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }
        return new CacheHealth
        {
            Name = FlagName,
            Description = FlagDescription,
            Status = reasons.Count > 0 ? CacheStatus.Degraded : CacheStatus.Healthy,
            Reasons = reasons,
            Entries = entries,
            EstimatedMemoryBytes = allocated,
            TimeToLive = new FlagCacheOptions().CheckInterval,
            Live = FlagCacheLive,
        };
    }

    private const string FlagDescription = "the registry compiled for evaluation, built here as an application builds it; the live one is in the application's process";

    /// <summary>
    /// Where an application shows its live flag cache. The health check's name is Flagkeeper.Extensions' default for
    /// AddFlagkeeper (this assembly does not reference the DI package); the metrics are the runtime's own names.
    /// </summary>
    private static readonly InProcessCache FlagCacheLive = new()
    {
        HealthCheck = "flagkeeper",
        HealthCheckAddedBy = "services.AddHealthChecks().AddFlagkeeper() (Flagkeeper.Extensions; FlagCache.Health without DI)",
        Meter = Telemetry.FlagkeeperTelemetry.Name,
        Metrics = [Telemetry.FlagkeeperTelemetry.EvaluationsInstrument, Telemetry.FlagkeeperTelemetry.ReloadsInstrument, Telemetry.FlagkeeperTelemetry.RejectedReloadsInstrument],
    };
}
