using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Performance.History;
using Flagkeeper.Analysis.Scanning.Caching;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Analysis.Scanning.Symbols;
using Flagkeeper.Analysis.Walking;
using Flagkeeper.Diagnostics;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Analysis.Scanning.Wrappers;

namespace Flagkeeper.Analysis.Scanning;

/// <summary>
/// Finds every flag usage under a root. The walker hands files to worker threads; each worker reads a
/// file into a reused buffer, skips binary and oversized files, takes unchanged files from the
/// incremental cache, and runs the <see cref="FileMatcher"/> on the rest. Results are sorted by file,
/// line and column, so output is deterministic whatever the thread timing.
/// </summary>
public sealed partial class Scanner
{
    /// <summary>The rendered-usages cache's name in the performance monitor's cache counts.</summary>
    public const string RenderedCacheName = "rendered-usages";

    private readonly FlagkeeperConfig _config;
    private readonly PatternCache _patternCache;
    private readonly PerformanceMonitor _monitor;
    private readonly TimeProvider _time;
    private readonly ShapeIndex _index;
    private readonly HashSet<string> _extraExtensions;
    private FileMatcher? _contentMatcher;

    public Scanner(FlagkeeperConfig config, PatternCache patternCache, PerformanceMonitor monitor, TimeProvider? time = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _patternCache = patternCache ?? throw new ArgumentNullException(nameof(patternCache));
        _monitor = monitor ?? throw new ArgumentNullException(nameof(monitor));
        _time = time ?? TimeProvider.System;
        _index = ShapeIndex.ForConfig(config);
        foreach (var (pattern, options, regex) in ShapeIndex.Prebuilt)
        {
            _patternCache.Preload(pattern, options, regex);
        }
        _extraExtensions = config.ScanExtensions.Select(e => e.StartsWith('.') ? e : "." + e).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public ShapeIndex Index => _index;

    /// <summary>
    /// The scan cache a scan of <paramref name="root"/> would read: its folder and the fingerprint it must carry.
    /// Compiles the custom patterns as a scan does, so the pattern cache then holds what a scan holds.
    /// </summary>
    public (string Directory, string Fingerprint, IReadOnlyList<FlagkeeperError> PatternErrors) CacheIdentity(string root)
    {
        var (customPatterns, patternErrors) = CustomPatterns.Compile(_config, _patternCache);
        return (Path.GetFullPath(Path.Combine(WorkspaceRoot.Normalise(root), _config.CacheDirectory)), Fingerprint(customPatterns), patternErrors);
    }

    public ScanResult Scan(string root, ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        root = WorkspaceRoot.Normalise(root);
        if (!Directory.Exists(root))
        {
            throw new FlagkeeperException(ErrorCodes.RootNotFound.Create($"root '{root}' is not a directory"));
        }
        using var total = _monitor.Start("scan");
        var started = _time.GetTimestamp();
        var errors = new ConcurrentBag<FlagkeeperError>();
        var patternsBefore = _patternCache.Statistics; // the cache may outlive this scan: record this scan's share

        var (customPatterns, patternErrors) = CustomPatterns.Compile(_config, _patternCache);
        foreach (var error in patternErrors)
        {
            errors.Add(error);
        }
        if (options.ChangedSince is not null && options.OnlyFiles is null)
        {
            throw new ArgumentException("ChangedSince is resolved to OnlyFiles before the scan (ScanRunner does it)", nameof(options));
        }
        var only = options.OnlyFiles;

        var cacheDirectory = Path.GetFullPath(Path.Combine(root, _config.CacheDirectory));
        var shownCacheDirectory = Path.GetRelativePath(root, cacheDirectory).Replace('\\', '/');
        var fingerprint = Fingerprint(customPatterns);
        if (options.UseCache)
        {
            options.BeforeCacheLoad?.Invoke(File.Exists(Path.Combine(cacheDirectory, ScanCache.FileName)));
        }
        var scanStart = _time.GetUtcNow().UtcDateTime;
        // Kept rendered usages are served only when nothing went wrong before the walk (no pattern errors to report again).
        var tree = options is { RenderedFormat: { } format, UseCache: true } && only is null
            ? new TreeState(format, fingerprint, root, _config, scanStart)
            : null;
        FlagkeeperError? renderedWarning = null;
        var rendered = tree is not null && errors.IsEmpty && File.Exists(Path.Combine(cacheDirectory, RenderedUsages.FileName))
            ? Task.Run(() => _monitor.Measure("scan.rendered-load", () => RenderedUsages.Load(cacheDirectory, shownCacheDirectory, out renderedWarning)))
            : null;
        // With rendered usages to compare against, the scan cache is loaded only if the tree turns out changed.
        var loading = rendered is null ? LoadCache(options.UseCache, cacheDirectory, shownCacheDirectory, fingerprint, errors) : null;

        var counters = new ScanCounters();
        var results = new ConcurrentBag<Usage[]>();
        var symbolFiles = new SymbolSourceSet(WrapperPass.Reads);
        var bindingAnswers = new BindingAnswers(); // the symbol passes' questions about files the scan reads, answered while it has them
        using var workers = new ThreadLocal<ScanWorker>(() => new ScanWorker(new FileMatcher(_index, _patternCache, customPatterns)), trackAllValues: false);
        var walkOptions = new WalkOptions
        {
            Exclude = new GlobSet(_config.Exclude),
            Include = new GlobSet(_config.Include),
            SkippedPaths = [cacheDirectory, HistoryFile.FolderUnder(root)], // never scan the tool's own files
            WantFile = name => options.AlsoCollect?.Wants(name) == true || ScannedLanguage(name) is not null,
            FollowFileLink = name => options.AlsoCollect?.Wants(name) == true, // a linked registry, as discovery sees it
            Parallelism = options.Parallelism,
            HandFilesAfter = loading,
        };

        void ScanWalked(WalkedFile file)
        {
            var readBySymbols = KeyResolver.ReadsFrom(file.RelativePath);
            if (only is not null && !only.Contains(file.RelativePath))
            {
                if (readBySymbols)
                {
                    symbolFiles.Add(new SymbolSource(file.RelativePath, file.Length, null, null, HasReturnedCheck: false));
                }
                return;
            }
            options.Progress?.Invoke();
            var usages = ScanFile(file, workers.Value!, loading!.GetAwaiter().GetResult(), options.UseCache, scanStart, counters, errors, bindingAnswers, out var seen);
            if (readBySymbols)
            {
                symbolFiles.Add(new SymbolSource(file.RelativePath, file.Length, seen?.Hash, seen?.Declarations, seen?.HasReturnedCheck == true));
            }
            if (usages.Length > 0)
            {
                results.Add(usages);
            }
        }

        WalkSummary walk;
        using (_monitor.Start("scan.walk-and-match"))
        {
            var listed = rendered is null ? null : new ConcurrentBag<WalkedFile>();
            walk = FileWalker.Walk(root, walkOptions, file =>
            {
                tree?.Add(file);
                if (options.AlsoCollect is { } sink && sink.Wants(FileName(file.RelativePath)))
                {
                    sink.Add(file);
                    if (ScannedLanguage(file.RelativePath) is null)
                    {
                        return;
                    }
                }
                if (listed is not null)
                {
                    listed.Add(file);
                }
                else
                {
                    ScanWalked(file);
                }
                _ = options.Budget?.Expired; // reads the clock: the walk hands over no further file once the time is up
            }, options.Budget?.Token ?? default);
            if (listed is not null)
            {
                if (KeptFor(tree!, walk, rendered!) is { } kept)
                {
                    return ServeRendered(root, kept, walk, started, patternsBefore);
                }
                rendered = null; // the old report's bytes are not held through the scan
                loading = LoadCache(options.UseCache, cacheDirectory, shownCacheDirectory, fingerprint, errors);
                Parallel.ForEach(listed, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, ScanWalked);
            }
        }
        if (tree is not null)
        {
            _monitor.RecordCacheMiss(RenderedCacheName); // a hit has returned
        }
        foreach (var error in walk.Errors)
        {
            errors.Add(error);
        }
        var cache = loading!.GetAwaiter().GetResult(); // a tree without files never asked for it
        // A partial scan writes no cache: entries of the files it never reached would be dropped from it.
        var progress = $"after {counters.Scanned} file(s) were scanned";
        var incomplete = walk.Stopped ? options.Budget!.Reason(progress) : null;
        if (incomplete is not null)
        {
            errors.Add(options.Budget!.Error(progress));
        }

        if (options.UseCache && only is null && cache.IsDirty && incomplete is null)
        {
            using (_monitor.Start("scan.cache-save"))
            {
                try
                {
                    cache.Save(cacheDirectory);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Add(ErrorCodes.CacheWriteFailed.Create($"scan cache could not be written to {cacheDirectory}: {ex.Message}"));
                }
            }
        }

        // Each file's usages are already in line and column order: sorting the files is enough.
        var byFile = results.ToArray();
        Array.Sort(byFile, static (a, b) => string.CompareOrdinal(a[0].File, b[0].File));
        var all = new Usage[byFile.Sum(u => u.Length)];
        var at = 0;
        foreach (var usages in byFile)
        {
            usages.CopyTo(all, at);
            at += usages.Length;
        }
        // Same rule as the scan cache: a scan of some files only neither reads nor writes the symbol and wrapper caches.
        var symbolCache = options.UseCache && only is null && incomplete is null ? new SymbolCacheLocation(cacheDirectory, shownCacheDirectory) : null;
        using (_monitor.Start("scan.resolve-symbols"))
        {
            CachedSymbolPass.Resolve(root, all, symbolFiles, symbolFiles.All, _config.MaxFileSize, symbolCache, bindingAnswers, _monitor, errors.Add);
        }
        using (_monitor.Start("scan.wrappers"))
        {
            // Calls are looked for in the scanned files only: a scan of some files reports usages in those.
            IReadOnlyCollection<SymbolSource> callFiles = only is null ? symbolFiles : [.. symbolFiles.Where(f => only.Contains(f.Path))];
            all = CachedWrapperPass.Apply(root, all, callFiles, symbolFiles.ReadByWrappers, _config.MaxFileSize, _config.Wrappers, symbolCache, _monitor, errors.Add);
        }
        if (options.UseCache) // --no-cache used no cache: its misses would only lower the cache's recorded hit rate
        {
            _monitor.RecordCacheHit(RunRecorder.ScanCacheName, counters.CacheHits);
            _monitor.RecordCacheMiss(RunRecorder.ScanCacheName, counters.CacheMisses);
        }
        var statistics = Statistics(counters, walk, started, patternsBefore);
        // Kept only from a complete run with nothing to report and no file changed within the racy window, since the
        // next run serves these bytes in place of all of this, errors included. And only when the scan cache served every
        // file as it was: a tree found unchanged is likely to be scanned unchanged again, while a run that read files
        // (an edit, then a scan) would pay for writing a report the next edit makes useless (48 MB on a 20,000-file tree).
        var renderTo = tree is { Racy: false } && incomplete is null && errors.IsEmpty && counters.CacheMisses == 0 && !cache.IsDirty
            ? new RenderedSlot(cacheDirectory, tree.Key, new RenderedCounts(all.Length, counters.Scanned, counters.Binary, counters.Large, counters.BytesScanned,
                counters.CacheHits))
            : null;
        if (renderedWarning is not null)
        {
            errors.Add(renderedWarning);
        }
        return new ScanResult(root, all, statistics, Ordered(errors))
        {
            IncompleteReason = incomplete,
            FilesWithSuppressionMarkers = counters.MarkerFiles.ToHashSet(StringComparer.Ordinal),
            RenderTo = renderTo,
        };
    }

    /// <summary>The kept report when the walk met the tree it was rendered for; null, and the report let go, otherwise.</summary>
    private static RenderedUsages? KeptFor(TreeState tree, WalkSummary walk, Task<RenderedUsages?> rendered)
    {
        var kept = rendered.GetAwaiter().GetResult(); // awaited either way: a damaged file's warning is reported
        if (walk is { Stopped: false, Errors.Count: 0 } && kept?.Key == tree.Key)
        {
            return kept;
        }
        kept?.Dispose();
        return null;
    }

    /// <summary>The result of a scan whose tree is as it was when <paramref name="kept"/> was rendered: nothing else is read.</summary>
    private ScanResult ServeRendered(string root, RenderedUsages kept, WalkSummary walk, long started, PatternCacheStatistics patternsBefore)
    {
        var counts = kept.Counts;
        _monitor.RecordCacheHit(RenderedCacheName);
        _monitor.RecordCacheHit(RunRecorder.ScanCacheName, counts.FilesFromCache); // every file's results came from the caches
        // The counts of the run that kept it; nothing was read this time.
        var counters = new ScanCounters
        {
            Scanned = counts.FilesScanned, Binary = counts.BinaryFiles, Large = counts.LargeFiles, BytesScanned = counts.BytesScanned, CacheHits = counts.FilesFromCache,
        };
        return new ScanResult(root, [], Statistics(counters, walk, started, patternsBefore), []) { Rendered = kept };
    }

    private ScanStatistics Statistics(ScanCounters counters, WalkSummary walk, long started, PatternCacheStatistics patternsBefore)
    {
        var patternStats = _patternCache.Statistics;
        _monitor.RecordCacheHit("pattern-cache", patternStats.Hits - patternsBefore.Hits);
        _monitor.RecordCacheMiss("pattern-cache", patternStats.Misses - patternsBefore.Misses);
        return new ScanStatistics
        {
            FilesScanned = counters.Scanned,
            FilesSkipped = counters.Binary + counters.Large + counters.Unreadable,
            BinaryFiles = counters.Binary,
            LargeFiles = counters.Large,
            UnreadableFiles = counters.Unreadable,
            BytesScanned = counters.BytesScanned,
            BytesRead = counters.BytesRead,
            Directories = walk.Directories,
            IgnoredEntries = walk.IgnoredEntries,
            SymbolicLinks = walk.SymbolicLinks,
            Duration = _time.GetElapsedTime(started),
            CacheHits = counters.CacheHits,
            CacheMisses = counters.CacheMisses,
            ReadRetries = new RecoveryCounts(counters.ReadRetries, counters.ReadRetriesRecovered),
            PatternCache = patternStats,
        };
    }

    private static List<FlagkeeperError> Ordered(IEnumerable<FlagkeeperError> errors) =>
        errors.OrderBy(e => e.Location?.File, StringComparer.Ordinal).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();

    /// <summary>Loads the scan cache on its own thread while the walk lists folders: a warm scan's load was tens of milliseconds on one core.</summary>
    private Task<ScanCache> LoadCache(bool useCache, string directory, string shownDirectory, string fingerprint, ConcurrentBag<FlagkeeperError> errors)
    {
        if (!useCache)
        {
            return Task.FromResult(ScanCache.Empty(fingerprint));
        }
        return Task.Run(() =>
        {
            using var _ = _monitor.Start("scan.cache-load");
            var loaded = ScanCache.Load(directory, fingerprint, out var warning, shownDirectory);
            if (warning is not null)
            {
                errors.Add(warning);
            }
            return loaded;
        });
    }

    /// <summary>Whether the scan reads files with this name (a known language, or one enabled by scan.extensions).</summary>
    public bool IsScanned(string relativePath) => ScannedLanguage(relativePath) is not null;

    /// <summary>
    /// Usages in one file's content that is not on disk (a file as a commit left it), found exactly as
    /// a scan would find them. Not thread-safe: one caller at a time.
    /// </summary>
    public IReadOnlyList<Usage> MatchContent(string relativePath, byte[] content, ICollection<FlagkeeperError> errors)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (ScannedLanguage(relativePath) is not { } language || SourceDecoder.Detect(content) == SourceEncoding.Binary)
        {
            return [];
        }
        if (_contentMatcher is null)
        {
            var (patterns, patternErrors) = CustomPatterns.Compile(_config, _patternCache);
            foreach (var error in patternErrors)
            {
                errors.Add(error);
            }
            _contentMatcher = new FileMatcher(_index, _patternCache, patterns);
        }
        var found = new FileUsages();
        _contentMatcher.Match(content, content.Length, relativePath, language, found);
        foreach (var error in found.Errors)
        {
            errors.Add(error);
        }
        return found.ToSortedArray();
    }

    /// <summary>The language of a file Flagkeeper scans, or null (unknown extension, or not enabled by scan.extensions).</summary>
    private Language? ScannedLanguage(ReadOnlySpan<char> name)
    {
        var dot = name.LastIndexOf('.');
        if (dot < 0 || LanguageCatalog.ForExtension(name[dot..]) is not { } language)
        {
            return null;
        }
        return language.ScannedByDefault || _extraExtensions.Contains(name[dot..].ToString()) ? language : null;
    }

    private static ReadOnlySpan<char> FileName(string relativePath) => relativePath.AsSpan(relativePath.LastIndexOf('/') + 1);

    /// <summary>Changes whenever something that decides what a scan finds changes.</summary>
    private string Fingerprint(IReadOnlyList<CompiledPattern> customPatterns)
    {
        var text = new StringBuilder()
            .Append("catalog=").Append(BuiltInCatalog.Version).Append('\n')
            .Append("tool=").Append(typeof(Scanner).Assembly.ManifestModule.ModuleVersionId).Append('\n')
            .Append("env=").AppendJoin(',', _index.EnvPrefixes).Append('\n')
            .Append("sdks=").AppendJoin(',', _index.Sdks.Order(StringComparer.Ordinal)).Append('\n');
        foreach (var pattern in customPatterns)
        {
            text.Append("pattern=").Append(pattern.Source.Id).Append('\u0001').Append(pattern.Source.Regex).Append('\u0001').AppendJoin(',', pattern.Source.Files).Append('\n');
        }
        return Convert.ToHexString(XxHash128.Hash(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
