using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>How the pattern cache bounds itself.</summary>
public sealed record PatternCacheOptions
{
    /// <summary>At most this many compiled patterns; the least recently used one goes first.</summary>
    public int MaxEntries { get; init; } = 512;

    /// <summary>An entry unused for this long is dropped and compiled again on its next use.</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Every regex the cache builds gets this match timeout, so no pattern can hang a scan.</summary>
    public TimeSpan MatchTimeout { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>The cache's counters at one moment.</summary>
public sealed record PatternCacheStatistics(
    long Hits,
    long Misses,
    int Entries,
    long EstimatedBytes,
    long Evictions,
    long Expirations,
    TimeSpan CompileTime)
{
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);
}

/// <summary>
/// Compiled regular expressions keyed by pattern text and options, shared by every file of a scan
/// (and across scans in a long-lived process). Bounded by an LRU limit and a sliding time-to-live
/// driven by <see cref="TimeProvider"/>, so tests control time. Publishes hits, misses, evictions,
/// compile time, entries and estimated bytes on the "Flagkeeper" meter.
/// </summary>
public sealed class PatternCache : IDisposable
{
    private sealed class Entry(string pattern, RegexOptions options, Regex regex, long estimatedBytes)
    {
        public string Pattern { get; } = pattern;
        public RegexOptions Options { get; } = options;
        public Regex Regex { get; } = regex;
        public long EstimatedBytes { get; } = estimatedBytes;
        public long LastUsed { get; set; }
        public LinkedListNode<Entry>? Node { get; set; }
    }

    private readonly Dictionary<(string Pattern, RegexOptions Options), Entry> _entries = [];
    private readonly LinkedList<Entry> _recency = new(); // most recently used first
    private readonly Lock _lock = new();
    private readonly PatternCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly Counter<long> _hitCounter;
    private readonly Counter<long> _missCounter;
    private readonly Counter<long> _evictionCounter;
    private readonly Histogram<double> _compileHistogram;
    private long _hits;
    private long _misses;
    private long _evictions;
    private long _expirations;
    private long _bytes;
    private long _compileTicks;

    public PatternCache(PatternCacheOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? new PatternCacheOptions();
        _time = time ?? TimeProvider.System;
        _meter = new Meter(Performance.PerformanceMonitor.MeterName);
        _hitCounter = _meter.CreateCounter<long>("flagkeeper.pattern_cache.hits", "{hit}", "Pattern cache hits");
        _missCounter = _meter.CreateCounter<long>("flagkeeper.pattern_cache.misses", "{miss}", "Pattern cache misses (compilations)");
        _evictionCounter = _meter.CreateCounter<long>("flagkeeper.pattern_cache.evictions", "{eviction}", "Entries dropped by the LRU bound or the time-to-live");
        _compileHistogram = _meter.CreateHistogram<double>("flagkeeper.pattern_cache.compile_time", "ms", "Time to build one regex");
        _meter.CreateObservableGauge("flagkeeper.pattern_cache.entries", () => Count, "{entry}", "Compiled patterns held");
        _meter.CreateObservableGauge("flagkeeper.pattern_cache.estimated_bytes", () => Interlocked.Read(ref _bytes), "By", "Estimated memory held by compiled patterns");
    }

    /// <summary>This cache's own meter: other caches publish under the same name, so tests scope their collectors to it.</summary>
    internal Meter Meter => _meter;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The compiled regex for <paramref name="pattern"/>; builds and caches it on a miss.</summary>
    /// <exception cref="ArgumentException">The pattern does not compile.</exception>
    /// <exception cref="NotSupportedException">The options cannot run this pattern (NonBacktracking with lookarounds).</exception>
    public Regex GetOrAdd(string pattern, RegexOptions options)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (_entries.TryGetValue((pattern, options), out var found))
            {
                if (_time.GetElapsedTime(found.LastUsed, now) <= _options.TimeToLive)
                {
                    found.LastUsed = now;
                    _recency.Remove(found.Node!);
                    _recency.AddFirst(found.Node!);
                    _hits++;
                    _hitCounter.Add(1);
                    return found.Regex;
                }
                Remove(found);
                _expirations++;
                _evictionCounter.Add(1);
            }
        }

        // Compile outside the lock: two threads may both build a new pattern once; the first one stored wins.
        var started = _time.GetTimestamp();
        var regex = new Regex(pattern, options, _options.MatchTimeout);
        var elapsed = _time.GetElapsedTime(started);
        _compileHistogram.Record(elapsed.TotalMilliseconds);

        lock (_lock)
        {
            _misses++;
            _missCounter.Add(1);
            _compileTicks += elapsed.Ticks;
            if (_entries.TryGetValue((pattern, options), out var raced))
            {
                return raced.Regex;
            }
            var entry = new Entry(pattern, options, regex, EstimateBytes(pattern, options)) { LastUsed = now };
            entry.Node = _recency.AddFirst(entry);
            _entries.Add((pattern, options), entry);
            _bytes += entry.EstimatedBytes;
            RemoveExpired(now);
            while (_entries.Count > _options.MaxEntries)
            {
                Remove(_recency.Last!.Value);
                _evictions++;
                _evictionCounter.Add(1);
            }
            return regex;
        }
    }

    /// <summary>
    /// Adds a regex that was compiled elsewhere (by the regex source generator at build time) under its
    /// pattern and options; later lookups are hits. No effect when the entry exists.
    /// </summary>
    public void Preload(string pattern, RegexOptions options, Regex regex)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(regex);
        lock (_lock)
        {
            if (_entries.ContainsKey((pattern, options)))
            {
                return;
            }
            var entry = new Entry(pattern, options, regex, EstimateBytes(pattern, RegexOptions.Compiled)) { LastUsed = _time.GetTimestamp() };
            entry.Node = _recency.AddFirst(entry);
            _entries.Add((pattern, options), entry);
            _bytes += entry.EstimatedBytes;
        }
    }

    /// <summary>Compiles every pattern ahead of use (the built-in catalog, at start-up of a long-lived host).</summary>
    public void WarmUp(IEnumerable<(string Pattern, RegexOptions Options)> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        foreach (var (pattern, options) in patterns)
        {
            GetOrAdd(pattern, options);
        }
    }

    public PatternCacheStatistics Statistics
    {
        get
        {
            lock (_lock)
            {
                return new PatternCacheStatistics(_hits, _misses, _entries.Count, _bytes, _evictions, _expirations, TimeSpan.FromTicks(_compileTicks));
            }
        }
    }

    public void Dispose() => _meter.Dispose();

    private void RemoveExpired(long now)
    {
        for (var node = _recency.Last; node is not null;)
        {
            var previous = node.Previous;
            if (_time.GetElapsedTime(node.Value.LastUsed, now) <= _options.TimeToLive)
            {
                break; // everything newer is younger still
            }
            Remove(node.Value);
            _expirations++;
            _evictionCounter.Add(1);
            node = previous;
        }
    }

    private void Remove(Entry entry)
    {
        _entries.Remove((entry.Pattern, entry.Options));
        _recency.Remove(entry.Node!);
        _bytes -= entry.EstimatedBytes;
    }

    /// <summary>
    /// A rough figure, not a measurement: the pattern text, the parsed tree (about 64 bytes per
    /// pattern character) and, for compiled regexes, the generated IL and delegates.
    /// </summary>
    private static long EstimateBytes(string pattern, RegexOptions options) =>
        (pattern.Length * 2L) + (pattern.Length * 64L) + ((options & RegexOptions.Compiled) != 0 ? 24_576 : 2_048);
}
