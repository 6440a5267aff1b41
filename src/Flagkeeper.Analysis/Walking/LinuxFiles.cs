using System.Runtime.InteropServices;
using System.Text;

namespace Flagkeeper.Analysis.Walking;

/// <summary>The C library's calls on file descriptors that the walk makes itself (Linux only; callers check).</summary>
internal static partial class LinuxFiles
{
    private const int MaxPathBytes = 1024; // longer paths (rare) go the slower way rather than to the heap

    /// <summary>
    /// Opens <paramref name="path"/> with <paramref name="flags"/>: a handle, or -1 when it cannot (an error, a path
    /// too long for the stack, or no such call in this C library, which the callers then stop asking for).
    /// </summary>
    public static int TryOpen(ReadOnlySpan<char> path, int flags, out bool missing)
    {
        missing = false;
        Span<byte> bytes = stackalloc byte[MaxPathBytes];
        if (!Encoding.UTF8.TryGetBytes(path, bytes, out var used) || used >= bytes.Length)
        {
            return -1;
        }
        bytes[used] = 0;
        try
        {
            return Math.Max(Open(ref MemoryMarshal.GetReference(bytes), flags), -1);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            missing = true;
            return -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    public static partial int Open(ref byte path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int handle);

    /// <summary>glibc 2.30 and later: fills <paramref name="buffer"/> with <c>struct linux_dirent64</c> records; 0 at the end, -1 on an error.</summary>
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    public static partial nint GetDents64(int handle, ref byte buffer, nuint count);
}
