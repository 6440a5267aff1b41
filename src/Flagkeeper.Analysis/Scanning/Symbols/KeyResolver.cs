using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Flagkeeper.Analysis.Scanning.Matching;
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
internal static class KeyResolver
{
    private const int MaxRounds = 4;

    private sealed record Reference(int Index, string[] Name, bool IsNameof, bool EnumMemberOnly);

    public static Usage[] Resolve(string root, Usage[] usages, IReadOnlyCollection<string> csharpFiles, long maxFileSize)
    {
        var references = new List<Reference>();
        for (var i = 0; i < usages.Length; i++)
        {
            if (usages[i] is { Kind: UsageKind.Dynamic, Argument: { } argument } usage && IsDotNet(usage.File) && Parse(argument) is { } parsed)
            {
                references.Add(parsed with { Index = i });
            }
        }
        if (references.Count == 0)
        {
            return usages;
        }

        var table = new SymbolTable();
        var loaded = new Dictionary<string, FileSymbols>(StringComparer.Ordinal);
        var needed = references.Select(r => r.Name[^1]).ToHashSet(StringComparer.Ordinal);
        var results = new Folded?[references.Count];
        for (var round = 0; round < MaxRounds && needed.Count > 0; round++)
        {
            foreach (var file in Load(root, csharpFiles.Where(f => !loaded.ContainsKey(f)), needed, maxFileSize))
            {
                loaded[file.File] = file;
                table.Add(file);
            }
            needed.Clear();
            for (var r = 0; r < references.Count; r++)
            {
                var reference = references[r];
                var usage = usages[reference.Index];
                results[r] = table.Resolve(reference.Name, ScopeOf(usage, loaded), reference.EnumMemberOnly);
                needed.UnionWith(results[r]!.Missing.Where(m => !reference.Name[^1].Equals(m, StringComparison.Ordinal)));
            }
        }

        var resolved = (Usage[])usages.Clone();
        for (var r = 0; r < references.Count; r++)
        {
            var reference = references[r];
            var usage = usages[reference.Index];
            var result = results[r]!;
            if (reference.IsNameof)
            {
                // nameof(X.Y) is "Y" whatever Y is; the declaration is shown when it was found.
                resolved[reference.Index] = usage with { Kind = UsageKind.Usage, Flag = reference.Name[^1], DeclaredAt = Location(result.Declaration) };
            }
            else if (result.Value is { Length: > 0 } key)
            {
                resolved[reference.Index] = usage with { Kind = UsageKind.Usage, Flag = key, DeclaredAt = Location(result.Declaration) };
            }
            else
            {
                resolved[reference.Index] = usage with { Unresolved = result.Reason ?? "its value is empty" };
            }
        }
        return resolved;
    }

    /// <summary>Whether a dynamic argument is a name the pass can look up, and which.</summary>
    private static Reference? Parse(string argument)
    {
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
    private static List<FileSymbols> Load(string root, IEnumerable<string> files, IReadOnlySet<string> names, long maxFileSize)
    {
        var search = SearchValues.Create(names.ToArray(), StringComparison.Ordinal);
        var found = new ConcurrentBag<FileSymbols>();
        Parallel.ForEach(files, file =>
        {
            if (Read(Path.Combine(root, file), maxFileSize) is { } text && text.AsSpan().IndexOfAny(search) >= 0)
            {
                found.Add(CSharpDeclarationReader.Read(file, text));
            }
        });
        return [.. found.OrderBy(f => f.File, StringComparer.Ordinal)];
    }

    /// <summary>A source file's text as the scan decodes it (BOMs, UTF-16, lone CRs), or null when unreadable or binary.</summary>
    private static string? Read(string path, long maxFileSize)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length == 0 || info.Length > maxFileSize)
            {
                return null;
            }
            var data = File.ReadAllBytes(path);
            var encoding = SourceDecoder.Detect(data);
            if (encoding == SourceEncoding.Binary)
            {
                return null;
            }
            var (bytes, length) = new SourceDecoder().Decode(data, data.Length, encoding);
            return Encoding.UTF8.GetString(bytes, 0, length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the scan itself reported it
        }
    }

    private static bool IsDotNet(string file) =>
        file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".razor", StringComparison.OrdinalIgnoreCase);
}
