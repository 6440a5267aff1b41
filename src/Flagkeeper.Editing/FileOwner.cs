using System.Runtime.InteropServices;

namespace Flagkeeper.Editing;

/// <summary>
/// The owner and group of a file, read and set through libc so an atomic replace (a new file renamed
/// over the old one) keeps them. Linux only: statx's buffer has one layout on every architecture.
/// Elsewhere the owner is left to the operating system.
/// </summary>
internal static partial class FileOwner
{
    private const int AtCurrentDirectory = -100;
    private const uint WantUidAndGid = 0x8 | 0x10; // STATX_UID | STATX_GID
    private const int UidOffset = 20; // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid
    private const int GidOffset = 24;

    /// <summary>The file's (uid, gid), or null where that cannot be read here.</summary>
    public static (uint Uid, uint Gid)? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        var buffer = new byte[256];
        try
        {
            if (Statx(AtCurrentDirectory, path, 0, WantUidAndGid, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // a C library without statx (older than glibc 2.28): the owner is left to the system
        }
        return (MemoryMarshal.Read<uint>(buffer.AsSpan(UidOffset)), MemoryMarshal.Read<uint>(buffer.AsSpan(GidOffset)));
    }

    /// <summary>Gives <paramref name="path"/> the owner and group <paramref name="owner"/>; false when the system refused.</summary>
    public static bool TrySet(string path, (uint Uid, uint Gid) owner) => Chown(path, owner.Uid, owner.Gid) == 0;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, uint owner, uint group);
}
