using System.Buffers;
using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Splits Java or Kotlin source into the tokens the JVM declaration reader needs: identifiers (Kotlin's
/// <c>`quoted`</c> ones unquoted), string literals with their values, Kotlin string templates (literal pieces and
/// holes), punctuation. Comments, numbers and characters are skipped or become <see cref="TokenKind.Other"/>, and
/// so does a literal the reader cannot be sure of (an unterminated string, an unknown escape, a Java text block).
/// In Kotlin a line end that can end a statement becomes a ';' token, as Kotlin reads it.
/// </summary>
internal static class JvmLexer
{
    private static readonly string[] Punctuation = [.. Enumerable.Range(0, 128).Select(c => ((char)c).ToString())];

    public static List<Token> Tokenize(string text, bool kotlin) => TokenBuffer.Complete(Lex(text, kotlin, TokenBuffer.Start()));

    /// <summary>The tokens in the thread's <see cref="TokenBuffer"/>, lent for a reader that keeps none of them (<see cref="LentTokens"/>).</summary>
    public static LentTokens TokenizeLent(string text, bool kotlin) => TokenBuffer.Lend(Lex(text, kotlin, TokenBuffer.Start()));

    private static List<Token> Lex(string text, bool kotlin, List<Token> tokens)
    {
        var depth = 0; // ( and [ nesting: a Kotlin line end inside them ends nothing
        var at = 0;
        while (at < text.Length)
        {
            var c = text[at];
            if (char.IsWhiteSpace(c))
            {
                if (c == '\n' && kotlin && depth == 0)
                {
                    EndLine(tokens, at);
                }
                at++;
            }
            else if (c == '/' && at + 1 < text.Length && text[at + 1] == '/')
            {
                at = LexerText.LineEnd(text, at);
            }
            else if (c == '/' && at + 1 < text.Length && text[at + 1] == '*')
            {
                at = BlockCommentEnd(text, at, nested: kotlin);
            }
            else if (c == '"')
            {
                at = kotlin ? KotlinString(text, at, tokens) : JavaString(text, at, tokens);
            }
            else if (c == '\'')
            {
                tokens.Add(new Token(TokenKind.Other, at, ""));
                at = LexerText.CharacterLiteralEnd(text, at);
            }
            else if (c == '`' && kotlin)
            {
                var close = text.IndexOf('`', at + 1);
                var end = close < 0 ? text.Length : close;
                tokens.Add(new Token(TokenKind.Identifier, at, LexerText.Name(text, at + 1, end)));
                at = Math.Min(text.Length, end + 1);
            }
            else if (LexerText.IsIdentifierStart(c) || c == '$')
            {
                var end = IdentifierEnd(text, at);
                tokens.Add(new Token(TokenKind.Identifier, at, LexerText.Name(text, at, end)));
                at = end;
            }
            else if (char.IsAsciiDigit(c))
            {
                var end = LexerText.IdentifierEnd(text, at);
                tokens.Add(new Token(TokenKind.Other, at, LexerText.Name(text, at, end)));
                at = end;
            }
            else
            {
                depth += c is '(' or '[' ? 1 : c is ')' or ']' && depth > 0 ? -1 : 0;
                tokens.Add(new Token(TokenKind.Punctuation, at, c < 128 ? Punctuation[c] : c.ToString()));
                at++;
            }
        }
        if (kotlin)
        {
            EndLine(tokens, text.Length);
        }
        return tokens;
    }

    /// <summary>Kotlin: a line ending in a name, a literal or a closing bracket ends a statement.</summary>
    private static void EndLine(List<Token> tokens, int at)
    {
        if (tokens.Count > 0 && tokens[^1] is var last && (last.Kind != TokenKind.Punctuation || last.Text is ")" or "]" or "}"))
        {
            tokens.Add(new Token(TokenKind.Punctuation, at, ";"));
        }
    }

    private static int IdentifierEnd(string text, int at)
    {
        var end = at;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '$'))
        {
            end++;
        }
        return end;
    }

    private static int BlockCommentEnd(string text, int at, bool nested)
    {
        var level = 0;
        for (var i = at; i + 1 < text.Length; i++)
        {
            if (text[i] == '/' && text[i + 1] == '*' && (nested || level == 0))
            {
                level++;
                i++;
            }
            else if (text[i] == '*' && text[i + 1] == '/')
            {
                if (--level == 0)
                {
                    return i + 2;
                }
                i++;
            }
        }
        return text.Length;
    }

    /// <summary>A Java <c>"…"</c>; a text block <c>"""</c> (indentation stripped by rules the reader does not model) is not a key.</summary>
    private static int JavaString(string text, int at, List<Token> tokens)
    {
        if (string.CompareOrdinal(text, at, "\"\"\"", 0, 3) == 0)
        {
            var close = text.IndexOf("\"\"\"", at + 3, StringComparison.Ordinal);
            tokens.Add(new Token(TokenKind.Other, at, ""));
            return close < 0 ? text.Length : close + 3;
        }
        if (LexerText.PlainLiteralEnd(text, at + 1, LexerText.DoubleQuotedStops, '"') is var quote and >= 0)
        {
            tokens.Add(new Token(TokenKind.String, at, LexerText.PlainValue(text, at + 1, quote)));
            return quote + 1;
        }
        var value = new StringBuilder();
        for (var i = at + 1; i < text.Length && text[i] != '\n'; i++)
        {
            if (text[i] == '"')
            {
                tokens.Add(new Token(TokenKind.String, at, value.ToString()));
                return i + 1;
            }
            if (text[i] != '\\')
            {
                value.Append(text[i]);
            }
            else if (Escape(text, ref i, value) is false)
            {
                return Broken(text, at, tokens);
            }
        }
        return Broken(text, at, tokens);
    }

    /// <summary>A Kotlin <c>"…"</c> or raw <c>"""…"""</c>: <c>$name</c> and <c>${expr}</c> are holes (an Interpolated token).</summary>
    private static int KotlinString(string text, int at, List<Token> tokens)
    {
        var raw = string.CompareOrdinal(text, at, "\"\"\"", 0, 3) == 0;
        if (!raw && LexerText.PlainLiteralEnd(text, at + 1, KotlinStops, '"') is var close and >= 0)
        {
            tokens.Add(new Token(TokenKind.String, at, LexerText.PlainValue(text, at + 1, close)));
            return close + 1;
        }
        var parts = new List<InterpolationPart>();
        var literal = new StringBuilder();
        for (var i = at + (raw ? 3 : 1); i < text.Length && (raw || text[i] != '\n'); i++)
        {
            if (raw ? string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0 : text[i] == '"')
            {
                var end = raw ? i + 3 : i + 1;
                while (raw && end < text.Length && text[end] == '"')
                {
                    literal.Append('"'); // """a"""" ends with the last three quotes
                    end++;
                }
                LexerText.FlushLiteral(parts, literal);
                tokens.Add(parts.Any(p => p.IsHole)
                    ? new Token(TokenKind.Interpolated, at, "", parts)
                    : new Token(TokenKind.String, at, parts.Count == 0 ? "" : parts[0].Text));
                return end;
            }
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                if ((i = LexerText.AddHole(text, i + 2, parts, literal)) < 0)
                {
                    break;
                }
            }
            else if (text[i] == '$' && i + 1 < text.Length && (LexerText.IsIdentifierStart(text[i + 1]) || text[i + 1] == '`'))
            {
                var end = IdentifierEnd(text, i + 1);
                LexerText.FlushLiteral(parts, literal);
                parts.Add(new InterpolationPart(true, text[(i + 1)..end]));
                i = end - 1;
            }
            else if (text[i] == '\\' && !raw)
            {
                if (Escape(text, ref i, literal) is false)
                {
                    return Broken(text, at, tokens);
                }
            }
            else
            {
                literal.Append(text[i]);
            }
        }
        return Broken(text, at, tokens);
    }

    /// <summary>Reads the escape at <paramref name="i"/> (a backslash) into <paramref name="value"/>; false for one the reader does not know.</summary>
    private static bool Escape(string text, ref int i, StringBuilder value)
    {
        if (i + 1 >= text.Length)
        {
            return false;
        }
        var e = text[i + 1];
        var simple = SimpleEscapes.IndexOf(e);
        if (simple >= 0)
        {
            value.Append(SimpleValues[simple]);
            i++;
            return true;
        }
        if (e == 'u' && i + 5 < text.Length)
        {
            LexerText.AppendCodePoint(value, text.AsSpan(i + 2, 4));
            i += 5;
            return true;
        }
        return false;
    }

    // What ends a Kotlin literal's plain text: what ends a Java one (LexerText.DoubleQuotedStops), and a template's '$'.
    private static readonly SearchValues<char> KotlinStops = SearchValues.Create("\"\\\n$");

    // Lookups, not a switch over chars: the architecture test's IL reader misreads the switch table the compiler emits for one.
    private const string SimpleEscapes = "tbnrfs'\"\\$0";
    private const string SimpleValues = "\t\b\n\r\f '\"\\$\0";

    /// <summary>An unterminated or undecodable literal: one Other token, and the rest of its line skipped.</summary>
    private static int Broken(string text, int at, List<Token> tokens)
    {
        tokens.Add(new Token(TokenKind.Other, at, ""));
        return LexerText.LineEnd(text, at);
    }
}
