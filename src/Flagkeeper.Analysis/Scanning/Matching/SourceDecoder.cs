using System.Text;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>What a file's first bytes say about how to read it.</summary>
internal enum SourceEncoding
{
    /// <summary>UTF-8 without a byte-order mark (or ASCII, or anything else without NUL bytes: read as UTF-8).</summary>
    Utf8,
    Utf8Bom,
    Utf16LittleEndian,
    Utf16BigEndian,
    /// <summary>A NUL byte in the first 8 KiB and no UTF-16 byte-order mark (UTF-32 counts as binary too).</summary>
    Binary,
}

/// <summary>
/// Gives the matcher one form of text whatever the file's encoding: UTF-8 without a byte-order mark, every line
/// ending a '\n' or "\r\n". A UTF-8 BOM is dropped (it would otherwise sit before the first line's import),
/// UTF-16 (LE or BE, by its BOM) is transcoded to UTF-8 once, and a lone '\r' (classic Mac line ending) becomes
/// '\n', byte for byte. Files that need none of it (nearly all) are passed through without a copy. Invalid UTF-8
/// is left as it is: the matcher's ASCII shapes read through it, and a key or column decodes each invalid
/// sequence as one U+FFFD. One instance per worker thread (it reuses its buffer).
/// </summary>
internal sealed class SourceDecoder
{
    public const int BinaryProbeLength = 8 * 1024;

    private byte[] _buffer = [];

    public static SourceEncoding Detect(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
        {
            return data.Length >= 4 && data[2] == 0 && data[3] == 0 ? SourceEncoding.Binary : SourceEncoding.Utf16LittleEndian;
        }
        if (data.Length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
        {
            return SourceEncoding.Utf16BigEndian;
        }
        if (data[..Math.Min(data.Length, BinaryProbeLength)].Contains((byte)0))
        {
            return SourceEncoding.Binary;
        }
        return data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? SourceEncoding.Utf8Bom : SourceEncoding.Utf8;
    }

    /// <summary>The file's text as UTF-8 with '\n' line ends: <paramref name="data"/> itself when it already is, else this decoder's buffer.</summary>
    public (byte[] Data, int Length) Decode(byte[] data, int length, SourceEncoding encoding)
    {
        var text = data.AsSpan(0, length);
        switch (encoding)
        {
            case SourceEncoding.Utf16LittleEndian or SourceEncoding.Utf16BigEndian:
            {
                var utf16 = encoding == SourceEncoding.Utf16LittleEndian ? Encoding.Unicode : Encoding.BigEndianUnicode;
                var chars = utf16.GetString(text[2..]); // an odd last byte becomes U+FFFD
                var decoded = Encoding.UTF8.GetByteCount(chars);
                Reserve(decoded);
                Encoding.UTF8.GetBytes(chars, _buffer);
                return (_buffer, EndLinesWithNewline(decoded, FirstLoneCarriageReturn(_buffer.AsSpan(0, decoded))));
            }
            case SourceEncoding.Utf8Bom:
            {
                Reserve(length - 3);
                text[3..].CopyTo(_buffer);
                return (_buffer, EndLinesWithNewline(length - 3, FirstLoneCarriageReturn(_buffer.AsSpan(0, length - 3))));
            }
            default:
            {
                var lone = FirstLoneCarriageReturn(text);
                if (lone < 0)
                {
                    return (data, length);
                }
                Reserve(length);
                text.CopyTo(_buffer);
                return (_buffer, EndLinesWithNewline(length, lone));
            }
        }
    }

    private void Reserve(int length)
    {
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, Math.Min(_buffer.Length * 2, int.MaxValue / 2))];
        }
    }

    /// <summary>Turns every lone '\r' in the buffer from <paramref name="from"/> on into '\n'; the length stays.</summary>
    private int EndLinesWithNewline(int length, int from)
    {
        if (from < 0)
        {
            return length;
        }
        var text = _buffer.AsSpan(0, length);
        for (var at = from; at < length; at++)
        {
            if (text[at] == '\r' && (at + 1 == length || text[at + 1] != '\n'))
            {
                text[at] = (byte)'\n';
            }
        }
        return length;
    }

    /// <summary>Whether <see cref="Decode"/> gives a file of these bytes back as they are: UTF-8 without a BOM and without a lone '\r'.</summary>
    public static bool DecodesToItself(ReadOnlySpan<byte> data) => Detect(data) == SourceEncoding.Utf8 && FirstLoneCarriageReturn(data) < 0;

    /// <summary>The offset of the first '\r' not followed by '\n', or -1 (one vectorised search per line ending).</summary>
    private static int FirstLoneCarriageReturn(ReadOnlySpan<byte> text)
    {
        for (var at = 0; ;)
        {
            var cr = text[at..].IndexOf((byte)'\r');
            if (cr < 0)
            {
                return -1;
            }
            at += cr;
            if (at + 1 == text.Length || text[at + 1] != '\n')
            {
                return at;
            }
            at += 2;
        }
    }
}
