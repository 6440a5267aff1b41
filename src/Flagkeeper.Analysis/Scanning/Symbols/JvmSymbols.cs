namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>One import of a Java or Kotlin file: <c>import a.b.Flags;</c>, <c>import static a.b.Flags.X;</c>, <c>import a.b.Flags.*</c>, <c>import a.b.X as Y</c>.</summary>
/// <param name="Path">The dotted name imported, without <c>.*</c>.</param>
internal sealed record JvmImport(string Path, string? Alias, bool IsStatic, bool IsWildcard)
{
    /// <summary>How the file names what it imports: the alias, or the path's last element.</summary>
    public string LocalName => Alias ?? Path[(Path.LastIndexOf('.') + 1)..];
}

/// <summary>
/// A constant of a Java or Kotlin file: a string constant (<c>static final String</c>, an interface field, <c>const val</c>)
/// whose <see cref="Initializer"/> is folded on demand, or an enum entry, whose key is its name.
/// </summary>
/// <param name="TypePath">The declaring type inside its package (<c>Flags.Checkout</c>); a Kotlin companion's members belong to its class; "" at Kotlin's top level.</param>
internal sealed record JvmConstant(SymbolKind Kind, string Name, string TypePath, int Offset, JvmFile Owner, Range Initializer)
{
    public string FullType => Owner.Package.Length == 0 ? TypePath : TypePath.Length == 0 ? Owner.Package : Owner.Package + "." + TypePath;
}

/// <summary>What one Java or Kotlin file declares and imports.</summary>
internal sealed class JvmFile(string file, string text, bool kotlin)
{
    private readonly LineIndex _lines = new(text);

    public string File { get; } = file;
    public bool IsKotlin { get; } = kotlin;
    /// <summary>The file's tokens when it declares a constant (<see cref="Constants"/>' initializers index them); empty otherwise.</summary>
    public List<Token> Tokens { get; set; } = [];
    public string Package { get; set; } = "";
    public List<JvmImport> Imports { get; } = [];
    public List<JvmConstant> Constants { get; } = [];
    /// <summary>Java: a type's <c>extends</c> and <c>implements</c> names by its type path (interface constants are inherited).</summary>
    public Dictionary<string, List<string>> Supertypes { get; } = new(StringComparer.Ordinal);
    /// <summary>The enums (type paths) that declare <c>toString()</c>, for themselves or for an entry.</summary>
    public HashSet<string> OverridesToString { get; } = new(StringComparer.Ordinal);
    /// <summary>Names declared as parameters, locals or non-constant fields anywhere in the file.</summary>
    public HashSet<string> Variables { get; } = new(StringComparer.Ordinal);
    /// <summary>Type bodies by offset, to find the types around a call.</summary>
    public List<TypeSpan> Types { get; } = [];

    /// <summary>The innermost type whose body holds <paramref name="offset"/>; "" outside every type.</summary>
    public string TypeAt(int offset)
    {
        TypeSpan? best = null;
        foreach (var span in Types)
        {
            if (span.StartOffset <= offset && offset < span.EndOffset && (best is null || span.StartOffset >= best.Value.StartOffset))
            {
                best = span;
            }
        }
        return best?.TypePath ?? "";
    }

    public (int Line, int Column) Position(int offset) => _lines.Position(offset);

    public int OffsetOf(int line, int column) => _lines.OffsetOf(line, column);

    public static bool IsJava(string file) => file.EndsWith(".java", StringComparison.OrdinalIgnoreCase);

    public static bool IsKotlinFile(string file) => file.EndsWith(".kt", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".kts", StringComparison.OrdinalIgnoreCase);
}
