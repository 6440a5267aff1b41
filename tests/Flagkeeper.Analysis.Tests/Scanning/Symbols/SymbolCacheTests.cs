using System.Text;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Caching;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The symbol pass's cache: a warm scan of an unchanged tree resolves exactly as a cold one without reading a C#
/// file, and any change to what the pass read (a constant's value, a declaring file gone or added) is seen.
/// File times are set in the past, outside the scan cache's two-second "racy" window, unless a test says otherwise.
/// </summary>
public class SymbolCacheTests
{
    private static readonly DateTime Past = new(2024, 1, 15, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime LaterPast = new(2024, 3, 1, 8, 30, 0, DateTimeKind.Utc);

    private const string Flags = "namespace Shop.Features;\npublic static class FeatureFlags\n{\n    public const string NewCheckout = \"new-checkout\";\n}\n";
    private const string Cart = "namespace Shop.Web;\nclass Cart\n{\n    bool A(IFeatureManager f) => f.IsEnabledAsync(FeatureFlags.NewCheckout).Result;\n    bool B(IFeatureManager f, string k) => f.IsEnabledAsync(k).Result;\n}\n";

    private sealed record Run(ScanResult Result, CacheStats? Symbols)
    {
        public Usage Checkout => Result.Usages.Single(u => u.Argument == "FeatureFlags.NewCheckout");
    }

    private static Run ScanWithStats(TempDirectory dir, bool useCache = true, IReadOnlySet<string>? only = null)
    {
        using var patterns = new PatternCache();
        using var monitor = new PerformanceMonitor();
        var result = new Scanner(FlagkeeperConfig.Default, patterns, monitor).Scan(dir.Path, new ScanOptions { UseCache = useCache, OnlyFiles = only });
        return new Run(result, monitor.Snapshot().Caches.SingleOrDefault(c => c.Cache == "symbol-cache"));
    }

    private static TempDirectory Tree(IReadOnlyDictionary<string, string>? files = null)
    {
        var dir = new TempDirectory();
        foreach (var (path, text) in files ?? new Dictionary<string, string> { ["src/Flags.cs"] = Flags, ["src/Cart.cs"] = Cart })
        {
            Write(dir, path, text, Past);
        }
        return dir;
    }

    private static void Write(TempDirectory dir, string relative, string content, DateTime modified) =>
        File.SetLastWriteTimeUtc(dir.Write(relative, content), modified);

    private static string CachePath(TempDirectory dir) => dir[".flagkeeper/cache/" + SymbolCache.FileName];

    private static void AssertNoErrors(Run run) => Assert.True(run.Result.Errors.Count == 0, Describe(run.Result));

    [Fact]
    public void A_warm_scan_takes_the_outcome_from_the_cache_and_equals_a_cold_scan()
    {
        using var dir = Tree(CSharpConstantTests.Files.ToDictionary(f => f.Key, f => f.Value + "\n"));

        var cold = ScanWithStats(dir, useCache: false);
        var first = ScanWithStats(dir);
        var second = ScanWithStats(dir);

        AssertNoErrors(first);
        AssertNoErrors(second);
        Assert.Contains(cold.Result.Usages, u => u.DeclaredAt is not null);
        Assert.Contains(cold.Result.Usages, u => u.Unresolved is not null);
        Assert.Equal(cold.Result.Usages, first.Result.Usages);
        Assert.Equal(cold.Result.Usages, second.Result.Usages);
        Assert.Null(cold.Symbols);
        Assert.Equal(new CacheStats("symbol-cache", 0, 1), first.Symbols);
        Assert.Equal(new CacheStats("symbol-cache", 1, 0), second.Symbols);
        Assert.True(File.Exists(CachePath(dir)));
    }

    [Fact]
    public void A_warm_scan_reads_no_csharp_file_when_size_and_time_are_unchanged()
    {
        // Proof that the cache is what answers: the constant changes behind the scan's back (same size, same
        // time, so the scan cache trusts the file as well); a resolver that read the file would see "old-checkout".
        using var dir = Tree();
        Assert.Equal("new-checkout", ScanWithStats(dir).Checkout.Flag);
        Write(dir, "src/Flags.cs", Flags.Replace("new-checkout", "old-checkout", StringComparison.Ordinal), Past);

        var warm = ScanWithStats(dir);

        Assert.Equal("new-checkout", warm.Checkout.Flag);
        Assert.Equal(new CacheStats("symbol-cache", 1, 0), warm.Symbols);
        Assert.Equal("old-checkout", ScanWithStats(dir, useCache: false).Checkout.Flag);
    }

    [Theory]
    [InlineData("old-checkout")] // same size
    [InlineData("the-newer-checkout")]
    public void A_changed_constant_value_is_seen_on_the_next_warm_scan(string value)
    {
        using var dir = Tree();
        Assert.Equal("new-checkout", ScanWithStats(dir).Checkout.Flag);
        Write(dir, "src/Flags.cs", Flags.Replace("new-checkout", value, StringComparison.Ordinal), LaterPast);

        var warm = ScanWithStats(dir);

        AssertNoErrors(warm);
        Assert.Equal(value, warm.Checkout.Flag);
        Assert.Equal(new CacheStats("symbol-cache", 0, 1), warm.Symbols);
        Assert.Equal(new CacheStats("symbol-cache", 1, 0), ScanWithStats(dir).Symbols);
    }

    [Fact]
    public void A_same_size_edit_within_the_same_second_is_seen()
    {
        // Files written just now keep their time on a quick rewrite; the scan cache hashes them again, and the
        // symbol cache's fingerprint is made of those hashes, not of times.
        using var dir = new TempDirectory();
        dir.Write("src/Flags.cs", Flags);
        dir.Write("src/Cart.cs", Cart);
        Assert.Equal("new-checkout", ScanWithStats(dir).Checkout.Flag);
        var modified = File.GetLastWriteTimeUtc(dir["src/Flags.cs"]);
        dir.Write("src/Flags.cs", Flags.Replace("new-checkout", "old-checkout", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(dir["src/Flags.cs"], modified);

        Assert.Equal("old-checkout", ScanWithStats(dir).Checkout.Flag);
    }

    [Fact]
    public void After_an_unrelated_edit_the_pass_reads_only_files_the_scan_cache_says_can_declare_the_type()
    {
        // The declaring file is swapped behind the scan's back (same size, same time): the scan cache's declaration
        // index still says it declares FeatureFlagz only, so the pass does not read it, and the name stays unresolved.
        using var dir = Tree(new Dictionary<string, string> { ["src/Flags.cs"] = Flags.Replace("FeatureFlags", "FeatureFlagz", StringComparison.Ordinal), ["src/Cart.cs"] = Cart });
        Assert.Equal(UsageKind.Dynamic, ScanWithStats(dir).Checkout.Kind);
        Write(dir, "src/Flags.cs", Flags, Past);
        Write(dir, "src/Cart.cs", Cart + "// edited\n", LaterPast);

        var warm = ScanWithStats(dir);

        Assert.Equal(new CacheStats("symbol-cache", 0, 1), warm.Symbols);
        Assert.Equal(UsageKind.Dynamic, warm.Checkout.Kind);
        Assert.Equal("new-checkout", ScanWithStats(dir, useCache: false).Checkout.Flag);
    }

    [Fact]
    public void After_an_unrelated_edit_the_constant_still_resolves_from_the_cached_index()
    {
        using var dir = Tree();
        Assert.Equal("new-checkout", ScanWithStats(dir).Checkout.Flag);
        Write(dir, "src/Cart.cs", Cart + "// edited\n", LaterPast);

        var warm = ScanWithStats(dir);

        Assert.Equal(new CacheStats("symbol-cache", 0, 1), warm.Symbols);
        Assert.Equal("new-checkout", warm.Checkout.Flag);
        Assert.Equal(new SourceLocation("src/Flags.cs", 4, 25), warm.Checkout.DeclaredAt);
    }

    [Fact]
    public void Deleting_the_declaring_file_leaves_the_usage_dynamic()
    {
        using var dir = Tree();
        Assert.Equal("new-checkout", ScanWithStats(dir).Checkout.Flag);
        File.Delete(dir["src/Flags.cs"]);

        var warm = ScanWithStats(dir).Checkout;

        Assert.Equal(UsageKind.Dynamic, warm.Kind);
        Assert.Null(warm.Flag);
        Assert.Null(warm.DeclaredAt);
        Assert.NotNull(warm.Unresolved);
    }

    [Fact]
    public void A_second_declaration_that_makes_the_name_ambiguous_is_seen()
    {
        using var dir = Tree();
        var cold = ScanWithStats(dir).Checkout;
        Assert.Equal(new SourceLocation("src/Flags.cs", 4, 25), cold.DeclaredAt);
        Write(dir, "src/Billing/Flags.cs", "namespace Billing;\npublic static class FeatureFlags { public const string NewCheckout = \"billing-checkout\"; }\n", Past);

        var warm = ScanWithStats(dir).Checkout;

        Assert.Equal(UsageKind.Dynamic, warm.Kind);
        Assert.Contains("ambiguous", warm.Unresolved, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("junk")]
    [InlineData("truncated")]
    [InlineData("flipped")]
    public void A_damaged_cache_file_is_a_warning_and_the_result_is_the_same(string damage)
    {
        using var dir = Tree();
        var clean = ScanWithStats(dir);
        var bytes = File.ReadAllBytes(CachePath(dir));
        File.WriteAllBytes(CachePath(dir), damage switch
        {
            "empty" => [],
            "junk" => Encoding.ASCII.GetBytes("not a symbol cache, only junk bytes\n"),
            "truncated" => bytes[..(bytes.Length / 2)],
            _ => Flip(bytes),
        });

        var damaged = ScanWithStats(dir);

        Assert.Equal(clean.Result.Usages, damaged.Result.Usages);
        var warning = Assert.Single(damaged.Result.Errors);
        Assert.Equal(ErrorCodes.CacheCorrupt.Code, warning.Code);
        Assert.Equal(".flagkeeper/cache/" + SymbolCache.FileName, warning.Location?.File);
        Assert.Equal(new CacheStats("symbol-cache", 0, 1), damaged.Symbols);
        var next = ScanWithStats(dir);
        AssertNoErrors(next);
        Assert.Equal(new CacheStats("symbol-cache", 1, 0), next.Symbols);
        Assert.Equal(clean.Result.Usages, next.Result.Usages);
    }

    [Fact]
    public void No_cache_neither_reads_nor_writes_the_symbol_cache()
    {
        using var dir = Tree();

        var run = ScanWithStats(dir, useCache: false);

        Assert.Equal("new-checkout", run.Checkout.Flag);
        Assert.Null(run.Symbols);
        Assert.False(Directory.Exists(dir[".flagkeeper"]));
    }

    [Fact]
    public void A_scan_of_some_files_neither_reads_nor_writes_the_symbol_cache()
    {
        using var dir = Tree();
        ScanWithStats(dir);
        var saved = File.ReadAllBytes(CachePath(dir));
        Write(dir, "src/Flags.cs", Flags.Replace("new-checkout", "old-checkout", StringComparison.Ordinal), LaterPast);

        var run = ScanWithStats(dir, only: new HashSet<string> { "src/Cart.cs" });

        Assert.Equal("old-checkout", run.Checkout.Flag);
        Assert.Null(run.Symbols);
        Assert.Equal(saved, File.ReadAllBytes(CachePath(dir)));
    }

    [Fact]
    public void A_cache_that_cannot_be_written_is_reported_and_the_scan_goes_on()
    {
        using var dir = Tree();
        Directory.CreateDirectory(CachePath(dir)); // a folder where the file goes: the rename fails

        var run = ScanWithStats(dir);

        Assert.Equal("new-checkout", run.Checkout.Flag);
        var error = Assert.Single(run.Result.Errors);
        Assert.Equal(ErrorCodes.CacheWriteFailed.Code, error.Code);
        Assert.Contains("symbol cache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tree_without_names_to_resolve_writes_no_symbol_cache()
    {
        using var dir = Tree(new Dictionary<string, string> { ["src/a.cs"] = "class A { bool X(IFeatureManager f) => f.IsEnabledAsync(\"literal\").Result; }\n" });

        var run = ScanWithStats(dir);

        Assert.Null(run.Symbols);
        Assert.True(File.Exists(dir[".flagkeeper/cache/" + ScanCache.FileName]));
        Assert.False(File.Exists(CachePath(dir)));
    }

    private static byte[] Flip(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[copy.Length / 2] ^= 0x5A;
        return copy;
    }
}
