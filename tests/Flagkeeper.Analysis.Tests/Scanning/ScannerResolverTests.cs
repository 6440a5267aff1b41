using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Registry;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// Matching usage keys to registered flags: exactly by key or alias, and with <c>keyMatching: loose</c>
/// also across case and separators. Uses a real registry file loaded by discovery.
/// </summary>
public class ScannerResolverTests
{
    private const string Registry =
        "version: 1\n" +
        "flags:\n" +
        "  new-checkout:\n" +
        "    description: New checkout\n" +
        "    owner: payments\n" +
        "    type: release\n" +
        "    expires: 2030-01-01\n" +
        "  legacy-search:\n" +
        "    description: Old search\n" +
        "    owner: discovery\n" +
        "    type: operational\n" +
        "    aliases: [OLD_SEARCH, search.v1]\n";

    private static RegistrySet Load(TempDirectory dir)
    {
        dir.Write("flags.yaml", Registry);
        dir.Write("src/app.ts", "// app\n");
        var set = RegistryDiscovery.Discover(dir.Path, FlagkeeperConfig.Default);
        Assert.True(set.Errors.Count == 0, string.Join("\n", set.Errors));
        Assert.Single(set.Registries);
        return set;
    }

    [Theory]
    [InlineData("new-checkout")]
    [InlineData("NEW_CHECKOUT")]
    [InlineData("newCheckout")]
    [InlineData("new_checkout")]
    [InlineData("NewCheckout")]
    [InlineData("new.checkout")]
    [InlineData("New-Checkout")]
    public void Loose_matching_ignores_case_and_separators(string key)
    {
        using var dir = new TempDirectory();
        var set = Load(dir);
        var resolver = new FlagResolver(set.Registries, KeyMatching.Loose);

        var flag = resolver.Resolve(dir["src/app.ts"], key);

        Assert.NotNull(flag);
        Assert.Equal("new-checkout", flag.Key);
    }

    [Theory]
    [InlineData("NEW_CHECKOUT")]
    [InlineData("newCheckout")]
    [InlineData("new_checkout")]
    [InlineData("New-Checkout")]
    public void Exact_matching_does_not_cross_case_or_separators(string key)
    {
        using var dir = new TempDirectory();
        var set = Load(dir);
        var resolver = new FlagResolver(set.Registries, KeyMatching.Exact);

        Assert.Null(resolver.Resolve(dir["src/app.ts"], key));
        Assert.Equal("new-checkout", resolver.Resolve(dir["src/app.ts"], "new-checkout")?.Key);
    }

    [Theory]
    [InlineData(KeyMatching.Exact, "OLD_SEARCH")]
    [InlineData(KeyMatching.Exact, "search.v1")]
    [InlineData(KeyMatching.Exact, "legacy-search")]
    [InlineData(KeyMatching.Loose, "OLD_SEARCH")]
    [InlineData(KeyMatching.Loose, "old-search")]
    [InlineData(KeyMatching.Loose, "oldSearch")]
    [InlineData(KeyMatching.Loose, "search_v1")]
    [InlineData(KeyMatching.Loose, "LEGACY_SEARCH")]
    public void Aliases_match(KeyMatching matching, string key)
    {
        using var dir = new TempDirectory();
        var set = Load(dir);
        var resolver = new FlagResolver(set.Registries, matching);

        Assert.Equal("legacy-search", resolver.Resolve(dir["src/app.ts"], key)?.Key);
    }

    [Theory]
    [InlineData(KeyMatching.Exact, "old-search")]
    [InlineData(KeyMatching.Exact, "oldSearch")]
    public void Exact_mode_does_not_loosen_aliases(KeyMatching matching, string key)
    {
        using var dir = new TempDirectory();
        var set = Load(dir);

        Assert.Null(new FlagResolver(set.Registries, matching).Resolve(dir["src/app.ts"], key));
    }

    [Theory]
    [InlineData(KeyMatching.Loose, "new-checkout-v2")]
    [InlineData(KeyMatching.Loose, "newcheckouts")]
    [InlineData(KeyMatching.Loose, "checkout")]
    [InlineData(KeyMatching.Exact, "unknown")]
    public void Different_keys_do_not_match(KeyMatching matching, string key)
    {
        using var dir = new TempDirectory();
        var set = Load(dir);

        Assert.Null(new FlagResolver(set.Registries, matching).Resolve(dir["src/app.ts"], key));
    }

    [Fact]
    public void Files_outside_the_registry_folder_are_not_governed_by_it()
    {
        using var dir = new TempDirectory();
        dir.Write("service-a/flags.yaml", Registry);
        var set = RegistryDiscovery.Discover(dir.Path, FlagkeeperConfig.Default);
        var resolver = new FlagResolver(set.Registries, KeyMatching.Loose);

        Assert.Equal("new-checkout", resolver.Resolve(dir["service-a/src/x.ts"], "NEW_CHECKOUT")?.Key);
        Assert.Null(resolver.Resolve(dir["service-b/src/x.ts"], "new-checkout"));
    }

    [Theory]
    [InlineData("new-checkout", "newcheckout")]
    [InlineData("NEW_CHECKOUT", "newcheckout")]
    [InlineData("newCheckout", "newcheckout")]
    [InlineData("a.b:c/d e", "abcde")]
    [InlineData("", "")]
    public void Normalize_lowers_case_and_drops_separators(string key, string expected)
    {
        Assert.Equal(expected, FlagResolver.Normalize(key));
    }

    [Fact]
    public void Scanned_keys_resolve_end_to_end_with_loose_matching()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);
        dir.Write("web/app.ts", "if (isEnabled('newCheckout')) {}\nif (process.env.FEATURE_NEW_CHECKOUT) {}\nif (isEnabled('OLD_SEARCH')) {}\nif (isEnabled('mystery')) {}\n");
        dir.Write("api/app.py", "if is_enabled('new_checkout'):\n    pass\n");
        var scan = ScannerSpecSupport.Scan(dir.Path);
        var set = RegistryDiscovery.Discover(dir.Path, FlagkeeperConfig.Default);

        var loose = new FlagResolver(set.Registries, KeyMatching.Loose);
        var exact = new FlagResolver(set.Registries, KeyMatching.Exact);

        var looseKeys = scan.Usages.Select(u => loose.Resolve(Path.Combine(dir.Path, u.File), u.Flag!)?.Key).ToList();
        var exactKeys = scan.Usages.Select(u => exact.Resolve(Path.Combine(dir.Path, u.File), u.Flag!)?.Key).ToList();

        Assert.Equal(["new_checkout", "newCheckout", "NEW_CHECKOUT", "OLD_SEARCH", "mystery"], scan.Usages.Select(u => u.Flag));
        Assert.Equal(["new-checkout", "new-checkout", "new-checkout", "legacy-search", null], looseKeys);
        Assert.Equal([null, null, null, "legacy-search", null], exactKeys);
    }
}
