using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Matching;
using Microsoft.Extensions.Time.Testing;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// The scan's time budget (--timeout) on a fake clock: the clock moves when the walk hands over one file, so the
/// point where the scan stops is exact. One worker: the root's files are handed on before its folders are read.
/// </summary>
public class ScanBudgetTests
{
    private static TempDirectory Tree()
    {
        var dir = new TempDirectory();
        dir.Write("first.ts", "if (isEnabled('first')) {}\n");
        dir.Write("later/b.ts", "if (isEnabled('later-b')) {}\n");
        dir.Write("later/c.ts", "if (isEnabled('later-c')) {}\n");
        return dir;
    }

    private static ScanResult Scan(TempDirectory dir, FakeTimeProvider clock, RunBudget budget, TimeSpan spentOnFirst)
    {
        using var cache = new PatternCache(time: clock);
        using var monitor = new PerformanceMonitor();
        var options = new ScanOptions
        {
            Parallelism = 1,
            Budget = budget,
            AlsoCollect = new WalkHook("first.ts", _ => clock.Advance(spentOnFirst)),
        };
        return new Scanner(FlagkeeperConfig.Default, cache, monitor, clock).Scan(dir.Path, options);
    }

    [Fact]
    public void A_spent_budget_stops_the_scan_after_the_file_in_hand_and_says_so()
    {
        using var dir = Tree();
        var clock = new FakeTimeProvider();
        using var budget = new RunBudget(TimeSpan.FromSeconds(5), clock);

        var result = Scan(dir, clock, budget, TimeSpan.FromSeconds(6));

        Assert.Equal(["first"], result.Usages.Select(u => u.Flag));
        Assert.Equal(1, result.Statistics.FilesScanned);
        Assert.Equal("the time budget of 5 s (--timeout) ran out after 1 file(s) were scanned", result.IncompleteReason);
        var error = Assert.Single(result.Errors);
        Assert.Equal("FK5002", error.Code);
        Assert.Equal(result.IncompleteReason + "; the results are partial", error.Message);
        Assert.False(Directory.Exists(dir[".flagkeeper"])); // no cache from a partial scan
    }

    [Fact]
    public void A_budget_not_spent_leaves_the_scan_complete()
    {
        using var dir = Tree();
        var clock = new FakeTimeProvider();
        using var budget = new RunBudget(TimeSpan.FromSeconds(5), clock);

        var result = Scan(dir, clock, budget, TimeSpan.FromSeconds(4.999));

        Assert.Equal(["first", "later-b", "later-c"], result.Usages.Select(u => u.Flag));
        Assert.Null(result.IncompleteReason);
        Assert.Empty(result.Errors);
        Assert.True(File.Exists(dir[".flagkeeper/cache/scan-v1.bin"]));
        Assert.False(budget.Expired);
    }

    [Fact]
    public void A_budget_spent_before_the_scan_scans_nothing()
    {
        using var dir = Tree();
        var clock = new FakeTimeProvider();
        using var budget = new RunBudget(TimeSpan.FromMilliseconds(1), clock);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        var result = Scan(dir, clock, budget, TimeSpan.Zero);

        Assert.Empty(result.Usages);
        Assert.Equal("the time budget of 0.001 s (--timeout) ran out after 0 file(s) were scanned", result.IncompleteReason);
        Assert.Equal("FK5002", Assert.Single(result.Errors).Code);
    }
}
