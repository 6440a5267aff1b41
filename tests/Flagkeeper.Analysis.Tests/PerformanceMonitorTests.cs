using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Flagkeeper.Analysis.Performance;
using Microsoft.Extensions.Time.Testing;

namespace Flagkeeper.Analysis.Tests;

public class PerformanceMonitorTests
{
    /// <summary>A measurement seen by the listener.</summary>
    private sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public object? Tag(string name) => Tags.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>
    /// An <see cref="IMeterFactory"/> that hands out meters it owns, so a listener can pick exactly the
    /// meter of one monitor (other tests create monitors with the same meter name in parallel).
    /// </summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public IReadOnlyList<Meter> Meters => _meters;

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            lock (_meters)
            {
                _meters.Add(meter);
            }
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }

    /// <summary>Listens to the instruments of the meters one factory created, and only those.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<Measurement> _measurements = new();

        public Recorder(TestMeterFactory factory)
            : this(instrument => factory.Meters.Any(m => ReferenceEquals(m, instrument.Meter)))
        {
        }

        /// <summary>Listens to every instrument <paramref name="select"/> accepts, from any meter.</summary>
        public Recorder(Func<Instrument, bool> select)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (select(instrument))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        public IReadOnlyList<Measurement> Measurements => [.. _measurements];

        public List<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToList();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }
            _measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value, copy));
        }

        public void Dispose() => _listener.Dispose();
    }

    private static string UniqueOperation() => $"op-{Guid.NewGuid():N}";

    private static OperationStats Stats(PerformanceMonitor monitor, string operation) =>
        Assert.Single(monitor.Snapshot().Operations, o => o.Operation == operation);

    // ---- published metrics ----

    [Fact]
    public void Monitor_creates_its_meter_named_Flagkeeper_through_the_factory()
    {
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory);

        var meter = Assert.Single(factory.Meters);
        Assert.Equal(PerformanceMonitor.MeterName, meter.Name);
        Assert.Equal("Flagkeeper", meter.Name);
    }

    [Theory]
    [InlineData("flagkeeper.operation.duration", "ms")]
    [InlineData("flagkeeper.operation.cpu_time", "ms")]
    [InlineData("flagkeeper.operation.allocated", "By")]
    [InlineData("flagkeeper.operation.count", "{operation}")]
    public void Measure_publishes_each_operation_instrument_once_with_the_operation_tag(string instrument, string unit)
    {
        using var factory = new TestMeterFactory();
        using var recorder = new Recorder(factory);
        using var monitor = new PerformanceMonitor(factory);
        var operation = UniqueOperation();

        monitor.Measure(operation, () => { });

        var measurement = Assert.Single(recorder.Of(instrument));
        Assert.Equal(operation, measurement.Tag("operation"));
        Assert.Equal(unit, measurement.Unit);
    }

    [Fact]
    public void Measure_publishes_all_four_operation_instruments()
    {
        using var factory = new TestMeterFactory();
        using var recorder = new Recorder(factory);
        using var monitor = new PerformanceMonitor(factory);
        var operation = UniqueOperation();

        monitor.Measure(operation, () => { });

        var names = recorder.Measurements.Where(m => Equals(m.Tag("operation"), operation)).Select(m => m.Instrument).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["flagkeeper.operation.allocated", "flagkeeper.operation.count", "flagkeeper.operation.cpu_time", "flagkeeper.operation.duration"],
            names);
    }

    [Fact]
    public void Operation_count_adds_one_per_operation()
    {
        using var factory = new TestMeterFactory();
        using var recorder = new Recorder(factory);
        using var monitor = new PerformanceMonitor(factory);
        var operation = UniqueOperation();

        monitor.Measure(operation, () => { });
        monitor.Measure(operation, () => { });
        monitor.Measure(operation, () => { });

        var counts = recorder.Of("flagkeeper.operation.count");
        Assert.Equal(3, counts.Count);
        Assert.All(counts, c => Assert.Equal(1, c.Value));
    }

    [Fact]
    public void Listener_on_another_factory_sees_nothing_from_this_monitor()
    {
        using var otherFactory = new TestMeterFactory();
        using var otherMonitor = new PerformanceMonitor(otherFactory);
        using var recorder = new Recorder(otherFactory);
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory);

        monitor.Measure(UniqueOperation(), () => { });
        monitor.RecordCacheHit("c");

        Assert.Empty(recorder.Measurements);
    }

    // ---- wall time with a fake clock ----

    [Fact]
    public void Wall_time_is_what_the_clock_advanced_during_the_operation()
    {
        var clock = new FakeTimeProvider();
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory, clock);

        monitor.Measure("load", () => clock.Advance(TimeSpan.FromMilliseconds(250)));

        var stats = Stats(monitor, "load");
        Assert.Equal(1, stats.Count);
        Assert.Equal(250, stats.WallMs);
        Assert.Equal(250, stats.MaxWallMs);
    }

    [Fact]
    public void Duration_histogram_records_the_fake_wall_time()
    {
        var clock = new FakeTimeProvider();
        using var factory = new TestMeterFactory();
        using var recorder = new Recorder(factory);
        using var monitor = new PerformanceMonitor(factory, clock);

        monitor.Measure("load", () => clock.Advance(TimeSpan.FromMilliseconds(250)));

        Assert.Equal(250, Assert.Single(recorder.Of("flagkeeper.operation.duration")).Value);
    }

    [Fact]
    public void Wall_time_totals_and_max_accumulate_over_operations()
    {
        var clock = new FakeTimeProvider();
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory, clock);

        monitor.Measure("scan", () => clock.Advance(TimeSpan.FromMilliseconds(100)));
        monitor.Measure("scan", () => clock.Advance(TimeSpan.FromMilliseconds(300)));
        monitor.Measure("scan", () => clock.Advance(TimeSpan.FromMilliseconds(50)));

        var stats = Stats(monitor, "scan");
        Assert.Equal(3, stats.Count);
        Assert.Equal(450, stats.WallMs);
        Assert.Equal(300, stats.MaxWallMs);
    }

    [Fact]
    public void Time_outside_the_operation_is_not_counted()
    {
        var clock = new FakeTimeProvider();
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory, clock);

        clock.Advance(TimeSpan.FromSeconds(5));
        monitor.Measure("quick", () => clock.Advance(TimeSpan.FromMilliseconds(10)));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(10, Stats(monitor, "quick").WallMs);
    }

    [Fact]
    public void Start_scope_records_when_disposed()
    {
        var clock = new FakeTimeProvider();
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory, clock);

        using (monitor.Start("scoped"))
        {
            clock.Advance(TimeSpan.FromMilliseconds(40));
            Assert.Empty(monitor.Snapshot().Operations);
        }

        Assert.Equal(40, Stats(monitor, "scoped").WallMs);
    }

    [Fact]
    public void Measure_returns_the_value_of_the_work()
    {
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory);

        var answer = monitor.Measure("compute", () => 42);

        Assert.Equal(42, answer);
        Assert.Equal(1, Stats(monitor, "compute").Count);
    }

    [Fact]
    public void Operation_that_throws_is_still_recorded()
    {
        var clock = new FakeTimeProvider();
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory, clock);

        Assert.Throws<InvalidOperationException>(() => monitor.Measure("failing", () =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(7));
            throw new InvalidOperationException("boom");
        }));

        var stats = Stats(monitor, "failing");
        Assert.Equal(1, stats.Count);
        Assert.Equal(7, stats.WallMs);
    }

    [Fact]
    public void Snapshot_lists_operations_by_name()
    {
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory);

        monitor.Measure("zeta", () => { });
        monitor.Measure("alpha", () => { });
        monitor.Measure("Mid", () => { });

        Assert.Equal(["Mid", "alpha", "zeta"], monitor.Snapshot().Operations.Select(o => o.Operation));
    }

    [Fact]
    public void New_monitor_has_an_empty_snapshot()
    {
        using var monitor = new PerformanceMonitor();

        var snapshot = monitor.Snapshot();

        Assert.Empty(snapshot.Operations);
        Assert.Empty(snapshot.Caches);
    }

    // ---- caches ----

    [Fact]
    public void Cache_hits_and_misses_accumulate_per_cache()
    {
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory);

        monitor.RecordCacheHit("registry");
        monitor.RecordCacheHit("registry");
        monitor.RecordCacheHit("registry");
        monitor.RecordCacheMiss("registry");
        monitor.RecordCacheMiss("scan", 2);
        monitor.RecordCacheHit("scan", 6);

        Assert.Collection(monitor.Snapshot().Caches,
            registry =>
            {
                Assert.Equal(new CacheStats("registry", 3, 1), registry);
                Assert.Equal(0.75, registry.HitRate);
            },
            scan =>
            {
                Assert.Equal(new CacheStats("scan", 6, 2), scan);
                Assert.Equal(0.75, scan.HitRate);
            });
    }

    [Fact]
    public void Cache_with_only_misses_has_hit_rate_zero()
    {
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory);

        monitor.RecordCacheMiss("cold");
        monitor.RecordCacheMiss("cold");

        var cold = Assert.Single(monitor.Snapshot().Caches);
        Assert.Equal(0, cold.HitRate);
        Assert.Equal(2, cold.Misses);
    }

    [Fact]
    public void Cache_with_no_lookups_has_hit_rate_zero()
    {
        Assert.Equal(0, new CacheStats("empty", 0, 0).HitRate);
        Assert.Equal(1, new CacheStats("warm", 5, 0).HitRate);
    }

    [Fact]
    public void Cache_hits_and_misses_are_published_with_the_cache_tag()
    {
        using var factory = new TestMeterFactory();
        using var recorder = new Recorder(factory);
        using var monitor = new PerformanceMonitor(factory);

        monitor.RecordCacheHit("registry");
        monitor.RecordCacheHit("registry", 4);
        monitor.RecordCacheMiss("scan", 2);

        var hits = recorder.Of("flagkeeper.cache.hits");
        Assert.Equal([1.0, 4.0], hits.Select(h => h.Value));
        Assert.All(hits, h => Assert.Equal("registry", h.Tag("cache")));
        var miss = Assert.Single(recorder.Of("flagkeeper.cache.misses"));
        Assert.Equal(2, miss.Value);
        Assert.Equal("scan", miss.Tag("cache"));
    }

    // ---- concurrency and allocations ----

    [Fact]
    public void Parallel_burst_of_a_thousand_operations_counts_every_one()
    {
        using var factory = new TestMeterFactory();
        using var recorder = new Recorder(factory);
        using var monitor = new PerformanceMonitor(factory);
        const int Threads = 20;
        const int PerThread = 50;
        using var start = new Barrier(Threads);

        var workers = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                monitor.Measure("burst", () => Thread.SpinWait(50));
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());

        Assert.Equal(1000, Stats(monitor, "burst").Count);
        Assert.Equal(1000, recorder.Of("flagkeeper.operation.count").Sum(m => m.Value));
    }

    [Fact]
    public void Parallel_for_burst_of_a_thousand_operations_counts_every_one()
    {
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory);

        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
            monitor.Measure(i % 2 == 0 ? "even" : "odd", () => { }));

        Assert.Equal(500, Stats(monitor, "even").Count);
        Assert.Equal(500, Stats(monitor, "odd").Count);
    }

    [Fact]
    public void Parallel_cache_hits_from_many_threads_are_all_counted()
    {
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory);

        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            if (i % 4 == 0)
            {
                monitor.RecordCacheMiss($"cache-{i % 8}");
            }
            else
            {
                monitor.RecordCacheHit($"cache-{i % 8}");
            }
        });

        var caches = monitor.Snapshot().Caches;
        Assert.Equal(8, caches.Count);
        Assert.Equal(750, caches.Sum(c => c.Hits));
        Assert.Equal(250, caches.Sum(c => c.Misses));
    }

    [Fact]
    public void Allocating_a_megabyte_inside_an_operation_shows_in_allocated_bytes()
    {
        using var factory = new TestMeterFactory();
        using var recorder = new Recorder(factory);
        using var monitor = new PerformanceMonitor(factory);

        var buffer = monitor.Measure("allocate", () => new byte[1_000_000]);

        Assert.Equal(1_000_000, buffer.Length);
        Assert.True(Stats(monitor, "allocate").AllocatedBytes >= 1_000_000, $"allocated {Stats(monitor, "allocate").AllocatedBytes}");
        Assert.True(Assert.Single(recorder.Of("flagkeeper.operation.allocated")).Value >= 1_000_000);
    }

    [Fact]
    public void Cpu_time_counts_the_work_done_inside_the_operation()
    {
        using var factory = new TestMeterFactory();
        using var monitor = new PerformanceMonitor(factory);

        var burned = TimeSpan.Zero;
        monitor.Measure("spin", () =>
        {
            var start = Environment.CpuUsage.TotalTime;
            while ((burned = Environment.CpuUsage.TotalTime - start) < TimeSpan.FromMilliseconds(20))
            {
                Thread.SpinWait(1_000);
            }
        });

        var stats = Stats(monitor, "spin");
        Assert.Equal(1, stats.Count);
        Assert.True(stats.CpuMs >= burned.TotalMilliseconds, $"measured {stats.CpuMs} ms of CPU, the operation burned {burned.TotalMilliseconds} ms");
    }

    [Fact]
    public void Monitor_with_its_own_meter_stops_publishing_after_dispose()
    {
        // Other tests' monitors publish under the same meter name in parallel, so listen to every such
        // instrument and count only this operation. (MetricCollector on a global-scope meter must not run
        // in parallel with other tests that use one, its documentation says; that is how this test failed.)
        var operation = UniqueOperation();
        using var counts = new Recorder(i => i.Meter.Name == PerformanceMonitor.MeterName && i.Name == "flagkeeper.operation.count");
        int Seen() => counts.Measurements.Count(m => Equals(m.Tag("operation"), operation));
        var monitor = new PerformanceMonitor();

        monitor.Measure(operation, () => { });
        var before = Seen();
        monitor.Dispose();
        monitor.Measure(operation, () => { });

        Assert.Equal(1, before);
        Assert.Equal(1, Seen());
    }
}
