namespace Flagkeeper.Diagnostics;

/// <summary>A place in a file: 1-based line and column (column in UTF-16 code units).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => Line <= 0 ? File : Column <= 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
}
