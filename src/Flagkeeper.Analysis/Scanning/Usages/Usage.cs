namespace Flagkeeper.Analysis.Scanning.Usages;

/// <summary>What kind of usage a scan found.</summary>
public enum UsageKind
{
    /// <summary>A flag check with a literal key.</summary>
    Usage,
    /// <summary>A known flag call whose key is not a literal (<c>isEnabled(name)</c>); <see cref="Usage.Flag"/> is null.</summary>
    Dynamic,
}

/// <summary>
/// One place in code that asks for a flag.
/// </summary>
/// <param name="File">Root-relative, '/'-separated.</param>
/// <param name="Line">1-based.</param>
/// <param name="Column">1-based, in UTF-16 code units (SARIF's default), of the key (or the argument, when dynamic).</param>
/// <param name="Flag">The key as written, after the shape's transform (env prefix stripped, symbol colon dropped); null when dynamic.</param>
/// <param name="Pattern">The id of the shape or custom pattern that found it.</param>
/// <param name="Text">The source line, trimmed (at most 240 characters).</param>
/// <param name="Argument">For dynamic usages, the argument's text.</param>
public sealed record Usage(string File, int Line, int Column, UsageKind Kind, string? Flag, string Pattern, string Text, string? Argument = null);
