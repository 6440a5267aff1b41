using System.Globalization;
using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Splits Go source into the tokens the Go declaration reader needs: identifiers, string literals with their
/// values (interpreted with escapes, raw with carriage returns dropped), punctuation, and the semicolons Go
/// inserts at line ends. Comments are skipped; runes and numbers become <see cref="TokenKind.Other"/>, and so
/// does an unterminated string, so a broken literal is never taken for a key.
/// </summary>
internal static class GoLexer
{
    /// <param name="headerOnly">Stop at the first declaration (<c>func</c>, <c>var</c>, <c>type</c>, <c>const</c>): the package clause and imports are all that is wanted.</param>
    public static List<Token> Tokenize(string text, bool headerOnly = false) => TokenBuffer.Complete(Lex(text, headerOnly, TokenBuffer.Start()));

    /// <summary>The tokens in the thread's <see cref="TokenBuffer"/>, lent for a reader that keeps none of them (<see cref="LentTokens"/>).</summary>
    public static LentTokens TokenizeLent(string text) => TokenBuffer.Lend(Lex(text, headerOnly: false, TokenBuffer.Start()));

    private static List<Token> Lex(string text, bool headerOnly, List<Token> tokens)
    {
        var at = 0;
        while (at < text.Length)
        {
            var c = text[at];
            if (c == '\n')
            {
                EndLine(tokens, at);
                at++;
            }
            else if (char.IsWhiteSpace(c))
            {
                at++;
            }
            else if (c == '/' && at + 1 < text.Length && text[at + 1] == '/')
            {
                var newline = text.IndexOf('\n', at);
                at = newline < 0 ? text.Length : newline;
            }
            else if (c == '/' && at + 1 < text.Length && text[at + 1] == '*')
            {
                var close = text.IndexOf("*/", at + 2, StringComparison.Ordinal);
                var end = close < 0 ? text.Length : close + 2;
                if (text.AsSpan(at, end - at).Contains('\n'))
                {
                    EndLine(tokens, at); // a comment spanning lines acts like a newline
                }
                at = end;
            }
            else if (c == '"')
            {
                at = Interpreted(text, at, tokens);
            }
            else if (c == '`')
            {
                var close = text.IndexOf('`', at + 1);
                var end = close < 0 ? text.Length : close;
                var kind = close < 0 ? TokenKind.Other : TokenKind.String;
                tokens.Add(new Token(kind, at, text[(at + 1)..end].Replace("\r", "", StringComparison.Ordinal)));
                at = Math.Min(text.Length, end + 1);
            }
            else if (c == '\'')
            {
                tokens.Add(new Token(TokenKind.Other, at, ""));
                at = LexerText.CharacterLiteralEnd(text, at);
            }
            else if (LexerText.IsIdentifierStart(c))
            {
                var end = LexerText.IdentifierEnd(text, at);
                tokens.Add(new Token(TokenKind.Identifier, at, LexerText.Name(text, at, end)));
                at = end;
                if (headerOnly && Declarations.Contains(tokens[^1].Text))
                {
                    break;
                }
            }
            else if (char.IsAsciiDigit(c))
            {
                var end = LexerText.IdentifierEnd(text, at);
                tokens.Add(new Token(TokenKind.Other, at, LexerText.Name(text, at, end)));
                at = end;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Punctuation, at, c.ToString()));
                at++;
            }
        }
        EndLine(tokens, text.Length);
        return tokens;
    }

    /// <summary>Go's automatic semicolon: a line ending in a name, a literal or a closing bracket ends a statement.</summary>
    private static void EndLine(List<Token> tokens, int at)
    {
        if (tokens.Count > 0 && tokens[^1] is var last && (last.Kind != TokenKind.Punctuation || ClosingBrackets.Contains(last.Text[0])))
        {
            tokens.Add(new Token(TokenKind.Punctuation, at, ";"));
        }
    }

    private const string ClosingBrackets = ")]}";

    private static readonly HashSet<string> Declarations = new(StringComparer.Ordinal) { "func", "var", "type", "const" };

    /// <summary>A keyword that starts a top-level declaration, where a header-only read stops.</summary>
    public static bool IsDeclaration(string word) => Declarations.Contains(word);

    /// <summary>Reads <c>"…"</c> at <paramref name="at"/>; an unterminated one ends at its line and is not a string.</summary>
    private static int Interpreted(string text, int at, List<Token> tokens)
    {
        var i = at + 1;
        var escaped = false;
        while (i < text.Length && text[i] != '"' && text[i] != '\n')
        {
            if (text[i] == '\\')
            {
                escaped = true;
                if (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++; // an escaped quote does not end the string
                }
            }
            i++;
        }
        if (i >= text.Length || text[i] != '"')
        {
            tokens.Add(new Token(TokenKind.Other, at, ""));
            return Math.Min(i, text.Length);
        }
        var value = escaped ? Unescape(text[(at + 1)..i]) : LexerText.PlainValue(text, at + 1, i);
        tokens.Add(value is null ? new Token(TokenKind.Other, at, "") : new Token(TokenKind.String, at, value));
        return i + 1;
    }

    /// <summary>Go escapes: octal and <c>\x</c> escapes are bytes, so the value is built as UTF-8 and decoded once. Null: an escape Go rejects.</summary>
    private static string? Unescape(string content)
    {
        var bytes = new List<byte>(content.Length);
        var i = 0;
        while (i < content.Length)
        {
            if (content[i] != '\\' || i + 1 >= content.Length)
            {
                var end = content.IndexOf('\\', i + 1);
                end = end < 0 ? content.Length : end;
                bytes.AddRange(Encoding.UTF8.GetBytes(content[i..end]));
                i = end;
                continue;
            }
            var e = content[i + 1];
            // Lookups, not a switch over chars: the architecture test's IL reader misreads the switch table the compiler emits for one.
            var simple = SimpleEscapes.IndexOf(e);
            if (simple >= 0)
            {
                bytes.Add((byte)SimpleValues[simple]);
                i += 2;
            }
            else if (e is >= '0' and <= '7' && Number(content, i + 1, 3, 8) is { } octal)
            {
                bytes.Add((byte)octal);
                i += 4;
            }
            else if (HexDigits(e) is var count and > 0 && Number(content, i + 2, count, 16) is { } code)
            {
                if (e == 'x')
                {
                    bytes.Add((byte)code);
                }
                else
                {
                    var rune = code <= 0x10FFFF && code is not (>= 0xD800 and <= 0xDFFF) ? code : 0xFFFD;
                    bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(rune)));
                }
                i += 2 + count;
            }
            else
            {
                return null;
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private const string SimpleEscapes = "abfnrtv\\'\"";
    private const string SimpleValues = "\a\b\f\n\r\t\v\\'\"";

    private static int HexDigits(char escape) => "xuU".IndexOf(escape) is var kind and >= 0 ? (2 << kind) : 0;

    private static int? Number(string text, int at, int digits, int radix)
    {
        if (at + digits > text.Length)
        {
            return null;
        }
        var span = text.AsSpan(at, digits);
        if (radix == 8)
        {
            var value = 0;
            foreach (var d in span)
            {
                if (d is < '0' or > '7')
                {
                    return null;
                }
                value = (value * 8) + (d - '0');
            }
            return value <= 255 ? value : null;
        }
        return int.TryParse(span, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex >= 0 ? hex : null;
    }
}
