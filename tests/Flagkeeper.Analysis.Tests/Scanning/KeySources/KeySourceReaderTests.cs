using Flagkeeper.Analysis.Scanning.KeySources;

namespace Flagkeeper.Analysis.Tests.Scanning.KeySources;

/// <summary>What each language's key source reader takes for the keys of a named declaration.</summary>
public class KeySourceReaderTests
{
    private static List<string> Keys(SourceReading reading) => [.. reading.Members!.Select(m => m.Key ?? $"!{m.Name}")];

    [Fact]
    public void CSharp_class_gives_its_public_constants_folded_and_skips_private_building_blocks()
    {
        const string text = "public static class FeatureFlags\n{\n    private const string Prefix = \"Gallery.\";\n    public const string Search = Prefix + \"Search\";\n" +
            "    public static readonly string Checkout = \"new-checkout\";\n    internal const string Other = $\"{Prefix}other\";\n    public const int Count = 3;\n}\n";

        Assert.Equal(["Gallery.Search", "new-checkout", "Gallery.other"], Keys(CSharpKeySource.Read("F.cs", text, "FeatureFlags")));
    }

    [Fact]
    public void CSharp_enum_gives_its_member_names_and_a_nested_type_is_named_by_its_own_name()
    {
        const string text = "namespace Shop;\npublic class Outer\n{\n    public enum Experiments { Beta, [Obsolete] DarkMode = 2, }\n}\n";

        Assert.Equal(["Beta", "DarkMode"], Keys(CSharpKeySource.Read("F.cs", text, "Experiments")));
    }

    [Fact]
    public void CSharp_unknown_name_lists_the_declared_types()
    {
        var reading = CSharpKeySource.Read("F.cs", "class FeatureFlags { const string A = \"a\"; }\nenum Modes { X }\n", "FeatureFlag");

        Assert.Null(reading.Members);
        Assert.Equal(["FeatureFlags", "Modes"], reading.DeclaredNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Go_map_gives_its_keys_constants_of_the_package_folded_and_literals()
    {
        using var dir = new TempDirectory();
        dir.Write("feature/names.go", "package feature\n\nconst prefix = \"shop.\"\nconst Search featuregate.Feature = prefix + \"search\"\n");
        const string gates = "package feature\n\nconst MachinePool featuregate.Feature = \"MachinePool\"\n\n" +
            "var defaultGates = map[featuregate.Feature]featuregate.VersionedSpecs{\n" +
            "\tMachinePool: {{Version: version.MustParse(\"1.0\"), Default: false}},\n\tSearch: {},\n\t\"literal\": {},\n\tunknown: {},\n}\n" +
            "var other = map[string]bool{\"x\": true}\n";
        dir.Write("feature/gates.go", gates);

        var reading = GoKeySource.Read(dir.Path, "feature/gates.go", gates, "defaultGates", 1 << 20);

        Assert.Equal(["MachinePool", "shop.search", "literal", "!unknown"], Keys(reading));
        var missing = GoKeySource.Read(dir.Path, "feature/gates.go", gates, "defaultGate", 1 << 20);
        Assert.Null(missing.Members);
        Assert.Equal(["defaultGates", "other"], missing.DeclaredNames);
    }

    [Fact]
    public void Go_map_declared_with_its_type_is_found_too()
    {
        using var dir = new TempDirectory();
        const string text = "package feature\n\nvar (\n\tgates map[string]Spec = map[string]Spec{\"a\": {}, \"b\": {}}\n)\n";
        dir.Write("feature/gates.go", text);

        Assert.Equal(["a", "b"], Keys(GoKeySource.Read(dir.Path, "feature/gates.go", text, "gates", 1 << 20)));
    }

    [Fact]
    public void TypeScript_union_type_const_object_and_string_enum()
    {
        using var dir = new TempDirectory();
        const string text = "export type FlagKey =\n  | 'new-checkout'\n  | \"beta\";\nconst p = 'web.';\n" +
            "export const Flags = { Search: p + 'search', Old: 'old' } as const;\nexport enum Mode { Dark = 'dark-mode', Light = 'light' }\n";
        dir.Write("src/flags.ts", text);

        Assert.Equal(["new-checkout", "beta"], Keys(TypeScriptKeySource.Read(dir.Path, "src/flags.ts", text, "FlagKey", 1 << 20)));
        Assert.Equal(["web.search", "old"], Keys(TypeScriptKeySource.Read(dir.Path, "src/flags.ts", text, "Flags", 1 << 20)));
        Assert.Equal(["dark-mode", "light"], Keys(TypeScriptKeySource.Read(dir.Path, "src/flags.ts", text, "Mode", 1 << 20)));
        var missing = TypeScriptKeySource.Read(dir.Path, "src/flags.ts", text, "FlagKeys", 1 << 20);
        Assert.Null(missing.Members);
        Assert.Contains("FlagKey", missing.DeclaredNames);
    }
}
