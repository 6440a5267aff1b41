using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Scanning.Wrappers;

/// <summary>
/// A method or function declared with a body: its name and the name's offset, the body's span, and whether the body
/// only returns one expression from a method that returns a value (what makes a wrapper without configuration).
/// </summary>
internal readonly record struct MethodBody(string Name, int NameOffset, int BodyStart, int BodyEnd, bool ReturnsOneExpression);

/// <summary>
/// A call of a named method: the name's offset, the end of its argument list (one past the ')'), and whether it has a
/// receiver (<c>x.Name(</c>) or not (<c>Name(</c>).
/// </summary>
internal readonly record struct CallSite(string Name, int NameOffset, int End, bool HasReceiver);

/// <summary>One language's view of wrappers: its files, the methods it declares with a body, and the calls of given names.</summary>
internal interface IWrapperSyntax
{
    bool Handles(string file);

    /// <summary>The file's tokens, lent (<see cref="LentTokens"/>): read them, keep none, and dispose them.</summary>
    LentTokens TokenizeLent(string text);

    IEnumerable<MethodBody> Methods(List<Token> tokens);

    /// <summary>Calls (not declarations) of any of <paramref name="names"/>, as <c>Name(…)</c> or <c>x.Name(…)</c>.</summary>
    IEnumerable<CallSite> Calls(List<Token> tokens, IReadOnlySet<string> names);

    /// <summary>
    /// Whether a call without a receiver in <paramref name="callFile"/> can mean a method declared in <paramref name="wrapperFile"/>
    /// (root-relative paths): a bare <c>Name(</c> elsewhere is some other type's or package's method of that name.
    /// </summary>
    bool BareCallReaches(string wrapperFile, string callFile);
}

/// <summary>Bracket matching on tokens, shared by the C# and Go readers.</summary>
internal static class TokenBrackets
{
    /// <summary>The index of the bracket closing the one at <paramref name="open"/> (the last token when it is never closed).</summary>
    public static int Close(List<Token> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            depth += Depth(tokens[i]);
            if (depth == 0)
            {
                return i;
            }
        }
        return tokens.Count - 1;
    }

    /// <summary>The index of the first <paramref name="punctuation"/> from <paramref name="from"/> outside brackets opened after it, or -1 before <paramref name="end"/>.</summary>
    public static int Next(List<Token> tokens, int from, int end, char punctuation)
    {
        var depth = 0;
        for (var i = from; i < end && depth >= 0; i++)
        {
            if (depth == 0 && tokens[i].Is(punctuation))
            {
                return i;
            }
            depth += Depth(tokens[i]);
        }
        return -1;
    }

    private static int Depth(Token token) =>
        token.Kind != TokenKind.Punctuation ? 0 : token.Text[0] switch { '(' or '[' or '{' => 1, ')' or ']' or '}' => -1, _ => 0 };
}
