namespace Flagkeeper.Diagnostics;

/// <summary>
/// One rule violation, from the registry validator or a check gate: the same type for both.
/// </summary>
/// <param name="Gate">The gate whose rule it is (<see cref="GateIds"/>).</param>
/// <param name="Location">Root-relative, '/'-separated; null when there is no file to point at (a commit message).</param>
/// <param name="Commit">The full commit id, for git findings.</param>
public sealed record Finding(string Rule, string Gate, RuleSeverity Severity, string Message, string? Flag, SourceLocation? Location, string? Commit = null)
{
    /// <summary>A finding of <paramref name="rule"/> (its id and gate) at <paramref name="severity"/>.</summary>
    public static Finding Of(RuleDescriptor rule, RuleSeverity severity, string message, string? flag, SourceLocation? location, string? commit = null) =>
        new(rule.Id, rule.Gate, severity, message, flag, location, commit);

    /// <summary>Stable across runs and line shifts (rule, file, flag, commit, the line's text); empty until check fingerprints it.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>The source line (trimmed), when the gate already has it from the scan: the file need not be read again.</summary>
    public string? LineText { get; init; }
}
