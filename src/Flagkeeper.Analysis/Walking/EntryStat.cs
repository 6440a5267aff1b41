using System.Runtime.InteropServices;
using System.Text;

namespace Flagkeeper.Analysis.Walking;

/// <summary>What the walk needs to know of a folder entry: a link or not, a folder or not, and a file's size and modification time.</summary>
internal readonly record struct EntryInfo(bool IsLink, bool IsDirectory, long Length, DateTime ModifiedUtc);

/// <summary>A folder entry as the walk lists it: only a file the caller wants carries its size and time.</summary>
internal readonly record struct ListedEntry(string Name, bool IsDirectory, bool IsLink, long Length, DateTime Modified)
{
    /// <param name="wanted">Whether the caller wants the entry if it is a file.</param>
    public static ListedEntry Of(string name, EntryInfo info, bool wanted) =>
        info.IsDirectory || info.IsLink || !wanted ? new(name, info.IsDirectory, info.IsLink, 0, default) : new(name, false, false, info.Length, info.ModifiedUtc);

    /// <summary><see cref="Of(string, EntryInfo, bool)"/>, asking <paramref name="wantFile"/> only of a file.</summary>
    public static ListedEntry Of(string name, EntryInfo info, Func<string, bool> wantFile) =>
        Of(name, info, !info.IsDirectory && !info.IsLink && wantFile(name));
}

/// <summary>
/// One <c>statx</c> call per folder entry, not following links (Linux). <see cref="System.IO.Enumeration.FileSystemEntry.Attributes"/>
/// gives the same answers from its own <c>lstat</c>, but also asks <c>geteuid</c> for every entry to work out "read-only":
/// a second system call that was 7% of a warm scan's CPU (20,000 files). The entry is named relative to its folder,
/// opened once (<see cref="OpenFolder"/>): by full path the kernel looked up every folder of the path again for every
/// file, a sixth of a warm scan's CPU. statx's buffer has one layout on every architecture. Where it is missing or
/// fails, the caller asks <see cref="System.IO.Enumeration.FileSystemEntry"/> as before.
/// </summary>
internal static partial class EntryStat
{
    /// <summary>What <see cref="OpenFolder"/> returns when it could not open the folder: entries are then named by full path.</summary>
    public const int NoFolder = -100; // AT_FDCWD

    private const int DoNotFollowLinks = 0x100; // AT_SYMLINK_NOFOLLOW
    private const int PathOnly = 0x200000 | 0x80000; // O_PATH | O_CLOEXEC (the same on every Linux architecture): no read permission needed
    private const uint Wanted = 0x1 | 0x2 | 0x40 | 0x200; // STATX_TYPE | STATX_MODE | STATX_MTIME | STATX_SIZE
    private const int TypeMask = 0xF000; // S_IFMT
    private const int LinkType = 0xA000; // S_IFLNK
    private const int DirectoryType = 0x4000; // S_IFDIR
    private const int MaxPathBytes = 1024; // longer paths (rare) go the slower way rather than to the heap
    private const long MinSeconds = -62_135_596_800; // DateTime.MinValue as Unix time
    private const long MaxSeconds = 253_402_300_799; // DateTime.MaxValue

    private static volatile bool s_missing = !OperatingSystem.IsLinux();

    /// <summary>A handle on <paramref name="folder"/> for naming its entries, or <see cref="NoFolder"/>; close it with <see cref="CloseFolder"/>.</summary>
    public static int OpenFolder(ReadOnlySpan<char> folder)
    {
        if (s_missing)
        {
            return NoFolder;
        }
        var handle = LinuxFiles.TryOpen(folder, PathOnly, out _);
        return handle < 0 ? NoFolder : handle;
    }

    public static void CloseFolder(int handle)
    {
        if (handle != NoFolder)
        {
            _ = LinuxFiles.Close(handle);
        }
    }

    /// <summary>
    /// Reads the entry <paramref name="name"/> of the folder <paramref name="directory"/>, through <paramref name="folder"/>
    /// when it is open; false when it cannot be read this way.
    /// </summary>
    public static bool TryRead(int folder, ReadOnlySpan<char> directory, ReadOnlySpan<char> name, out EntryInfo info)
    {
        info = default;
        if (s_missing)
        {
            return false;
        }
        Span<byte> path = stackalloc byte[MaxPathBytes];
        var used = 0;
        if (folder == NoFolder)
        {
            if (!Encoding.UTF8.TryGetBytes(directory, path, out used) || used + 1 >= path.Length)
            {
                return false;
            }
            path[used++] = (byte)'/';
        }
        if (!Encoding.UTF8.TryGetBytes(name, path[used..], out var written) || used + written >= path.Length)
        {
            return false;
        }
        path[used + written] = 0;
        return TryRead(folder, path[..(used + written + 1)], out info);
    }

    /// <summary>Reads the entry <paramref name="nameZ"/> (UTF-8, ending in a zero byte) of the open <paramref name="folder"/>, or a path when there is none.</summary>
    public static bool TryRead(int folder, ReadOnlySpan<byte> nameZ, out EntryInfo info)
    {
        info = default;
        if (s_missing || nameZ.IsEmpty || nameZ[^1] != 0)
        {
            return false;
        }
        StatxBuffer buffer;
        try
        {
            if (Statx(folder, ref MemoryMarshal.GetReference(nameZ), DoNotFollowLinks, Wanted, out buffer) != 0 || (buffer.Mask & Wanted) != Wanted)
            {
                return false; // gone since the folder was listed, or no permission: the slower way reports it as before
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_missing = true; // a C library older than glibc 2.28
            return false;
        }
        if (buffer.ModifiedSeconds is < MinSeconds or > MaxSeconds)
        {
            return false; // a time DateTime cannot hold: the slower way decides what it means
        }
        var type = buffer.Mode & TypeMask;
        // As .NET's FileStatus turns seconds and nanoseconds into a time: the scan cache compares these ticks.
        var modified = new DateTime(DateTime.UnixEpoch.Ticks + (buffer.ModifiedSeconds * TimeSpan.TicksPerSecond) + (buffer.ModifiedNanoseconds / 100), DateTimeKind.Utc);
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
