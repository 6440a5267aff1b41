namespace Flagkeeper.Evaluation;

/// <summary>Why a flag evaluated to its value.</summary>
public enum EvaluationReason
{
    /// <summary>On for everyone in this environment (rollout 100, no targeting decided otherwise).</summary>
    Enabled,
    /// <summary>The master switch is off, globally or in the environment: the flag's <c>default</c>.</summary>
    Disabled,
    /// <summary>A flag in <c>requires:</c> is off for this context: the flag's <c>default</c>.</summary>
    PrerequisiteOff,
    /// <summary>The targeting key is a listed user, or a group rollout let the target in.</summary>
    Targeted,
    /// <summary>The targeting key or one of the groups is excluded: the flag's <c>default</c>.</summary>
    Excluded,
    /// <summary>The target's percentile is below the rollout.</summary>
    InRollout,
    /// <summary>The target's percentile is not below the rollout: the flag's <c>default</c>.</summary>
    OutOfRollout,
    /// <summary>A scoped override or a <c>FLAGKEEPER__KEY</c> environment variable decided.</summary>
    Override,
    /// <summary>No registry declares the key: <c>false</c>.</summary>
    UnknownFlag,
    /// <summary>A partial rollout needs a targeting key and the context has none: the flag's <c>default</c>.</summary>
    NoTargetingKey,
    /// <summary>A live override (Flagkeeper.Redis) decided: on, off, or its rollout percentage.</summary>
    LiveOverride,
}

/// <summary>
/// The value of one flag for one context, why, and the percentile when a rollout was computed
/// (0-100, exactly as Microsoft.FeatureManagement's targeting filter computes it).
/// </summary>
public readonly record struct FlagEvaluation(string Key, bool Value, EvaluationReason Reason, double? Percentile = null);
