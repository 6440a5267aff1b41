using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>The real CLI on Java and Kotlin files whose flag checks name constants: scan's JSON gives the values and where they are declared.</summary>
public class JvmSymbolScanTests
{
    private const string Flags = "package com.shop;\n\npublic final class Flags {\n    public static final String PREFIX = \"shop.\";\n    public static final String NEW_CHECKOUT = PREFIX + \"new-checkout\";\n}\n";
    private const string Service = "package com.shop;\n\nimport static com.shop.Flags.NEW_CHECKOUT;\n\nclass Service {\n    boolean a() { return unleash.isEnabled(Flags.NEW_CHECKOUT); }\n    boolean b() { return unleash.isEnabled(NEW_CHECKOUT); }\n    boolean c(String k) { return unleash.isEnabled(k); }\n}\n";
    private const string Kotlin = "package com.shop\n\nobject KFlags {\n    const val SEARCH = \"${Flags.PREFIX}search\"\n}\n\nfun f() = client.getBooleanValue(KFlags.SEARCH, false)\n";

    private static List<JsonElement> ScanUsages(TempDirectory dir, params string[] extra)
    {
        var result = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. JsonDocument.Parse(result.Stdout).RootElement.GetProperty("usages").EnumerateArray()];
    }

    private static string Usages(CliResult result) => JsonDocument.Parse(result.Stdout).RootElement.GetProperty("usages").GetRawText();

    [Fact]
    public void Scan_json_gives_java_and_kotlin_constant_values_and_where_they_are_declared()
    {
        using var dir = new TempDirectory();
        dir.Write("src/main/java/com/shop/Flags.java", Flags);
        dir.Write("src/main/java/com/shop/Service.java", Service);
        dir.Write("src/main/kotlin/com/shop/KFlags.kt", Kotlin);

        var usages = ScanUsages(dir, "--no-cache");

        Assert.Equal(["shop.new-checkout", "shop.new-checkout", null, "shop.search"], usages.Select(u => u.GetProperty("flag").GetString()));
        Assert.Equal(["usage", "usage", "dynamic", "usage"], usages.Select(u => u.GetProperty("kind").GetString()));
        var declared = usages[1].GetProperty("declaredAt");
        Assert.Equal(("src/main/java/com/shop/Flags.java", 5, 32), (declared.GetProperty("file").GetString(), declared.GetProperty("line").GetInt32(), declared.GetProperty("column").GetInt32()));
        Assert.Equal("NEW_CHECKOUT", usages[1].GetProperty("argument").GetString());
        Assert.Equal(JsonValueKind.Null, usages[2].GetProperty("declaredAt").ValueKind);
        Assert.Equal("'k' is not a constant declared or imported in src/main/java/com/shop/Service.java", usages[2].GetProperty("unresolved").GetString());
        Assert.Equal(("src/main/kotlin/com/shop/KFlags.kt", 4), (usages[3].GetProperty("declaredAt").GetProperty("file").GetString(), usages[3].GetProperty("declaredAt").GetProperty("line").GetInt32()));
    }

    [Fact]
    public void A_warm_scan_takes_java_keys_from_the_symbol_cache_and_an_edited_constant_is_read_again()
    {
        using var dir = new TempDirectory();
        dir.Write("src/main/java/com/shop/Flags.java", Flags);
        dir.Write("src/main/java/com/shop/Service.java", Service);
        foreach (var file in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2024, 1, 15, 10, 0, 0, DateTimeKind.Utc));
        }

        var cold = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--stats"]);
        var warm = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--stats"]);
        dir.Write("src/main/java/com/shop/Flags.java", Flags.Replace("shop.", "shop2.", StringComparison.Ordinal));
        var edited = ScanUsages(dir);

        Assert.Contains("0 hits / 1 misses", Assert.Single(cold.Stderr.Split('\n'), l => l.Contains("cache symbol-cache", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("1 hits / 0 misses", Assert.Single(warm.Stderr.Split('\n'), l => l.Contains("cache symbol-cache", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(Usages(cold), Usages(warm));
        Assert.Equal("shop2.new-checkout", edited[0].GetProperty("flag").GetString());
    }
}
