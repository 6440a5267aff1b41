using Flagkeeper.Telemetry;

namespace Flagkeeper.Evaluation;

/// <summary>Hands an evaluation to <see cref="FlagkeeperTelemetry"/> with the reason's name cached (no ToString per call).</summary>
internal static class FlagTelemetry
{
    private static readonly string[] ReasonNames = Enum.GetNames<EvaluationReason>();

    public static void Record(in FlagEvaluation result, bool known, bool activityEvents) =>
        FlagkeeperTelemetry.Evaluated(known ? result.Key : null, result.Value, ReasonNames[(int)result.Reason], activityEvents);
}
