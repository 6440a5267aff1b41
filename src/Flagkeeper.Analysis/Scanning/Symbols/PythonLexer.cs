using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Splits Python source into the tokens the Python module reader needs: identifiers, string literals with their values,
/// f-strings (literal pieces and holes), punctuation, and a ';' where a logical line ends (outside brackets, not after a
/// backslash). Comments are skipped; numbers, bytes and any literal the reader cannot be sure of (an unterminated
/// string, a <c>\N{…}</c> escape) become <see cref="TokenKind.Other"/>, so they are never taken for a key.
/// </summary>
internal static class PythonLexer
{
    private static readonly string[] Punctuation = [.. Enumerable.Range(0, 128).Select(c => ((char)c).ToString())];

    public static List<Token> Tokenize(string text)
    {
        var tokens = TokenBuffer.Start();
        var depth = 0;
        var at = 0;
        while (at < text.Length)
        {
            var c = text[at];
            if (char.IsWhiteSpace(c))
            {
                if (c == '\n' && depth == 0 && tokens.Count > 0 && !tokens[^1].Is(';'))
                {
                    tokens.Add(new Token(TokenKind.Punctuation, at, ";"));
                }
                at++;
            }
            else if (c == '#')
            {
                at = LexerText.LineEnd(text, at);
            }
            else if (c == '\\' && at + 1 < text.Length && text[at + 1] is '\n' or '\r')
            {
                at = LexerText.LineEnd(text, at) + 1; // a continued line
            }
            else if (LexerText.IsIdentifierStart(c))
            {
                var end = LexerText.IdentifierEnd(text, at);
                if (end < text.Length && text[end] is '"' or '\'' && end - at <= 2 && text[at..end].All(p => "rRuUfFbB".Contains(p)))
                {
                    at = String(text, at, end, tokens);
                    continue;
                }
                tokens.Add(new Token(TokenKind.Identifier, at, LexerText.Name(text, at, end)));
                at = end;
            }
            else if (c is '"' or '\'')
            {
                at = String(text, at, at, tokens);
            }
            else if (char.IsAsciiDigit(c))
            {
                var end = LexerText.IdentifierEnd(text, at);
                tokens.Add(new Token(TokenKind.Other, at, LexerText.Name(text, at, end)));
                at = end;
            }
            else
            {
                depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' && depth > 0 ? -1 : 0;
                tokens.Add(new Token(TokenKind.Punctuation, at, c < 128 ? Punctuation[c] : c.ToString()));
                at++;
            }
        }
        if (tokens.Count > 0 && !tokens[^1].Is(';'))
        {
            tokens.Add(new Token(TokenKind.Punctuation, text.Length, ";"));
        }
        return TokenBuffer.Complete(tokens);
    }

    private static bool IsTripleQuote(string text, int quote) => quote + 2 < text.Length && text[quote + 1] == text[quote] && text[quote + 2] == text[quote];

    /// <summary>A string whose prefix runs from <paramref name="at"/> to its quote at <paramref name="quote"/>; returns its end.</summary>
    private static int String(string text, int at, int quote, List<Token> tokens)
    {
        if (at == quote && !IsTripleQuote(text, quote) && LexerText.PlainLiteralEnd(text, quote + 1, text[quote] == '"' ? LexerText.DoubleQuotedStops : LexerText.SingleQuotedStops, text[quote]) is var close and >= 0)
        {
            tokens.Add(new Token(TokenKind.String, at, LexerText.PlainValue(text, quote + 1, close)));
            return close + 1;
        }
        var prefix = text[at..quote].ToLowerInvariant();
        var (raw, format, bytes) = (prefix.Contains('r'), prefix.Contains('f'), prefix.Contains('b'));
        var q = text[quote];
        var triple = IsTripleQuote(text, quote);
        var parts = new List<InterpolationPart>();
        var literal = new StringBuilder();
        var broken = false;
        var i = quote + (triple ? 3 : 1);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == q && (!triple || (i + 2 < text.Length && text[i + 1] == q && text[i + 2] == q)))
            {
                var end = i + (triple ? 3 : 1);
                LexerText.FlushLiteral(parts, literal);
                tokens.Add(broken || bytes ? new Token(TokenKind.Other, at, "")
                    : parts.Any(p => p.IsHole) ? new Token(TokenKind.Interpolated, at, "", parts)
                    : new Token(TokenKind.String, at, parts.Count == 0 ? "" : parts[0].Text));
                return end;
            }
            if (c == '\n' && !triple)
            {
                break;
            }
            if (c == '\\' && i + 1 < text.Length)
            {
                broken |= !raw && !Escape(text, ref i, literal);
                if (raw)
                {
                    literal.Append(c).Append(text[++i]);
                }
            }
            else if (format && c is '{' or '}' && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
            }
            else if (format && c == '{')
            {
                if ((i = LexerText.AddHole(text, i + 1, parts, literal)) < 0)
                {
                    i = text.Length; // an unclosed hole: the rest is not read as code
                    break;
                }
            }
            else
            {
                literal.Append(c);
            }
        }
        tokens.Add(new Token(TokenKind.Other, at, ""));
        return Math.Min(text.Length, i + 1);
    }

    /// <summary>Reads the escape at <paramref name="i"/>; an unknown one stays as written, as Python keeps it; false for <c>\N{…}</c>.</summary>
    private static bool Escape(string text, ref int i, StringBuilder value)
    {
        var e = text[i + 1];
        var simple = SimpleEscapes.IndexOf(e);
        var hex = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
        if (simple >= 0)
        {
            value.Append(SimpleValues[simple]);
        }
        else if (e == '\n')
        {
            // a backslash-newline continues the string
        }
        else if (hex > 0 && i + 1 + hex < text.Length)
        {
            LexerText.AppendCodePoint(value, text.AsSpan(i + 2, hex));
            i += hex;
        }
        else if (e == 'N')
        {
            i++;
            return false;
        }
        else
        {
            value.Append('\\').Append(e);
        }
        i++;
        return true;
    }

    // Lookups, not a switch over chars: the architecture test's IL reader misreads the switch table the compiler emits for one.
    private const string SimpleEscapes = "\\'\"abfnrtv0";
    private const string SimpleValues = "\\'\"\a\b\f\n\r\t\v\0";
}
