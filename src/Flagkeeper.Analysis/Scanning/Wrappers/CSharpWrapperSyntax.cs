using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Scanning.Wrappers;

/// <summary>
/// Methods and calls in C# tokens (<see cref="CSharpLexer"/>: comments, strings and preprocessor lines are already out).
/// <c>Name(</c> declares a method when a type or a modifier stands before it (<c>bool IsX(</c>, <c>Task&lt;bool&gt; IsX(</c>),
/// and calls one after anything else (<c>.</c>, <c>(</c>, <c>!</c>, <c>=&gt;</c>, <c>return</c>, <c>await</c>).
/// </summary>
internal sealed class CSharpWrapperSyntax : IWrapperSyntax
{
    /// <summary>Words after which <c>Name(</c> is a call, not a declaration.</summary>
    private static readonly HashSet<string> ExpressionWords = new(StringComparer.Ordinal)
    {
        "return", "await", "throw", "in", "is", "case", "when", "else", "do", "and", "or", "not", "yield", "out", "ref",
        "select", "where", "orderby", "ascending", "descending", "equals", "on", "by", "group", "into", "let",
    };

    /// <summary>Words before a name that say it returns nothing: <c>void</c>, a plain task, or a modifier (a constructor).</summary>
    private static readonly HashSet<string> NoValue = new(StringComparer.Ordinal)
    {
        "void", "Task", "ValueTask", "public", "private", "protected", "internal", "static", "extern", "unsafe", "partial",
    };

    public bool Handles(string file) => file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    public LentTokens TokenizeLent(string text) => CSharpLexer.TokenizeLent(text);

    public IEnumerable<MethodBody> Methods(List<Token> tokens)
    {
        for (var i = 1; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Identifier || !tokens[i + 1].Is('(') || !IsDeclaration(tokens, i))
            {
                continue;
            }
            var j = TokenBrackets.Close(tokens, i + 1) + 1;
            if (j < tokens.Count && tokens[j].IsWord("where"))
            {
                while (j < tokens.Count && !tokens[j].Is('{') && !tokens[j].Is(';') && !IsArrow(tokens, j))
                {
                    j++; // generic constraints
                }
            }
            var returnsValue = !(tokens[i - 1].Kind == TokenKind.Identifier && NoValue.Contains(tokens[i - 1].Text));
            if (j < tokens.Count && tokens[j].Is('{'))
            {
                var close = TokenBrackets.Close(tokens, j);
                var onlyReturn = j + 1 < close && tokens[j + 1].IsWord("return") && TokenBrackets.Next(tokens, j + 1, close, ';') == close - 1;
                yield return new MethodBody(tokens[i].Text, tokens[i].Start, tokens[j].Start, tokens[close].Start + 1, returnsValue && onlyReturn);
            }
            else if (IsArrow(tokens, j) && j + 2 < tokens.Count)
            {
                var end = TokenBrackets.Next(tokens, j + 2, tokens.Count, ';');
                var bodyEnd = end < 0 ? tokens[^1].Start + 1 : tokens[end].Start;
                yield return new MethodBody(tokens[i].Text, tokens[i].Start, tokens[j + 2].Start, bodyEnd, returnsValue);
            }
        }
    }

    public IEnumerable<CallSite> Calls(List<Token> tokens, IReadOnlySet<string> names)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Identifier && tokens[i + 1].Is('(') && names.Contains(tokens[i].Text)
                && !IsDeclaration(tokens, i) && !(i > 0 && tokens[i - 1].IsWord("new")))
            {
                var close = TokenBrackets.Close(tokens, i + 1);
                yield return new CallSite(tokens[i].Text, tokens[i].Start, tokens[close].Start + 1, HasReceiver: tokens[i - 1].Is('.'));
            }
        }
    }

    /// <summary>A bare call reaches the methods of its own file's types (a partial type or a base class elsewhere is not followed).</summary>
    public bool BareCallReaches(string wrapperFile, string callFile) => wrapperFile == callFile;

    /// <summary>Whether the <c>Name(</c> at <paramref name="i"/> declares a method: a type or a modifier stands before it.</summary>
    private static bool IsDeclaration(List<Token> tokens, int i)
    {
        if (i == 0)
        {
            return false;
        }
        var before = tokens[i - 1];
        if (before.Kind == TokenKind.Identifier)
        {
            return !ExpressionWords.Contains(before.Text) && before.Text != "new";
        }
        if (before.Is('>'))
        {
            return !IsArrow(tokens, i - 2); // Task<bool> IsX( declares; x => IsX( calls
        }
        if (before.Is('?'))
        {
            // bool? IsX( declares (the '?' touches its type); c ? IsX( calls.
            return i >= 2 && tokens[i - 2] is { Kind: TokenKind.Identifier } or { Text: ">" } && tokens[i - 2].Start + tokens[i - 2].Text.Length == before.Start;
        }
        return before.Is(']');
    }

    private static bool IsArrow(List<Token> tokens, int at) =>
        at >= 0 && at + 1 < tokens.Count && tokens[at].Is('=') && tokens[at + 1].Is('>') && tokens[at + 1].Start == tokens[at].Start + 1;
}
