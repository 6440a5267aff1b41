using System.Buffers;
using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>A test of a file's text as valid UTF-8 bytes (see <see cref="SymbolSources.CheckUtf8(string, long, Utf8Check)"/>).</summary>
internal delegate bool Utf8Check(ReadOnlySpan<byte> utf8);

/// <summary>
/// Reads valid UTF-8 as the UTF-16 characters its text decodes to, for the raw-text declaration tests
/// (<see cref="DeclarationText"/>, <see cref="PythonDeclarationText"/>), so that they answer on a file's bytes exactly as
/// on its decoded text: an ASCII byte is its character, a longer sequence the character it encodes, and a character
/// beyond the BMP the surrogate the text has on that side of it.
/// </summary>
internal static class Utf8Chars
{
    /// <summary><paramref name="check"/> on a decoded text (a file that is not UTF-8), encoded into a pooled buffer.</summary>
    public static bool OnText(ReadOnlySpan<char> text, Utf8Check check)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return check(bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, bytes)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>The character that ends at byte <paramref name="end"/>, and where it starts.</summary>
    public static char Before(ReadOnlySpan<byte> text, int end, out int start)
    {
        if (text[end - 1] < 0x80)
        {
            start = end - 1;
            return (char)text[end - 1];
        }
        Rune.DecodeLastFromUtf8(text[..end], out var rune, out var length);
        start = end - length;
        return rune.IsBmp ? (char)rune.Value : '\uDC00'; // its low surrogate
    }

    /// <summary>The character that starts at byte <paramref name="at"/>, and where the next one starts.</summary>
    public static char At(ReadOnlySpan<byte> text, int at, out int next)
    {
        if (text[at] < 0x80)
        {
            next = at + 1;
            return (char)text[at];
        }
        Rune.DecodeFromUtf8(text[at..], out var rune, out var length);
        next = at + length;
        return rune.IsBmp ? (char)rune.Value : '\uD800'; // its high surrogate (the loop then sees no low one: it stops there)
    }

    public static char Before(ReadOnlySpan<byte> text, int end) => Before(text, end, out _);

    public static char At(ReadOnlySpan<byte> text, int at) => At(text, at, out _);

    /// <summary>The next occurrence of <paramref name="value"/> at or after <paramref name="start"/>, or -1.</summary>
    public static int Find(ReadOnlySpan<byte> text, ReadOnlySpan<byte> value, int start)
    {
        var found = text[start..].IndexOf(value);
        return found < 0 ? -1 : start + found;
    }

    /// <summary>
    /// The last <c>import</c> ending by byte <paramref name="at"/> + 1 that starts fewer than <paramref name="window"/>
    /// characters before it, as string.LastIndexOf("import", at, window) finds it in the text; -1 when there is none.
    /// </summary>
    public static int LastImport(ReadOnlySpan<byte> text, int at, int window)
    {
        var start = Math.Max(0, at + 1 - window * 3); // a character is at most three bytes
        var found = text[start..(at + 1)].LastIndexOf("import"u8);
        // Only the last one can be it: one before it is further still. The character at `at` counts one, as in the text.
        return found < 0 || Encoding.UTF8.GetCharCount(text[(start + found)..at]) + 1 > window ? -1 : start + found;
    }
}
