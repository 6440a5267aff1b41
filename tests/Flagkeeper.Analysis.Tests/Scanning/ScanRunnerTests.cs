using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>The scan entry point: set-up, scan, the registries the walk met and the resolver, with bad input as values.</summary>
public class ScanRunnerTests
{
    [Fact]
    public void Run_finds_usages_and_resolves_them_by_the_registries_the_walk_met()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  new-checkout:\n    type: operational\n    owner: shop\n    description: d\n");
        dir.Write("src/Shop.cs", "class Shop { bool On() => flags.IsEnabled(\"new-checkout\") && flags.IsEnabled(\"old-checkout\"); }\n");
        using var monitor = new PerformanceMonitor();

        var report = new ScanRunner(monitor).Run(dir.Path, new ScanOptions { UseCache = false });

        Assert.Empty(report.SetupErrors);
        Assert.False(report.HasInputErrors);
        var usages = report.Result!.Usages;
        Assert.Equal(["new-checkout", "old-checkout"], usages.Select(u => u.Flag));
        Assert.Equal(["new-checkout", null], usages.Select(u => report.Workspace!.Resolver.Resolve(dir[u.File], u.Flag!)?.Key));
        Assert.Single(report.Workspace!.Registries.Registries);
    }

    [Fact]
    public void A_configuration_that_does_not_load_is_returned_not_thrown_and_nothing_is_scanned()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nexclued: [vendor]\n");
        dir.Write("src/Shop.cs", "class Shop { bool On() => flags.IsEnabled(\"new-checkout\"); }\n");
        using var monitor = new PerformanceMonitor();

        var report = new ScanRunner(monitor).Run(dir.Path, new ScanOptions { UseCache = false });

        Assert.Null(report.Result);
        Assert.Equal(["FK1002"], report.SetupErrors.Select(e => e.Code));
        Assert.True(report.HasInputErrors);
    }

    [Fact]
    public void A_root_that_is_not_a_folder_is_returned_as_FK1006()
    {
        using var dir = new TempDirectory();
        using var monitor = new PerformanceMonitor();

        var report = new ScanRunner(monitor).Run(dir["missing"], new ScanOptions());

        Assert.Equal(["FK1006"], report.SetupErrors.Select(e => e.Code));
    }
}
