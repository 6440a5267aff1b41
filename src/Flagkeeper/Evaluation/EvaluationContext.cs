namespace Flagkeeper.Evaluation;

/// <summary>
/// Who and where a flag is evaluated for. <c>default</c> is an anonymous caller with no environment:
/// only flags that are fully on or off answer it without falling back to their default.
/// </summary>
/// <param name="TargetingKey">The stable id a rollout buckets on (a user id); null or empty: none.</param>
/// <param name="Groups">The groups the target belongs to, matched by ordinal name.</param>
/// <param name="Environment">The environment whose <c>environments:</c> entry applies; null: the flag's own values.</param>
/// <param name="Attributes">Free-form attributes for callers and future rules; evaluation does not read them yet.</param>
public readonly record struct EvaluationContext(
    string? TargetingKey = null,
    IReadOnlyList<string>? Groups = null,
    string? Environment = null,
    IReadOnlyDictionary<string, string>? Attributes = null);
