using Flagkeeper.Registry;
using static Flagkeeper.Tests.TestRegistries;

namespace Flagkeeper.Tests;

/// <summary>
/// The one key and alias lookup: which flag a key names in the registries that govern a file (nearest
/// first), every flag it names (<c>flags show</c>), and which one an edit means (<c>flags set</c> and co.).
/// </summary>
public class FlagResolverTests
{
    [Fact]
    public void The_nearest_registry_wins_and_one_that_does_not_govern_the_file_is_ignored()
    {
        using var dir = new TempDirectory();
        var root = LoadOk(dir, "flags.yaml", RegistryText(Flag("checkout", "    aliases: [CHECKOUT_V1]\n")));
        var web = LoadOk(dir, "web/flags.yaml", RegistryText(Flag("checkout"), Flag("search")));
        var api = LoadOk(dir, "api/flags.yaml", RegistryText(Flag("payments")));
        var resolver = new FlagResolver([root, web, api]);

        Assert.Same(web.Find("checkout"), resolver.Resolve(dir["web/app.ts"], "checkout"));
        Assert.Same(root.Find("checkout"), resolver.Resolve(dir["web/app.ts"], "CHECKOUT_V1"));
        Assert.Same(root.Find("checkout"), resolver.Resolve(dir["api/app.ts"], "checkout"));
        Assert.Null(resolver.Resolve(dir["web/app.ts"], "payments"));
        Assert.Equal([web, root], resolver.ApplyingTo(dir["web/app.ts"]));
    }

    [Fact]
    public void Named_lists_every_flag_a_key_or_alias_names_in_registry_then_file_order()
    {
        using var dir = new TempDirectory();
        var root = LoadOk(dir, "flags.yaml", RegistryText(Flag("old-search"), Flag("search", "    aliases: [old-search]\n")));
        var web = LoadOk(dir, "web/flags.yaml", RegistryText(Flag("old-search")));
        var resolver = new FlagResolver([root, web]);

        var named = resolver.Named("old-search");

        Assert.Equal(["flags.yaml:old-search", "flags.yaml:search", "web/flags.yaml:old-search"],
            named.Select(x => $"{x.Registry.DisplayPath}:{x.Flag.Key}"));
        Assert.Empty(resolver.Named("OLD_SEARCH"));
    }

    [Fact]
    public void Declaring_prefers_flags_declared_under_the_key_to_flags_that_carry_it_as_an_alias()
    {
        using var dir = new TempDirectory();
        var root = LoadOk(dir, "flags.yaml", RegistryText(Flag("search", "    aliases: [find]\n")));
        var web = LoadOk(dir, "web/flags.yaml", RegistryText(Flag("find")));
        var resolver = new FlagResolver([root, web]);

        var byKey = Assert.Single(resolver.Declaring("find"));
        Assert.Same(web, byKey.Registry);
        var byAlias = Assert.Single(new FlagResolver([root]).Declaring("find"));
        Assert.Equal("search", byAlias.Flag.Key);
        Assert.Empty(resolver.Declaring("nothing"));
    }

    [Fact]
    public void Loose_matching_names_flags_across_case_and_separators_and_exact_matching_does_not()
    {
        using var dir = new TempDirectory();
        var root = LoadOk(dir, "flags.yaml", RegistryText(Flag("new-checkout", "    aliases: [legacy.checkout]\n")));

        Assert.Equal("new-checkout", Assert.Single(new FlagResolver([root], KeyMatching.Loose).Named("NEW_CHECKOUT")).Flag.Key);
        Assert.Equal("new-checkout", Assert.Single(new FlagResolver([root], KeyMatching.Loose).Declaring("legacyCheckout")).Flag.Key);
        Assert.Empty(new FlagResolver([root]).Named("NEW_CHECKOUT"));
        Assert.Null(new FlagResolver([root]).Resolve(dir["app.ts"], "newCheckout"));
    }
}
