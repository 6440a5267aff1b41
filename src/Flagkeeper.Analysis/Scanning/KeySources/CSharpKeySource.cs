using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Scanning.KeySources;

/// <summary>
/// A C# key source: a class (or struct, record, interface) whose string constants are the keys, folded as the symbol
/// pass folds them (<c>Prefix + "Search"</c>), or an enum whose member names are (as <c>nameof(E.X)</c> gives them).
/// A nested type is named by its own name; a <c>private</c> constant is a building block, not a key. Constants built from constants in other files are not resolved here.
/// </summary>
internal static class CSharpKeySource
{
    public static SourceReading Read(string file, string text, string name)
    {
        var symbols = CSharpDeclarationReader.Read(file, text);
        var table = new SymbolTable();
        table.Add(symbols);
        var typeNames = symbols.Types.Select(t => Last(t.TypePath)).Distinct(StringComparer.Ordinal).ToList();
        if (!typeNames.Contains(name, StringComparer.Ordinal))
        {
            return new SourceReading(null, typeNames);
        }
        var members = new List<SourceMember>();
        foreach (var symbol in symbols.Symbols.Where(s => Last(s.TypePath) == name && !IsPrivate(symbols.Tokens, s.Offset)))
        {
            if (symbol.Kind == SymbolKind.EnumMember)
            {
                members.Add(new SourceMember(symbol.Name, symbol.Name, symbol.Offset));
                continue;
            }
            var folded = table.Resolve([symbol.Name], new LookupScope(symbols, symbol.Namespace, symbol.TypePath));
            members.Add(ReferenceEquals(folded.Declaration, symbol) && folded.Value is { } key
                ? new SourceMember(symbol.Name, key, symbol.Offset)
                : new SourceMember(symbol.Name, null, symbol.Offset, folded.Reason ?? "its value is not a constant string"));
        }
        return new SourceReading(members, typeNames,
            members.Count == 0 ? $"'{name}' declares no string constant or enum member" : null);
    }

    /// <summary>A constant declared <c>private</c>: a building block of the others (<c>Prefix</c>), not a flag.</summary>
    private static bool IsPrivate(List<Token> tokens, int offset)
    {
        var at = tokens.FindIndex(t => t.Start == offset);
        for (var i = at - 1; i >= 0 && !(tokens[i].Is(';') || tokens[i].Is('{') || tokens[i].Is('}') || tokens[i].Is(']')); i--)
        {
            if (tokens[i].IsWord("private"))
            {
                return true;
            }
        }
        return false;
    }

    private static string Last(string typePath) => typePath[(typePath.LastIndexOf('.') + 1)..];
}
