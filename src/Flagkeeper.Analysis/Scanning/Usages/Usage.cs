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
    // A usage loaded from the scan cache, or found on an ASCII line, keeps its text as UTF-8 until someone asks for the
    // string: most texts go straight into the JSON and the cache, and decoding them was a fifth of a warm scan's load.
    private string? _text = Text;
    private readonly CachedUtf8 _utf8;

    internal Usage(string file, int line, int column, UsageKind kind, string? flag, string pattern, CachedUtf8 text, string? argument)
        : this(file, line, column, kind, flag, pattern, Text: null!, argument) => _utf8 = text;

    /// <summary>The source line, trimmed (at most 240 characters).</summary>
    public string Text
    {
        get => _text ??= _utf8.Decode(); // two threads may both decode: the same string either way
        init => (_text, _utf8) = (value, default);
    }

    /// <summary>The text as UTF-8 when the usage holds it so (from the scan cache, or an ASCII line); false: use <see cref="Text"/>.</summary>
    public bool TryGetUtf8Text(out ReadOnlySpan<byte> utf8)
    {
        utf8 = _utf8.Span;
        return _utf8.Bytes is not null;
    }

    /// <summary>Whether two usages have the same text, compared as UTF-8 when both still hold it (no decoding).</summary>
    internal static bool SameText(Usage a, Usage b) =>
        a._utf8.Bytes is not null && b._utf8.Bytes is not null ? a._utf8.Span.SequenceEqual(b._utf8.Span) : string.Equals(a.Text, b.Text, StringComparison.Ordinal);

    public bool Equals(Usage? other) =>
        ReferenceEquals(this, other) || (other is not null && File == other.File && Line == other.Line && Column == other.Column && Kind == other.Kind
            && Flag == other.Flag && Pattern == other.Pattern && Argument == other.Argument && SameText(this, other)
            && DeclaredAt == other.DeclaredAt && Unresolved == other.Unresolved && Via == other.Via);

    public override int GetHashCode() => HashCode.Combine(File, Line, Column, Kind, Flag, Pattern);

    // What the symbol and wrapper passes add, kept apart: most usages have none of it, and inline it was a third of
    // every usage's 128 bytes (a warm scan of the dense benchmark corpus loads 143,669 usages).
    private Resolution? _resolution;

    /// <summary>Where the constant that gave the key is declared, when the symbol pass resolved it.</summary>
    public SourceLocation? DeclaredAt
    {
        get => _resolution?.DeclaredAt;
        init => _resolution = (_resolution ?? Resolution.None) with { DeclaredAt = value };
    }

    /// <summary>Why the symbol pass could not resolve a dynamic usage's name (null: not a name it looks up).</summary>
    public string? Unresolved
    {
        get => _resolution?.Unresolved;
        init => _resolution = (_resolution ?? Resolution.None) with { Unresolved = value };
    }

    /// <summary>For a call of a wrapper method (a method whose body checks one constant key): the wrapper; null otherwise.</summary>
    public WrapperReference? Via
    {
        get => _resolution?.Via;
        init => _resolution = (_resolution ?? Resolution.None) with { Via = value };
    }

    private sealed record Resolution(SourceLocation? DeclaredAt, string? Unresolved, WrapperReference? Via)
    {
        public static readonly Resolution None = new(null, null, null);
    }
}

/// <summary>A wrapper method a usage goes through: its name and where it is declared (the name's position).</summary>
public sealed record WrapperReference(string Name, SourceLocation DeclaredAt);

/// <summary>A run of UTF-8 in a block the scan cache's loader or a scan's matcher filled (<see cref="Caching.TextBlocks"/>); default: none.</summary>
internal readonly record struct CachedUtf8(byte[]? Bytes, int Start, int Length)
{
    public ReadOnlySpan<byte> Span => Bytes.AsSpan(Start, Length);

    /// <remarks>The bytes were checked as UTF-8 before they were kept (<see cref="Caching.ByteReader.ReadUtf8"/>, or ASCII by the matcher).</remarks>
    public string Decode() => System.Text.Encoding.UTF8.GetString(Span);
}
