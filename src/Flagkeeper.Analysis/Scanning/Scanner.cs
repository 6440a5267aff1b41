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

    /// <summary>Called once per file the scan looks at, on the worker threads (a progress display counts them).</summary>
    public Action? Progress { get; init; }
}

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

    /// <summary>Scanned files (root-relative) that contain <c>flagkeeper-ignore</c>: the only ones <c>check</c> reads again for suppressions.</summary>
    public IReadOnlySet<string> FilesWithSuppressionMarkers { get; init; } = new HashSet<string>();
}

/// <summary>
/// Finds every flag usage under a root. The walker hands files to worker threads; each worker reads a
/// file into a reused buffer, skips binary and oversized files, takes unchanged files from the
/// incremental cache, and runs the <see cref="FileMatcher"/> on the rest. Results are sorted by file,
/// line and column, so output is deterministic whatever the thread timing.
/// </summary>
public sealed class Scanner
{
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
        Task<ScanCache> loading;
        if (options.UseCache)
        {
            options.BeforeCacheLoad?.Invoke(File.Exists(Path.Combine(cacheDirectory, ScanCache.FileName)));
            // Loaded on its own thread while the walk lists folders: a warm scan's load was tens of milliseconds on one core.
            loading = Task.Run(() =>
            {
                using var _ = _monitor.Start("scan.cache-load");
                var loaded = ScanCache.Load(cacheDirectory, fingerprint, out var warning, shownCacheDirectory);
                if (warning is not null)
                {
                    errors.Add(warning);
                }
                return loaded;
            });
        }
        else
        {
            loading = Task.FromResult(ScanCache.Empty(fingerprint));
        }

        var counters = new ScanCounters();
        var results = new ConcurrentBag<Usage[]>();
        var symbolFiles = new SymbolSourceSet(WrapperPass.Reads);
        var bindingAnswers = new BindingAnswers(); // the symbol passes' questions about files the scan reads, answered while it has them
        var scanStart = _time.GetUtcNow().UtcDateTime;
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

        WalkSummary walk;
        using (_monitor.Start("scan.walk-and-match"))
        {
            walk = FileWalker.Walk(root, walkOptions, file =>
            {
                if (options.AlsoCollect is { } sink && sink.Wants(FileName(file.RelativePath)))
                {
                    sink.Add(file);
                    if (ScannedLanguage(file.RelativePath) is null)
                    {
                        return;
                    }
                }
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
                var usages = ScanFile(file, workers.Value!, loading.GetAwaiter().GetResult(), options.UseCache, scanStart, counters, errors, bindingAnswers, out var seen);
                if (readBySymbols)
                {
                    symbolFiles.Add(new SymbolSource(file.RelativePath, file.Length, seen?.Hash, seen?.Declarations, seen?.HasReturnedCheck == true));
                }
                if (usages.Length > 0)
                {
                    results.Add(usages);
                }
                _ = options.Budget?.Expired; // reads the clock: the walk hands over no further file once the time is up
            }, options.Budget?.Token ?? default);
        }
        foreach (var error in walk.Errors)
        {
            errors.Add(error);
        }
        var cache = loading.GetAwaiter().GetResult(); // a tree without files never asked for it
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
        var patternStats = _patternCache.Statistics;
        _monitor.RecordCacheHit("pattern-cache", patternStats.Hits - patternsBefore.Hits);
        _monitor.RecordCacheMiss("pattern-cache", patternStats.Misses - patternsBefore.Misses);
        var statistics = new ScanStatistics
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
        var orderedErrors = errors.OrderBy(e => e.Location?.File, StringComparer.Ordinal).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
        return new ScanResult(root, all, statistics, orderedErrors)
        {
            IncompleteReason = incomplete,
            FilesWithSuppressionMarkers = counters.MarkerFiles.ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <param name="seen">The file's entry when it was read or taken from the cache: its hash and declarations feed the symbol pass.</param>
    private Usage[] ScanFile(WalkedFile file, ScanWorker worker, ScanCache cache, bool useCache, DateTime scanStart, ScanCounters counters, ConcurrentBag<FlagkeeperError> errors,
        BindingAnswers bindingAnswers, out CachedFile? seen)
    {
        seen = null;
        if (file.Length == 0)
        {
            // Nothing to find, and never opened: a FIFO, socket or device also has length 0, and
            // opening a FIFO would block the scan forever.
            Interlocked.Increment(ref counters.Scanned);
            return [];
        }
        if (file.Length > _config.MaxFileSize)
        {
            Interlocked.Increment(ref counters.Large);
            return [];
        }
        if (useCache && cache.TakeUnchanged(file.RelativePath, file.Length, file.LastWriteUtc) is { } unchanged)
        {
            seen = unchanged;
            Interlocked.Increment(ref counters.CacheHits);
            Interlocked.Add(ref counters.BytesScanned, file.Length);
            if (unchanged.Binary)
            {
                Interlocked.Increment(ref counters.Binary);
                return [];
            }
            Interlocked.Increment(ref counters.Scanned);
            if (unchanged.HasSuppressionMarker)
            {
                counters.MarkerFiles.Add(file.RelativePath);
            }
            return unchanged.Usages;
        }

        int length;
        try
        {
            length = Read(worker, file, counters);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            Interlocked.Increment(ref counters.Unreadable);
            errors.Add(ErrorCodes.FileSkipped.Create($"{file.RelativePath} vanished while it was scanned", new SourceLocation(file.RelativePath, 0, 0)));
            return [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref counters.Unreadable);
            errors.Add(ErrorCodes.FileUnreadable.Create($"{file.RelativePath} could not be read: {ex.Message}", new SourceLocation(file.RelativePath, 0, 0)));
            return [];
        }
        if (length < 0)
        {
            Interlocked.Increment(ref counters.Large);
            return [];
        }
        Interlocked.Add(ref counters.BytesRead, length);
        Interlocked.Add(ref counters.BytesScanned, length);
        Interlocked.Increment(ref counters.CacheMisses);
        var data = worker.Buffer;
        var hash = XxHash3.HashToUInt64(data.AsSpan(0, length));
        // Modified within two seconds of this scan: a later edit could keep the same timestamp and size.
        var racy = (scanStart - file.LastWriteUtc).Duration() < TimeSpan.FromSeconds(2);
        var previous = useCache ? cache.FindPrevious(file.RelativePath) : null;
        CachedFile entry;
        if (previous is not null && previous.Hash == hash && previous.Length == length)
        {
            entry = previous with { ModifiedTicks = file.LastWriteUtc.Ticks, Racy = racy };
        }
        else if (SourceDecoder.Detect(data.AsSpan(0, length)) == SourceEncoding.Binary)
        {
            entry = new CachedFile(length, file.LastWriteUtc.Ticks, hash, racy, Binary: true, []);
        }
        else
        {
            var language = ScannedLanguage(file.RelativePath)!;
            var found = worker.Found;
            found.Clear();
            worker.Matcher.Match(data, length, file.RelativePath, language, found);
            foreach (var error in found.Errors)
            {
                errors.Add(error);
            }
            var declarations = DeclarationIndex.Indexes(file.RelativePath) ? DeclarationIndex.Extract(data.AsSpan(0, length), worker.Matcher.Latin1Text, JvmFile.IsKotlinFile(file.RelativePath)) : null;
            entry = new CachedFile(length, file.LastWriteUtc.Ticks, hash, racy, Binary: false, found.ToSortedArray(), found.HasSuppressionMarker, declarations, found.HasReturnedCheck);
            bindingAnswers.Record(file.RelativePath, data.AsSpan(0, length), entry.Usages);
            // An incomplete result (a pattern timed out) must not come back from the cache looking complete.
            useCache &= found.Errors.Count == 0 && !found.IsIncomplete;
        }
        if (useCache)
        {
            cache.Record(file.RelativePath, entry);
        }
        seen = entry;
        if (entry.Binary)
        {
            Interlocked.Increment(ref counters.Binary);
            return [];
        }
        Interlocked.Increment(ref counters.Scanned);
        if (entry.HasSuppressionMarker)
        {
            counters.MarkerFiles.Add(file.RelativePath);
        }
        return entry.Usages;
    }

    /// <summary>
    /// Reads a file into the worker's buffer, once more after a transient failure (an I/O error that says neither
    /// "gone" nor "denied"); a second failure is the caller's to skip and report.
    /// </summary>
    private int Read(ScanWorker worker, WalkedFile file, ScanCounters counters)
    {
        try
        {
            return worker.Read(file.FullPath, file.Length, _config.MaxFileSize);
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            Interlocked.Increment(ref counters.ReadRetries);
            var length = worker.Read(file.FullPath, file.Length, _config.MaxFileSize);
            Interlocked.Increment(ref counters.ReadRetriesRecovered);
            return length;
        }
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
