using System.Buffers.Text;
using System.Runtime.InteropServices;

namespace Flagkeeper.Cli;

/// <summary>
/// Asks Linux for transparent huge pages on the managed heap: a whole-process command on a large registry or tree spent
/// a third of its CPU in page faults and in clearing fresh memory 4 KB at a time (bench/README.md, "Huge pages for the
/// whole heap"). Two steps, both on the run of anonymous mappings that holds the heap:
/// <list type="number">
/// <item><c>madvise(MADV_HUGEPAGE)</c>: with the kernel's default THP mode (<c>madvise</c>) nothing gets a 2 MB page
/// unless asked.</item>
/// <item>The first and last gigabyte of each part of the GC's reserved range not yet committed made readable and
/// writable up front, with <c>MADV_DODUMP</c> (<see cref="WindowsToOpen"/>). The GC commits its
/// regions 64 KB at a time with <c>mprotect</c> and <c>madvise</c>, and each commit split the mapping at a boundary
/// inside a 2 MB page, so the page that faulted next could only be 4 KB. Opened ahead, the commits change nothing and
/// split nothing. Memory is still used only where written; the kernel counts the opened range as committed.</item>
/// </list>
/// Advice changes no result, only how memory is mapped, so any failure is ignored; <c>FLAGKEEPER_HUGE_PAGES=0</c>
/// turns both off.
/// </summary>
internal static partial class HugePageAdvice
{
    /// <summary>How much of each end of the reserve is opened.</summary>
    internal const ulong OpenedBytes = 1UL << 30;

    private const int MadviseHugePage = 14; // MADV_HUGEPAGE
    private const int MadviseDoDump = 17; // MADV_DODUMP: as the GC's own commit marks the memory it commits
    private const int ReadWrite = 3; // PROT_READ | PROT_WRITE
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
            var mappings = ReadMappings(ReadProcFile("/proc/self/smaps"));
            if (AnonymousRunAround(mappings, address) is not var (start, end) || Madvise((nint)start, (nuint)(end - start), MadviseHugePage) != 0)
            {
                return false;
            }
            foreach (var (from, to) in WindowsToOpen(mappings, start, end))
            {
                if (Mprotect((nint)from, (nuint)(to - from), ReadWrite) == 0)
                {
                    _ = Madvise((nint)from, (nuint)(to - from), MadviseDoDump);
                }
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// The mappings in /proc/self/smaps (or maps) text, read from its bytes: every command pays for this at start, and a
    /// string per line and per field cost more than the advice saved on a small command (+5 ms, mostly the GC clearing them).
    /// </summary>
    internal static List<Mapping> ReadMappings(ReadOnlySpan<byte> text)
    {
        var mappings = new List<Mapping>(256);
        while (!text.IsEmpty)
        {
            var newline = text.IndexOf((byte)'\n');
            var line = newline < 0 ? text : text[..newline];
            text = newline < 0 ? [] : text[(newline + 1)..];
            if (ParseHeader(line) is { } mapping)
            {
                mappings.Add(mapping);
            }
            else if (mappings.Count > 0 && line.StartsWith("VmFlags:"u8) && HasWord(line["VmFlags:".Length..], "dd"u8))
            {
                mappings[^1] = mappings[^1] with { GcReserved = true };
            }
        }
        return mappings;
    }

    /// <summary>
    /// The ranges to open ahead of the GC: in each inaccessible anonymous mapping within [<paramref name="runStart"/>,
    /// <paramref name="runEnd"/>) that the GC reserved (it marks its reserve <c>MADV_DONTDUMP</c>, the <c>dd</c> VmFlag;
    /// a thread's stack guard has no such mark), the first and the last <see cref="OpenedBytes"/>: the GC takes
    /// small-object regions from the bottom of its range and large ones from the top.
    /// </summary>
    internal static List<(ulong Start, ulong End)> WindowsToOpen(IReadOnlyList<Mapping> mappings, ulong runStart, ulong runEnd)
    {
        var windows = new List<(ulong Start, ulong End)>();
        foreach (var range in mappings)
        {
            if (range is not { Anonymous: true, Inaccessible: true, GcReserved: true } || range.Start < runStart || range.End > runEnd)
            {
                continue;
            }
            var low = Math.Min(range.Start + OpenedBytes, range.End);
            windows.Add((range.Start, low));
            if (low < range.End)
            {
                windows.Add((Math.Max(low, range.End - OpenedBytes), range.End));
            }
        }
        return windows;
    }

    /// <summary>
    /// The start and end of the contiguous anonymous mappings (no file behind them) around <paramref name="address"/>;
    /// null when the address is not in one.
    /// </summary>
    internal static (ulong Start, ulong End)? AnonymousRunAround(List<Mapping> mappings, ulong address)
    {
        var at = mappings.FindIndex(m => m.Start <= address && address < m.End);
        if (at < 0 || !mappings[at].Anonymous)
        {
            return null;
        }
        var first = at;
        while (first > 0 && mappings[first - 1].Anonymous && mappings[first - 1].End == mappings[first].Start)
        {
            first--;
        }
        var last = at;
        while (last + 1 < mappings.Count && mappings[last + 1].Anonymous && mappings[last + 1].Start == mappings[last].End)
        {
            last++;
        }
        return (mappings[first].Start, mappings[last].End);
    }

    /// <summary>A mapping's line, as in /proc/self/maps: <c>start-end perms offset dev inode [path]</c>; null for any other line.</summary>
    private static Mapping? ParseHeader(ReadOnlySpan<byte> line)
    {
        Span<Range> fields = stackalloc Range[6]; // the sixth, the path, is there or not
        var count = 0;
        foreach (var field in line.Split((byte)' '))
        {
            if (line[field].IsEmpty)
            {
                continue;
            }
            if (count == fields.Length)
            {
                break;
            }
            fields[count++] = field;
        }
        if (count < 5)
        {
            return null;
        }
        var range = line[fields[0]];
        var dash = range.IndexOf((byte)'-');
        if (dash < 0 || !Utf8Parser.TryParse(range[..dash], out ulong start, out var used, 'x') || used != dash
            || !Utf8Parser.TryParse(range[(dash + 1)..], out ulong end, out used, 'x') || used != range.Length - dash - 1)
        {
            return null;
        }
        // Inode 0 and no path: anonymous memory ("[heap]", "[stack]" and the like are named, and left alone).
        var anonymous = line[fields[4]].SequenceEqual("0"u8) && count == 5;
        return new Mapping(start, end, anonymous, line[fields[1]].StartsWith("---"u8), GcReserved: false);
    }

    private static bool HasWord(ReadOnlySpan<byte> words, ReadOnlySpan<byte> word)
    {
        foreach (var range in words.Split((byte)' '))
        {
            if (words[range].SequenceEqual(word))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A /proc file's bytes: its size reads as 0, so it is read until the end.</summary>
    private static ReadOnlySpan<byte> ReadProcFile(string path)
    {
        using var handle = File.OpenHandle(path);
        var buffer = new byte[1 << 16];
        var length = 0;
        int read;
        while ((read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
        return buffer.AsSpan(0, length);
    }

    /// <summary>One mapping: its range, whether it is anonymous and inaccessible, and whether the GC reserved it.</summary>
    internal readonly record struct Mapping(ulong Start, ulong End, bool Anonymous, bool Inaccessible, bool GcReserved);

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
