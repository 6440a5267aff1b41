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
}
