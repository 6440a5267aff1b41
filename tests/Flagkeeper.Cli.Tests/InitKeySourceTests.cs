using Flagkeeper.Loading;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// <c>flagkeeper init</c> on code that declares its flags: the declarations its keys resolve to become <c>keySources:</c>,
/// every key they declare is registered (used or not), the wrappers it counted are listed, and the next check is green.
/// </summary>
public class InitKeySourceTests
{
    private const string Today = "2026-12-06";

    private static void WriteCSharpService(TempDirectory dir)
    {
        dir.Write("src/FeatureFlags.cs",
            "namespace Shop;\n\npublic static class FeatureFlags\n{\n    private const string Prefix = \"gallery-\";\n" +
            "    public const string NewCheckout = \"new-checkout\";\n    public const string Search = Prefix + \"search\";\n" +
            "    public const string DarkMode = \"dark-mode\";\n}\n\npublic enum Experiments { Beta }\n");
        dir.Write("src/Flags.cs",
            "namespace Shop;\n\npublic class Flags(IFeatureManager features)\n{\n" +
            "    public Task<bool> IsSearchEnabled() => features.IsEnabledAsync(FeatureFlags.Search);\n}\n");
        dir.Write("src/Page.cs",
            "namespace Shop;\n\nclass Page\n{\n    async Task Show(Flags flags)\n    {\n" +
            "        if (await features.IsEnabledAsync(FeatureFlags.NewCheckout)) { }\n" +
            "        if (await features.IsEnabledAsync(nameof(Experiments.Beta))) { }\n" +
            "        if (await flags.IsSearchEnabled()) { }\n    }\n}\n");
    }

    [Fact]
    public void Init_lists_the_declaring_class_and_enum_as_key_sources_registers_every_declared_key_and_check_is_green()
    {
        using var dir = new TempDirectory();
        WriteCSharpService(dir);

        var init = CliRunner.Run(dir.Path, "init", ".", "--owner", "shop", "--today", Today);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("flagkeeper check: passed", init.Stdout, StringComparison.Ordinal);
        var config = dir.Read("flagkeeper.yaml");
        Assert.Contains("keySources:\n  - { file: src/FeatureFlags.cs, name: Experiments }\n  - { file: src/FeatureFlags.cs, name: FeatureFlags }\n", config, StringComparison.Ordinal);
        Assert.Contains("wrappers:\n  include: [IsSearchEnabled]\n", config, StringComparison.Ordinal);
        var registry = RegistryReader.ReadFile(dir["flags.yaml"], "flags.yaml");
        Assert.True(registry.Succeeded, string.Join("; ", registry.Errors));
        Assert.Equal(["Beta", "dark-mode", "gallery-search", "new-checkout"], registry.Registry!.Flags.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Contains("  # declared by FeatureFlags at src/FeatureFlags.cs:8; no code uses it yet\n  dark-mode:\n", dir.Read("flags.yaml"), StringComparison.Ordinal);

        var check = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--today", Today);
        Assert.True(check.ExitCode == 0, check.ToString());

        // A later regression is caught: a key that neither the registry nor a key source has.
        dir.Write("src/Later.cs", "class Later { async Task Go() { if (await features.IsEnabledAsync(\"nobody-knows\")) { } } }\n");
        var later = CliRunner.Run(dir.Path, "check", ".", "--gate", "flag-lint", "--today", Today);
        Assert.True(later.ExitCode == 1, later.ToString());
        Assert.Contains("flag 'nobody-knows' is in no registry", later.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_on_Go_registers_every_key_of_the_featuregate_map_the_code_reads()
    {
        using var dir = new TempDirectory();
        dir.Write("go.mod", "module example.com/app\n");
        dir.Write("feature/features.go",
            "package feature\n\nconst (\n\tMachinePool featuregate.Feature = \"MachinePool\"\n\tNodeSwap featuregate.Feature = \"NodeSwap\"\n)\n\n" +
            "var defaultGates = map[featuregate.Feature]featuregate.FeatureSpec{\n\tMachinePool: {Default: false, PreRelease: featuregate.Alpha},\n" +
            "\tNodeSwap: {Default: true, PreRelease: featuregate.Beta},\n" +
            "\t\"OldGate\": {\n\t\t{Version: version.MustParse(\"1.28\"), Default: false, PreRelease: featuregate.Beta},\n" +
            "\t\t{Version: version.MustParse(\"1.31\"), Default: true, PreRelease: featuregate.GA, LockToDefault: true},\n\t},\n}\n");
        dir.Write("cmd/main.go", "package main\n\nimport \"example.com/app/feature\"\n\nfunc main() {\n\t_ = feature.Gates.Enabled(feature.MachinePool)\n}\n");

        var init = CliRunner.Run(dir.Path, "init", ".", "--owner", "node", "--today", Today);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("keySources: defaultGates (feature/features.go)", init.Stdout, StringComparison.Ordinal);
        var registry = RegistryReader.ReadFile(dir["flags.yaml"], "flags.yaml");
        // The type and expiry follow each gate's PreRelease stage (the latest, for a versioned spec).
        Assert.Equal([("MachinePool", "experiment", "2027-03-06"), ("NodeSwap", "release", "2027-03-06"), ("OldGate", "release", "2027-01-05")],
            registry.Registry!.Flags.Select(f => (f.Key, f.TypeText, f.ExpiresText)).OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Contains("# declared by defaultGates at feature/features.go:11 (PreRelease GA); no code uses it yet", dir.Read("flags.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_flagkeeper_yaml_already_there_init_leaves_it_and_says_which_key_sources_it_found()
    {
        using var dir = new TempDirectory();
        WriteCSharpService(dir);
        dir.Write("flagkeeper.yaml", "version: 1\n");

        var init = CliRunner.Run(dir.Path, "init", ".", "--owner", "shop", "--today", Today);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Equal("version: 1\n", dir.Read("flagkeeper.yaml"));
        Assert.Contains("could be listed under keySources: {file: src/FeatureFlags.cs, name: Experiments}, {file: src/FeatureFlags.cs, name: FeatureFlags}", init.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_key_source_that_is_not_there_stops_init_before_it_writes()
    {
        using var dir = new TempDirectory();
        WriteCSharpService(dir);
        dir.Write("flagkeeper.yaml", "keySources:\n  - {file: src/Gone.cs, name: Flags}\n");

        var init = CliRunner.Run(dir.Path, "init", ".", "--owner", "shop", "--today", Today);

        Assert.True(init.ExitCode == 2, init.ToString());
        Assert.Contains("key source file 'src/Gone.cs' does not exist under the root", init.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["flags.yaml"]));
    }
}
