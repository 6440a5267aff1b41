using System.Numerics;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Scanning;

/// <summary>A worker thread's reusable state: its read buffer, its matcher and the sink the matcher reports to.</summary>
internal sealed class ScanWorker(FileMatcher matcher)
{
    public FileMatcher Matcher { get; } = matcher;
    public FileUsages Found { get; } = new();
    public byte[] Buffer { get; private set; } = new byte[64 * 1024];

    /// <summary>Reads the whole file into <see cref="Buffer"/>; -1 when it grew past <paramref name="limit"/>.</summary>
    public int Read(string path, long expectedLength, long limit)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (Buffer.Length <= expectedLength && expectedLength < limit)
        {
            // Room for the whole file plus one byte to notice growth, in steps of powers of two: a buffer this size is a
            // large-object allocation, and those bring on full collections. Grown to each larger file's exact size, the
            // buffers made 11 MB of them in a dense scan, and three full collections of the whole heap.
            var needed = (ulong)expectedLength + 1;
            var rounded = Math.Min(Math.Min(BitOperations.RoundUpToPowerOf2(needed), (ulong)limit + 1), (ulong)Array.MaxLength);
            Buffer = new byte[Math.Max(needed, rounded)];
        }
        var total = 0;
        while (true)
        {
            if (total == Buffer.Length)
            {
                if (total >= limit)
                {
                    return -1;
                }
                var bigger = new byte[Math.Min(Math.Max((long)Buffer.Length * 2, expectedLength + 1), limit + 1)];
                Buffer.AsSpan(0, total).CopyTo(bigger);
                Buffer = bigger;
            }
            var room = Buffer.Length - total;
            var read = RandomAccess.Read(handle, Buffer.AsSpan(total), total);
            total += read;
            if (read < room)
            {
                // A short read of a regular file is its end: no second call just to see 0.
                return total > limit ? -1 : total;
            }
        }
    }
}
