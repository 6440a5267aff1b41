using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>The real CLI on a C# tree whose flag checks name constants: scan's JSON and check's gates see the resolved keys.</summary>
public class SymbolScanTests
{
    private const string Flags = "namespace Shop;\npublic static class FeatureFlags\n{\n    public const string NewCheckout = \"new-checkout\";\n    public const string Legacy = \"legacy-\" + nameof(Legacy);\n}\n";
    private const string Cart = "using Shop;\nclass Cart\n{\n    bool A(IFeatureManager f) => f.IsEnabledAsync(FeatureFlags.NewCheckout).Result;\n    bool B(IFeatureManager f) => f.IsEnabledAsync(FeatureFlags.Legacy).Result;\n    bool C(IFeatureManager f, string k) => f.IsEnabledAsync(k).Result;\n}\n";
    private const string Registry = "version: 1\nflags:\n  new-checkout:\n    description: d\n    owner: o\n    type: operational\n";

    [Fact]
    public void Scan_json_gives_the_constant_value_and_where_it_is_declared()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);
        dir.Write("src/FeatureFlags.cs", Flags);
        dir.Write("src/Cart.cs", Cart);

        var result = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--no-cache"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var usages = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("usages").EnumerateArray().ToList();
        Assert.Equal(3, usages.Count);
        var checkout = usages[0];
        Assert.Equal("new-checkout", checkout.GetProperty("flag").GetString());
        Assert.Equal("usage", checkout.GetProperty("kind").GetString());
        Assert.Equal("FeatureFlags.NewCheckout", checkout.GetProperty("argument").GetString());
        Assert.Equal("new-checkout", checkout.GetProperty("registryKey").GetString());
        var declared = checkout.GetProperty("declaredAt");
        Assert.Equal(("src/FeatureFlags.cs", 4, 25), (declared.GetProperty("file").GetString(), declared.GetProperty("line").GetInt32(), declared.GetProperty("column").GetInt32()));
        Assert.Equal(JsonValueKind.Null, checkout.GetProperty("unresolved").ValueKind);
        Assert.Equal("legacy-Legacy", usages[1].GetProperty("flag").GetString());
        Assert.Equal(JsonValueKind.Null, usages[1].GetProperty("registryKey").ValueKind);
        Assert.Equal("dynamic", usages[2].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, usages[2].GetProperty("declaredAt").ValueKind);
        Assert.Contains("no constant string or enum member named 'k'", usages[2].GetProperty("unresolved").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_judges_resolved_keys_like_literals_and_says_why_a_name_stayed_dynamic()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);
        dir.Write("src/FeatureFlags.cs", Flags);
        dir.Write("src/Cart.cs", Cart);

        var result = CliRunner.Run(dir.Path, ["check", ".", "--gate", "flag-lint", "--format", "json", "--no-cache"]);

        var findings = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("gates").EnumerateArray()
            .SelectMany(g => g.GetProperty("findings").EnumerateArray())
            .Select(f => (Rule: f.GetProperty("rule").GetString(), Line: f.GetProperty("line").GetInt32(), Message: f.GetProperty("message").GetString()!))
            .ToList();
        // new-checkout is registered and used through its constant: no unused-flag, no dynamic-key on line 4.
        Assert.DoesNotContain(findings, f => f.Rule == "unused-flag");
        Assert.DoesNotContain(findings, f => f.Line == 4);
        Assert.Contains(findings, f => f.Rule == "unregistered-flag" && f.Line == 5 && f.Message.Contains("legacy-Legacy", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Rule == "dynamic-key" && f.Line == 6 && f.Message.Contains("no constant string or enum member named 'k'", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_json_follows_a_typescript_import_to_an_as_const_object_and_a_string_enum()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);
        dir.Write("web/src/flags.ts", "export const Flags = {\n  NewCheckout: 'new-checkout',\n} as const;\nexport enum Exp { Beta = 'beta-search' }\n");
        dir.Write("web/src/cart.ts", "import { Flags, Exp } from './flags';\nunleash.isEnabled(Flags.NewCheckout);\nunleash.isEnabled(Exp.Beta);\nunleash.isEnabled(Flags.Gone);\n");

        var result = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--no-cache"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var usages = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("usages").EnumerateArray().ToList();
        Assert.Equal(["new-checkout", "beta-search", null], usages.Select(u => u.GetProperty("flag").GetString()));
        var declared = usages[0].GetProperty("declaredAt");
        Assert.Equal(("web/src/flags.ts", 2, 3), (declared.GetProperty("file").GetString(), declared.GetProperty("line").GetInt32(), declared.GetProperty("column").GetInt32()));
        Assert.Equal("new-checkout", usages[0].GetProperty("registryKey").GetString());
        Assert.Equal("Gone is not a member of the object or enum it is looked up in", usages[2].GetProperty("unresolved").GetString());
    }

    // ---------------------------------------------------------------- the symbol cache

    private static readonly DateTime Past = new(2024, 1, 15, 10, 0, 0, DateTimeKind.Utc);

    private static TempDirectory AgedTree()
    {
        var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);
        File.SetLastWriteTimeUtc(dir.Write("src/FeatureFlags.cs", Flags), Past);
        File.SetLastWriteTimeUtc(dir.Write("src/Cart.cs", Cart), Past);
        return dir;
    }

    private static string UsagesJson(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("usages").GetRawText();
    }

    /// <summary>The <c>--stats</c> table's row for the symbol cache.</summary>
    private static string SymbolCacheRow(CliResult result) =>
        Assert.Single(result.Stderr.Split('\n'), line => line.Contains("cache symbol-cache", StringComparison.Ordinal));

    [Fact]
    public void A_warm_scan_gives_the_cold_scans_json_and_stats_show_the_symbol_cache_hit()
    {
        using var dir = AgedTree();

        var cold = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--no-cache"]);
        var first = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--stats"]);
        var warm = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--stats"]);

        Assert.Equal(UsagesJson(cold), UsagesJson(first));
        Assert.Equal(UsagesJson(cold), UsagesJson(warm));
        Assert.True(File.Exists(dir[".flagkeeper/cache/symbols-v1.bin"]), "the first cached scan writes the symbol cache");
        Assert.Contains("0 hits / 1 misses", SymbolCacheRow(first), StringComparison.Ordinal);
        Assert.Contains("1 hits / 0 misses", SymbolCacheRow(warm), StringComparison.Ordinal);
    }

    [Fact]
    public void A_warm_scan_sees_a_constant_whose_value_changed_at_the_same_size()
    {
        using var dir = AgedTree();
        Assert.Contains("\"new-checkout\"", UsagesJson(CliRunner.Run(dir.Path, ["scan", ".", "--format", "json"])), StringComparison.Ordinal);
        File.SetLastWriteTimeUtc(dir.Write("src/FeatureFlags.cs", Flags.Replace("new-checkout", "old-checkout", StringComparison.Ordinal)), Past.AddHours(1));

        var warm = UsagesJson(CliRunner.Run(dir.Path, ["scan", ".", "--format", "json"]));

        Assert.Contains("\"old-checkout\"", warm, StringComparison.Ordinal);
        Assert.DoesNotContain("\"new-checkout\"", warm, StringComparison.Ordinal);
    }

    [Fact]
    public void No_cache_writes_no_symbol_cache_and_ignores_an_existing_one()
    {
        using var dir = AgedTree();
        var cached = UsagesJson(CliRunner.Run(dir.Path, ["scan", ".", "--format", "json"]));
        var saved = dir.ReadBytes(".flagkeeper/cache/symbols-v1.bin");
        File.Delete(dir["src/FeatureFlags.cs"]);

        var uncached = UsagesJson(CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--no-cache"]));

        Assert.Contains("new-checkout", cached, StringComparison.Ordinal);
        Assert.DoesNotContain("new-checkout", uncached, StringComparison.Ordinal);
        Assert.Equal(saved, dir.ReadBytes(".flagkeeper/cache/symbols-v1.bin"));
        using var fresh = AgedTree();
        Assert.Equal(0, CliRunner.Run(fresh.Path, ["scan", ".", "--format", "json", "--no-cache"]).ExitCode);
        Assert.False(Directory.Exists(fresh[".flagkeeper/cache"]), "--no-cache must not create the cache folder");
    }

    [Fact]
    public void Cache_clear_deletes_the_symbol_cache_and_the_next_scan_rebuilds_it()
    {
        using var dir = AgedTree();
        var before = UsagesJson(CliRunner.Run(dir.Path, ["scan", ".", "--format", "json"]));

        var cleared = CliRunner.Run(dir.Path, ["cache", "clear", "."]);

        Assert.True(cleared.ExitCode == 0, cleared.ToString());
        Assert.Contains("deleted .flagkeeper/cache/symbols-v1.bin", cleared.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(dir[".flagkeeper/cache/symbols-v1.bin"]));
        var rebuilt = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--stats"]);
        Assert.Equal(before, UsagesJson(rebuilt));
        Assert.Contains("0 hits / 1 misses", SymbolCacheRow(rebuilt), StringComparison.Ordinal);
        Assert.True(File.Exists(dir[".flagkeeper/cache/symbols-v1.bin"]));
    }

    [Fact]
    public void A_warm_scan_takes_typescript_keys_from_the_symbol_cache_and_an_edited_module_is_read_again()
    {
        using var dir = new TempDirectory();
        dir.Write("web/flags.ts", "export const Flags = { NewCheckout: 'new-checkout' } as const;\n");
        dir.Write("web/cart.ts", "import { Flags } from './flags';\nunleash.isEnabled(Flags.NewCheckout);\n");
        foreach (var file in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, Past);
        }

        var cold = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--stats"]);
        var warm = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--stats"]);
        dir.Write("web/flags.ts", "export const Flags = { NewCheckout: 'new-checkout-v2' } as const;\n");
        var edited = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--stats"]);

        Assert.Contains("0 hits / 1 misses", SymbolCacheRow(cold));
        Assert.Contains("1 hits / 0 misses", SymbolCacheRow(warm));
        Assert.Equal("new-checkout", JsonDocument.Parse(warm.Stdout).RootElement.GetProperty("usages")[0].GetProperty("flag").GetString());
        Assert.Contains("0 hits / 1 misses", SymbolCacheRow(edited));
        Assert.Equal("new-checkout-v2", JsonDocument.Parse(edited.Stdout).RootElement.GetProperty("usages")[0].GetProperty("flag").GetString());
    }
}
