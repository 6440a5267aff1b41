using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>
/// An order-free hash of a set of files (path, size, content hash) for the symbol and wrapper caches' fingerprints: the
/// sum of each file's XxHash128, so the walk's threads add files as they meet them and nothing is sorted. Sorting the
/// 12,000 file names of a benchmark tree, twice, and hashing the list was most of a warm scan's symbol and wrapper time.
/// </summary>
internal sealed class FileSetHash
{
    private const int StackBytes = 512;

    private long _low;
    private long _high;
    private int _count;

    /// <param name="hash">Null: the file was not read (empty, too large, unreadable); its size still counts.</param>
    public void Add(string path, long length, ulong? hash)
    {
        var pathBytes = Encoding.UTF8.GetMaxByteCount(path.Length);
        var buffer = pathBytes + 17 <= StackBytes ? stackalloc byte[StackBytes] : new byte[pathBytes + 17];
        var used = Encoding.UTF8.GetBytes(path, buffer);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[used..], length);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[(used + 8)..], hash ?? 0);
        buffer[used + 16] = hash is null ? (byte)0 : (byte)1;
        var value = XxHash128.HashToUInt128(buffer[..(used + 17)]);
        // Two independent sums modulo 2^64: the carry between them is not needed for a fingerprint.
        Interlocked.Add(ref _low, (long)(ulong)value);
        Interlocked.Add(ref _high, (long)(ulong)(value >> 64));
        Interlocked.Increment(ref _count);
    }

    /// <summary>The hash once every file is added: how many, and the two sums.</summary>
    public override string ToString() => $"{Volatile.Read(ref _count)}:{(ulong)Volatile.Read(ref _high):x16}{(ulong)Volatile.Read(ref _low):x16}";
}
