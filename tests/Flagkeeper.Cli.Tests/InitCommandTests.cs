using Flagkeeper.Loading;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// <c>flagkeeper init</c> on real trees: the registry it writes holds every key the scan finds and nothing else, reads
/// back, and the next <c>check</c> is green; it refuses to lose an existing registry and writes nothing when asked not to.
/// </summary>
public class InitCommandTests
{
    private const string Today = "2026-12-06";

    [Fact]
    public void Init_on_the_shop_sample_registers_every_key_the_scan_finds_and_the_next_check_passes()
    {
        using var dir = new TempDirectory();
        CopySampleWithoutRegistry(dir);
        var used = UsedKeys(dir);

        var init = CliRunner.Run(dir.Path, "init", ".", "--owner", "payments", "--today", Today);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("flagkeeper check: passed", init.Stdout, StringComparison.Ordinal);
        var registry = RegistryReader.ReadFile(dir["flags.yaml"], "flags.yaml");
        Assert.True(registry.Succeeded, string.Join("; ", registry.Errors));
        Assert.Equal(used, registry.Registry!.Flags.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.All(registry.Registry.Flags, f => Assert.Equal("payments", f.Owner));
        var killSwitch = Assert.Single(registry.Registry.Flags, f => f.TypeText == "kill-switch");
        Assert.Equal("checkout-kill-switch", killSwitch.Key);
        Assert.Null(killSwitch.ExpiresText);
        Assert.All(registry.Registry.Flags.Where(f => f.TypeText == "release"), f => Assert.Equal("2027-03-06", f.ExpiresText));
        // Each flag says where the code uses it.
        Assert.Contains("  # used in 1 place: src/Shop.Web/Checkout/CheckoutController.cs:", dir.Read("flags.yaml"), StringComparison.Ordinal);
        Assert.True(File.Exists(dir[".flagkeeper/baseline.json"]));

        var check = CliRunner.Run(dir.Path, "check", ".", "--today", Today);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("PASSED", check.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop")]
    [InlineData("web")]
    public void Init_then_check_is_green_on_each_sample(string sample)
    {
        using var dir = new TempDirectory();
        CopySampleWithoutRegistry(dir, sample);

        var init = CliRunner.Run(dir.Path, "init", ".", "--owner", "team", "--today", Today);
        var check = CliRunner.Run(dir.Path, "check", ".", "--today", Today);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.NotEmpty(RegistryReader.ReadFile(dir["flags.yaml"], "flags.yaml").Registry!.Flags);
    }

    [Fact]
    public void Init_in_a_git_repository_makes_every_gate_green_and_a_new_unregistered_flag_is_then_caught()
    {
        using var sandbox = GitSandbox.Create(registry: null);
        sandbox.Commit("add checkout", ("src/Checkout.cs", "class C { bool On() => features.IsEnabled(\"new-checkout\"); }\n"));

        var init = CliRunner.Run(sandbox.Path, "init", ".", "--owner", "shop", "--today", Today);
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(CliRunner.Run(sandbox.Path, "check", ".", "--today", Today) is { ExitCode: 0 } green, "check after init failed");

        sandbox.Write("src/Search.cs", "class S { bool On() => features.IsEnabled(\"new-search\"); }\n");
        var regression = CliRunner.Run(sandbox.Path, "check", ".", "--gate", "flag-lint", "--today", Today);
        Assert.True(regression.ExitCode == 1, regression.ToString());
        Assert.Contains("new-search", regression.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_registry_is_kept_unless_forced_and_forced_init_registers_the_used_keys_again()
    {
        using var dir = new TempDirectory();
        dir.Write("app.ts", "if (client.isEnabled('beta-search')) {}\n");
        var existing = dir.Write("flags.yaml", "version: 1\nflags:\n  old-flag:\n    owner: x\n    type: operational\n");
        var before = File.ReadAllBytes(existing);

        var refused = CliRunner.Run(dir.Path, "init", ".", "--owner", "web", "--today", Today);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("error FK3017: flags.yaml already exists; `flagkeeper init --force` replaces it", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--help", refused.Stderr, StringComparison.Ordinal); // the hint says what to do instead
        Assert.Equal(before, File.ReadAllBytes(existing));
        Assert.False(File.Exists(dir[".flagkeeper/baseline.json"]));

        var forced = CliRunner.Run(dir.Path, "init", ".", "--owner", "web", "--today", Today, "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(["beta-search"], RegistryReader.ReadFile(existing, "flags.yaml").Registry!.Flags.Select(f => f.Key));
    }

    [Fact]
    public void A_dry_run_prints_a_registry_that_reads_back_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        CopySampleWithoutRegistry(dir);

        var dry = CliRunner.Run(dir.Path, "init", ".", "--owner", "payments", "--today", Today, "--dry-run");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("nothing was written", dry.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["flags.yaml"]));
        Assert.False(Directory.Exists(dir[".flagkeeper"]) && File.Exists(dir[".flagkeeper/baseline.json"]));
        var printed = RegistryReader.Read(dir["flags.yaml"], "flags.yaml", dry.Stdout);
        Assert.True(printed.Succeeded, string.Join("; ", printed.Errors));
        Assert.Equal(UsedKeys(dir), printed.Registry!.Flags.Select(f => f.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_an_owner_init_says_so_and_writes_nothing(string owner)
    {
        using var dir = new TempDirectory();
        dir.Write("app.ts", "if (client.isEnabled('beta-search')) {}\n");

        var result = owner.Length == 0
            ? CliRunner.Run(dir.Path, "init", ".", "--today", Today)
            : CliRunner.Run(dir.Path, "init", ".", "--owner", owner, "--today", Today);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--owner is required", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir["flags.yaml"]));
    }

    [Fact]
    public void Keys_that_are_not_valid_or_already_registered_elsewhere_are_left_out_and_said()
    {
        using var dir = new TempDirectory();
        dir.Write("app.ts", "client.isEnabled('has space'); client.isEnabled('from-settings'); client.isEnabled('fresh');\n");
        dir.Write("appsettings.json", "{ \"FeatureManagement\": { \"from-settings\": true } }\n");

        var init = CliRunner.Run(dir.Path, "init", ".", "--owner", "web", "--today", Today);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Equal(["fresh"], RegistryReader.ReadFile(dir["flags.yaml"], "flags.yaml").Registry!.Flags.Select(f => f.Key));
        Assert.Contains("1 already registered elsewhere", init.Stdout, StringComparison.Ordinal);
        Assert.Contains("'has space' (app.ts:1) is not a valid flag key", init.Stderr, StringComparison.Ordinal);
        // The appsettings flag stays where Microsoft.FeatureManagement declares it: init turns that registry on.
        Assert.Contains("appsettings: true", dir.Read("flagkeeper.yaml"), StringComparison.Ordinal);
        var check = CliRunner.Run(dir.Path, "check", ".", "--today", Today, "--format", "json");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public void A_tree_without_a_flag_check_gets_an_empty_registry_and_a_green_check()
    {
        using var dir = new TempDirectory();
        dir.Write("README.md", "# nothing here\n");

        var init = CliRunner.Run(dir.Path, "init", ".", "--owner", "web", "--today", Today);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("0 flag(s) registered", init.Stdout, StringComparison.Ordinal);
        Assert.True(RegistryReader.ReadFile(dir["flags.yaml"], "flags.yaml").Succeeded);
    }

    private static void CopySampleWithoutRegistry(TempDirectory dir, string name = "shop")
    {
        var sample = Path.Combine(RepositoryPaths.Samples, name);
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(sample, file);
            if (relative is not ("flags.yaml" or "flagkeeper.yaml") && !relative.StartsWith(".flagkeeper", StringComparison.Ordinal)
                && !relative.StartsWith("bin", StringComparison.Ordinal) && !relative.StartsWith("obj", StringComparison.Ordinal))
            {
                dir.Write(relative, File.ReadAllText(file));
            }
        }
    }

    /// <summary>The literal or resolved keys `scan` finds: what init must register.</summary>
    private static List<string> UsedKeys(TempDirectory dir)
    {
        var scan = CliRunner.Run(dir.Path, "scan", ".", "--format", "json", "--no-cache");
        return scan.Json().RootElement.GetProperty("usages").EnumerateArray()
            .Where(u => u.GetProperty("kind").GetString() == "usage")
            .Select(u => u.GetProperty("flag").GetString()!).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
