using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace Flagkeeper.Analysis.Walking;

/// <summary>
/// Lists a folder as the walk needs it (Linux, x64 and arm64), the way ripgrep's walker does: one open, <c>getdents64</c>
/// until the end, one close, and a <c>statx</c> relative to the open folder only for a file the caller wants (its size
/// and time), since the listing already says what is a folder or a link. Through
/// <see cref="System.IO.Enumeration.FileSystemEnumerable{TResult}"/> each folder cost three more system calls (its own
/// open, an <c>fstat</c>, a second handle for <c>statx</c>) and each entry a <c>statx</c> and two name conversions;
/// system calls are most of a warm scan's time. Whatever this cannot do as the enumerable would (a folder it cannot
/// open or read, a name that is not UTF-8, an entry gone before its <c>statx</c>) makes it give up on that folder, and
/// the caller lists it the usual way, which reports it as it always did.
/// </summary>
internal static class FolderListing
{
    private const int BufferBytes = 32 * 1024;
    private const byte FolderType = 4; // DT_DIR
    private const byte FileType = 8; // DT_REG
    private const byte LinkType = 10; // DT_LNK
    private const int NameOffset = 19; // d_ino (8), d_off (8), d_reclen (2), d_type (1), then the name and its zero byte

    // O_RDONLY | O_DIRECTORY | O_CLOEXEC: O_DIRECTORY is 0x10000 on x64 and 0x4000 on arm64; other architectures list the usual way.
    private static readonly int s_openFlags = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x10000 | 0x80000,
        Architecture.Arm64 => 0x4000 | 0x80000,
        _ => -1,
    };

    private static volatile bool s_missing = !OperatingSystem.IsLinux() || s_openFlags < 0;

    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>
    /// Adds the entries of <paramref name="folder"/> to <paramref name="listing"/> as the walk's enumerable would; false
    /// (with <paramref name="listing"/> in any state: the caller clears it) when the caller must list it the usual way.
    /// </summary>
    /// <param name="wantFile">Whether the caller wants a file of this name: only those are asked for their size and time.</param>
    public static bool TryList(string folder, Func<string, bool> wantFile, List<ListedEntry> listing)
    {
        if (s_missing)
        {
            return false;
        }
        var handle = LinuxFiles.TryOpen(folder, s_openFlags, out var missing);
        s_missing |= missing;
        if (handle < 0)
        {
            return false;
        }
        try
        {
            return ReadAll(handle, wantFile, listing);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_missing = true; // getdents64 is glibc 2.30's
            return false;
        }
        finally
        {
            _ = LinuxFiles.Close(handle);
        }
    }

    private static bool ReadAll(int handle, Func<string, bool> wantFile, List<ListedEntry> listing)
    {
        var buffer = t_buffer ??= new byte[BufferBytes];
        while (true)
        {
            var read = (int)LinuxFiles.GetDents64(handle, ref buffer[0], (nuint)buffer.Length);
            if (read <= 0)
            {
                return read == 0;
            }
            for (var at = 0; at < read;)
            {
                var length = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(at + 16, 2));
                if (length <= NameOffset || at + length > read)
                {
                    return false; // not a record this code understands
                }
                var type = buffer[at + 18];
                var record = buffer.AsSpan(at + NameOffset, length - NameOffset);
                at += length;
                var nameLength = record.IndexOf((byte)0);
                if (nameLength < 0)
                {
                    return false;
                }
                var name = record[..nameLength];
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                {
                    continue;
                }
                if (!Utf8.IsValid(name))
                {
                    return false; // the enumerable decides what such a name becomes
                }
                if (!TryAdd(handle, type, Encoding.UTF8.GetString(name), record[..(nameLength + 1)], wantFile, listing))
                {
                    return false;
                }
            }
        }
    }

    private static bool TryAdd(int handle, byte type, string name, ReadOnlySpan<byte> nameZ, Func<string, bool> wantFile,
        List<ListedEntry> listing)
    {
        if (type is FolderType or LinkType)
        {
            listing.Add(new ListedEntry(name, type == FolderType, type == LinkType, 0, default));
            return true;
        }
        var wanted = wantFile(name);
        if (type == FileType && !wanted)
        {
            listing.Add(new ListedEntry(name, false, false, 0, default));
            return true;
        }
        // A wanted file, or a type the listing does not give (DT_UNKNOWN) or the walk reads as a file (a FIFO): as the enumerable's statx says.
        if (!EntryStat.TryRead(handle, nameZ, out var stat))
        {
            return false; // gone since the listing, or unreadable: the usual way reports it
        }
        listing.Add(ListedEntry.Of(name, stat, wanted));
        return true;
    }
}
