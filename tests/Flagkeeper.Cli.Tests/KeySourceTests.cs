using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// <c>keySources:</c> in flagkeeper.yaml: code that declares the set of flags (a C# class of constants or an enum, a Go
/// featuregate map, a TypeScript union type or const object) counts as declared, like a registry. The real CLI, real files.
/// </summary>
public class KeySourceTests
{
    private const string Today = "2026-12-05";

    private const string CSharpFlags =
        "namespace Shop;\n\n" +
        "public static class FeatureFlags\n{\n" +
        "    private const string Prefix = \"Gallery.\";\n" +
        "    public const string NewCheckout = \"new-checkout\";\n" +
        "    public const string Search = Prefix + \"Search\";\n" +
        "    public const string DarkMode = \"dark-mode\";\n" +
        "}\n\n" +
        "public enum Experiments { Beta, Unused }\n";

    private const string CSharpCode =
        "class Page\n{\n" +
        "    async Task Show()\n    {\n" +
        "        if (await features.IsEnabledAsync(FeatureFlags.NewCheckout)) { }\n" +
        "        if (await features.IsEnabledAsync(FeatureFlags.Search)) { }\n" +
        "        if (await features.IsEnabledAsync(nameof(Experiments.Beta))) { }\n" +
        "        if (await features.IsEnabledAsync(\"registered-one\")) { }\n" +
        "        if (await features.IsEnabledAsync(\"nobody-declared\")) { }\n" +
        "    }\n}\n";

    private static void WriteCSharpTree(TempDirectory dir, string sources)
    {
        dir.Write("flags.yaml", "version: 1\nflags:\n  registered-one:\n    owner: shop\n    type: operational\n    description: a registered flag\n");
        dir.Write("src/FeatureFlags.cs", CSharpFlags);
        dir.Write("src/Page.cs", CSharpCode);
        dir.Write("flagkeeper.yaml", "keySources:\n" + sources);
    }

    [Fact]
    public void Keys_a_CSharp_class_and_enum_declare_are_not_unregistered_and_unused_ones_are_reported_where_declared()
    {
        using var dir = new TempDirectory();
        WriteCSharpTree(dir, "  - file: src/FeatureFlags.cs\n    name: FeatureFlags\n  - {file: src/FeatureFlags.cs, name: Experiments}\n");

        var result = Check(dir, "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString()); // the unregistered key is an error
        var findings = Findings(result).Select(f => (Rule: f.GetProperty("rule").GetString(), Flag: f.GetProperty("flag").GetString(),
            At: $"{f.GetProperty("file").GetString()}:{f.GetProperty("line").GetInt32()}")).OrderBy(f => f.Flag, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [("unused-flag", "Unused", "src/FeatureFlags.cs:11"), ("unused-flag", "dark-mode", "src/FeatureFlags.cs:8"), ("unregistered-flag", "nobody-declared", "src/Page.cs:9")],
            findings);
        var unused = Findings(result).First(f => f.GetProperty("flag").GetString() == "dark-mode").GetProperty("message").GetString();
        Assert.Equal("flag 'dark-mode' is declared by FeatureFlags in src/FeatureFlags.cs but no code under the root uses it; remove it from FeatureFlags or use it", unused);
    }

    [Fact]
    public void Without_key_sources_the_same_tree_reports_every_constant_key_as_unregistered()
    {
        using var dir = new TempDirectory();
        WriteCSharpTree(dir, "  []\n");

        var unregistered = Findings(Check(dir, "--format", "json")).Where(f => f.GetProperty("rule").GetString() == "unregistered-flag")
            .Select(f => f.GetProperty("flag").GetString()).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["Beta", "Gallery.Search", "new-checkout", "nobody-declared"], unregistered);
    }

    [Fact]
    public void A_Go_featuregate_map_declares_its_keys_constants_and_literals()
    {
        using var dir = new TempDirectory();
        dir.Write("go.mod", "module example.com/app\n");
        dir.Write("feature/features.go",
            "package feature\n\nconst (\n\tMachinePool featuregate.Feature = \"MachinePool\"\n\tNodeSwap featuregate.Feature = \"NodeSwap\"\n)\n\n" +
            "var defaultGates = map[featuregate.Feature]featuregate.FeatureSpec{\n" +
            "\tMachinePool: {Default: false, PreRelease: featuregate.Alpha},\n" +
            "\tNodeSwap:    {Default: true, PreRelease: featuregate.Beta},\n" +
            "\t\"LiteralGate\": {Default: false, PreRelease: featuregate.Alpha},\n}\n");
        dir.Write("cmd/main.go", "package main\n\nimport \"example.com/app/feature\"\n\nfunc main() {\n\t_ = feature.Gates.Enabled(feature.MachinePool)\n\t_ = feature.Gates.Enabled(feature.NodeSwap)\n}\n");
        dir.Write("flagkeeper.yaml", "keySources:\n  - file: feature/features.go\n    name: defaultGates\n");

        var result = Check(dir, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal(("unused-flag", "LiteralGate", 11), (finding.GetProperty("rule").GetString(), finding.GetProperty("flag").GetString(), finding.GetProperty("line").GetInt32()));
    }

    [Fact]
    public void A_TypeScript_union_type_and_a_const_object_declare_their_strings()
    {
        using var dir = new TempDirectory();
        dir.Write("src/flags.ts",
            "export type FlagKey =\n  | 'new-checkout'\n  | 'beta';\n\n" +
            "const prefix = 'web.';\nexport const Flags = { Search: prefix + 'search', Old: 'old-banner' } as const;\n");
        dir.Write("src/app.ts", "import { Flags } from './flags';\nif (unleash.isEnabled('new-checkout')) {}\nif (unleash.isEnabled(Flags.Search)) {}\n");
        dir.Write("flagkeeper.yaml", "keySources:\n  - {file: src/flags.ts, name: FlagKey}\n  - {file: src/flags.ts, name: Flags}\n");

        var result = Check(dir, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["beta", "old-banner"], Findings(result).Where(f => f.GetProperty("rule").GetString() == "unused-flag")
            .Select(f => f.GetProperty("flag").GetString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Findings(result), f => f.GetProperty("rule").GetString() == "unregistered-flag");
    }

    [Theory]
    [InlineData("  - {file: src/Missing.cs, name: FeatureFlags}\n", "key source file 'src/Missing.cs' does not exist under the root")]
    [InlineData("  - {file: src/FeatureFlags.cs, name: FeatureFlag}\n", "key source file 'src/FeatureFlags.cs' declares no class, enum, type or const object named 'FeatureFlag'; did you mean 'FeatureFlags'?")]
    [InlineData("  - {file: src/Page.cs, name: Page}\n", "key source Page in src/Page.cs: 'Page' declares no string constant or enum member")]
    [InlineData("  - {file: README.md, name: Flags}\n", "key source file 'README.md' is not C#, Go, TypeScript or JavaScript")]
    public void A_key_source_that_is_not_there_is_an_error_that_says_what_to_fix(string sources, string expected)
    {
        using var dir = new TempDirectory();
        WriteCSharpTree(dir, sources);
        dir.Write("README.md", "# shop\n");

        var result = Check(dir);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK1011", result.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, result.ToString(), StringComparison.Ordinal);
        Assert.Contains("flagkeeper.yaml:2", result.ToString(), StringComparison.Ordinal); // where the entry is
    }

    [Fact]
    public void A_key_source_larger_than_the_size_limit_or_made_of_binary_bytes_is_an_error_not_a_crash()
    {
        using var dir = new TempDirectory();
        WriteCSharpTree(dir, "  - {file: src/FeatureFlags.cs, name: FeatureFlags}\n  - {file: src/blob.cs, name: Flags}\n");
        dir.WriteBytes("src/blob.cs", [0, 0xFF, 0xFE, 0x00, 0x01, 0x7B, 0x7D, 0xC3, 0x28, 0, 0]);
        dir.Write("flagkeeper.yaml", dir.Read("flagkeeper.yaml") + "scan:\n  maxFileSize: 100\n");

        var result = Check(dir);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("key source file 'src/FeatureFlags.cs' could not be read as source text: it is empty, binary, unreadable or larger than scan.maxFileSize (100 bytes)", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("key source file 'src/blob.cs' could not be read as source text", result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keySources: src/FeatureFlags.cs\n", "keySources must be a list of {file, name}, found")]
    [InlineData("keySources:\n  - {file: src/FeatureFlags.cs}\n", "a key source needs a `file` (relative to the root) and the `name` declared in it")]
    [InlineData("keySources:\n  - {file: src/FeatureFlags.cs, nme: FeatureFlags}\n", "did you mean 'name'?")]
    [InlineData("keySources:\n  - {file: ../other/Flags.cs, name: Flags}\n", "key source file '../other/Flags.cs' must be a path under the root")]
    [InlineData("keySources:\n  - {file: src/FeatureFlags.cs, name: Shop.FeatureFlags}\n", "key source name 'Shop.FeatureFlags' is not a declared name")]
    [InlineData("keySource:\n  - {file: src/FeatureFlags.cs, name: FeatureFlags}\n", "did you mean 'keySources'?")]
    public void A_malformed_keySources_section_is_refused_in_the_users_words(string config, string expected)
    {
        using var dir = new TempDirectory();
        WriteCSharpTree(dir, "  []\n");
        dir.Write("flagkeeper.yaml", config);

        var result = Check(dir);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_that_is_not_a_constant_key_is_skipped_with_a_warning_and_the_rest_count()
    {
        using var dir = new TempDirectory();
        dir.Write("src/flags.ts", "export const Flags = { Good: 'good-flag', Computed: makeKey('x') } as const;\n");
        dir.Write("src/app.ts", "if (unleash.isEnabled('good-flag')) {}\n");
        dir.Write("flagkeeper.yaml", "keySources:\n  - {file: src/flags.ts, name: Flags}\n");

        var result = Check(dir, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        SchemaFiles.AssertValid(SchemaFiles.Check, result.Stdout, "check");
        Assert.Empty(Findings(result));
        var error = Assert.Single(result.Json().RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("FK5003", error.GetProperty("code").GetString());
        Assert.StartsWith("Flags.Computed in key source src/flags.ts is not counted as a declared flag", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static CliResult Check(TempDirectory dir, params string[] extra) =>
        CliRunner.Run(dir.Path, ["check", ".", "--gate", "flag-lint", "--today", Today, "--no-cache", .. extra]);

    private static List<JsonElement> Findings(CliResult result) =>
        [.. result.Json().RootElement.GetProperty("gates").EnumerateArray().SelectMany(g => g.GetProperty("findings").EnumerateArray())];
}
