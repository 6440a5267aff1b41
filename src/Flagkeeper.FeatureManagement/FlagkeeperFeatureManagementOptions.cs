namespace Flagkeeper.FeatureManagement;

/// <summary>How Microsoft.FeatureManagement calls are turned into Flagkeeper evaluations.</summary>
public sealed class FlagkeeperFeatureManagementOptions
{
    /// <summary>
    /// The environment whose <c>environments:</c> entry applies (for example <c>production</c>), when no
    /// <see cref="Evaluation.IEvaluationContextAccessor"/> supplies one; null (the default): the flags' own values.
    /// </summary>
    public string? Environment { get; set; }
}
