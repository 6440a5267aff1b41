using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// The tree changes under a running scan: a file or folder is deleted after the walk listed it. Each is one error
/// record (FK5001, the run goes on) and the rest of the result is exactly what the remaining files hold.
/// </summary>
public class ScannerFaultTests
{
    private static ScanResult Scan(TempDirectory dir, WalkHook hook, bool useCache = false)
    {
        using var cache = new PatternCache();
        using var monitor = new PerformanceMonitor();
        // One worker: the root's files are handed on before its folders are read, so the hook runs first.
        var options = new ScanOptions { Parallelism = 1, UseCache = useCache, AlsoCollect = hook };
        return new Scanner(FlagkeeperConfig.Default, cache, monitor).Scan(dir.Path, options);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_deleted_between_listing_and_reading_is_skipped_and_reported(bool useCache)
    {
        using var dir = new TempDirectory();
        dir.Write("kept.ts", "if (isEnabled('kept')) {}\n");
        dir.Write("gone.ts", "if (isEnabled('gone')) {}\n");
        dir.Write("sub/deep.ts", "if (isEnabled('deep')) {}\n");

        var result = Scan(dir, new WalkHook("gone.ts", file => File.Delete(file.FullPath)), useCache);

        Assert.Equal(["kept", "deep"], result.Usages.Select(u => u.Flag));
        var error = Assert.Single(result.Errors);
        Assert.Equal("FK5001", error.Code);
        Assert.Equal("gone.ts vanished while it was scanned", error.Message);
        Assert.Equal("gone.ts", error.Location?.File);
        Assert.Equal(1, result.Statistics.UnreadableFiles);
        Assert.Equal(2, result.Statistics.FilesScanned);
    }

    [Fact]
    public void A_folder_that_vanishes_mid_scan_is_skipped_and_reported()
    {
        using var dir = new TempDirectory();
        dir.Write("trigger.ts", "if (isEnabled('trigger')) {}\n");
        dir.Write("stays/a.ts", "if (isEnabled('stays')) {}\n");
        dir.Write("doomed/b.ts", "if (isEnabled('doomed')) {}\n");
        dir.Write("doomed/inner/c.ts", "if (isEnabled('doomed-inner')) {}\n");

        var result = Scan(dir, new WalkHook("trigger.ts", _ => Directory.Delete(dir["doomed"], recursive: true)));

        Assert.Equal(["stays", "trigger"], result.Usages.Select(u => u.Flag));
        var error = Assert.Single(result.Errors);
        Assert.Equal("FK5001", error.Code);
        Assert.Equal("folder doomed vanished while it was scanned", error.Message);
        Assert.Equal("doomed", error.Location?.File);
        Assert.Equal(2, result.Statistics.FilesScanned);
    }

    [Fact]
    public void A_file_replaced_by_a_folder_after_listing_is_skipped_and_reported()
    {
        using var dir = new TempDirectory();
        dir.Write("kept.ts", "if (isEnabled('kept')) {}\n");
        dir.Write("swapped.ts", "if (isEnabled('swapped')) {}\n");

        var result = Scan(dir, new WalkHook("swapped.ts", file =>
        {
            File.Delete(file.FullPath);
            Directory.CreateDirectory(file.FullPath);
        }));

        Assert.Equal(["kept"], result.Usages.Select(u => u.Flag));
        var error = Assert.Single(result.Errors);
        Assert.Equal("FK2001", error.Code);
        Assert.StartsWith("swapped.ts could not be read: ", error.Message);
        Assert.Equal(1, result.Statistics.UnreadableFiles);
    }
}
