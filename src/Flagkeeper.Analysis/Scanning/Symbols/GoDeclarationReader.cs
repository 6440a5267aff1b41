namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Reads the package clause, the imports and the package-level <c>const</c> declarations of one Go file from
/// its tokens: single and grouped, typed or untyped, several names per spec, and the implicit repetition of
/// the previous spec in a group. Anything inside braces (function bodies, composite literals) is skipped.
/// </summary>
internal static class GoDeclarationReader
{
    /// <param name="headerOnly">Read only the package clause and the imports (a file that has no <c>const</c> in it).</param>
    public static GoFile Read(string file, string text, bool headerOnly = false)
    {
        var tokens = GoLexer.Tokenize(text, headerOnly);
        var go = new GoFile(file, text, tokens);
        var braces = 0;
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Is('{'))
            {
                braces++;
            }
            else if (token.Is('}'))
            {
                braces = Math.Max(0, braces - 1);
            }
            else if (braces == 0 && token.Kind == TokenKind.Identifier)
            {
                if (token.Text == "package" && go.Package.Length == 0 && Next(tokens, i) is { Kind: TokenKind.Identifier } name)
                {
                    go.Package = name.Text;
                }
                else if (token.Text == "import")
                {
                    i = Group(tokens, i + 1, at => ReadImport(go, tokens, at));
                    continue;
                }
                else if (token.Text == "const")
                {
                    var previous = new List<Range>();
                    i = Group(tokens, i + 1, at => ReadConstSpec(go, tokens, at, previous));
                    continue;
                }
            }
            i++;
        }
        return go;
    }

    /// <summary>Whether a header-only read stopped at a declaration: then its text held the whole header.</summary>
    public static bool ReachedDeclaration(GoFile go) => go.Tokens.Exists(t => t.Kind == TokenKind.Identifier && GoLexer.IsDeclaration(t.Text));

    /// <summary>Reads one spec at <paramref name="at"/>, or each spec of a parenthesised group; returns the index after them.</summary>
    private static int Group(List<Token> tokens, int at, Func<int, int> readSpec)
    {
        if (at >= tokens.Count || !tokens[at].Is('('))
        {
            return Math.Max(at, readSpec(at));
        }
        at++;
        while (at < tokens.Count && !tokens[at].Is(')'))
        {
            if (tokens[at].Is(';'))
            {
                at++;
                continue;
            }
            var next = readSpec(at);
            at = next > at ? next : SkipTo(tokens, at, ';'); // never stuck on a spec it cannot read
        }
        return at + 1;
    }

    /// <summary><c>"path"</c>, <c>alias "path"</c>, <c>. "path"</c> or <c>_ "path"</c>.</summary>
    private static int ReadImport(GoFile go, List<Token> tokens, int at)
    {
        string? alias = null;
        if (at < tokens.Count && (tokens[at].Kind == TokenKind.Identifier || tokens[at].Is('.')))
        {
            alias = tokens[at].Text;
            at++;
        }
        if (at < tokens.Count && tokens[at].Kind == TokenKind.String)
        {
            go.Imports.Add(new GoImport(tokens[at].Text, alias));
            return at + 1;
        }
        return at;
    }

    /// <summary>
    /// <c>A, B Type = x, y</c>: each name gets its expression. A spec without one, in a group, repeats the previous
    /// spec's expressions (<c>iota</c> groups). Returns the index of the ';' or ')' that ends the spec.
    /// </summary>
    private static int ReadConstSpec(GoFile go, List<Token> tokens, int at, List<Range> previous)
    {
        var names = new List<Token>();
        while (at < tokens.Count && tokens[at].Kind == TokenKind.Identifier)
        {
            names.Add(tokens[at]);
            at++;
            if (at < tokens.Count && tokens[at].Is(','))
            {
                at++;
                continue;
            }
            break;
        }
        var end = SpecEnd(tokens, at);
        var equals = IndexOf(tokens, at, end, '=');
        if (equals >= 0)
        {
            previous.Clear();
            previous.AddRange(SplitAtCommas(tokens, equals + 1, end));
        }
        for (var n = 0; n < names.Count; n++)
        {
            if (names[n].Text != "_")
            {
                go.Constants.Add(new GoConstant(names[n].Text, names[n].Start, go, n < previous.Count ? previous[n] : default));
            }
        }
        return end;
    }

    /// <summary>The ';' or unmatched ')' that ends a spec starting at <paramref name="at"/>.</summary>
    private static int SpecEnd(List<Token> tokens, int at)
    {
        var depth = 0;
        for (var i = at; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Punctuation)
            {
                continue;
            }
            if (Opening.Contains(t.Text[0]))
            {
                depth++;
            }
            else if (Closing.Contains(t.Text[0]) && --depth < 0)
            {
                return i;
            }
            else if (depth == 0 && t.Is(';'))
            {
                return i;
            }
        }
        return tokens.Count;
    }

    private const string Opening = "([{";
    private const string Closing = ")]}";

    private static List<Range> SplitAtCommas(List<Token> tokens, int start, int end)
    {
        var parts = new List<Range>();
        var depth = 0;
        var from = start;
        for (var i = start; i < end; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Punctuation)
            {
                continue;
            }
            if (Opening.Contains(t.Text[0]))
            {
                depth++;
            }
            else if (Closing.Contains(t.Text[0]))
            {
                depth--;
            }
            else if (depth == 0 && t.Is(','))
            {
                parts.Add(from..i);
                from = i + 1;
            }
        }
        parts.Add(from..end);
        return parts;
    }

    private static int IndexOf(List<Token> tokens, int start, int end, char punctuation)
    {
        for (var i = start; i < end; i++)
        {
            if (tokens[i].Is(punctuation))
            {
                return i;
            }
        }
        return -1;
    }

    private static int SkipTo(List<Token> tokens, int at, char punctuation)
    {
        while (at < tokens.Count && !tokens[at].Is(punctuation) && !tokens[at].Is(')'))
        {
            at++;
        }
        return at < tokens.Count && tokens[at].Is(punctuation) ? at + 1 : at;
    }

    private static Token? Next(List<Token> tokens, int at) => at + 1 < tokens.Count ? tokens[at + 1] : null;
}
