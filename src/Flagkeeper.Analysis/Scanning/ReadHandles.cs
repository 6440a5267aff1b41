using System.Runtime.InteropServices;
using Flagkeeper.Analysis.Walking;
using Microsoft.Win32.SafeHandles;

namespace Flagkeeper.Analysis.Scanning;

/// <summary>
/// Opens source files to read. On Linux, .NET's own open takes an advisory lock (<c>flock</c>) to emulate
/// <see cref="FileShare"/> and releases it on close, and asks <c>fstat</c> first: three system calls a file that a
/// read-only scan has no use for (the locks alone were 1 % of a cold dense scan's samples, user and kernel). So the
/// file is opened with the C library's <c>open</c>, which takes no lock. Anywhere else, or when that fails, .NET opens it,
/// and its exception says why in its usual words.
/// </summary>
internal static class ReadHandles
{
    // O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, the same on x64 and arm64 (O_NONBLOCK: a FIFO put in a file's place
    // while the walk ran fails to read instead of blocking the scan).
    private const int ReadFlags = 0x100 | 0x800 | 0x80000;

    private static volatile bool s_direct = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    public static SafeFileHandle Open(string path)
    {
        if (s_direct)
        {
            var handle = LinuxFiles.TryOpen(path, ReadFlags, out var missing);
            s_direct &= !missing;
            if (handle >= 0)
            {
                return new SafeFileHandle(handle, ownsHandle: true);
            }
        }
        return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
    }
}
