namespace Flagkeeper.Diagnostics;

/// <summary>What part of Flagkeeper an error comes from. Stable: it appears in JSON output.</summary>
public enum ErrorCategory
{
    Configuration,
    Registry,
    Validation,
    FileRead,
    Detection,
    Pattern,
    Git,
    Cache,
    Internal,
}

/// <summary>
/// How bad an error is for the run that met it. Not <see cref="RuleSeverity"/>, on purpose: a rule's severity is a
/// policy the user sets per rule (off / warning / error, in flagkeeper.yaml) and decides exit 1; an error's severity is
/// fixed by its code and says whether the answer can be trusted at all (High and up: exit 2). The two also appear
/// under different names in JSON output (<c>"severity": "error"</c> on findings, <c>"High"</c> and
/// <c>errorCounts.bySeverity</c> on errors), which is a published contract.
/// </summary>
public enum ErrorSeverity
{
    /// <summary>One item was skipped; the result is still complete for everything else.</summary>
    Low,
    /// <summary>Part of the input was ignored; the result may be incomplete.</summary>
    Medium,
    /// <summary>An input could not be used; the command cannot give a trustworthy answer.</summary>
    High,
    /// <summary>Flagkeeper itself failed.</summary>
    Critical,
}

/// <summary>What Flagkeeper does, or the caller should do, when the error happens.</summary>
public enum RecoveryStrategy
{
    /// <summary>Nothing can be done automatically; the user must fix the input.</summary>
    None,
    /// <summary>Try the operation again after a short wait (locks, transient I/O).</summary>
    Retry,
    /// <summary>Skip the item, report it, and go on with the rest.</summary>
    SkipAndReport,
    /// <summary>Use the last value known to be good.</summary>
    FallBack,
    /// <summary>Throw the derived data away and build it again.</summary>
    Rebuild,
}
