using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Splits TypeScript and JavaScript into the tokens the symbol pass needs: identifiers, string literals with their
/// values, template literals (their literal pieces and holes), punctuation. Comments, numbers and regular-expression
/// literals are skipped, so a quote or a brace inside them never confuses the declaration reader. A quoted string
/// ends at its line's end when unterminated (JSX text such as <c>it's</c>), so damage stays on that line.
/// </summary>
internal static class TypeScriptLexer
{
    // After these words a '/' starts a regular expression, not a division.
    private static readonly HashSet<string> RegexAfterWord = new(StringComparer.Ordinal)
    {
        "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await",
    };

    // One string per ASCII punctuation character, shared by every token (a file has tens of thousands).
    private static readonly string[] Punctuation = [.. Enumerable.Range(0, 128).Select(c => ((char)c).ToString())];

    public static List<Token> Tokenize(string text)
    {
        var tokens = TokenBuffer.Start();
        var at = 0;
        while (at < text.Length)
        {
            var c = text[at];
            if (char.IsWhiteSpace(c))
            {
                at++;
            }
            else if (c == '/' && at + 1 < text.Length && text[at + 1] == '/')
            {
                at = EndOfLine(text, at);
            }
            else if (c == '/' && at + 1 < text.Length && text[at + 1] == '*')
            {
                var end = text.IndexOf("*/", at + 2, StringComparison.Ordinal);
                at = end < 0 ? text.Length : end + 2;
            }
            else if (c == '/' && StartsRegex(tokens))
            {
                tokens.Add(new Token(TokenKind.Other, at, "/"));
                at = RegexEnd(text, at);
            }
            else if (c is '"' or '\'')
            {
                var (token, end) = ReadQuoted(text, at);
                tokens.Add(token);
                at = end;
            }
            else if (c == '`')
            {
                var (token, end) = ReadTemplate(text, at);
                tokens.Add(token);
                at = end;
            }
            else if (IsIdentifierStart(c))
            {
                var end = at + 1;
                while (end < text.Length && IsIdentifierPart(text[end]))
                {
                    end++;
                }
                tokens.Add(new Token(TokenKind.Identifier, at, LexerText.Name(text, at, end)));
                at = end;
            }
            else if (char.IsAsciiDigit(c))
            {
                var end = at + 1;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '_'))
                {
                    end++;
                }
                tokens.Add(new Token(TokenKind.Other, at, LexerText.Name(text, at, end)));
                at = end;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Punctuation, at, c < Punctuation.Length ? Punctuation[c] : c.ToString()));
                at++;
            }
        }
        return TokenBuffer.Complete(tokens);
    }

    private static bool StartsRegex(List<Token> tokens)
    {
        if (tokens.Count == 0)
        {
            return true;
        }
        var previous = tokens[^1];
        if (previous.Kind == TokenKind.Identifier)
        {
            return RegexAfterWord.Contains(previous.Text);
        }
        return previous.Kind == TokenKind.Punctuation && !(previous.Is(')') || previous.Is(']') || previous.Is('}'));
    }

    /// <summary>The end of a regular-expression literal starting at <paramref name="at"/>: its closing '/' outside a class, then its flags.</summary>
    private static int RegexEnd(string text, int at)
    {
        var inClass = false;
        for (var i = at + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                return i; // not a regex after all: stop at the line's end
            }
            if (c == '\\')
            {
                i++;
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                var end = i + 1;
                while (end < text.Length && char.IsAsciiLetter(text[end]))
                {
                    end++;
                }
                return end;
            }
        }
        return text.Length;
    }

    private static (Token Token, int End) ReadQuoted(string text, int at)
    {
        var quote = text[at];
        if (LexerText.PlainLiteralEnd(text, at + 1, quote == '"' ? LexerText.DoubleQuotedStops : LexerText.SingleQuotedStops, quote) is var close and >= 0)
        {
            return (new Token(TokenKind.String, at, LexerText.PlainValue(text, at + 1, close)), close + 1);
        }
        var value = new StringBuilder();
        var i = at + 1;
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\n')
            {
                return (new Token(TokenKind.Other, at, value.ToString()), i); // unterminated: not a string
            }
            i = text[i] == '\\' ? Escape(text, i, value) : Append(value, text[i], i);
        }
        return (new Token(TokenKind.String, at, value.ToString()), Math.Min(i + 1, text.Length));
    }

    private static (Token Token, int End) ReadTemplate(string text, int at)
    {
        var parts = new List<InterpolationPart>();
        var literal = new StringBuilder();
        var i = at + 1;
        while (i < text.Length && text[i] != '`')
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                LexerText.FlushLiteral(parts, literal);
                var end = HoleEnd(text, i + 2);
                parts.Add(new InterpolationPart(true, text[(i + 2)..Math.Min(end, text.Length)].Trim()));
                i = end + 1;
                continue;
            }
            i = text[i] == '\\' ? Escape(text, i, literal) : Append(literal, text[i], i);
        }
        var end2 = Math.Min(i + 1, text.Length);
        if (parts.Count == 0)
        {
            return (new Token(TokenKind.String, at, literal.ToString()), end2);
        }
        LexerText.FlushLiteral(parts, literal);
        return (new Token(TokenKind.Interpolated, at, text[at..end2], parts), end2);
    }

    private static int Append(StringBuilder into, char c, int at)
    {
        into.Append(c);
        return at + 1;
    }

    /// <summary>The index of the '}' closing a template hole, skipping nested braces and strings.</summary>
    private static int HoleEnd(string text, int at)
    {
        var depth = 0;
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                i = ReadQuoted(text, i).End - 1;
            }
            else if (c == '`')
            {
                i = ReadTemplate(text, i).End - 1;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth-- == 0)
            {
                return i;
            }
        }
        return text.Length;
    }

    /// <summary>A JavaScript escape: <c>\n</c> and friends, <c>\xHH</c>, <c>\uHHHH</c>, <c>\u{H…}</c>, a line continuation.</summary>
    private static int Escape(string text, int at, StringBuilder into)
    {
        if (at + 1 >= text.Length)
        {
            return at + 1;
        }
        var e = text[at + 1];
        var simple = SimpleEscapes.IndexOf(e);
        if (simple >= 0)
        {
            into.Append(SimpleValues[simple]);
            return at + 2;
        }
        if (e == '\n')
        {
            return at + 2;
        }
        if (e is not ('x' or 'u'))
        {
            into.Append(e);
            return at + 2;
        }
        var braced = e == 'u' && at + 2 < text.Length && text[at + 2] == '{';
        var start = braced ? at + 3 : at + 2;
        var max = braced ? 6 : e == 'x' ? 2 : 4;
        var end = start;
        while (end < text.Length && end - start < max && char.IsAsciiHexDigit(text[end]))
        {
            end++;
        }
        LexerText.AppendCodePoint(into, text.AsSpan(start, end - start));
        return braced && end < text.Length && text[end] == '}' ? end + 1 : end;
    }

    private const string SimpleEscapes = "ntr0bfv";
    private const string SimpleValues = "\n\t\r\0\b\f\v";

    private static int EndOfLine(string text, int at)
    {
        var end = text.IndexOf('\n', at);
        return end < 0 ? text.Length : end;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
