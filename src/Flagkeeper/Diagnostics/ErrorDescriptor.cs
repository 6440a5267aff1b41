namespace Flagkeeper.Diagnostics;

/// <summary>
/// The fixed part of an error: its stable code, category, severity, recovery and the advice
/// printed after the message. Every descriptor lives in <see cref="ErrorCodes"/>.
/// </summary>
public sealed record ErrorDescriptor(
    string Code,
    ErrorCategory Category,
    ErrorSeverity Severity,
    RecoveryStrategy Recovery,
    string Title,
    string Advice)
{
    /// <summary>Creates an error of this kind with a specific message and optional location.</summary>
    public FlagkeeperError Create(string message, SourceLocation? location = null) => new(this, message, location);
}
