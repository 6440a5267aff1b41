using System.Globalization;
using System.Runtime.InteropServices;

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
        Assert.Equal((0x7f0000000000UL, 0x7f0010010000UL), HugePageAdvice.AnonymousRunAround(Maps, 0x7f0000500000));
        Assert.Equal((0x7f0000000000UL, 0x7f0010010000UL), HugePageAdvice.AnonymousRunAround(Maps, 0x7f0000000000));
    }

    [Fact]
    public void A_file_mapping_or_a_gap_ends_the_run()
    {
        // After the library's mapping, and after the gap below the last one, a run of its own begins.
        Assert.Equal((0x7f0010020000UL, 0x7f0010030000UL), HugePageAdvice.AnonymousRunAround(Maps, 0x7f0010025000));
        Assert.Equal((0x7f0020000000UL, 0x7f0020100000UL), HugePageAdvice.AnonymousRunAround(Maps, 0x7f0020000000));
    }

    [Fact]
    public void Named_or_file_backed_memory_and_unmapped_addresses_get_no_advice()
    {
        Assert.Null(HugePageAdvice.AnonymousRunAround(Maps, 0x55d0a0300000)); // [heap] is named
        Assert.Null(HugePageAdvice.AnonymousRunAround(Maps, 0x55d0a0000000)); // the program's own file
        Assert.Null(HugePageAdvice.AnonymousRunAround(Maps, 0x7f0010030000)); // the end is exclusive: unmapped
        Assert.Null(HugePageAdvice.AnonymousRunAround([], 0x7f0000000000));
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
