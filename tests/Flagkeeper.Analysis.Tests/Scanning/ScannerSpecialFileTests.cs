using System.Diagnostics;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Discovery;
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

/// <summary>Which registry files a scan hands on: judged by the path below the root, never above it.</summary>
public class ScannerRegistryPathTests
{
    [Fact]
    public void A_root_below_a_folder_named_build_keeps_its_registries_but_drops_those_under_its_own_build_folder()
    {
        using var dir = new TempDirectory();
        dir.Write("build/repo/flags.yaml", "version: 1\nflags: {}\n");
        dir.Write("build/repo/app/flags.yaml", "version: 1\nflags: {}\n");
        dir.Write("build/repo/node_modules/lib/flags.yaml", "version: 1\nflags: {}\n");
        dir.Write("build/repo/build/flags.yaml", "version: 1\nflags: {}\n");

        using var cache = new PatternCache();
        using var monitor = new PerformanceMonitor();
        var root = dir["build/repo"];
        var registryFiles = new RegistryFileCollector(appSettings: false);
        new Scanner(FlagkeeperConfig.Default, cache, monitor).Scan(root, new ScanOptions { UseCache = false, AlsoCollect = registryFiles });

        Assert.Equal(
            [Path.Combine(root, "app", "flags.yaml"), Path.Combine(root, "flags.yaml")],
            registryFiles.Files.ToArray());
    }
}
