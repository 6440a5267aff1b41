using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Scanning.KeySources;

/// <summary>
/// A Go key source: a package-level map whose keys are the flags, as a <c>featuregate</c> map is
/// (<c>var defaultGates = map[featuregate.Feature]featuregate.FeatureSpec{ MachinePool: {…}, "x": {…} }</c>). A key is a
/// string literal or a constant of the map's package, folded as the symbol pass folds it (<see cref="GoConstantTable"/>);
/// a constant of another package (<c>other.X</c>) is resolved only through a dot import of a package in the same folder.
/// </summary>
internal static class GoKeySource
{
    public static SourceReading Read(string root, string file, string text, string name, long maxFileSize)
    {
        var source = GoDeclarationReader.Read(file, text);
        var tokens = source.Tokens;
        var maps = new List<string>();
        int body = -1;
        for (var i = 0; i + 1 < tokens.Count && body < 0; i++)
        {
            if (tokens[i].Kind == TokenKind.Identifier && MapBody(tokens, i) is var open and >= 0)
            {
                if (tokens[i].Text == name)
                {
                    body = open;
                }
                maps.Add(tokens[i].Text);
            }
        }
        if (body < 0)
        {
            return new SourceReading(null, maps);
        }
        var directory = Path.Combine(root, GoPath.DirectoryOf(file));
        var packageFiles = Directory.EnumerateFiles(directory, "*.go").Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).ToList();
        var constants = new GoConstantTable(new GoWorkspace(root, packageFiles, [file], maxFileSize));
        var members = new List<SourceMember>();
        foreach (var (start, end, entryEnd) in Entries(tokens, body))
        {
            var shown = string.Concat(tokens.Skip(start).Take(end - start).Select(t => t.Text));
            members.Add(Member(tokens, start, end, shown, source, constants) with { Stage = Stage(tokens, end, entryEnd) });
        }
        return new SourceReading(members, maps, members.Count == 0 ? $"the map '{name}' has no entries" : null);
    }

    private static SourceMember Member(List<Token> tokens, int start, int end, string shown, GoFile source, GoConstantTable constants)
    {
        var offset = tokens[start].Start;
        if (end - start == 1 && tokens[start].Kind == TokenKind.String)
        {
            return new SourceMember(shown, tokens[start].Text, offset);
        }
        var value = (end - start) switch
        {
            1 when tokens[start].Kind == TokenKind.Identifier => constants.Resolve(source, null, tokens[start].Text),
            3 when tokens[start].Kind == TokenKind.Identifier && tokens[start + 1].Is('.') && tokens[start + 2].Kind == TokenKind.Identifier
                => constants.Resolve(source, tokens[start].Text, tokens[start + 2].Text),
            _ => GoValue.Fail("a map key must be a string literal or a constant"),
        };
        return new SourceMember(shown, value.Value, offset, value.Reason);
    }

    /// <summary>
    /// When <paramref name="at"/> names a map assigned a composite literal (<c>NAME = map[K]V{</c>, <c>NAME map[K]V = map[K]V{</c>),
    /// the index of the literal's opening brace; else -1.
    /// </summary>
    private static int MapBody(List<Token> tokens, int at)
    {
        var i = at + 1;
        if (i < tokens.Count && tokens[i].IsWord("map"))
        {
            i = SkipType(tokens, i); // a declared type before '='
            if (i < 0 || i >= tokens.Count || !tokens[i].Is('='))
            {
                return -1;
            }
        }
        if (i >= tokens.Count || !tokens[i].Is('=') || i + 1 >= tokens.Count || !tokens[i + 1].IsWord("map"))
        {
            return -1;
        }
        var open = SkipType(tokens, i + 1);
        return open >= 0 && open < tokens.Count && tokens[open].Is('{') ? open : -1;
    }

    /// <summary>From <c>map</c>: past <c>[K]V</c>, to the token after the type (brackets balanced), or -1.</summary>
    private static int SkipType(List<Token> tokens, int map)
    {
        var i = map + 1;
        var depth = 0;
        for (; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Is('[') || t.Is('('))
            {
                depth++;
            }
            else if (t.Is(']') || t.Is(')'))
            {
                depth--;
            }
            else if (depth == 0 && (t.Is('{') || t.Is('=') || t.Is(';')))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// The last <c>PreRelease: featuregate.Stage</c> (or <c>PreRelease: Stage</c>) in an entry's value: a versioned spec
    /// lists its stages oldest first.
    /// </summary>
    private static string? Stage(List<Token> tokens, int from, int to)
    {
        string? stage = null;
        for (var i = from; i + 2 < to; i++)
        {
            if (tokens[i].IsWord("PreRelease") && tokens[i + 1].Is(':'))
            {
                var at = i + 4 < to && tokens[i + 3].Is('.') ? i + 4 : i + 2; // featuregate.Alpha, or Alpha
                stage = tokens[at].Kind == TokenKind.Identifier ? tokens[at].Text : stage;
            }
        }
        return stage;
    }

    /// <summary>
    /// The entries of the composite literal opened at <paramref name="open"/>: the token range of each key (what precedes
    /// ':') and where the entry ends.
    /// </summary>
    private static IEnumerable<(int Start, int End, int EntryEnd)> Entries(List<Token> tokens, int open)
    {
        var depth = 0;
        var entryStart = open + 1;
        var keyEnd = -1;
        for (var i = open; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Is('{') || t.Is('(') || t.Is('['))
            {
                depth++;
            }
            else if (t.Is('}') || t.Is(')') || t.Is(']'))
            {
                depth--;
                if (depth == 0)
                {
                    if (keyEnd > entryStart)
                    {
                        yield return (entryStart, keyEnd, i);
                    }
                    yield break;
                }
            }
            else if (depth == 1 && t.Is(':') && keyEnd < 0)
            {
                keyEnd = i;
            }
            else if (depth == 1 && (t.Is(',') || t.Is(';')))
            {
                if (keyEnd > entryStart)
                {
                    yield return (entryStart, keyEnd, i);
                }
                entryStart = i + 1;
                keyEnd = -1;
            }
        }
    }
}
