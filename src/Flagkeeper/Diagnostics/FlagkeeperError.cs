namespace Flagkeeper.Diagnostics;

/// <summary>One error met while running: what happened, where, and what to do about it.</summary>
public sealed record FlagkeeperError(ErrorDescriptor Descriptor, string Message, SourceLocation? Location)
{
    public string Code => Descriptor.Code;
    public ErrorCategory Category => Descriptor.Category;
    public ErrorSeverity Severity => Descriptor.Severity;
    public RecoveryStrategy Recovery => Descriptor.Recovery;

    /// <summary>The one-line form printed to users: <c>path:line:col: message (FKnnnn)</c>.</summary>
    public override string ToString()
    {
        var prefix = Location is { } loc ? $"{loc}: " : "";
        return $"{prefix}{Message} ({Code})";
    }
}

/// <summary>
/// Carries a <see cref="FlagkeeperError"/> through code that cannot return it. The CLI maps it
/// to one line and an exit code; a stack trace is printed only with <c>--verbose</c>.
/// </summary>
public sealed class FlagkeeperException : Exception
{
    // Overloads rather than optional parameters: a public API may add one later without breaking callers (RS0026).
    public FlagkeeperException(FlagkeeperError error)
        : this([error], null) { }

    public FlagkeeperException(FlagkeeperError error, Exception? inner)
        : this([error], inner) { }

    /// <summary>Several errors found together (say, every unknown key of a file); the first is <see cref="Error"/>.</summary>
    public FlagkeeperException(IReadOnlyList<FlagkeeperError> errors)
        : this(errors, null) { }

    public FlagkeeperException(IReadOnlyList<FlagkeeperError> errors, Exception? inner)
        : base(string.Join(Environment.NewLine, errors), inner)
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("at least one error is needed", nameof(errors));
        }
        Errors = errors;
    }

    public FlagkeeperException() : this(ErrorCodes.Internal.Create("Unknown error.")) { }

    public FlagkeeperException(string message) : this(ErrorCodes.Internal.Create(message)) { }

    public FlagkeeperException(string message, Exception inner) : this(ErrorCodes.Internal.Create(message), inner) { }

    public FlagkeeperError Error => Errors[0];

    public IReadOnlyList<FlagkeeperError> Errors { get; }
}
