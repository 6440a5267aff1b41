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

    /// <summary>
    /// Most values, counting each use of an alias as a copy of what it refers to. Default: 3,000,000,
    /// above what an 8 MiB file can hold without aliases (a 20,000-flag registry has about 500,000).
    /// </summary>
    public int MaxNodes { get; init; } = 3_000_000;

    public static DocumentLimits Default { get; } = new();
}
