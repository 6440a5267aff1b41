using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>
/// Reads a cache file framed as <see cref="CacheFile"/> writes it, field by field, through a small buffer while hashing
/// what it reads: the scan cache is megabytes and a warm scan reads all of it, so it is neither held whole in memory
/// nor walked twice. What was parsed counts only once <see cref="Verify"/> has seen the checksum match. Running past
/// the end throws <see cref="EndOfStreamException"/>, bad UTF-8 <see cref="DecoderFallbackException"/>: damage to the caller.
/// </summary>
internal sealed class ByteReader : IDisposable
{
    private const int Checksum = 8;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly FileStream _stream;
    private readonly long _bodyEnd; // the checksum follows
    private readonly XxHash64 _hash = new();
    private byte[] _buffer = new byte[1 << 17];
    private long _bufferAt; // the file offset of _buffer[0]
    private int _next;
    private int _filled;

    private ByteReader(FileStream stream)
    {
        _stream = stream;
        _bodyEnd = stream.Length - Checksum;
    }

    /// <summary>Opens the file (I/O errors throw as usual) and checks its magic (damage throws <see cref="InvalidDataException"/>).</summary>
    public static ByteReader Open(string path, ReadOnlySpan<byte> magic, string what)
    {
        var reader = new ByteReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0));
        try
        {
            if (reader._bodyEnd < magic.Length + 4 || !reader.Take(magic.Length).SequenceEqual(magic))
            {
                throw new InvalidDataException($"not a Flagkeeper {what}");
            }
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Bytes left before the checksum: an upper bound for any count read next (each item takes at least one byte).</summary>
    public int Remaining => (int)Math.Min(_bodyEnd - (_bufferAt + _next), int.MaxValue);

    /// <summary>Hashes the rest of the body and compares the checksum; throws <see cref="InvalidDataException"/> when they differ.</summary>
    public void Verify()
    {
        try
        {
            while (Remaining > 0)
            {
                Take(Math.Min(Remaining, _buffer.Length));
            }
            Span<byte> stored = stackalloc byte[Checksum];
            _stream.ReadExactly(stored);
            if (_hash.GetCurrentHashAsUInt64() == BinaryPrimitives.ReadUInt64LittleEndian(stored))
            {
                return;
            }
        }
        catch (EndOfStreamException)
        {
            // shorter than it said: truncated under the read
        }
        throw new InvalidDataException("checksum mismatch (truncated or modified)");
    }

    public byte ReadByte() => _next < _filled ? _buffer[_next++] : Take(1)[0];

    public bool ReadBoolean() => ReadByte() != 0;

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>What <see cref="BinaryWriter.Write7BitEncodedInt"/> wrote.</summary>
    public int Read7BitEncodedInt()
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return shift == 28 && b > 0x0F ? throw new FormatException("bad 7-bit integer") : (int)result;
            }
        }
        throw new FormatException("bad 7-bit integer");
    }

    /// <summary>A count or index written 7-bit encoded, checked against <paramref name="bound"/> (exclusive).</summary>
    public int ReadIndex(int bound, string what)
    {
        var value = Read7BitEncodedInt();
        return (uint)value < (uint)bound ? value : throw new InvalidDataException($"bad {what} {value}");
    }

    /// <summary>What <see cref="BinaryWriter.Write(string)"/> wrote: a 7-bit length, then UTF-8.</summary>
    public string ReadString()
    {
        var length = Read7BitEncodedInt();
        return length == 0 ? "" : Strict.GetString(Take(length));
    }

    /// <summary>
    /// What <see cref="BinaryWriter.Write(string)"/> wrote, kept as UTF-8 in <paramref name="blocks"/>; bytes that are not
    /// UTF-8 throw <see cref="DecoderFallbackException"/>, as <see cref="ReadString"/>'s decoding does.
    /// </summary>
    public CachedUtf8 ReadUtf8(TextBlocks blocks)
    {
        var utf8 = Take(Read7BitEncodedInt());
        return System.Text.Unicode.Utf8.IsValid(utf8) ? blocks.Add(utf8) : throw new DecoderFallbackException("a cached text is not UTF-8");
    }

    public void Dispose() => _stream.Dispose();

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new EndOfStreamException();
        }
        if (_filled - _next < count)
        {
            Fill(count);
        }
        var span = _buffer.AsSpan(_next, count);
        _next += count;
        return span;
    }

    /// <summary>Keeps the unread bytes, moved to the front, and reads (and hashes) more until <paramref name="count"/> are there.</summary>
    private void Fill(int count)
    {
        var kept = _filled - _next;
        var target = count > _buffer.Length ? new byte[count] : _buffer;
        Buffer.BlockCopy(_buffer, _next, target, 0, kept);
        _buffer = target;
        _bufferAt += _next;
        _next = 0;
        _filled = kept;
        while (_filled < count)
        {
            var wanted = (int)Math.Min(_buffer.Length - _filled, _bodyEnd - (_bufferAt + _filled));
            var read = _stream.Read(_buffer, _filled, wanted);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }
            _hash.Append(_buffer.AsSpan(_filled, read));
            _filled += read;
        }
    }
}
