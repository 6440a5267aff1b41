using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Flagkeeper.Analysis.Performance;

/// <summary>Totals for one operation name.</summary>
public sealed record OperationStats(string Operation, long Count, double WallMs, double CpuMs, long AllocatedBytes, double MaxWallMs);

/// <summary>Hit and miss counts for one cache.</summary>
public sealed record CacheStats(string Cache, long Hits, long Misses)
{
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);
}

/// <summary>Everything the monitor measured so far, for <c>--stats</c> and JSON output.</summary>
public sealed record PerformanceSnapshot(IReadOnlyList<OperationStats> Operations, IReadOnlyList<CacheStats> Caches);

/// <summary>
/// Every operation goes through here: wall time, CPU time, allocated bytes, counts, and cache hits
/// and misses. Published through one <see cref="Meter"/> named <c>Flagkeeper</c> (so dotnet-counters,
/// OpenTelemetry or a MeterListener see them) and kept as totals for <c>--stats</c>.
/// CPU time and allocations are process-wide deltas: exact for sequential operations, an upper
/// bound when operations overlap.
/// </summary>
public sealed class PerformanceMonitor : IDisposable
{
    public const string MeterName = "Flagkeeper";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly TimeProvider _time;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _cpu;
    private readonly Histogram<long> _allocated;
    private readonly Counter<long> _operations;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly ConcurrentDictionary<string, Totals> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CacheTotals> _caches = new(StringComparer.Ordinal);

    public PerformanceMonitor(IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _ownsMeter = meterFactory is null;
        _time = timeProvider ?? TimeProvider.System;
        _duration = _meter.CreateHistogram<double>("flagkeeper.operation.duration", "ms", "Wall time of an operation");
        _cpu = _meter.CreateHistogram<double>("flagkeeper.operation.cpu_time", "ms", "Process CPU time spent during an operation");
        _allocated = _meter.CreateHistogram<long>("flagkeeper.operation.allocated", "By", "Bytes allocated during an operation");
        _operations = _meter.CreateCounter<long>("flagkeeper.operation.count", "{operation}", "Operations completed");
        _cacheHits = _meter.CreateCounter<long>("flagkeeper.cache.hits", "{hit}", "Cache hits");
        _cacheMisses = _meter.CreateCounter<long>("flagkeeper.cache.misses", "{miss}", "Cache misses");
    }

    /// <summary>Starts timing <paramref name="operation"/>; dispose the scope to record it.</summary>
    /// <remarks>Allocations are read precisely: the imprecise count can lag behind by the threads' unfinished allocation contexts.</remarks>
    public OperationScope Start(string operation) =>
        new(this, operation, _time.GetTimestamp(), Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(precise: true));

    public T Measure<T>(string operation, Func<T> work)
    {
        using var scope = Start(operation);
        return work();
    }

    public void Measure(string operation, Action work)
    {
        using var scope = Start(operation);
        work();
    }

    public void RecordCacheHit(string cache, long count = 1)
    {
        _cacheHits.Add(count, new KeyValuePair<string, object?>("cache", cache));
        Interlocked.Add(ref _caches.GetOrAdd(cache, _ => new CacheTotals()).Hits, count);
    }

    public void RecordCacheMiss(string cache, long count = 1)
    {
        _cacheMisses.Add(count, new KeyValuePair<string, object?>("cache", cache));
        Interlocked.Add(ref _caches.GetOrAdd(cache, _ => new CacheTotals()).Misses, count);
    }

    public PerformanceSnapshot Snapshot() => new(
        _totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value.ToStats(t.Key)).ToList(),
        _caches.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CacheStats(c.Key, Interlocked.Read(ref c.Value.Hits), Interlocked.Read(ref c.Value.Misses))).ToList());

    internal void Complete(string operation, long startTimestamp, TimeSpan startCpu, long startAllocated)
    {
        var wallMs = _time.GetElapsedTime(startTimestamp).TotalMilliseconds;
        var cpuMs = Math.Max(0, (Environment.CpuUsage.TotalTime - startCpu).TotalMilliseconds);
        var allocated = Math.Max(0, GC.GetTotalAllocatedBytes(precise: true) - startAllocated);
        var tag = new KeyValuePair<string, object?>("operation", operation);
        _duration.Record(wallMs, tag);
        _cpu.Record(cpuMs, tag);
        _allocated.Record(allocated, tag);
        _operations.Add(1, tag);
        _totals.GetOrAdd(operation, _ => new Totals()).Add(wallMs, cpuMs, allocated);
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private sealed class Totals
    {
        private readonly Lock _gate = new();
        private long _count;
        private double _wallMs;
        private double _cpuMs;
        private long _allocated;
        private double _maxWallMs;

        public void Add(double wallMs, double cpuMs, long allocated)
        {
            lock (_gate)
            {
                _count++;
                _wallMs += wallMs;
                _cpuMs += cpuMs;
                _allocated += allocated;
                _maxWallMs = Math.Max(_maxWallMs, wallMs);
            }
        }

        public OperationStats ToStats(string name)
        {
            lock (_gate)
            {
                return new OperationStats(name, _count, _wallMs, _cpuMs, _allocated, _maxWallMs);
            }
        }
    }

    private sealed class CacheTotals
    {
        public long Hits;
        public long Misses;
    }
}

/// <summary>A running measurement; records when disposed.</summary>
public readonly struct OperationScope : IDisposable
{
    private readonly PerformanceMonitor _monitor;
    private readonly string _operation;
    private readonly long _start;
    private readonly TimeSpan _cpu;
    private readonly long _allocated;

    internal OperationScope(PerformanceMonitor monitor, string operation, long start, TimeSpan cpu, long allocated)
    {
        _monitor = monitor;
        _operation = operation;
        _start = start;
        _cpu = cpu;
        _allocated = allocated;
    }

    public void Dispose() => _monitor?.Complete(_operation, _start, _cpu, _allocated);
}
