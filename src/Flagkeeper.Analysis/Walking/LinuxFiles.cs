using System.Runtime.InteropServices;

namespace Flagkeeper.Analysis.Walking;

/// <summary>The C library's calls on file descriptors that the walk makes itself (Linux only; callers check).</summary>
internal static partial class LinuxFiles
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    public static partial int Open(ref byte path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int handle);

    /// <summary>glibc 2.30 and later: fills <paramref name="buffer"/> with <c>struct linux_dirent64</c> records; 0 at the end, -1 on an error.</summary>
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    public static partial nint GetDents64(int handle, ref byte buffer, nuint count);
}
