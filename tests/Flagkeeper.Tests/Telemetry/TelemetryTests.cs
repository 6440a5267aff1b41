using System.Diagnostics;
using System.Diagnostics.Metrics;
using Flagkeeper.Caching;
using Flagkeeper.Telemetry;
using Microsoft.Extensions.Time.Testing;
using static Flagkeeper.Tests.Evaluation.Evaluations;

namespace Flagkeeper.Tests.Telemetry;

/// <summary>The meter and activity source are process-wide: these tests run alone so no listener leaks into another.</summary>
[CollectionDefinition(nameof(ProcessWideTelemetry), DisableParallelization = true)]
public sealed class ProcessWideTelemetry;

[Collection(nameof(ProcessWideTelemetry))]
public sealed class TelemetryTests
{
    private const string Yaml = """
        version: 1
        flags:
          on: { enabled: true }
          half: { enabled: true, rollout: 50 }
          off: { enabled: false, aliases: [old-off] }
        """;

    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        public List<(string Instrument, long Value, Dictionary<string, object?> Tags)> Seen { get; } = [];

        public Measurements()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == FlagkeeperTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                lock (Seen)
                {
                    Seen.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
                }
            });
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public void Each_evaluation_counts_under_its_flag_and_reason_and_unknown_keys_share_one_tag_value()
    {
        var flags = Evaluator(Yaml);
        using var measurements = new Measurements();

        flags.IsEnabled("on");
        flags.IsEnabled("old-off");
        flags.IsEnabled("half", User("user-123"));
        flags.IsEnabled("no-such-flag");
        flags.IsEnabled("another-unknown");

        var evaluations = measurements.Seen.Where(m => m.Instrument == FlagkeeperTelemetry.EvaluationsInstrument)
            .Select(m => $"{m.Tags[FlagkeeperTelemetry.KeyTag]}/{m.Tags[FlagkeeperTelemetry.ReasonTag]}={m.Value}").ToList();
        Assert.Equal(["on/Enabled=1", "old-off/Disabled=1", "half/OutOfRollout=1", "(unknown)/UnknownFlag=1", "(unknown)/UnknownFlag=1"], evaluations);
    }

    [Fact]
    public void Reloads_and_rejected_reloads_are_counted()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", FlagsYaml.Of(("a", "enabled: true")));
        var options = new FlagCacheOptions { TimeProvider = new FakeTimeProvider(), Watch = false };
        options.Registries.Add(dir["flags.yaml"]);
        using var cache = new FlagCache(options);
        using var measurements = new Measurements();

        dir.Write("flags.yaml", FlagsYaml.Of(("a", "enabled: false")));
        cache.CheckNow();
        dir.Write("flags.yaml", "flags: [");
        cache.CheckNow();

        Assert.Equal([FlagkeeperTelemetry.ReloadsInstrument, FlagkeeperTelemetry.RejectedReloadsInstrument],
            measurements.Seen.Select(m => m.Instrument).Where(n => n != FlagkeeperTelemetry.EvaluationsInstrument));
    }

    [Fact]
    public void With_a_listener_each_evaluation_adds_an_event_with_the_opentelemetry_tags_to_the_current_activity()
    {
        var flags = Evaluator(Yaml);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is FlagkeeperTelemetry.Name or "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test");

        using (var activity = source.StartActivity("request")!)
        {
            flags.IsEnabled("on");
            flags.IsEnabled("nope");
            flags.ActivityEvents = false;
            flags.IsEnabled("off");

            var events = activity.Events.ToList();
            Assert.Equal(2, events.Count);
            Assert.All(events, e => Assert.Equal(FlagkeeperTelemetry.EvaluationEvent, e.Name));
            var tags = events[0].Tags.ToDictionary(t => t.Key, t => t.Value);
            Assert.Equal("on", tags[FlagkeeperTelemetry.KeyTag]);
            Assert.Equal(true, tags[FlagkeeperTelemetry.ValueTag]);
            Assert.Equal("Enabled", tags[FlagkeeperTelemetry.ReasonTag]);
            Assert.Equal("Flagkeeper", tags[FlagkeeperTelemetry.ProviderTag]);
            Assert.Equal("(unknown)", events[1].Tags.First(t => t.Key == FlagkeeperTelemetry.KeyTag).Value);
        }
    }

    [Fact]
    public void Evaluation_allocates_nothing_when_no_listener_is_attached()
    {
        var flags = Evaluator(Yaml);
        var user = User("user-123", "beta");
        void Run()
        {
            for (var i = 0; i < 1_000; i++)
            {
                flags.IsEnabled("on", user);
                flags.IsEnabled("half", user);
                flags.IsEnabled("off");
                flags.IsEnabled("missing");
            }
        }
        Run(); // warm up: the unknown key is reported (and remembered) once

        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
