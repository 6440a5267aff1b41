using System.Collections.Concurrent;
using System.Text;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The symbol pass for C#: turns a dynamic usage whose key argument names a constant
/// (<c>FeatureFlags.NewCheckout</c>, <c>SearchFlight</c>, <c>nameof(MyFlags.Beta)</c>, <c>MyFlags.Beta</c>,
/// <c>MyFlags.Beta.ToString()</c>) into a usage of that constant's value, with where it is declared. It runs
/// after the scan and only when a C# or Razor file has a dynamic usage, and it reads only the C# files that
/// mention a name it needs, so a scan without such usages costs nothing more. A name it cannot resolve, or
/// resolves to several values, stays dynamic with the reason.
/// </summary>
internal sealed class CSharpKeyResolver : IKeyResolver
{
    private const int MaxRounds = 4;

    private sealed record Reference(int Index, string[] Name, bool IsNameof, bool EnumMemberOnly);

    public bool ReadsFrom(string file) => file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    public bool IsCandidate(Usage usage) => usage is { Kind: UsageKind.Dynamic, Argument: not null } && IsDotNet(usage.File);

    public void Resolve(string root, Usage[] usages, int[] dynamic, IEnumerable<SymbolSource> sourceFiles, long maxFileSize, BindingAnswers scanned)
    {
        var files = sourceFiles as IReadOnlyCollection<SymbolSource> ?? [.. sourceFiles];
        var references = KeyReferences.Find(usages, dynamic, IsDotNet, (index, argument) => Parse(argument) is { } parsed ? parsed with { Index = index } : null);
        if (references.Count == 0)
        {
            return;
        }

        // A bare name (a local, a parameter, a field of the same class) is looked up in the files of the calls
        // themselves; only qualified names send the pass through the tree. That keeps `IsEnabled(key)` cheap.
        // Call files whose lookups can find nothing are not even read (CSharpCallFiles); when a pass shows that
        // one may matter after all, the pass runs again with it.
        var callFiles = new CSharpCallFiles(root, maxFileSize, references.Where(r => ReadsFrom(usages[r.Index].File)).Select(r => (usages[r.Index].File, r.Name)), files, scanned);
        var read = callFiles.FirstRead();
        while (true)
        {
            var pass = Pass(root, usages, references, files, read, maxFileSize);
            var needed = callFiles.NeededAfter(pass.Table, read, pass.Searched);
            if (needed.Count == 0)
            {
                Apply(usages, references, pass.Results);
                return;
            }
            read.UnionWith(needed);
        }
    }

    private sealed record PassOutcome(Folded[] Results, SymbolTable Table, HashSet<string> Searched);

    /// <summary>
    /// Reads the call files in <paramref name="callFiles"/>, then in rounds the files that can declare a type a name
    /// needs, and looks every reference up.
    /// </summary>
    private static PassOutcome Pass(string root, Usage[] usages, List<Reference> references, IReadOnlyCollection<SymbolSource> files, IReadOnlySet<string> callFiles, long maxFileSize)
    {
        var table = new SymbolTable();
        var loaded = new Dictionary<string, FileSymbols>(StringComparer.Ordinal);
        foreach (var file in Load(root, callFiles, null, maxFileSize))
        {
            loaded[file.File] = file;
            table.Add(file);
        }
        // A qualified name sends the pass looking for files that declare its type (`class FeatureFlags`).
        var needed = references.Where(r => r.Name.Length > 1).Select(r => TypeName(r.Name, usages[r.Index].File, loaded)).ToHashSet(StringComparer.Ordinal);
        var results = new Folded[references.Count];
        var searched = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < MaxRounds; round++)
        {
            foreach (var file in Load(root, Unread(files, loaded, needed), needed, maxFileSize))
            {
                loaded[file.File] = file;
                table.Add(file);
            }
            searched.UnionWith(needed);
            needed.Clear();
            for (var r = 0; r < references.Count; r++)
            {
                var reference = references[r];
                var usage = usages[reference.Index];
                results[r] = table.Resolve(reference.Name, ScopeOf(usage, loaded), reference.EnumMemberOnly);
                needed.UnionWith(results[r].Missing);
            }
            needed.ExceptWith(searched); // a type searched for once is not in the tree
            if (needed.Count == 0)
            {
                break;
            }
        }
        return new PassOutcome(results, table, searched);
    }

    private static void Apply(Usage[] usages, List<Reference> references, Folded[] results)
    {
        for (var r = 0; r < references.Count; r++)
        {
            var reference = references[r];
            var usage = usages[reference.Index];
            var result = results[r];
            if (reference.IsNameof)
            {
                // nameof(X.Y) is "Y" whatever Y is; the declaration is shown when it was found.
                usages[reference.Index] = usage with { Kind = UsageKind.Usage, Flag = reference.Name[^1], DeclaredAt = Location(result.Declaration) };
            }
            else if (result.Value is { Length: > 0 } key)
            {
                usages[reference.Index] = usage with { Kind = UsageKind.Usage, Flag = key, DeclaredAt = Location(result.Declaration) };
            }
            else
            {
                usages[reference.Index] = usage with { Unresolved = result.Reason ?? "its value is empty" };
            }
        }
    }

    /// <summary>Whether a dynamic argument is a name the pass can look up, and which.</summary>
    private static Reference? Parse(string argument)
    {
        if (KeyReferences.StartsWithLiteral(argument))
        {
            return null;
        }
        var text = argument.Trim().TrimStart('@'); // Razor: <feature name="@Flags.X">
        var tokens = CSharpLexer.Tokenize(text);
        if (tokens.Count == 0 || tokens[0].Kind != TokenKind.Identifier)
        {
            return null;
        }
        if (tokens[0].IsWord("nameof") && tokens.Count >= 4 && tokens[1].Is('(') && tokens[^1].Is(')'))
        {
            var inner = CSharpDeclarationReader.DottedName(tokens, 2, out var nameofName);
            return inner == tokens.Count - 1 && nameofName.Length > 0 ? new Reference(0, Split(nameofName), IsNameof: true, EnumMemberOnly: false) : null;
        }
        var end = CSharpDeclarationReader.DottedName(tokens, 0, out var name);
        var parts = Split(name);
        if (end == tokens.Count)
        {
            return new Reference(0, parts, IsNameof: false, EnumMemberOnly: false);
        }
        // E.X.ToString(): DottedName took ToString as a segment.
        if (end == tokens.Count - 2 && tokens[^2].Is('(') && tokens[^1].Is(')') && parts.Length >= 3 && parts[^1] == "ToString")
        {
            return new Reference(0, parts[..^1], IsNameof: false, EnumMemberOnly: true);
        }
        return null;
    }

    private static string[] Split(string dotted) => dotted.Replace("global::", "", StringComparison.Ordinal).Split('.');

    private static LookupScope ScopeOf(Usage usage, Dictionary<string, FileSymbols> loaded)
    {
        if (!loaded.TryGetValue(usage.File, out var file))
        {
            return new LookupScope(null, "", "");
        }
        var (ns, type) = file.ScopeAt(file.OffsetOf(usage.Line, usage.Column));
        return new LookupScope(file, ns, type);
    }

    private static SourceLocation? Location(Symbol? symbol)
    {
        if (symbol is null)
        {
            return null;
        }
        var (line, column) = symbol.Owner.Position(symbol.Offset);
        return new SourceLocation(symbol.Owner.File, line, column);
    }

    /// <summary>Reads and parses the C# files whose text mentions one of <paramref name="names"/>, in parallel.</summary>
    /// <param name="names">Null: every file given.</param>
    private static List<FileSymbols> Load(string root, IEnumerable<string> files, IReadOnlySet<string>? names, long maxFileSize)
    {
        if (names is { Count: 0 })
        {
            return [];
        }
        // "class FeatureFlags", "enum MyFlags" as UTF-8: searched in the raw bytes, so only a declaring file is decoded.
        var declarations = names?.SelectMany(n => DeclarationIndex.TypeKeywords.Select(k => Encoding.UTF8.GetBytes(k + n))).ToArray();
        var found = new ConcurrentBag<FileSymbols>();
        Parallel.ForEach(files, file =>
        {
            if (SymbolSources.Read(Path.Combine(root, file), maxFileSize, declarations) is { } text)
            {
                found.Add(CSharpDeclarationReader.Read(file, text));
            }
        });
        return [.. found.OrderBy(f => f.File, StringComparer.Ordinal)];
    }

    /// <summary>The type a qualified name's member belongs to, through the call file's <c>using</c> alias.</summary>
    private static string TypeName(string[] name, string file, Dictionary<string, FileSymbols> loaded) =>
        name.Length == 2 && loaded.TryGetValue(file, out var symbols) && symbols.Aliases.TryGetValue(name[0], out var target)
            ? target[(target.LastIndexOf('.') + 1)..]
            : name[^2];

    /// <summary>The files a round searches: not read yet, and not ruled out by the declaration index the scan made.</summary>
    private static IEnumerable<string> Unread(IReadOnlyCollection<SymbolSource> files, Dictionary<string, FileSymbols> loaded, IReadOnlySet<string> needed)
    {
        var names = DeclarationIndex.Indexable(needed);
        return files
            .Where(f => !loaded.ContainsKey(f.Path) && (names is null || f.Declarations is null || DeclarationIndex.MayDeclare(f.Declarations, names)))
            .Select(f => f.Path);
    }

    private static bool IsDotNet(string file) =>
        file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".razor", StringComparison.OrdinalIgnoreCase);
}
