namespace Flagkeeper.Cli.Invocation;

/// <summary>The exit codes of every command (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Everything is fine.</summary>
    public const int Ok = 0;

    /// <summary>At least one finding at error severity.</summary>
    public const int Findings = 1;

    /// <summary>Usage, configuration or input error: the command could not give an answer.</summary>
    public const int InputError = 2;

    /// <summary>A bug in Flagkeeper.</summary>
    public const int InternalError = 3;
}
