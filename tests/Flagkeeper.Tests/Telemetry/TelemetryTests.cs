using System.Diagnostics;
using Flagkeeper.Caching;
using Flagkeeper.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
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

    /// <summary>The runtime's meter is static (no scope), so the collector picks it by name.</summary>
    private static MetricCollector<long> Collect(string instrument) => new((object?)null, FlagkeeperTelemetry.Name, instrument);

    [Fact]
    public void Each_evaluation_counts_under_its_flag_and_reason_and_unknown_keys_share_one_tag_value()
    {
        var flags = Evaluator(Yaml);
        using var evaluations = Collect(FlagkeeperTelemetry.EvaluationsInstrument);

        flags.IsEnabled("on");
        flags.IsEnabled("old-off");
        flags.IsEnabled("half", User("user-123"));
        flags.IsEnabled("no-such-flag");
        flags.IsEnabled("another-unknown");

        var seen = evaluations.GetMeasurementSnapshot()
            .Select(m => $"{m.Tags[FlagkeeperTelemetry.KeyTag]}/{m.Tags[FlagkeeperTelemetry.ReasonTag]}={m.Value}").ToList();
        Assert.Equal(["on/Enabled=1", "old-off/Disabled=1", "half/OutOfRollout=1", "(unknown)/UnknownFlag=1", "(unknown)/UnknownFlag=1"], seen);
    }

    [Fact]
    public void Reloads_and_rejected_reloads_are_counted()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", FlagsYaml.Of(("a", "enabled: true")));
        var options = new FlagCacheOptions { TimeProvider = new FakeTimeProvider(), Watch = false };
        options.Registries.Add(dir["flags.yaml"]);
        using var cache = new FlagCache(options);
        using var reloads = Collect(FlagkeeperTelemetry.ReloadsInstrument);
        using var rejected = Collect(FlagkeeperTelemetry.RejectedReloadsInstrument);

        dir.Write("flags.yaml", FlagsYaml.Of(("a", "enabled: false")));
        cache.CheckNow();
        var afterGoodVersion = (reloads.GetMeasurementSnapshot().EvaluateAsCounter(), rejected.GetMeasurementSnapshot().EvaluateAsCounter());
        dir.Write("flags.yaml", "flags: [");
        cache.CheckNow();

        Assert.Equal((1L, 0L), afterGoodVersion);
        Assert.Equal((1L, 1L), (reloads.GetMeasurementSnapshot().EvaluateAsCounter(), rejected.GetMeasurementSnapshot().EvaluateAsCounter()));
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
