namespace Flagkeeper.Analysis.Scanning.Symbols;

internal enum SymbolKind
{
    /// <summary><c>const string</c> or <c>static readonly string</c>: its value is its initializer, folded.</summary>
    StringConstant,
    /// <summary>An enum member: its key is its name (<c>nameof(E.X)</c>, <c>E.X.ToString()</c>).</summary>
    EnumMember,
}

/// <summary>
/// One named constant in a C# file. <see cref="Initializer"/> is the token range of a string constant's
/// initializer, folded on demand by <see cref="SymbolTable"/>.
/// </summary>
internal sealed record Symbol(SymbolKind Kind, string Name, string Namespace, string TypePath, int Offset, FileSymbols Owner, Range Initializer)
{
    /// <summary>The namespace and the type path, '.'-separated (<c>Shop.Flags.FeatureFlags</c>).</summary>
    public string FullType => Namespace.Length == 0 ? TypePath : TypePath.Length == 0 ? Namespace : Namespace + "." + TypePath;
}

/// <summary>A type's body in a file: its lines, namespace and type path, to find the scope of a call.</summary>
internal readonly record struct TypeSpan(int StartOffset, int EndOffset, string Namespace, string TypePath);

/// <summary>What one C# file declares and imports.</summary>
internal sealed class FileSymbols(string file, string text)
{
    public string File { get; } = file;
    public string Text { get; } = text;
    /// <summary>The file's tokens when it declares a symbol (<see cref="Symbols"/>' initializers and offsets index them); empty otherwise.</summary>
    public List<Token> Tokens { get; set; } = [];
    public List<Symbol> Symbols { get; } = [];
    public List<TypeSpan> Types { get; } = [];
    /// <summary><c>using static A.B;</c> targets.</summary>
    public List<string> StaticImports { get; } = [];
    /// <summary><c>using A.B;</c> namespaces.</summary>
    public List<string> Imports { get; } = [];
    /// <summary><c>using F = A.B.FeatureFlags;</c>: alias to target.</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);
    public string FileNamespace { get; set; } = "";

    /// <summary>The innermost type whose body holds <paramref name="offset"/>; the file's namespace when none.</summary>
    public (string Namespace, string TypePath) ScopeAt(int offset)
    {
        TypeSpan? best = null;
        foreach (var span in Types)
        {
            if (span.StartOffset <= offset && offset < span.EndOffset && (best is null || span.StartOffset >= best.Value.StartOffset))
            {
                best = span;
            }
        }
        return best is { } found ? (found.Namespace, found.TypePath) : (FileNamespace, "");
    }

    private readonly LineIndex _lines = new(text);

    /// <summary>1-based line and UTF-16 column of an offset.</summary>
    public (int Line, int Column) Position(int offset) => _lines.Position(offset);

    /// <summary>The offset of a 1-based line and column (clamped to the text).</summary>
    public int OffsetOf(int line, int column) => _lines.OffsetOf(line, column);
}
