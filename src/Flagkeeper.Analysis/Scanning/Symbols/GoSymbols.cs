namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>One import of a Go file.</summary>
/// <param name="Alias">How the file names the package: null for its package name, "." for a dot import, "_" for a blank one, or the alias.</param>
internal sealed record GoImport(string Path, string? Alias)
{
    /// <summary>The path's last element: the package's name by convention (<c>example.com/app/feature</c> → <c>feature</c>).</summary>
    public string LastElement => Path[(Path.LastIndexOf('/') + 1)..];
}

/// <summary>A package-level Go constant; <see cref="Initializer"/> is the token range of its expression, folded on demand.</summary>
internal sealed record GoConstant(string Name, int Offset, GoFile Owner, Range Initializer)
{
    public bool IsExported => Name.Length > 0 && char.IsUpper(Name[0]);
}

/// <summary>What one Go file declares: its package clause, imports and package-level constants.</summary>
internal sealed class GoFile(string file, string text, List<Token> tokens)
{
    private readonly LineIndex _lines = new(text);

    /// <summary>Root-relative, '/'-separated.</summary>
    public string File { get; } = file;
    public string Directory { get; } = GoPath.DirectoryOf(file);
    /// <summary>A <c>_test.go</c> file: part of its package only when the package is built for its tests.</summary>
    public bool IsTest { get; } = file.EndsWith("_test.go", StringComparison.OrdinalIgnoreCase);
    public List<Token> Tokens { get; } = tokens;
    /// <summary>The package clause's name; empty when the file has none.</summary>
    public string Package { get; set; } = "";
    public List<GoImport> Imports { get; } = [];
    public List<GoConstant> Constants { get; } = [];

    private ILookup<string, GoConstant>? _byName;

    /// <summary>The constants named <paramref name="name"/> (indexed on first use: a package may declare thousands).</summary>
    public IEnumerable<GoConstant> ConstantsNamed(string name) => (_byName ??= Constants.ToLookup(c => c.Name, StringComparer.Ordinal))[name];

    /// <summary>1-based line and UTF-16 column of an offset.</summary>
    public (int Line, int Column) Position(int offset) => _lines.Position(offset);
}

internal static class GoPath
{
    /// <summary>The directory of a root-relative file ("" at the root).</summary>
    public static string DirectoryOf(string file) => file.LastIndexOf('/') is var slash and >= 0 ? file[..slash] : "";
}
