using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Scanning.Wrappers;

/// <summary>
/// Functions, methods and calls in Go tokens (<see cref="GoLexer"/>, with the semicolons Go inserts at line ends):
/// <c>func Name(…) bool { … }</c> and <c>func (r *T) Name(…) bool { … }</c> declare; <c>Name(…)</c> and <c>x.Name(…)</c>
/// elsewhere call, except an interface's method spec (<c>Name() bool</c>).
/// </summary>
internal sealed class GoWrapperSyntax : IWrapperSyntax
{
    public bool Handles(string file) => file.EndsWith(".go", StringComparison.OrdinalIgnoreCase);

    public LentTokens TokenizeLent(string text) => GoLexer.TokenizeLent(text);

    public IEnumerable<MethodBody> Methods(List<Token> tokens)
    {
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (!tokens[i].IsWord("func"))
            {
                continue;
            }
            var j = i + 1;
            if (tokens[j].Is('('))
            {
                j = TokenBrackets.Close(tokens, j) + 1; // the receiver
            }
            if (j + 1 >= tokens.Count || tokens[j].Kind != TokenKind.Identifier)
            {
                continue; // a function literal
            }
            var name = tokens[j];
            j++;
            if (tokens[j].Is('['))
            {
                j = TokenBrackets.Close(tokens, j) + 1; // type parameters
            }
            if (j >= tokens.Count || !tokens[j].Is('('))
            {
                continue;
            }
            var results = TokenBrackets.Close(tokens, j) + 1;
            var open = BodyStart(tokens, results);
            if (open < 0)
            {
                continue; // declared without a body (assembly)
            }
            var close = TokenBrackets.Close(tokens, open);
            var semicolon = TokenBrackets.Next(tokens, open + 1, close, ';');
            var onlyReturn = open + 1 < close && tokens[open + 1].IsWord("return") && (semicolon < 0 || semicolon == close - 1);
            yield return new MethodBody(name.Text, name.Start, tokens[open].Start, tokens[close].Start + 1, open > results && onlyReturn);
        }
    }

    public IEnumerable<CallSite> Calls(List<Token> tokens, IReadOnlySet<string> names)
    {
        for (var i = 1; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Identifier || !tokens[i + 1].Is('(') || !names.Contains(tokens[i].Text)
                || tokens[i - 1].IsWord("func") || tokens[i - 1].Is(')'))
            {
                continue; // not a call, or a function or method declaration
            }
            var close = TokenBrackets.Close(tokens, i + 1);
            if (close + 1 < tokens.Count && tokens[close + 1] is { Kind: TokenKind.Identifier } or { Text: "(" or "*" or "[" })
            {
                continue; // an interface's method spec: Name() bool
            }
            yield return new CallSite(tokens[i].Text, tokens[i].Start, tokens[close].Start + 1, HasReceiver: tokens[i - 1].Is('.'));
        }
    }

    /// <summary>A bare call reaches the functions of its own package: the files of its directory.</summary>
    public bool BareCallReaches(string wrapperFile, string callFile) =>
        wrapperFile.AsSpan(0, Math.Max(0, wrapperFile.LastIndexOf('/'))).SequenceEqual(callFile.AsSpan(0, Math.Max(0, callFile.LastIndexOf('/'))));

    /// <summary>The '{' opening the body after the results that start at <paramref name="from"/>, or -1 (a ';' first).</summary>
    private static int BodyStart(List<Token> tokens, int from)
    {
        for (var i = from; i < tokens.Count; i++)
        {
            if (tokens[i].Is(';'))
            {
                return -1;
            }
            if (tokens[i].Is('(') || tokens[i].Is('['))
            {
                i = TokenBrackets.Close(tokens, i);
            }
            else if (tokens[i].Is('{'))
            {
                if (i > from && (tokens[i - 1].IsWord("interface") || tokens[i - 1].IsWord("struct")))
                {
                    i = TokenBrackets.Close(tokens, i); // a result of type interface{} or struct{…}
                    continue;
                }
                return i;
            }
        }
        return -1;
    }
}
