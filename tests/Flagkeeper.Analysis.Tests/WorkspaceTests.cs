using Flagkeeper.Analysis.Performance;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Tests;

public class WorkspaceTests
{
    private const string CompleteRegistry = """
        version: 1
        flags:
          checkout-v2:
            description: New checkout flow
            owner: team-payments
            type: release
            expires: 2099-12-31
        """;

    private const string RegistryWithoutOwner = """
        version: 1
        flags:
          ownerless:
            description: Nobody owns this
            type: operational
        """;

    private static Workspace Load(TempDirectory dir)
    {
        using var monitor = new PerformanceMonitor();
        return Workspace.Load(dir.Path, monitor);
    }

    private static void AssertNoErrors(Workspace workspace) =>
        Assert.True(workspace.Errors.Count == 0, string.Join("\n", workspace.Errors));

    [Fact]
    public void Load_returns_the_config_and_both_registries_without_errors()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nexpiringSoonDays: 7\nregistries: [config/extra.yaml]\n");
        dir.Write("flags.yaml", CompleteRegistry);
        dir.Write("config/extra.yaml", CompleteRegistry.Replace("checkout-v2", "extra-flag", StringComparison.Ordinal));

        var workspace = Load(dir);

        AssertNoErrors(workspace);
        Assert.Equal(Path.GetFullPath(dir.Path), workspace.Root);
        Assert.Equal("flagkeeper.yaml", workspace.Config.SourcePath);
        Assert.Equal(7, workspace.Config.ExpiringSoonDays);
        Assert.Equal(["config/extra.yaml", "flags.yaml"], workspace.Registries.Registries.Select(r => r.DisplayPath));
    }

    [Fact]
    public void Load_finds_registries_in_nested_folders()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\n");
        dir.Write("services/a/flags.yaml", CompleteRegistry);
        dir.Write("services/b/flags.json",
            """{ "version": 1, "flags": { "b-flag": { "description": "d", "owner": "o", "type": "kill-switch" } } }""");

        var workspace = Load(dir);

        AssertNoErrors(workspace);
        Assert.Equal(["services/a/flags.yaml", "services/b/flags.json"], workspace.Registries.Registries.Select(r => r.DisplayPath));
        Assert.Equal(["checkout-v2", "b-flag"], workspace.Registries.AllFlags.Select(f => f.Flag.Key));
    }

    [Fact]
    public void Load_uses_the_config_when_discovering()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "exclude: [\"legacy/**\"]\n");
        dir.Write("flags.yaml", CompleteRegistry);
        dir.Write("legacy/flags.yaml", "this is: [not valid");

        var workspace = Load(dir);

        AssertNoErrors(workspace);
        Assert.Equal(["flags.yaml"], workspace.Registries.Registries.Select(r => r.DisplayPath));
    }

    [Fact]
    public void Load_with_a_broken_config_returns_its_errors_instead_of_throwing()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nexlude: [\"legacy/**\"]\nexpiringSoonDays: soon\n");
        dir.Write("flags.yaml", CompleteRegistry);

        var workspace = Load(dir);

        Assert.Equal(["FK1002", "FK1003"], workspace.Errors.Select(e => e.Code));
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 2, 1), workspace.Errors[0].Location);
        // The registries are still found, with the default configuration.
        Assert.Equal(["flags.yaml"], workspace.Registries.Registries.Select(r => r.DisplayPath));
    }

    [Fact]
    public void Load_with_a_config_syntax_error_returns_FK1001()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "rules: {missing-owner: off\n");
        dir.Write("flags.yaml", CompleteRegistry);

        var workspace = Load(dir);

        var error = Assert.Single(workspace.Errors);
        Assert.Equal("FK1001", error.Code);
        Assert.Equal("flagkeeper.yaml", error.Location?.File);
    }

    [Fact]
    public void Load_collects_config_and_registry_errors_together()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "registries: [missing/flags.yaml]\n");
        dir.Write("flags.yaml", "version: 1\nflags:\n  x:\n    ownr: me\n");

        var workspace = Load(dir);

        Assert.Equal(["FK1004", "FK3003"], workspace.Errors.Select(e => e.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_of_a_missing_root_reports_FK1006_as_a_value()
    {
        using var dir = new TempDirectory();
        using var monitor = new PerformanceMonitor();

        var workspace = Workspace.Load(dir["nope"], monitor);

        Assert.Equal(["FK1006"], workspace.Errors.Select(e => e.Code));
        Assert.Empty(workspace.Registries.Registries);
        Assert.Equal(dir["nope"], workspace.Root);
    }

    [Fact]
    public void Resolver_finds_a_flag_by_the_registry_that_applies_to_the_file()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  new-checkout:\n    type: operational\n    owner: shop\n    description: d\n");
        using var monitor = new PerformanceMonitor();

        var workspace = Workspace.Load(dir.Path, monitor);

        Assert.Equal("new-checkout", workspace.Resolver.Resolve(dir["src/a.cs"], "new-checkout")?.Key);
        Assert.Null(workspace.Resolver.Resolve(dir["src/a.cs"], "old-checkout"));
    }

    [Fact]
    public void Load_measures_config_loading_and_discovery()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", CompleteRegistry);
        using var monitor = new PerformanceMonitor();

        Workspace.Load(dir.Path, monitor);

        var operations = monitor.Snapshot().Operations.Select(o => o.Operation).ToList();
        Assert.Contains("config.load", operations);
        Assert.Contains("registry.discover", operations);
    }

    // ---- validation ----

    [Fact]
    public void Validate_reports_missing_owner_by_default()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", RegistryWithoutOwner);
        var workspace = Load(dir);
        using var monitor = new PerformanceMonitor();

        var findings = workspace.Validate(monitor);

        var finding = Assert.Single(findings, f => f.Rule == "missing-owner");
        Assert.Equal(RuleSeverity.Error, finding.Severity);
        Assert.Equal("ownerless", finding.Flag);
        Assert.Equal(new SourceLocation("flags.yaml", 3, 3), finding.Location);
    }

    [Fact]
    public void Validate_honours_a_rule_turned_off_in_the_config()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "rules:\n  missing-owner: off\n");
        dir.Write("flags.yaml", RegistryWithoutOwner);
        var workspace = Load(dir);
        using var monitor = new PerformanceMonitor();

        var findings = workspace.Validate(monitor);

        AssertNoErrors(workspace);
        Assert.DoesNotContain(findings, f => f.Rule == "missing-owner");
    }

    [Fact]
    public void Turning_one_rule_off_keeps_the_others()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "rules:\n  missing-owner: off\n");
        dir.Write("flags.yaml", "version: 1\nflags:\n  bare:\n    description: no owner and no type\n");
        var workspace = Load(dir);
        using var monitor = new PerformanceMonitor();

        var findings = workspace.Validate(monitor);

        Assert.DoesNotContain(findings, f => f.Rule == "missing-owner");
        Assert.Contains(findings, f => f.Rule == "missing-type" && f.Flag == "bare");
    }

    [Fact]
    public void Validate_honours_a_rule_downgraded_to_warning()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "rules:\n  missing-owner: warning\n");
        dir.Write("flags.yaml", RegistryWithoutOwner);
        var workspace = Load(dir);
        using var monitor = new PerformanceMonitor();

        var findings = workspace.Validate(monitor);

        Assert.Equal(RuleSeverity.Warning, Assert.Single(findings, f => f.Rule == "missing-owner").Severity);
    }

    [Fact]
    public void Validate_of_a_complete_registry_has_no_findings()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", CompleteRegistry);
        var workspace = Load(dir);
        using var monitor = new PerformanceMonitor();

        var findings = workspace.Validate(monitor);

        Assert.Empty(findings);
        Assert.Contains(monitor.Snapshot().Operations, o => o.Operation == "registry.validate" && o.Count == 1);
    }

    [Fact]
    public void Validate_with_a_replacement_checks_the_replacement_instead_of_the_file()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", CompleteRegistry);
        var workspace = Load(dir);
        var original = Assert.Single(workspace.Registries.Registries);
        var edited = original with
        {
            Flags = [original.Flags[0] with { Owner = null }],
        };

        var findings = workspace.ValidateWith(edited);

        Assert.Contains(findings, f => f.Rule == "missing-owner" && f.Flag == "checkout-v2");
        Assert.Single(findings);
    }
}
