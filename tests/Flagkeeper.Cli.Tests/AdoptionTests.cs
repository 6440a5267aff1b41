using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// A first run on a real project that does not use Flagkeeper yet: what is not recognised is said, not passed
/// silently. The real CLI over real temp folders.
/// </summary>
public partial class AdoptionTests
{
    private const string Today = "2026-12-05";

    /// <summary>Go code whose flags all go through its own wrapper (<c>feature.Switches.On</c>): no shape knows it, and there is no registry.</summary>
    private static void WriteWrappedGoTree(TempDirectory dir)
    {
        dir.Write("go.mod", "module example.com/shop\n\ngo 1.22\n");
        dir.Write("internal/feature/gates.go", "package feature\n\nconst NewCheckout = \"new-checkout\"\n");
        dir.Write("cmd/shop/main.go", "package main\n\nfunc main() {\n\tif feature.Switches.On(feature.NewCheckout) {\n\t\tserve()\n\t}\n}\n");
    }

    // ---------------------------------------------------------------- nothing recognised

    [Fact]
    public void Source_files_without_a_usage_or_a_registry_warn_that_nothing_was_recognised_in_json()
    {
        using var dir = new TempDirectory();
        WriteWrappedGoTree(dir);

        var result = Check(dir, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString()); // a warning does not fail the run
        SchemaFiles.AssertValid(SchemaFiles.Check, result.Stdout, "check");
        var finding = Assert.Single(Findings(result));
        Assert.Equal("nothing-recognised", finding.GetProperty("rule").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("file").ValueKind);
        var message = finding.GetProperty("message").GetString()!;
        Assert.StartsWith("2 source files were scanned, but no flag check was recognised", message, StringComparison.Ordinal);
        Assert.Contains("`patterns:` in flagkeeper.yaml", message, StringComparison.Ordinal);
        Assert.Contains("flagkeeper flags add my-feature", message, StringComparison.Ordinal);
        Assert.Equal(1, result.Json().RootElement.GetProperty("stats").GetProperty("warnings").GetInt32());
        // The finding says it all: the no-registry notice is not repeated beside it.
        Assert.DoesNotContain(result.Json().RootElement.GetProperty("notices").EnumerateArray(), n => n.GetString()!.StartsWith("no registry", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_recognised_is_in_the_text_report_and_the_summary_counts_it()
    {
        using var dir = new TempDirectory();
        WriteWrappedGoTree(dir);

        var result = Check(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("nothing-recognised", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("no flag check was recognised", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("PASSED: 0 errors, 1 warning;", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSED: 0 errors, 0 warnings", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_recognised_is_a_warning_notification_in_sarif()
    {
        using var dir = new TempDirectory();
        WriteWrappedGoTree(dir);

        var result = Check(dir, "--format", "sarif");

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = result.Json().RootElement.GetProperty("runs")[0];
        Assert.Empty(run.GetProperty("results").EnumerateArray());
        var notes = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray().ToList();
        var note = Assert.Single(notes, n => n.GetProperty("message").GetProperty("text").GetString()!.StartsWith("nothing-recognised: ", StringComparison.Ordinal));
        Assert.Equal("warning", note.GetProperty("level").GetString());
        Assert.DoesNotContain(notes, n => n.GetProperty("message").GetProperty("text").GetString()!.Contains("without a file", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_recognised_fails_the_run_when_the_rule_is_made_an_error_and_goes_when_it_is_off()
    {
        using var dir = new TempDirectory();
        WriteWrappedGoTree(dir);

        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  nothing-recognised: error\n");
        var error = Check(dir, "--format", "json");
        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  nothing-recognised: off\n");
        var off = Check(dir, "--format", "json");

        Assert.True(error.ExitCode == 1, error.ToString());
        Assert.Equal("error", Assert.Single(Findings(error)).GetProperty("severity").GetString());
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Empty(Findings(off));
        Assert.Contains(off.Json().RootElement.GetProperty("notices").EnumerateArray(), n => n.GetString()!.StartsWith("no registry", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pattern_for_the_wrapper_or_a_registry_or_no_source_file_means_no_nothing_recognised_warning()
    {
        using var dir = new TempDirectory();
        WriteWrappedGoTree(dir);
        dir.Write("flagkeeper.yaml", "version: 1\npatterns:\n  - id: gates\n    regex: 'feature\\.Switches\\.On\\(feature\\.(?<key>\\w+)\\)'\n");
        var recognised = Check(dir, "--format", "json");

        using var registered = new TempDirectory();
        WriteWrappedGoTree(registered);
        registered.Write("flags.yaml", "version: 1\nflags:\n  new-checkout:\n    description: d\n    owner: o\n    type: operational\n");
        var withRegistry = Check(registered, "--format", "json");

        using var docsOnly = new TempDirectory();
        docsOnly.Write("README.md", "nothing to scan\n");
        var noSource = Check(docsOnly, "--format", "json");

        Assert.DoesNotContain(Findings(recognised), f => f.GetProperty("rule").GetString() == "nothing-recognised");
        Assert.Contains(Findings(recognised), f => f.GetProperty("rule").GetString() == "unregistered-flag");
        Assert.Equal(["unused-flag"], Findings(withRegistry).Select(f => f.GetProperty("rule").GetString()));
        Assert.True(noSource.ExitCode == 0, noSource.ToString());
        Assert.Empty(Findings(noSource));
    }

    // ---------------------------------------------------------------- helpers

    private static CliResult Check(TempDirectory dir, params string[] extra) =>
        CliRunner.Run(dir.Path, ["check", ".", "--gate", "flag-lint", "--today", Today, "--no-cache", .. extra]);

    private static List<JsonElement> Findings(CliResult result) =>
        [.. result.Json().RootElement.GetProperty("gates").EnumerateArray().SelectMany(g => g.GetProperty("findings").EnumerateArray())];
}

/// <summary>Another tool's <c>flags.json</c> (top-level Features and Flights) is not taken for a registry.</summary>
public partial class AdoptionTests
{
    private const string ForeignFlagsJson = "{\n  \"Features\": { \"Beta\": true, \"Nested\": { \"x\": [1, 2] } },\n  \"Flights\": [ { \"Name\": \"f1\" } ]\n}\n";

    [Fact]
    public void A_foreign_flags_json_is_skipped_with_a_note_by_scan_and_check()
    {
        using var dir = new TempDirectory();
        dir.Write("src/App/flags.json", ForeignFlagsJson);
        dir.Write("src/App/Program.cs", "var on = await features.IsEnabledAsync(\"beta\");\n");

        var scan = CliRunner.Run(dir.Path, "scan", ".", "--no-cache");
        var scanJson = CliRunner.Run(dir.Path, "scan", ".", "--no-cache", "--format", "json");
        var check = Check(dir, "--format", "json");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        Assert.Contains("note: src/App/flags.json is not a Flagkeeper registry", scan.Stderr, StringComparison.Ordinal);
        Assert.True(scanJson.ExitCode == 0, scanJson.ToString());
        SchemaFiles.AssertValid(SchemaFiles.Scan, scanJson.Stdout, "scan");
        Assert.Contains(scanJson.Json().RootElement.GetProperty("notices").EnumerateArray(), n => n.GetString()!.StartsWith("src/App/flags.json is not a Flagkeeper registry", StringComparison.Ordinal));
        Assert.True(check.ExitCode == 1, check.ToString()); // the usage is unregistered, nothing more: no input error
        Assert.Empty(check.Json().RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(["unregistered-flag"], Findings(check).Select(f => f.GetProperty("rule").GetString()));
        Assert.Contains(check.Json().RootElement.GetProperty("notices").EnumerateArray(), n => n.GetString()!.StartsWith("src/App/flags.json is not a Flagkeeper registry", StringComparison.Ordinal));
    }

    [Fact]
    public void Init_beside_a_foreign_flags_json_adopts_the_repository_and_leaves_that_file_as_it_is()
    {
        // It refused before ("flags.json already exists, so the repository has a registry") while scan and check
        // skipped the same file as not a registry: init could not adopt such a repository at all.
        using var dir = new TempDirectory();
        var foreign = dir.Write("flags.json", ForeignFlagsJson);
        dir.Write("src/App/Program.cs", "var on = await features.IsEnabledAsync(\"beta\");\n");

        var (init, flags) = InitThenCheck(dir);

        Assert.Contains("note: flags.json is not a Flagkeeper registry", init.Stderr, StringComparison.Ordinal);
        Assert.Equal(ForeignFlagsJson, File.ReadAllText(foreign));
        Assert.Equal(["beta"], flags.Select(f => f.Key));
    }

    [Fact]
    public void Init_imports_the_flags_a_feature_management_flags_json_declares_on_off_and_rolled_out_as_they_were()
    {
        using var dir = new TempDirectory();
        const string featureManagement = "{\n  \"FeatureManagement\": {\n    \"beta\": true,\n    \"old-search\": false,\n    \"dark-mode\": { \"EnabledFor\": [ { \"Name\": \"AlwaysOn\" } ] },\n    \"new-cart\": { \"EnabledFor\": [ { \"Name\": \"Microsoft.Percentage\", \"Parameters\": { \"Value\": 25 } } ] }\n  }\n}\n";
        var foreign = dir.Write("src/App/flags.json", featureManagement);
        dir.Write("src/App/Program.cs", "var on = await features.IsEnabledAsync(\"beta\");\nvar old = await features.IsEnabledAsync(\"old-search\");\n");

        var (init, flags) = InitThenCheck(dir);

        Assert.Contains("imported 4 flag(s) Microsoft.FeatureManagement declares in src/App/flags.json into flags.yaml", init.Stdout, StringComparison.Ordinal);
        Assert.Equal(featureManagement, File.ReadAllText(foreign));
        Assert.Equal([("beta", true, null), ("dark-mode", true, null), ("new-cart", true, 25.0), ("old-search", false, null)],
            flags.Select(f => (f.Key, f.Enabled, f.Rollout)));
        // An unused one says where it came from.
        Assert.Contains("# declared by Microsoft.FeatureManagement in src/App/flags.json at src/App/flags.json:5; no code uses it yet", dir.Read("flags.yaml"), StringComparison.Ordinal);
    }

    /// <summary>Runs init, asserts it and the check after it pass, and returns init's result and the flags it wrote.</summary>
    private static (CliResult Init, IReadOnlyList<Flagkeeper.Registry.FlagDefinition> Flags) InitThenCheck(TempDirectory dir)
    {
        var init = CliRunner.Run(dir.Path, "init", ".", "--owner", "web", "--today", Today);
        var check = CliRunner.Run(dir.Path, "check", ".", "--today", Today, "--no-cache");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(check.ExitCode == 0, check.ToString());
        var registry = Flagkeeper.Loading.RegistryReader.ReadFile(dir["flags.yaml"], "flags.yaml");
        Assert.True(registry.Succeeded, string.Join("; ", registry.Errors));
        return (init, registry.Registry!.Flags);
    }

    [Fact]
    public void A_foreign_flags_json_named_under_registries_is_still_an_error_and_a_json_registry_is_still_read()
    {
        using var named = new TempDirectory();
        named.Write("flags.json", ForeignFlagsJson);
        named.Write("flagkeeper.yaml", "version: 1\nregistries: [flags.json]\n");
        var error = Check(named, "--format", "json");

        using var registry = new TempDirectory();
        registry.Write("flags.json", "{ \"version\": 1, \"flags\": { \"beta\": { \"description\": \"d\", \"owner\": \"o\", \"type\": \"operational\" } } }\n");
        registry.Write("a.ts", "isEnabled('beta');\n");
        var read = Check(registry, "--format", "json");

        using var broken = new TempDirectory();
        broken.Write("flags.json", "{ \"flags\": \n");
        var syntax = Check(broken, "--format", "json");

        Assert.True(error.ExitCode == 2, error.ToString());
        Assert.Contains(error.Json().RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("file").GetString() == "flags.json");
        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Equal(1, read.Json().RootElement.GetProperty("stats").GetProperty("registries").GetInt32());
        Assert.True(syntax.ExitCode == 2, syntax.ToString());
    }
}
