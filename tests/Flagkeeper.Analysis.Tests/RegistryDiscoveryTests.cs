using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;
using Flagkeeper.Validation;

namespace Flagkeeper.Analysis.Tests;

public class RegistryDiscoveryTests
{
    private static readonly FlagkeeperConfig WithAppSettings = FlagkeeperConfig.Default with { AppSettings = true };

    /// <summary>A valid YAML registry declaring <paramref name="key"/>.</summary>
    private static string YamlRegistry(string key) =>
        $"version: 1\nflags:\n  {key}:\n    description: d\n    owner: team-a\n    type: operational\n";

    /// <summary>A valid JSON registry declaring <paramref name="key"/>.</summary>
    private static string JsonRegistry(string key) =>
        $$"""{ "version": 1, "flags": { "{{key}}": { "description": "d", "owner": "team-b", "type": "operational" } } }""";

    private static RegistrySet Discover(TempDirectory dir, FlagkeeperConfig? config = null) =>
        RegistryDiscovery.Discover(dir.Path, config ?? FlagkeeperConfig.Default);

    private static List<string> DisplayPaths(RegistrySet set) => set.Registries.Select(r => r.DisplayPath).ToList();

    private static void AssertNoErrors(RegistrySet set) =>
        Assert.True(set.Errors.Count == 0, string.Join("\n", set.Errors));

    // ---- finding registries ----

    [Fact]
    public void Finds_yaml_yml_and_json_registries_in_a_monorepo()
    {
        using var dir = new TempDirectory();
        dir.Write("services/a/flags.yaml", YamlRegistry("a-flag"));
        dir.Write("services/b/flags.yml", YamlRegistry("b-flag"));
        dir.Write("flags.json", JsonRegistry("root-flag"));

        var set = Discover(dir);

        AssertNoErrors(set);
        Assert.Equal(["flags.json", "services/a/flags.yaml", "services/b/flags.yml"], DisplayPaths(set));
    }

    [Fact]
    public void Discovered_registries_carry_their_flags_kind_and_full_path()
    {
        using var dir = new TempDirectory();
        var yaml = dir.Write("services/a/flags.yaml", YamlRegistry("a-flag"));
        var json = dir.Write("flags.json", JsonRegistry("root-flag"));

        var set = Discover(dir);

        var root = Assert.Single(set.Registries, r => r.DisplayPath == "flags.json");
        Assert.Equal(RegistrySourceKind.Json, root.Kind);
        Assert.Equal(json, root.FullPath);
        Assert.Equal("root-flag", Assert.Single(root.Flags).Key);
        var service = Assert.Single(set.Registries, r => r.DisplayPath == "services/a/flags.yaml");
        Assert.Equal(RegistrySourceKind.Yaml, service.Kind);
        Assert.Equal(yaml, service.FullPath);
        Assert.True(service.IsEditable);
        Assert.Equal("a-flag", Assert.Single(service.Flags).Key);
    }

    [Fact]
    public void Display_path_is_root_relative_with_forward_slashes()
    {
        using var dir = new TempDirectory();
        dir.Write(Path.Combine("deep", "er", "still", "flags.yaml"), YamlRegistry("x"));

        var set = Discover(dir);

        Assert.Equal(["deep/er/still/flags.yaml"], DisplayPaths(set));
        Assert.Equal("deep/er/still/flags.yaml", RegistryDiscovery.DisplayPath(dir.Path, dir[Path.Combine("deep", "er", "still", "flags.yaml")]));
    }

    [Fact]
    public void Files_with_other_names_are_not_registries()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("x"));
        dir.Write("other/flags.yaml.bak", YamlRegistry("y"));
        dir.Write("other/my-flags.yaml", YamlRegistry("z"));
        dir.Write("other/Flags.YAML", YamlRegistry("w"));

        var set = Discover(dir);

        Assert.Equal(["flags.yaml"], DisplayPaths(set));
    }

    [Fact]
    public void Empty_root_gives_no_registries_and_no_errors()
    {
        using var dir = new TempDirectory();

        var set = Discover(dir);

        Assert.Empty(set.Registries);
        Assert.Empty(set.Errors);
        Assert.Equal(Path.GetFullPath(dir.Path), set.Root);
    }

    [Theory]
    [InlineData("node_modules/some-package")]
    [InlineData("node_modules")]
    [InlineData(".git")]
    [InlineData("bin/Debug/net10.0")]
    [InlineData("obj")]
    [InlineData("services/a/bin")]
    [InlineData("web/node_modules/dep")]
    public void Skips_dependency_vcs_and_build_output_folders(string folder)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("kept"));
        dir.Write($"{folder}/flags.yaml", YamlRegistry("skipped"));

        var set = Discover(dir);

        AssertNoErrors(set);
        Assert.Equal(["flags.yaml"], DisplayPaths(set));
    }

    [Fact]
    public void A_folder_merely_named_like_a_skipped_one_is_still_searched()
    {
        using var dir = new TempDirectory();
        dir.Write("binary-tools/flags.yaml", YamlRegistry("kept"));
        dir.Write("objects/flags.yml", YamlRegistry("kept-too"));

        var set = Discover(dir);

        Assert.Equal(["binary-tools/flags.yaml", "objects/flags.yml"], DisplayPaths(set));
    }

    [Fact]
    public void Does_not_follow_a_directory_symbolic_link()
    {
        using var outside = new TempDirectory();
        outside.Write("flags.yaml", YamlRegistry("outside-flag"));
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("inside-flag"));
        var link = dir["linked"];
        Directory.CreateSymbolicLink(link, outside.Path);
        try
        {
            // The link works: the outside registry is reachable through it.
            Assert.True(File.Exists(Path.Combine(link, "flags.yaml")));

            var set = Discover(dir);

            AssertNoErrors(set);
            Assert.Equal(["flags.yaml"], DisplayPaths(set));
            Assert.DoesNotContain(set.AllFlags, f => f.Flag.Key == "outside-flag");
        }
        finally
        {
            Directory.Delete(link);
        }
    }

    // ---- configured registries ----

    [Fact]
    public void Registry_listed_in_the_config_is_loaded()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("root-flag"));
        dir.Write("config/extra-flags.yaml", YamlRegistry("extra-flag"));

        var set = Discover(dir, FlagkeeperConfig.Default with { Registries = ["config/extra-flags.yaml"] });

        AssertNoErrors(set);
        Assert.Equal(["config/extra-flags.yaml", "flags.yaml"], DisplayPaths(set));
        Assert.Contains(set.AllFlags, f => f.Flag.Key == "extra-flag");
    }

    [Fact]
    public void Registry_not_named_flags_is_ignored_unless_listed()
    {
        using var dir = new TempDirectory();
        dir.Write("config/extra-flags.yaml", YamlRegistry("extra-flag"));

        var set = Discover(dir);

        Assert.Empty(set.Registries);
    }

    [Fact]
    public void Registry_both_discovered_and_listed_is_loaded_once()
    {
        using var dir = new TempDirectory();
        dir.Write("services/a/flags.yaml", YamlRegistry("a-flag"));

        var set = Discover(dir, FlagkeeperConfig.Default with { Registries = ["services/a/flags.yaml"] });

        AssertNoErrors(set);
        Assert.Equal(["services/a/flags.yaml"], DisplayPaths(set));
    }

    [Fact]
    public void Missing_listed_registry_is_FK1004()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("root-flag"));

        var set = Discover(dir, FlagkeeperConfig.Default with { Registries = ["config/missing.yaml"], SourcePath = "flagkeeper.yaml" });

        var error = Assert.Single(set.Errors);
        Assert.Equal("FK1004", error.Code);
        Assert.Contains("config/missing.yaml", error.Message);
        Assert.Equal(["flags.yaml"], DisplayPaths(set));
    }

    [Fact]
    public void Exclude_glob_skips_registries_under_that_folder()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("root-flag"));
        dir.Write("legacy/flags.yaml", YamlRegistry("old-flag"));
        dir.Write("legacy/module/flags.json", JsonRegistry("older-flag"));
        dir.Write("services/legacy-adapter/flags.yaml", YamlRegistry("adapter-flag"));

        var set = Discover(dir, FlagkeeperConfig.Default with { Exclude = ["legacy/**"] });

        AssertNoErrors(set);
        Assert.Equal(["flags.yaml", "services/legacy-adapter/flags.yaml"], DisplayPaths(set));
    }

    // ---- errors ----

    [Fact]
    public void Broken_registry_reports_its_error_while_the_others_still_load()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("root-flag"));
        dir.Write("services/good/flags.yaml", YamlRegistry("good-flag"));
        dir.Write("services/bad/flags.yaml", "version: 1\nflags:\n  broken:\n    ownr: team\n");

        var set = Discover(dir);

        var error = Assert.Single(set.Errors);
        Assert.Equal("FK3003", error.Code);
        Assert.Equal(new SourceLocation("services/bad/flags.yaml", 4, 5), error.Location);
        Assert.Equal(["flags.yaml", "services/good/flags.yaml"], DisplayPaths(set));
    }

    [Fact]
    public void Registry_with_a_syntax_error_reports_file_line_and_column()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("root-flag"));
        dir.Write("services/bad/flags.json", "{\n  \"version\": 1,\n  \"flags\": {\n    \"x\": { \"owner\": }\n  }\n}\n");

        var set = Discover(dir);

        var error = Assert.Single(set.Errors);
        Assert.Equal("FK3001", error.Code);
        Assert.Equal("services/bad/flags.json", error.Location?.File);
        Assert.Equal(4, error.Location?.Line);
        Assert.True(error.Location?.Column > 1, $"got {error.Location}");
        Assert.Equal(["flags.yaml"], DisplayPaths(set));
    }

    [Fact]
    public void Json_syntax_error_column_counts_characters_not_utf8_bytes()
    {
        // SourceLocation columns are UTF-16 code units; 'x' is the 19th character of the line
        // (each 'é' is one character but two UTF-8 bytes).
        using var dir = new TempDirectory();
        dir.Write("flags.json", "{\"flags\": {\"ééé\": x}}");

        var set = Discover(dir);

        var error = Assert.Single(set.Errors);
        Assert.Equal("FK3001", error.Code);
        Assert.Equal(new SourceLocation("flags.json", 1, 19), error.Location);
    }

    [Fact]
    public void Json_ascii_syntax_error_column_points_at_the_bad_token()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.json", "{\"flags\": {\"abc\": x}}");

        var set = Discover(dir);

        Assert.Equal(new SourceLocation("flags.json", 1, 19), Assert.Single(set.Errors).Location);
    }

    [Fact]
    public void Json_unknown_field_column_counts_characters_after_non_ascii_text()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.json", "{\"version\": 1, \"flags\": {\"ééé\": {\"ownr\": \"x\"}}}");

        var set = Discover(dir);

        var error = Assert.Single(set.Errors);
        Assert.Equal("FK3003", error.Code);
        // {"version": 1, "flags": {"ééé": {  is 33 characters (36 UTF-8 bytes), so "ownr" starts at column 34.
        Assert.Equal(new SourceLocation("flags.json", 1, 34), error.Location);
    }

    [Fact]
    public void Errors_from_several_broken_registries_are_all_reported_in_path_order()
    {
        using var dir = new TempDirectory();
        dir.Write("b/flags.yaml", "");
        dir.Write("a/flags.yaml", "version: 1\nflags:\n  x:\n    ownr: me\n");

        var set = Discover(dir);

        Assert.Equal(["a/flags.yaml", "b/flags.yaml"], set.Errors.Select(e => e.Location?.File));
        Assert.Equal(["FK3003", "FK3002"], set.Errors.Select(e => e.Code));
        Assert.Empty(set.Registries);
    }

    [Fact]
    public void Root_that_does_not_exist_throws_FK1006()
    {
        using var dir = new TempDirectory();
        var missing = dir["does-not-exist"];

        var ex = Assert.Throws<FlagkeeperException>(() => RegistryDiscovery.Discover(missing, FlagkeeperConfig.Default));

        Assert.Equal("FK1006", ex.Error.Code);
    }

    [Fact]
    public void Root_that_is_a_file_throws_FK1006()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("flags.yaml", YamlRegistry("x"));

        var ex = Assert.Throws<FlagkeeperException>(() => RegistryDiscovery.Discover(file, FlagkeeperConfig.Default));

        Assert.Equal("FK1006", ex.Error.Code);
    }

    // ---- appsettings ----

    private const string DotnetSchemaAppSettings = """
        {
          "Logging": { "LogLevel": { "Default": "Information" } },
          "FeatureManagement": {
            "Beta": true,
            "Legacy": false,
            "Gradual": {
              "EnabledFor": [
                { "Name": "Microsoft.Percentage", "Parameters": { "Value": 30 } }
              ]
            }
          }
        }
        """;

    private const string MicrosoftSchemaAppSettings = """
        {
          "feature_management": {
            "feature_flags": [
              { "id": "x", "enabled": true },
              { "id": "y", "enabled": false, "description": "why y" }
            ]
          }
        }
        """;

    private static TempDirectory AppSettingsRepo()
    {
        var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("yaml-flag"));
        dir.Write("src/Api/appsettings.json", DotnetSchemaAppSettings);
        dir.Write("src/Api/appsettings.Production.json", MicrosoftSchemaAppSettings);
        dir.Write("src/Api/appsettings.Development.json", """{ "Logging": { "LogLevel": { "Default": "Debug" } } }""");
        return dir;
    }

    private static FlagDefinition Flag(RegistrySet set, string displayPath, string key)
    {
        var registry = Assert.Single(set.Registries, r => r.DisplayPath == displayPath);
        return Assert.Single(registry.Flags, f => f.Key == key);
    }

    [Fact]
    public void Appsettings_are_not_loaded_by_default()
    {
        using var dir = AppSettingsRepo();

        var set = Discover(dir);

        AssertNoErrors(set);
        Assert.Equal(["flags.yaml"], DisplayPaths(set));
    }

    [Fact]
    public void Appsettings_with_feature_sections_are_loaded_when_enabled()
    {
        using var dir = AppSettingsRepo();

        var set = Discover(dir, WithAppSettings);

        AssertNoErrors(set);
        // appsettings.Development.json has no feature section, so it is not a registry.
        Assert.Equal(["flags.yaml", "src/Api/appsettings.Production.json", "src/Api/appsettings.json"], DisplayPaths(set));
    }

    [Fact]
    public void Appsettings_registries_are_read_only()
    {
        using var dir = AppSettingsRepo();

        var set = Discover(dir, WithAppSettings);

        var appSettings = set.Registries.Where(r => r.DisplayPath.Contains("appsettings", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, appSettings.Count);
        Assert.All(appSettings, r =>
        {
            Assert.Equal(RegistrySourceKind.AppSettings, r.Kind);
            Assert.False(r.IsEditable);
        });
        Assert.True(set.Registries.Single(r => r.DisplayPath == "flags.yaml").IsEditable);
    }

    [Fact]
    public void Appsettings_dotnet_schema_boolean_sets_enabled()
    {
        using var dir = AppSettingsRepo();

        var set = Discover(dir, WithAppSettings);

        var beta = Flag(set, "src/Api/appsettings.json", "Beta");
        Assert.True(beta.Enabled);
        Assert.Null(beta.Rollout);
        Assert.Equal(new SourceLocation("src/Api/appsettings.json", 4, 5), beta.Location);
        Assert.False(Flag(set, "src/Api/appsettings.json", "Legacy").Enabled);
    }

    [Fact]
    public void Appsettings_dotnet_schema_percentage_filter_sets_enabled_and_rollout()
    {
        using var dir = AppSettingsRepo();

        var set = Discover(dir, WithAppSettings);

        var gradual = Flag(set, "src/Api/appsettings.json", "Gradual");
        Assert.True(gradual.Enabled);
        Assert.Equal(30, gradual.Rollout);
    }

    [Fact]
    public void Appsettings_microsoft_schema_flags_are_loaded()
    {
        using var dir = AppSettingsRepo();

        var set = Discover(dir, WithAppSettings);

        var registry = Assert.Single(set.Registries, r => r.DisplayPath == "src/Api/appsettings.Production.json");
        Assert.Equal(["x", "y"], registry.Flags.Select(f => f.Key));
        Assert.True(Flag(set, "src/Api/appsettings.Production.json", "x").Enabled);
        var y = Flag(set, "src/Api/appsettings.Production.json", "y");
        Assert.False(y.Enabled);
        Assert.Equal("why y", y.Description);
    }

    [Fact]
    public void Appsettings_with_comments_and_trailing_commas_are_read()
    {
        using var dir = new TempDirectory();
        dir.Write("appsettings.json", """
            {
              // feature switches
              "FeatureManagement": {
                "Beta": true, /* on everywhere */
              },
            }
            """);

        var set = Discover(dir, WithAppSettings);

        AssertNoErrors(set);
        Assert.True(Flag(set, "appsettings.json", "Beta").Enabled);
    }

    [Fact]
    public void Appsettings_in_bin_folders_are_skipped()
    {
        using var dir = AppSettingsRepo();
        dir.Write("src/Api/bin/Debug/net10.0/appsettings.json", DotnetSchemaAppSettings);

        var set = Discover(dir, WithAppSettings);

        Assert.DoesNotContain(set.Registries, r => r.DisplayPath.Contains("/bin/", StringComparison.Ordinal));
    }

    [Fact]
    public void Validating_appsettings_registries_reports_missing_owner_and_type()
    {
        using var dir = AppSettingsRepo();
        var set = Discover(dir, WithAppSettings);

        var findings = new RegistryValidator().Validate(set.Registries);

        foreach (var (file, key) in new[] { ("src/Api/appsettings.json", "Beta"), ("src/Api/appsettings.json", "Gradual"), ("src/Api/appsettings.Production.json", "x") })
        {
            Assert.Contains(findings, f => f.Rule == "missing-owner" && f.Flag == key && f.Location?.File == file && f.Severity == RuleSeverity.Error);
            Assert.Contains(findings, f => f.Rule == "missing-type" && f.Flag == key && f.Location?.File == file && f.Severity == RuleSeverity.Error);
        }
        // The YAML registry is complete, so it has no such findings.
        Assert.DoesNotContain(findings, f => f.Flag == "yaml-flag");
    }

    [Fact]
    public void Appsettings_feature_with_a_wrong_type_is_an_error_with_its_location()
    {
        using var dir = new TempDirectory();
        dir.Write("appsettings.json", "{\n  \"FeatureManagement\": {\n    \"Beta\": [1, 2]\n  }\n}\n");

        var set = Discover(dir, WithAppSettings);

        var error = Assert.Single(set.Errors);
        Assert.Equal("FK3004", error.Code);
        Assert.Equal("appsettings.json", error.Location?.File);
        Assert.Equal(3, error.Location?.Line);
        Assert.Empty(set.Registries);
    }

    // ---- scopes ----

    [Fact]
    public void Applying_to_returns_the_nearest_registry_first()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("root-flag"));
        dir.Write("services/a/flags.yaml", YamlRegistry("a-flag"));
        dir.Write("services/a/web/flags.json", JsonRegistry("web-flag"));
        dir.Write("services/b/flags.yaml", YamlRegistry("b-flag"));
        var set = Discover(dir);
        var file = Path.Combine(set.Root, "services", "a", "web", "src", "app.ts");

        var applying = set.ApplyingTo(file).Select(r => r.DisplayPath).ToList();

        Assert.Equal(["services/a/web/flags.json", "services/a/flags.yaml", "flags.yaml"], applying);
    }

    [Fact]
    public void Applying_to_excludes_sibling_scopes()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("root-flag"));
        dir.Write("services/a/flags.yaml", YamlRegistry("a-flag"));
        dir.Write("services/ab/flags.yaml", YamlRegistry("ab-flag"));
        var set = Discover(dir);
        var file = Path.Combine(set.Root, "services", "ab", "main.go");

        var applying = set.ApplyingTo(file).Select(r => r.DisplayPath).ToList();

        Assert.Equal(["services/ab/flags.yaml", "flags.yaml"], applying);
    }

    [Fact]
    public void Declaring_finds_the_registries_that_declare_a_key()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", YamlRegistry("shared"));
        dir.Write("services/a/flags.yaml", YamlRegistry("shared"));
        dir.Write("services/b/flags.yaml", YamlRegistry("b-flag"));
        var set = Discover(dir);

        Assert.Equal(["flags.yaml", "services/a/flags.yaml"], set.Declaring("shared").Select(r => r.DisplayPath));
        Assert.Empty(set.Declaring("nope"));
    }
}
