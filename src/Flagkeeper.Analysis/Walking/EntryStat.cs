using System.Runtime.InteropServices;
using System.Text;

namespace Flagkeeper.Analysis.Walking;

/// <summary>What the walk needs to know of a folder entry: a link or not, a folder or not, and a file's size and modification time.</summary>
internal readonly record struct EntryInfo(bool IsLink, bool IsDirectory, long Length, DateTime ModifiedUtc);

/// <summary>
/// One <c>statx</c> call per folder entry, not following links (Linux). <see cref="System.IO.Enumeration.FileSystemEntry.Attributes"/>
/// gives the same answers from its own <c>lstat</c>, but also asks <c>geteuid</c> for every entry to work out "read-only":
/// a second system call that was 7% of a warm scan's CPU (20,000 files). statx's buffer has one layout on every
/// architecture. Where it is missing or fails, the caller asks <see cref="System.IO.Enumeration.FileSystemEntry"/> as before.
/// </summary>
internal static partial class EntryStat
{
    private const int AtCurrentDirectory = -100;
    private const int DoNotFollowLinks = 0x100; // AT_SYMLINK_NOFOLLOW
    private const uint Wanted = 0x1 | 0x2 | 0x40 | 0x200; // STATX_TYPE | STATX_MODE | STATX_MTIME | STATX_SIZE
    private const int TypeMask = 0xF000; // S_IFMT
    private const int LinkType = 0xA000; // S_IFLNK
    private const int DirectoryType = 0x4000; // S_IFDIR
    private const int MaxPathBytes = 1024; // longer paths (rare) go the slower way rather than to the heap

    private static volatile bool s_missing = !OperatingSystem.IsLinux();

    /// <summary>Reads the entry <paramref name="name"/> of the folder <paramref name="directory"/>; false when it cannot be read this way.</summary>
    public static bool TryRead(ReadOnlySpan<char> directory, ReadOnlySpan<char> name, out EntryInfo info)
    {
        info = default;
        if (s_missing)
        {
            return false;
        }
        Span<byte> path = stackalloc byte[MaxPathBytes];
        if (!Encoding.UTF8.TryGetBytes(directory, path, out var used) || used + 1 >= path.Length)
        {
            return false;
        }
        path[used++] = (byte)'/';
        if (!Encoding.UTF8.TryGetBytes(name, path[used..], out var written) || used + written >= path.Length)
        {
            return false;
        }
        path[used + written] = 0;
        StatxBuffer buffer;
        try
        {
            if (Statx(AtCurrentDirectory, ref MemoryMarshal.GetReference(path), DoNotFollowLinks, Wanted, out buffer) != 0 || (buffer.Mask & Wanted) != Wanted)
            {
                return false; // gone since the folder was listed, or no permission: the slower way reports it as before
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_missing = true; // a C library older than glibc 2.28
            return false;
        }
        var type = buffer.Mode & TypeMask;
        // As .NET's FileStatus turns seconds and nanoseconds into a time: the scan cache compares these ticks.
        var modified = DateTimeOffset.FromUnixTimeSeconds(buffer.ModifiedSeconds).AddTicks(buffer.ModifiedNanoseconds / 100).UtcDateTime;
        info = new EntryInfo(type == LinkType, type == DirectoryType, (long)buffer.Size, modified);
        return true;
    }

    /// <summary>The fields of <c>struct statx</c> the walk reads; 256 bytes in all.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int directory, ref byte path, int flags, uint mask, out StatxBuffer buffer);
}
