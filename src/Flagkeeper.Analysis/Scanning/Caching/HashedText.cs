using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>
/// Text fed to an XxHash128 as it is appended, as UTF-8, through a small buffer: the same hash as building the whole
/// text and hashing its UTF-8, without building it. The symbol and wrapper fingerprints list every file and usage of a
/// tree (megabytes on a large one), and a warm scan computes them only to compare them.
/// </summary>
internal sealed class HashedText
{
    private readonly XxHash128 _hash = new();
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    public HashedText Append(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return this;
        }
        if (Encoding.UTF8.GetMaxByteCount(text.Length) > _buffer.Length - _used)
        {
            Flush();
            if (Encoding.UTF8.GetMaxByteCount(text.Length) > _buffer.Length)
            {
                _hash.Append(Encoding.UTF8.GetBytes(text));
                return this;
            }
        }
        _used += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
        return this;
    }

    /// <summary>An ASCII separator (the fingerprints use '\n' and '\u0001').</summary>
    public HashedText Append(char separator)
    {
        if (separator >= 0x80)
        {
            return Append(separator.ToString());
        }
        Room(1);
        _buffer[_used++] = (byte)separator;
        return this;
    }

    public HashedText Append(long value) => Format(value, default);

    /// <summary>Lower-case hexadecimal, 16 digits.</summary>
    public HashedText AppendHex(ulong value) => Format(value, "x16");

    /// <summary>The hash, as upper-case hexadecimal.</summary>
    public string ToHex()
    {
        Flush();
        return Convert.ToHexString(_hash.GetCurrentHash());
    }

    private HashedText Format<T>(T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        Room(32);
        if (!value.TryFormat(_buffer.AsSpan(_used), out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{value} does not fit in 32 bytes");
        }
        _used += written;
        return this;
    }

    private void Room(int bytes)
    {
        if (_buffer.Length - _used < bytes)
        {
            Flush();
        }
    }

    private void Flush()
    {
        _hash.Append(_buffer.AsSpan(0, _used));
        _used = 0;
    }
}
