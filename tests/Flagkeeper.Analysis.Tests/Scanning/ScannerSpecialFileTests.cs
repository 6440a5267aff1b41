using System.Diagnostics;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>Files that are not regular files must not stop a scan.</summary>
public class ScannerSpecialFileTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_fifo_with_a_source_extension_is_not_opened_and_the_scan_finishes(bool useCache)
    {
        using var dir = new TempDirectory();
        dir.Write("ok.ts", "if (isEnabled('after-fifo')) {}\n");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { dir["pipe.ts"] } })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using var cache = new PatternCache();
        using var monitor = new PerformanceMonitor();
        var scan = Task.Run(() => new Scanner(FlagkeeperConfig.Default, cache, monitor).Scan(dir.Path, new ScanOptions { UseCache = useCache }));
        var finished = await Task.WhenAny(scan, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(scan, finished); // opening the FIFO would block forever
        var result = await scan;
        Assert.Equal("after-fifo", Assert.Single(result.Usages).Flag);
        Assert.Empty(result.Errors);
    }
}
