namespace Flagkeeper.Documents;

/// <summary>
/// Bounds that keep a hostile or accidental input (50 MB of junk, deep nesting, an alias bomb)
/// from taking the process down. A registry or configuration file needs a tiny fraction of them.
/// </summary>
public sealed record DocumentLimits
{
    /// <summary>Largest file read, in bytes. Default: 8 MiB.</summary>
    public long MaxBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Deepest nesting of lists and mappings. Default: 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most nodes after aliases are expanded. Default: 500,000.</summary>
    public int MaxNodes { get; init; } = 500_000;

    public static DocumentLimits Default { get; } = new();
}
