using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Flagkeeper.Cli.Tests;

public sealed class HugePageAdviceTests
{
    private static readonly string[] Maps =
    [
        "55d0a0000000-55d0a0200000 r-xp 00000000 08:01 123456 /usr/bin/flagkeeper",
        "55d0a0200000-55d0a0400000 rw-p 00000000 00:00 0 [heap]",
        "7f0000000000-7f0000400000 rw-p 00000000 00:00 0",
        "7f0000400000-7f0010000000 ---p 00000000 00:00 0 ",
        "7f0010000000-7f0010010000 rw-p 00000000 00:00 0",
        "7f0010010000-7f0010020000 r--p 00000000 08:01 654321 /usr/lib/libc.so.6",
        "7f0010020000-7f0010030000 rw-p 00000000 00:00 0",
        "7f0020000000-7f0020100000 rw-p 00000000 00:00 0",
        "not a maps line",
    ];

    [Fact]
    public void The_run_around_an_address_spans_every_touching_anonymous_mapping_whatever_its_protection()
    {
        Assert.Equal((0x7f0000000000UL, 0x7f0010010000UL), HugePageAdvice.AnonymousRunAround(Read(Maps), 0x7f0000500000));
        Assert.Equal((0x7f0000000000UL, 0x7f0010010000UL), HugePageAdvice.AnonymousRunAround(Read(Maps), 0x7f0000000000));
    }

    [Fact]
    public void A_file_mapping_or_a_gap_ends_the_run()
    {
        // After the library's mapping, and after the gap below the last one, a run of its own begins.
        Assert.Equal((0x7f0010020000UL, 0x7f0010030000UL), HugePageAdvice.AnonymousRunAround(Read(Maps), 0x7f0010025000));
        Assert.Equal((0x7f0020000000UL, 0x7f0020100000UL), HugePageAdvice.AnonymousRunAround(Read(Maps), 0x7f0020000000));
    }

    [Fact]
    public void Named_or_file_backed_memory_and_unmapped_addresses_get_no_advice()
    {
        Assert.Null(HugePageAdvice.AnonymousRunAround(Read(Maps), 0x55d0a0300000)); // [heap] is named
        Assert.Null(HugePageAdvice.AnonymousRunAround(Read(Maps), 0x55d0a0000000)); // the program's own file
        Assert.Null(HugePageAdvice.AnonymousRunAround(Read(Maps), 0x7f0010030000)); // the end is exclusive: unmapped
        Assert.Null(HugePageAdvice.AnonymousRunAround(Read([]), 0x7f0000000000));
    }

    [Fact]
    public void The_gc_reserve_is_opened_a_gigabyte_at_each_end_and_a_small_part_of_it_whole()
    {
        string[] smaps =
        [
            "7f0000000000-7f0000400000 rw-p 00000000 00:00 0",
            "VmFlags: rd wr mr mw me ac hg",
            "7f0000400000-7f0000401000 ---p 00000000 00:00 0", // a thread's stack guard: never opened
            "Size:                  4 kB",
            "VmFlags: mr mw me nh",
            "7f0000401000-7f0000c01000 rw-p 00000000 00:00 0",
            "VmFlags: rd wr mr mw me ac nh",
            "7f0000c01000-7f0000e00000 ---p 00000000 00:00 0", // the rest of a region the GC is committing
            "VmFlags: mr mw me dd hg",
            "7f0000e00000-7f0000e10000 rw-p 00000000 00:00 0",
            "VmFlags: rd wr mr mw me ac hg",
            "7f0000e10000-7f0c00c00000 ---p 00000000 00:00 0", // 48 GB reserved
            "Rss:                   0 kB",
            "VmFlags: mr mw me dd hg",
        ];

        var windows = HugePageAdvice.WindowsToOpen(Read(smaps), 0x7f0000000000, 0x7f0c00c00000);

        Assert.Equal([(0x7f0000c01000UL, 0x7f0000e00000UL), (0x7f0000e10000UL, 0x7f0040e10000UL), (0x7f0bc0c00000UL, 0x7f0c00c00000UL)], windows);
    }

    [Fact]
    public void Nothing_accessible_unmarked_file_backed_or_outside_the_run_is_opened()
    {
        string[] smaps =
        [
            "7f0000000000-7f0060000000 ---p 00000000 00:00 0", // 1.5 GB: opened whole, in two windows
            "VmFlags: mr mw me dd",
            "7f0060000000-7f0060400000 rw-p 00000000 00:00 0",
            "VmFlags: rd wr mr mw me dd",
            "7f0060400000-7f00a0400000 ---p 00000000 00:00 0",
            "VmFlags: mr mw me nr",
            "7f00b0000000-7f0100000000 ---p 00000000 08:01 42 /memfd:x",
            "VmFlags: mr mw me dd",
            "7f0100000000-7f0200000000 ---p 00000000 00:00 0", // outside the run given
            "VmFlags: mr mw me dd",
        ];

        Assert.Equal([(0x7f0000000000UL, 0x7f0040000000UL), (0x7f0040000000UL, 0x7f0060000000UL)],
            HugePageAdvice.WindowsToOpen(Read(smaps), 0x7f0000000000, 0x7f0100000000));
    }

    [Fact]
    public void Smaps_bytes_are_read_as_mappings_whatever_the_path_flags_or_last_line()
    {
        var mappings = Read(
        [
            "VmFlags: dd", // before any mapping: belongs to none
            "7f0000000000-7f0000001000 ---p 00000000 00:00 0",
            "VmFlags: mr mw me ddd",
            "7f0000001000-7f0000002000 rw-p 00000000 08:01 7 /tmp/a file (deleted)",
            "VmFlags: rd wr dd",
            "7f00000020zz-7f0000003000 rw-p 00000000 00:00 0",
            "7f0000003000-7f0000004000 ---p 00000000 00:00 0   ",
            "VmFlags: mr dd",
        ]);

        Assert.Equal(
        [
            new HugePageAdvice.Mapping(0x7f0000000000, 0x7f0000001000, Anonymous: true, Inaccessible: true, GcReserved: false),
            new HugePageAdvice.Mapping(0x7f0000001000, 0x7f0000002000, Anonymous: false, Inaccessible: false, GcReserved: true),
            new HugePageAdvice.Mapping(0x7f0000003000, 0x7f0000004000, Anonymous: true, Inaccessible: true, GcReserved: true),
        ], mappings);
    }

    [Fact]
    public void On_linux_the_mapping_that_holds_the_managed_heap_is_advised()
    {
        // Where the kernel has transparent huge pages, the advice shows in smaps as the "hg" VmFlag of the mapping
        // that holds a managed object; without them (or off Linux) the advice is refused quietly.
        var thp = "/sys/kernel/mm/transparent_hugepage/enabled";
        var available = OperatingSystem.IsLinux() && File.Exists(thp);
        Assert.Equal(available, HugePageAdvice.AdviseManagedHeap());
        if (!available)
        {
            return;
        }
        // The GC's reserve is open ahead of it: a readable and writable anonymous gigabyte or more.
        Assert.Contains(File.ReadAllLines("/proc/self/maps"), line =>
            line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var range, "rw-p", _, _, "0", ..] && range.Split('-') is [var from, var to]
            && ulong.Parse(to, NumberStyles.HexNumber, CultureInfo.InvariantCulture) - ulong.Parse(from, NumberStyles.HexNumber, CultureInfo.InvariantCulture) >= HugePageAdvice.OpenedBytes);
        var probe = new byte[64];
        var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
        try
        {
            Assert.Contains("hg", VmFlagsAround((ulong)handle.AddrOfPinnedObject()));
        }
        finally
        {
            handle.Free();
        }
    }

    private static List<HugePageAdvice.Mapping> Read(string[] lines) => HugePageAdvice.ReadMappings(Encoding.ASCII.GetBytes(string.Join('\n', lines)));

    private static string[] VmFlagsAround(ulong address)
    {
        var inRange = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (line.Split(' ')[0].Split('-') is [var from, var to]
                && ulong.TryParse(from, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(to, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
            {
                inRange = start <= address && address < end;
            }
            else if (inRange && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }
        throw new InvalidOperationException($"no smaps entry holds 0x{address:x}");
    }
}
