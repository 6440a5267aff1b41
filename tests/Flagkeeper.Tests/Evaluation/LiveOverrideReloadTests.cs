using Flagkeeper.Evaluation;
using Microsoft.Extensions.Time.Testing;
using static Flagkeeper.Tests.Evaluation.Evaluations;

namespace Flagkeeper.Tests.Evaluation;

/// <summary>
/// Live overrides are laid out by flag index per snapshot: a reload (new snapshot, flags in another order) must move
/// each override with its flag, drop it with its flag, and never let a layout built for one snapshot answer for another.
/// </summary>
public class LiveOverrideReloadTests
{
    private const string Abc = "version: 1\nflags:\n  a: { enabled: false }\n  b: { enabled: false }\n  c: { enabled: false }\n";
    private const string Cba = "version: 1\nflags:\n  c: { enabled: false }\n  b: { enabled: false }\n  a: { enabled: false }\n";
    private const string WithoutB = "version: 1\nflags:\n  a: { enabled: false }\n  c: { enabled: false }\n";

    private static readonly DateTimeOffset Start = new(2026, 12, 5, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_override_follows_its_flag_through_a_reload_that_reorders_flags_and_still_expires()
    {
        var time = new FakeTimeProvider(Start);
        var flags = Evaluator(Abc);
        flags.SetLiveOverrides(LiveOverrideSet.Create([new("a", true, null, Start.AddMinutes(5))]), time);
        Assert.Equal(new FlagEvaluation("a", true, EvaluationReason.LiveOverride), flags.Evaluate("a"));

        flags.Replace(Evaluator(Cba).Snapshot); // a moves from index 0 to 2; c now sits at 0

        Assert.Equal(new FlagEvaluation("a", true, EvaluationReason.LiveOverride), flags.Evaluate("a"));
        Assert.Equal(new FlagEvaluation("c", false, EvaluationReason.Disabled), flags.Evaluate("c"));
        Assert.Equal(EvaluationReason.Disabled, flags.Evaluate("b").Reason);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new FlagEvaluation("a", false, EvaluationReason.Disabled), flags.Evaluate("a"));
    }

    [Fact]
    public void An_override_stops_applying_when_a_reload_removes_its_flag_and_applies_again_when_it_is_back()
    {
        var time = new FakeTimeProvider(Start);
        var flags = Evaluator(Abc);
        flags.SetLiveOverrides(LiveOverrideSet.Create([new("b", true, null, Start.AddHours(1))]), time);

        flags.Replace(Evaluator(WithoutB).Snapshot); // c takes b's index

        Assert.Equal(new FlagEvaluation("b", false, EvaluationReason.UnknownFlag), flags.Evaluate("b"));
        Assert.Equal(new FlagEvaluation("c", false, EvaluationReason.Disabled), flags.Evaluate("c"));
        Assert.Equal(EvaluationReason.Disabled, flags.Evaluate("a").Reason);

        flags.Replace(Evaluator(Cba).Snapshot);
        Assert.Equal(new FlagEvaluation("b", true, EvaluationReason.LiveOverride), flags.Evaluate("b"));

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new FlagEvaluation("b", false, EvaluationReason.Disabled), flags.Evaluate("b"));
    }

    [Fact]
    public void Overrides_set_while_an_older_snapshot_was_current_are_laid_out_for_the_new_one()
    {
        var flags = Evaluator(Abc);
        var old = flags.Snapshot;
        flags.SetLiveOverrides(LiveOverrideSet.Create([new("c", true, null, null)]));

        flags.Replace(Evaluator(Cba).Snapshot);
        flags.SetLiveOverrides(LiveOverrideSet.Create([new("a", true, null, null)]));

        Assert.True(flags.IsEnabled("a"));
        Assert.False(flags.IsEnabled("c"));
        // A request still holding the old snapshot (a at index 0 there) gets the same answers by key.
        Assert.Equal(new FlagEvaluation("a", true, EvaluationReason.LiveOverride), flags.EvaluateOn(old, "a"));
        Assert.Equal(new FlagEvaluation("c", false, EvaluationReason.Disabled), flags.EvaluateOn(old, "c"));
    }

    [Fact]
    public void A_snapshot_the_evaluator_never_held_gets_the_overrides_by_key()
    {
        var flags = Evaluator(Abc);
        flags.SetLiveOverrides(LiveOverrideSet.Create([new("a", true, null, null)]));
        var other = Evaluator(Cba).Snapshot;

        Assert.Equal(new FlagEvaluation("a", true, EvaluationReason.LiveOverride), flags.EvaluateOn(other, "a"));
        Assert.Equal(new FlagEvaluation("c", false, EvaluationReason.Disabled), flags.EvaluateOn(other, "c"));
        Assert.True(flags.IsEnabled("a")); // and the current snapshot's layout is untouched
    }

    [Fact]
    public void An_override_names_the_registry_key_asking_by_alias_finds_it_and_an_alias_named_override_is_ignored()
    {
        const string Yaml = "version: 1\nflags:\n  first: { enabled: false }\n  new-checkout: { enabled: false, aliases: [OLD_CHECKOUT] }\n";
        var flags = Evaluator(Yaml);

        flags.SetLiveOverrides(LiveOverrideSet.Create([new("new-checkout", true, null, null)]));
        Assert.Equal(new FlagEvaluation("OLD_CHECKOUT", true, EvaluationReason.LiveOverride), flags.Evaluate("OLD_CHECKOUT"));

        flags.SetLiveOverrides(LiveOverrideSet.Create([new("OLD_CHECKOUT", true, null, null), new("unknown", true, null, null)]));
        Assert.Equal(EvaluationReason.Disabled, flags.Evaluate("new-checkout").Reason);
        Assert.Equal(EvaluationReason.Disabled, flags.Evaluate("first").Reason);
    }

    [Fact]
    public async Task Reloads_racing_live_updates_never_apply_an_override_to_the_flag_at_its_old_index()
    {
        // x and y swap places on every reload; only x is ever overridden. A layout read against the wrong
        // snapshot would show up as y answering LiveOverride.
        var xy = Evaluator("version: 1\nflags:\n  x: { enabled: false }\n  y: { enabled: false }\n").Snapshot;
        var yx = Evaluator("version: 1\nflags:\n  y: { enabled: false }\n  x: { enabled: false }\n").Snapshot;
        var flags = new FlagEvaluator(xy) { ActivityEvents = false };
        var onlyX = LiveOverrideSet.Create([new("x", true, null, null)]);
        var xAndOthers = LiveOverrideSet.Create([new("x", true, null, null), new("z", true, null, null)]);
        flags.SetLiveOverrides(onlyX);
        using var stop = new CancellationTokenSource();

        var reloads = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                flags.Replace(i % 2 == 0 ? yx : xy);
            }
        });
        var updates = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                flags.SetLiveOverrides(i % 2 == 0 ? xAndOthers : onlyX);
            }
        });
        try
        {
            for (var i = 0; i < 200_000; i++)
            {
                Assert.Equal(EvaluationReason.Disabled, flags.Evaluate("y").Reason);
                Assert.Equal(EvaluationReason.LiveOverride, flags.Evaluate("x").Reason);
            }
        }
        finally
        {
            stop.Cancel();
        }
        await Task.WhenAll(reloads, updates);
    }
}
