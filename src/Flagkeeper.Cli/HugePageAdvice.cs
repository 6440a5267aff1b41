using System.Globalization;
using System.Runtime.InteropServices;

namespace Flagkeeper.Cli;

/// <summary>
/// Asks Linux for transparent huge pages on the managed heap's address range (<c>madvise(MADV_HUGEPAGE)</c>).
/// A whole-process <c>flags</c> command on a large registry spends much of its time in page faults on fresh
/// memory: the registry's text alone is a 6.8 MB string at 10,000 flags, and an edit makes a second one. With the
/// kernel's default THP mode (<c>madvise</c>) each 4 KB page of them is a fault; advised, a 2 MB page is one
/// (bench/README.md, "Edits, whole process"). Advice changes no result, only how memory is mapped, so any failure
/// is ignored; <c>FLAGKEEPER_HUGE_PAGES=0</c> turns it off.
/// </summary>
internal static partial class HugePageAdvice
{
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE
    private const string OptOut = "FLAGKEEPER_HUGE_PAGES";

    /// <summary>Advises the run of anonymous mappings that holds the managed heap; true when the kernel took the advice.</summary>
    public static bool AdviseManagedHeap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(OptOut) == "0")
        {
            return false;
        }
        try
        {
            // Any heap object's address lies in the GC's one reserved range (regions), which its commits split into
            // neighbouring anonymous mappings: advise the whole run, so memory committed later is covered too.
            var probe = new byte[1];
            var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
            ulong address;
            try
            {
                address = (ulong)handle.AddrOfPinnedObject();
            }
            finally
            {
                handle.Free();
            }
            return AnonymousRunAround(File.ReadAllLines("/proc/self/maps"), address) is var (start, end)
                && Madvise((nint)start, (nuint)(end - start), MadviseHugePage) == 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// The start and end of the contiguous anonymous mappings (no file behind them) around <paramref name="address"/>,
    /// read from /proc/self/maps lines (<c>start-end perms offset dev inode [path]</c>); null when the address is not in one.
    /// </summary>
    internal static (ulong Start, ulong End)? AnonymousRunAround(IReadOnlyList<string> maps, ulong address)
    {
        var ranges = new List<(ulong Start, ulong End, bool Anonymous)>(maps.Count);
        foreach (var line in maps)
        {
            if (Parse(line) is { } range)
            {
                ranges.Add(range);
            }
        }
        var at = ranges.FindIndex(r => r.Start <= address && address < r.End);
        if (at < 0 || !ranges[at].Anonymous)
        {
            return null;
        }
        var first = at;
        while (first > 0 && ranges[first - 1].Anonymous && ranges[first - 1].End == ranges[first].Start)
        {
            first--;
        }
        var last = at;
        while (last + 1 < ranges.Count && ranges[last + 1].Anonymous && ranges[last + 1].Start == ranges[last].End)
        {
            last++;
        }
        return (ranges[first].Start, ranges[last].End);
    }

    private static (ulong Start, ulong End, bool Anonymous)? Parse(string line)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || fields[0].Split('-') is not [var from, var to]
            || !ulong.TryParse(from, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(to, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
        {
            return null;
        }
        // Inode 0 and no path: anonymous memory ("[heap]", "[stack]" and the like are named, and left alone).
        var anonymous = fields[4] == "0" && (fields.Length == 5 || string.IsNullOrWhiteSpace(fields[5]));
        return (start, end, anonymous);
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
