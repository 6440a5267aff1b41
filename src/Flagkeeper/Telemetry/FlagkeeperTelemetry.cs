using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Flagkeeper.Telemetry;

/// <summary>
/// The names Flagkeeper reports under: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both called
/// <c>Flagkeeper</c>, with OpenTelemetry's feature-flag semantic-convention tag names. Every instrument checks for a
/// listener first, so with none attached an evaluation records nothing and allocates nothing.
/// </summary>
public static class FlagkeeperTelemetry
{
    /// <summary>The meter's and the activity source's name: what <c>AddMeter</c> / <c>AddSource</c> take.</summary>
    public const string Name = "Flagkeeper";

    /// <summary>Counter: evaluations, tagged <see cref="KeyTag"/> and <see cref="ReasonTag"/>.</summary>
    public const string EvaluationsInstrument = "flagkeeper.evaluations";
    /// <summary>Counter: registry reloads that became the active snapshot.</summary>
    public const string ReloadsInstrument = "flagkeeper.reloads";
    /// <summary>Counter: new registry versions rejected (the last good snapshot stayed active).</summary>
    public const string RejectedReloadsInstrument = "flagkeeper.reloads.rejected";
    /// <summary>The activity event added per evaluation while the activity source has a listener.</summary>
    public const string EvaluationEvent = "feature_flag.evaluation";

    public const string KeyTag = "feature_flag.key";
    public const string ValueTag = "feature_flag.result.value";
    public const string ReasonTag = "feature_flag.result.reason";
    public const string ProviderTag = "feature_flag.provider.name";

    /// <summary>The <see cref="KeyTag"/> value for keys no registry declares, so tag values stay bounded by the registry.</summary>
    public const string UnknownKey = "(unknown)";

    internal static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Evaluations = Meter.CreateCounter<long>(EvaluationsInstrument, "{evaluation}", "Flag evaluations by flag and reason");
    private static readonly Counter<long> Reloads = Meter.CreateCounter<long>(ReloadsInstrument, "{reload}", "Registry versions loaded by the flag cache");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(RejectedReloadsInstrument, "{reload}", "Registry versions the flag cache rejected");

    // Boxed once: a tag value is an object, and boxing per call would allocate.
    private static readonly object True = true;
    private static readonly object False = false;

    /// <param name="key">The key, or null when no registry declares it (tagged <see cref="UnknownKey"/>).</param>
    internal static void Evaluated(string? key, bool value, string reason, bool activityEvents)
    {
        if (Evaluations.Enabled)
        {
            Evaluations.Add(1, new KeyValuePair<string, object?>(KeyTag, key ?? UnknownKey), new KeyValuePair<string, object?>(ReasonTag, reason));
        }
        if (activityEvents && Source.HasListeners() && Activity.Current is { } activity)
        {
            activity.AddEvent(new ActivityEvent(EvaluationEvent, tags: new ActivityTagsCollection
            {
                { KeyTag, key ?? UnknownKey },
                { ValueTag, value ? True : False },
                { ReasonTag, reason },
                { ProviderTag, Name },
            }));
        }
    }

    internal static void Reloaded() => Reloads.Add(1);

    internal static void ReloadRejected() => Rejected.Add(1);
}
