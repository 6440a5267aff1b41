using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The characters of a UTF-8 file's bytes as its decoded text has them, so a raw-byte test can ask what a test on
/// the text would (<c>char.IsLetterOrDigit</c>, <c>char.IsWhiteSpace</c>). A character outside the BMP is a
/// surrogate pair in the text and an invalid sequence is U+FFFD: both are returned as U+FFFD, which no such test accepts.
/// </summary>
internal static class Utf8Chars
{
    /// <summary>The character that ends just before byte <paramref name="at"/>.</summary>
    public static char Before(ReadOnlySpan<byte> text, int at)
    {
        if (text[at - 1] < 0x80)
        {
            return (char)text[at - 1];
        }
        Rune.DecodeLastFromUtf8(text[..at], out var rune, out _);
        return rune.IsBmp ? (char)rune.Value : '\uFFFD';
    }

    /// <summary>The character that starts at byte <paramref name="at"/>, and its length in bytes.</summary>
    public static char At(ReadOnlySpan<byte> text, int at, out int length)
    {
        if (text[at] < 0x80)
        {
            length = 1;
            return (char)text[at];
        }
        Rune.DecodeFromUtf8(text[at..], out var rune, out length);
        return rune.IsBmp ? (char)rune.Value : '\uFFFD';
    }

    /// <summary>The offset after the white space (as <c>char.IsWhiteSpace</c> has it) that starts at <paramref name="at"/>.</summary>
    public static int SkipWhiteSpace(ReadOnlySpan<byte> text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(At(text, at, out var length)))
        {
            at += length;
        }
        return at;
    }
}
