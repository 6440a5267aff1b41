using System.Buffers;
using System.Globalization;
using System.Text;
using Flagkeeper.Documents;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>What the lexers read alike: identifiers (one string per name a thread keeps seeing), character (rune) literals, escapes and template pieces.</summary>
internal static class LexerText
{
    // Names seen lately on this thread: code repeats the same few identifiers (keywords, types, a class's members) over
    // and over, and a string per occurrence was most of what the symbol and wrapper passes allocated.
    [ThreadStatic]
    private static string?[]? t_names;

    /// <summary>The text of <c>[start, end)</c> as a string, the same string as the last time the thread read these characters when it can.</summary>
    public static string Name(string text, int start, int end) =>
        SharedStrings.Get(t_names ??= SharedStrings.NewSlots(), text.AsSpan(start, end - start));

    public static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    // What ends a quoted literal's plain text: its quote, or an escape or a line end, after which its value is not the text.
    public static readonly SearchValues<char> DoubleQuotedStops = SearchValues.Create("\"\\\n");
    public static readonly SearchValues<char> SingleQuotedStops = SearchValues.Create("'\\\n");

    /// <summary>
    /// The offset of a literal's closing <paramref name="quote"/> when the characters from <paramref name="start"/> to it
    /// hold none of <paramref name="stops"/> (which hold the quote, and the escapes, holes and line ends that give a value
    /// other than the text itself); -1 otherwise. Most literals are such plain text: their value is a slice of the file,
    /// without the builder and the pieces a literal with escapes or holes needs.
    /// </summary>
    public static int PlainLiteralEnd(string text, int start, SearchValues<char> stops, char quote) =>
        text.AsSpan(start).IndexOfAny(stops) is var found and >= 0 && text[start + found] == quote ? start + found : -1;

    /// <summary>A plain literal's value, <c>[start, end)</c> (<see cref="PlainLiteralEnd"/>): a short one as the thread's shared string.</summary>
    public static string PlainValue(string text, int start, int end) => Name(text, start, end);

    /// <summary>The end of the identifier (or number's word characters) starting at <paramref name="at"/>.</summary>
    public static int IdentifierEnd(string text, int at)
    {
        var end = at;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }
        return end;
    }

    /// <summary>The offset of the line end at or after <paramref name="at"/> (the text's end on the last line).</summary>
    public static int LineEnd(string text, int at) => text.IndexOf('\n', at) is var newline and >= 0 ? newline : text.Length;

    /// <summary>The end of a character or rune literal <c>'x'</c>, <c>'\''</c>; one past its quote when it is unterminated on its line.</summary>
    public static int CharacterLiteralEnd(string text, int at)
    {
        for (var i = at + 1; i < text.Length && text[i] != '\n'; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '\'')
            {
                return i + 1;
            }
        }
        return at + 1;
    }

    /// <summary>Appends the code point a hex escape names (<c>\u0041</c>'s <c>0041</c>); a surrogate becomes U+FFFD, an invalid one nothing.</summary>
    public static void AppendCodePoint(StringBuilder into, ReadOnlySpan<char> hex)
    {
        if (int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) && code <= 0x10FFFF)
        {
            into.Append(char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code));
        }
    }

    /// <summary>Ends an interpolated string's literal piece: adds it to <paramref name="parts"/> when it is not empty.</summary>
    public static void FlushLiteral(List<InterpolationPart> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(new InterpolationPart(false, literal.ToString()));
            literal.Clear();
        }
    }

    /// <summary>Adds the template hole whose expression starts at <paramref name="start"/> and ends before the next '}'; returns that brace's offset, -1 when there is none.</summary>
    public static int AddHole(string text, int start, List<InterpolationPart> parts, StringBuilder literal)
    {
        var close = text.IndexOf('}', start);
        if (close >= 0)
        {
            FlushLiteral(parts, literal);
            parts.Add(new InterpolationPart(true, text[start..close]));
        }
        return close;
    }
}
