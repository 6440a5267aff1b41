using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

internal enum TokenKind
{
    Identifier,
    /// <summary>A string literal whose value is known: regular, verbatim or raw, not interpolated.</summary>
    String,
    /// <summary>An interpolated string: <see cref="Token.Parts"/> holds its literal pieces and its holes.</summary>
    Interpolated,
    Punctuation,
    /// <summary>A number or character literal: never part of a string constant.</summary>
    Other,
}

/// <summary>One piece of an interpolated string: literal text, or a hole's expression text.</summary>
internal readonly record struct InterpolationPart(bool IsHole, string Text);

/// <param name="Text">An identifier's name (without a verbatim '@'), a string's value, a punctuation character.</param>
internal readonly record struct Token(TokenKind Kind, int Start, string Text, IReadOnlyList<InterpolationPart>? Parts = null)
{
    public bool Is(char punctuation) => Kind == TokenKind.Punctuation && Text.Length == 1 && Text[0] == punctuation;

    public bool IsWord(string word) => Kind == TokenKind.Identifier && Text == word;
}

/// <summary>
/// Splits C# source into the tokens the symbol pass needs: identifiers, string literals with their values
/// (escapes, verbatim, raw and interpolated strings), punctuation. Comments, preprocessor lines, numbers
/// and characters are skipped, so a brace or a quote inside them never confuses the declaration reader.
/// </summary>
internal static class CSharpLexer
{
    public static List<Token> Tokenize(string text) => TokenBuffer.Complete(Lex(text, TokenBuffer.Start()));

    /// <summary>The tokens in the thread's <see cref="TokenBuffer"/>, lent for a reader that keeps none of them (<see cref="LentTokens"/>).</summary>
    public static LentTokens TokenizeLent(string text) => TokenBuffer.Lend(Lex(text, TokenBuffer.Start()));

    private static List<Token> Lex(string text, List<Token> tokens)
    {
        var at = 0;
        var lineStart = true;
        while (at < text.Length)
        {
            var c = text[at];
            if (c == '\n')
            {
                lineStart = true;
                at++;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                at++;
                continue;
            }
            if (c == '#' && lineStart)
            {
                at = EndOfLine(text, at); // #if, #region, #nullable: not code
                continue;
            }
            lineStart = false;
            if (c == '/' && at + 1 < text.Length && text[at + 1] == '/')
            {
                at = EndOfLine(text, at);
            }
            else if (c == '/' && at + 1 < text.Length && text[at + 1] == '*')
            {
                var close = text.IndexOf("*/", at + 2, StringComparison.Ordinal);
                at = close < 0 ? text.Length : close + 2;
            }
            else if (StringStart(text, at) is { } start)
            {
                var token = ReadString(text, at, start);
                tokens.Add(token.Token);
                at = SkipUtf8Suffix(text, token.End);
            }
            else if (c == '\'')
            {
                at = LexerText.CharacterLiteralEnd(text, at);
            }
            else if (c == '@' && at + 1 < text.Length && LexerText.IsIdentifierStart(text[at + 1]))
            {
                var end = LexerText.IdentifierEnd(text, at + 1);
                tokens.Add(new Token(TokenKind.Identifier, at, LexerText.Name(text, at + 1, end)));
                at = end;
            }
            else if (LexerText.IsIdentifierStart(c))
            {
                var end = LexerText.IdentifierEnd(text, at);
                tokens.Add(new Token(TokenKind.Identifier, at, LexerText.Name(text, at, end)));
                at = end;
            }
            else if (char.IsAsciiDigit(c))
            {
                var end = at;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '.'))
                {
                    end++;
                }
                tokens.Add(new Token(TokenKind.Other, at, LexerText.Name(text, at, end)));
                at = end;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Punctuation, at, c.ToString()));
                at++;
            }
        }
        return tokens;
    }

    private readonly record struct StringPrefix(int Dollars, bool Verbatim, int Quotes, int ContentStart);

    /// <summary>The shape of a string literal starting at <paramref name="at"/>, or null when none does.</summary>
    private static StringPrefix? StringStart(string text, int at)
    {
        var i = at;
        var dollars = 0;
        var verbatim = false;
        while (i < text.Length && (text[i] == '$' || (text[i] == '@' && !verbatim)))
        {
            if (text[i] == '$')
            {
                dollars++;
            }
            else
            {
                verbatim = true;
            }
            i++;
        }
        if (i >= text.Length || text[i] != '"')
        {
            return null;
        }
        var quotes = 0;
        while (i + quotes < text.Length && text[i + quotes] == '"')
        {
            quotes++;
        }
        // """ opens a raw string; "" is an empty regular string.
        quotes = quotes >= 3 && !verbatim ? quotes : 1;
        return new StringPrefix(dollars, verbatim, quotes, i + quotes);
    }

    private static (Token Token, int End) ReadString(string text, int at, StringPrefix prefix)
    {
        if (prefix is { Dollars: 0, Verbatim: false, Quotes: 1 } && LexerText.PlainLiteralEnd(text, prefix.ContentStart, LexerText.DoubleQuotedStops, '"') is var close and >= 0)
        {
            return (new Token(TokenKind.String, at, LexerText.PlainValue(text, prefix.ContentStart, close)), close + 1);
        }
        var parts = new List<InterpolationPart>();
        var literal = new StringBuilder();
        var braces = Math.Max(prefix.Dollars, 1); // $$"""…{{x}}…""": holes open with two braces
        var i = prefix.ContentStart;
        while (i < text.Length)
        {
            var c = text[i];
            if (prefix.Quotes >= 3 ? IsRun(text, i, '"', prefix.Quotes) : c == '"')
            {
                if (prefix.Verbatim && i + 1 < text.Length && text[i + 1] == '"')
                {
                    literal.Append('"');
                    i += 2;
                    continue;
                }
                i += prefix.Quotes;
                break;
            }
            if (c == '\n' && prefix.Quotes == 1 && !prefix.Verbatim)
            {
                break; // an unterminated regular string ends at its line
            }
            if (prefix.Dollars > 0 && c == '{')
            {
                if (IsRun(text, i, '{', braces) && !IsRun(text, i, '{', braces + 1) || prefix.Quotes >= 3 && IsRun(text, i, '{', braces))
                {
                    var holeEnd = HoleEnd(text, i + braces);
                    LexerText.FlushLiteral(parts, literal);
                    parts.Add(new InterpolationPart(true, text[(i + braces)..holeEnd].Trim()));
                    i = Math.Min(text.Length, holeEnd + braces);
                    continue;
                }
                if (prefix.Quotes < 3 && IsRun(text, i, '{', 2))
                {
                    literal.Append('{');
                    i += 2;
                    continue;
                }
            }
            if (prefix.Dollars > 0 && prefix.Quotes < 3 && c == '}' && IsRun(text, i, '}', 2))
            {
                literal.Append('}');
                i += 2;
                continue;
            }
            if (c == '\\' && !prefix.Verbatim && prefix.Quotes == 1)
            {
                i = Escape(text, i, literal);
                continue;
            }
            literal.Append(c);
            i++;
        }
        var value = prefix.Quotes >= 3 ? RawValue(literal.ToString()) : literal.ToString();
        if (prefix.Dollars == 0)
        {
            return (new Token(TokenKind.String, at, value), i);
        }
        if (prefix.Quotes >= 3 && parts.Count > 0)
        {
            // A raw interpolated string over several lines would need its indentation removed around holes.
            return (new Token(TokenKind.Other, at, ""), i);
        }
        literal.Clear().Append(value);
        LexerText.FlushLiteral(parts, literal);
        return (new Token(TokenKind.Interpolated, at, text[at..i], parts), i);
    }

    /// <summary>The end of a hole's expression: the '}' that closes it, minding nested braces and strings.</summary>
    private static int HoleEnd(string text, int at)
    {
        var depth = 0;
        for (var i = at; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '{':
                    depth++;
                    break;
                case '}' when depth == 0:
                    return i;
                case '}':
                    depth--;
                    break;
                case '"':
                    var close = text.IndexOf('"', i + 1);
                    i = close < 0 ? text.Length : close;
                    break;
                case '\n':
                    return i;
            }
        }
        return text.Length;
    }

    /// <summary>A raw string's value: the first and last line breaks dropped, the closing line's indentation removed from every line.</summary>
    private static string RawValue(string content)
    {
        if (!content.Contains('\n'))
        {
            return content;
        }
        var lines = content.Split('\n');
        var indentation = lines[^1].Length - lines[^1].TrimStart().Length;
        var body = lines[1..^1].Select(l => l.Length >= indentation ? l[indentation..] : l.TrimStart());
        return string.Join('\n', body);
    }

    private static int Escape(string text, int at, StringBuilder into)
    {
        if (at + 1 >= text.Length)
        {
            return at + 1;
        }
        var e = text[at + 1];
        // Lookups, not a switch over chars: the architecture test's IL reader misreads the switch table the compiler emits here.
        var simple = SimpleEscapes.IndexOf(e);
        if (simple >= 0)
        {
            into.Append(SimpleValues[simple]);
            return at + 2;
        }
        if (e is not ('u' or 'x' or 'U'))
        {
            into.Append(e);
            return at + 2;
        }
        var max = e == 'U' ? 8 : 4;
        var end = at + 2;
        while (end < text.Length && end - at - 2 < max && char.IsAsciiHexDigit(text[end]))
        {
            end++;
        }
        LexerText.AppendCodePoint(into, text.AsSpan(at + 2, end - at - 2));
        return end;
    }

    private const string SimpleEscapes = "ntr0abfve";
    private const string SimpleValues = "\n\t\r\0\a\b\f\v\u001b";

    private static int SkipUtf8Suffix(string text, int at) =>
        at + 1 < text.Length && text[at] is 'u' or 'U' && text[at + 1] == '8' ? at + 2 : at;

    private static bool IsRun(string text, int at, char c, int count) =>
        at + count <= text.Length && text.AsSpan(at, count).IndexOfAnyExcept(c) < 0;

    private static int EndOfLine(string text, int at)
    {
        var newline = text.IndexOf('\n', at);
        return newline < 0 ? text.Length : newline;
    }
}
