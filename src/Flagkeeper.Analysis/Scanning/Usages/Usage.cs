using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Usages;

/// <summary>What kind of usage a scan found.</summary>
public enum UsageKind
{
    /// <summary>A flag check with a literal key, or a key the symbol pass resolved (<see cref="Usage.DeclaredAt"/>).</summary>
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
/// <param name="Argument">The key argument's text when it is not a literal: a dynamic usage's, or the name the symbol pass resolved.</param>
public sealed record Usage(string File, int Line, int Column, UsageKind Kind, string? Flag, string Pattern, string Text, string? Argument = null)
{
    /// <summary>Where the constant that gave the key is declared, when the symbol pass resolved it.</summary>
    public SourceLocation? DeclaredAt { get; init; }

    /// <summary>Why the symbol pass could not resolve a dynamic usage's name (null: not a name it looks up).</summary>
    public string? Unresolved { get; init; }

    /// <summary>For a call of a wrapper method (a method whose body checks one constant key): the wrapper; null otherwise.</summary>
    public WrapperReference? Via { get; init; }
}

/// <summary>A wrapper method a usage goes through: its name and where it is declared (the name's position).</summary>
public sealed record WrapperReference(string Name, SourceLocation DeclaredAt);
