using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Scanning.KeySources;

/// <summary>
/// A TypeScript or JavaScript key source: a union type of string literals (<c>type FlagKey = 'a' | 'b'</c>), or a const
/// object or string enum whose member values are the keys (<c>export const Flags = { A: 'a' } as const</c>), folded as
/// the symbol pass folds them. The file is read alone: a member built from an imported constant is not resolved.
/// </summary>
internal static class TypeScriptKeySource
{
    public static SourceReading Read(string root, string file, string text, string name, long maxFileSize)
    {
        var (module, members) = TypeScriptModuleGraph.MembersOf(root, file, text, name, maxFileSize);
        var declared = module.Declarations.Keys.Concat(TypeNames(module.Tokens)).Distinct(StringComparer.Ordinal).ToList();
        if (members is not null)
        {
            var found = members.Select(m => new SourceMember(m.Name, m.Value, m.Offset, m.Why)).ToList();
            return new SourceReading(found, declared, found.Count == 0 ? $"'{name}' has no members" : null);
        }
        if (Union(module.Tokens, name) is { } union)
        {
            return new SourceReading(union, declared, union.Count == 0 ? $"the type '{name}' is not a union of string literals" : null);
        }
        return new SourceReading(null, declared);
    }

    /// <summary>The string literals of <c>type NAME = 'a' | 'b' …</c>; null when no such type alias is declared.</summary>
    private static List<SourceMember>? Union(List<Token> tokens, string name)
    {
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (!tokens[i].IsWord("type") || !tokens[i + 1].IsWord(name) || !tokens[i + 2].Is('='))
            {
                continue;
            }
            var members = new List<SourceMember>();
            var j = i + 3;
            if (j < tokens.Count && tokens[j].Is('|'))
            {
                j++; // a leading '|' on a multi-line union
            }
            for (; j < tokens.Count && tokens[j].Kind == TokenKind.String; j += 2)
            {
                members.Add(new SourceMember(tokens[j].Text, tokens[j].Text, tokens[j].Start));
                if (j + 1 >= tokens.Count || !tokens[j + 1].Is('|'))
                {
                    break;
                }
            }
            return members;
        }
        return null;
    }

    private static IEnumerable<string> TypeNames(List<Token> tokens)
    {
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].IsWord("type") && tokens[i + 1].Kind == TokenKind.Identifier && tokens[i + 2].Is('='))
            {
                yield return tokens[i + 1].Text;
            }
        }
    }
}
