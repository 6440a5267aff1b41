using System.Text;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// One file's text (UTF-8 without a byte-order mark, as <see cref="SourceDecoder"/> gives it) and the views the matchers share: the bytes widened one-to-one into chars (Latin-1,
/// vectorised, so a char offset is a byte offset), and positions: a byte offset as a 1-based line and a
/// column in UTF-16 code units, the trimmed source line, and a key decoded as UTF-8. Reused across files.
/// </summary>
internal sealed class FileText
{
    public const int MaxTextLength = 240;

    private int _countedTo; // newlines are counted in [0, _countedTo) ...
    private int _linesBefore; // ... and there are this many
    private char[] _chars = new char[64 * 1024];
    private byte[] _data = [];
    private (int Start, LineText Text)? _lastLine; // usages on one line share its text (an eighth of a dense scan's)
    private readonly Caching.TextBlocks _asciiLines = new(); // this worker's ASCII line texts, for the whole scan

    public int Length { get; private set; }

    /// <summary>The buffer holding the file; only its first <see cref="Length"/> bytes are the file.</summary>
    public byte[] Data => _data;

    public ReadOnlySpan<byte> Bytes => _data.AsSpan(0, Length);

    /// <summary>The bytes widened into chars, index for index.</summary>
    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, Length);

    public void Load(byte[] data, int length)
    {
        _data = data;
        Length = length;
        _countedTo = 0;
        _linesBefore = 0;
        _lastLine = null;
        if (_chars.Length < length)
        {
            _chars = new char[Math.Max(length, _chars.Length * 2)];
        }
        Encoding.Latin1.GetChars(data.AsSpan(0, length), _chars);
    }

    /// <summary>The widened chars [<paramref name="start"/>, <paramref name="end"/>) as a string (a regex input).</summary>
    public string Slice(int start, int end) => new(_chars, start, end - start);

    /// <summary>
    /// The 1-based line and UTF-16 column of a byte offset. Offsets come mostly in increasing order, so the newlines are
    /// counted (vectorised) from the previous offset only, and never past the last one asked about; an offset before the
    /// previous one counts again from the start.
    /// </summary>
    public (int Line, int Column) Position(int offset)
    {
        var data = Bytes;
        if (offset < _countedTo)
        {
            (_countedTo, _linesBefore) = (0, 0);
        }
        _linesBefore += data[_countedTo..offset].Count((byte)'\n');
        _countedTo = offset;
        var lineStart = data[..offset].LastIndexOf((byte)'\n') + 1;
        var prefix = data[lineStart..offset];
        var column = Ascii.IsValid(prefix) ? prefix.Length : Encoding.UTF8.GetCharCount(prefix);
        return (_linesBefore + 1, column + 1);
    }

    /// <summary>The line holding <paramref name="offset"/>, trimmed, at most <see cref="MaxTextLength"/> chars.</summary>
    public LineText LineText(int offset)
    {
        var data = Bytes;
        var start = data[..offset].LastIndexOf((byte)'\n') + 1;
        if (_lastLine is { } last && last.Start == start)
        {
            return last.Text;
        }
        var end = data[offset..].IndexOf((byte)'\n');
        // ASCII blanks trimmed from the bytes first: the usual indented line is then decoded once, not decoded and copied.
        var line = data[start..(end < 0 ? data.Length : offset + end)].Trim(" \t\r\v\f"u8);
        LineText text;
        if (line.Length <= MaxTextLength && Ascii.IsValid(line))
        {
            // All ASCII, no blank left at either end (\n cannot be in a line), short enough: the decoded, trimmed
            // and cut string would be these bytes, so they are kept as they are (copied out of the reused buffer).
            text = new LineText(null, _asciiLines.Add(line));
        }
        else
        {
            var decoded = Encoding.UTF8.GetString(line).Trim();
            text = new LineText(decoded.Length > MaxTextLength ? decoded[..MaxTextLength] : decoded, default);
        }
        _lastLine = (start, text);
        return text;
    }

    public string Decode(int start, int length) => Encoding.UTF8.GetString(_data, start, length);
}

/// <summary>A usage's line text: a string, or (<see cref="Text"/> null) the line's ASCII bytes, which are the same text.</summary>
internal readonly record struct LineText(string? Text, Usages.CachedUtf8 Ascii)
{
    /// <summary>The text as a string, whichever way it is kept.</summary>
    public string Decoded => Text ?? Ascii.Decode();
}
