using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;

namespace Flagkeeper.Analysis.Tests;

public class ConfigLoaderTests
{
    private const string UnknownKey = "FK1002";
    private const string InvalidValue = "FK1003";

    /// <summary>Writes <paramref name="yaml"/> as flagkeeper.yaml in a fresh folder and loads it.</summary>
    private static ConfigLoadResult LoadYaml(string yaml, string fileName = "flagkeeper.yaml")
    {
        using var dir = new TempDirectory();
        dir.Write(fileName, yaml);
        return ConfigLoader.Load(dir.Path);
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static FlagkeeperError SingleError(ConfigLoadResult result, string code)
    {
        var error = Assert.Single(result.Errors);
        Assert.True(error.Code == code, $"expected {code}, got: {error}");
        return error;
    }

    // ---- absent and empty files ----

    [Fact]
    public void Missing_config_file_gives_defaults_and_no_errors()
    {
        using var dir = new TempDirectory();

        var result = ConfigLoader.Load(dir.Path);

        Assert.Empty(result.Errors);
        Assert.Same(FlagkeeperConfig.Default, result.Config);
        Assert.Null(result.Config.SourcePath);
    }

    [Fact]
    public void Default_config_has_the_documented_values()
    {
        var config = FlagkeeperConfig.Default;

        Assert.Empty(config.Registries);
        Assert.False(config.AppSettings);
        Assert.Equal(KeyMatching.Exact, config.KeyMatching);
        Assert.Equal(14, config.ExpiringSoonDays);
        Assert.Equal(2 * 1024 * 1024, config.MaxFileSize);
        Assert.Equal(".flagkeeper/cache", config.CacheDirectory);
        Assert.Equal(RuleCatalog.Gates, config.Gates);
        Assert.Empty(config.Rules);
        Assert.Null(config.Commits.Pattern);
    }

    [Fact]
    public void Empty_config_file_gives_defaults_and_records_its_path()
    {
        var result = LoadYaml("");

        Assert.Empty(result.Errors);
        Assert.Equal("flagkeeper.yaml", result.Config.SourcePath);
        Assert.Equal(FlagkeeperConfig.Default, result.Config with { SourcePath = null });
    }

    [Fact]
    public void Config_file_with_only_comments_gives_defaults()
    {
        var result = LoadYaml("# nothing configured yet\n");

        Assert.Empty(result.Errors);
        Assert.Equal(FlagkeeperConfig.Default, result.Config with { SourcePath = null });
    }

    [Fact]
    public void Flagkeeper_yml_is_found_when_there_is_no_yaml()
    {
        var result = LoadYaml("expiringSoonDays: 3\n", "flagkeeper.yml");

        Assert.Empty(result.Errors);
        Assert.Equal("flagkeeper.yml", result.Config.SourcePath);
        Assert.Equal(3, result.Config.ExpiringSoonDays);
    }

    [Fact]
    public void Flagkeeper_yaml_wins_over_yml_when_both_exist()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "expiringSoonDays: 1\n");
        dir.Write("flagkeeper.yml", "expiringSoonDays: 2\n");

        var result = ConfigLoader.Load(dir.Path);

        Assert.Equal("flagkeeper.yaml", result.Config.SourcePath);
        Assert.Equal(1, result.Config.ExpiringSoonDays);
    }

    // ---- a full configuration ----

    private static readonly string FullConfig = Lines(
        "version: 1",                                           // 1
        "registries: [config/extra-flags.yaml, shared/flags.json]",
        "appsettings: true",
        "include: [\"src/**\", \"lib/**\"]",
        "exclude: [\"legacy/**\"]",                             // 5
        "keyMatching: loose",
        "sdks: [launchdarkly, growthbook]",
        "envPrefixes: [FF_, MY_APP_FEATURE_, APP_FF_]",
        "patterns:",
        "  - id: is-enabled",                                   // 10
        "    regex: 'isEnabled\\(\"(?<key>[^\"]+)\"\\)'",
        "    files: [\"**/*.cs\", \"**/*.ts\"]",
        "  - id: toggle",
        "    regex: 'toggle:(?<key>\\w+)'",
        "production: [\"src/**\"]",                             // 15
        "commits:",
        "  types: [feat, fix, perf]",
        "  pattern: '^(feat|fix|perf): .+'",
        "  exempt: ['^WIP ']",
        "gates: [flag-lint, commit-message]",                   // 20
        "rules:",
        "  missing-owner: warning",
        "  missing-description: off",
        "  unused-flag: error",
        "expiringSoonDays: 30",                                 // 25
        "scan:",
        "  maxFileSize: 1048576",
        "  cacheDir: .cache/fk");

    [Fact]
    public void Full_config_has_no_errors()
    {
        var result = LoadYaml(FullConfig);

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Full_config_binds_the_scalar_settings()
    {
        var config = LoadYaml(FullConfig).Config;

        Assert.Equal("flagkeeper.yaml", config.SourcePath);
        Assert.True(config.AppSettings);
        Assert.Equal(KeyMatching.Loose, config.KeyMatching);
        Assert.Equal(30, config.ExpiringSoonDays);
        Assert.Equal(1048576L, config.MaxFileSize);
        Assert.Equal(".cache/fk", config.CacheDirectory);
    }

    [Fact]
    public void Full_config_binds_the_lists()
    {
        var config = LoadYaml(FullConfig).Config;

        Assert.Equal(["config/extra-flags.yaml", "shared/flags.json"], config.Registries);
        Assert.Equal(["src/**", "lib/**"], config.Include);
        Assert.Equal(["legacy/**"], config.Exclude);
        Assert.Equal(["launchdarkly", "growthbook"], config.Sdks);
        Assert.Equal(["src/**"], config.Production);
        Assert.Equal(["flag-lint", "commit-message"], config.Gates);
    }

    [Fact]
    public void Full_config_binds_the_patterns_with_their_lines()
    {
        var config = LoadYaml(FullConfig).Config;

        Assert.Collection(config.Patterns,
            first =>
            {
                Assert.Equal("is-enabled", first.Id);
                Assert.Equal("isEnabled\\(\"(?<key>[^\"]+)\"\\)", first.Regex);
                Assert.Equal(["**/*.cs", "**/*.ts"], first.Files);
                Assert.Equal(10, first.Line);
            },
            second =>
            {
                Assert.Equal("toggle", second.Id);
                Assert.Equal("toggle:(?<key>\\w+)", second.Regex);
                Assert.Empty(second.Files);
                Assert.Equal(13, second.Line);
            });
    }

    [Fact]
    public void Full_config_binds_the_commit_convention()
    {
        var commits = LoadYaml(FullConfig).Config.Commits;

        Assert.Equal(["feat", "fix", "perf"], commits.Types);
        Assert.Equal("^(feat|fix|perf): .+", commits.Pattern);
        Assert.Equal(["^WIP "], commits.Exempt);
    }

    [Fact]
    public void Full_config_binds_the_rule_severities()
    {
        var rules = LoadYaml(FullConfig).Config.Rules;

        Assert.Equal(3, rules.Count);
        Assert.Equal(RuleSeverity.Warning, rules["missing-owner"]);
        Assert.Equal(RuleSeverity.Off, rules["missing-description"]);
        Assert.Equal(RuleSeverity.Error, rules["unused-flag"]);
    }

    [Fact]
    public void Env_prefixes_come_back_longest_first()
    {
        var config = LoadYaml(FullConfig).Config;

        Assert.Equal(["MY_APP_FEATURE_", "APP_FF_", "FF_"], config.EnvPrefixes);
    }

    [Fact]
    public void Default_env_prefixes_list_a_longer_prefix_before_any_shorter_prefix_of_it()
    {
        // What longest-first is for: VITE_FEATURE_FLAG_X must not be read as flag FLAG_X of VITE_FEATURE_.
        var prefixes = FlagkeeperConfig.Default.EnvPrefixes;

        for (var i = 0; i < prefixes.Count; i++)
        {
            for (var j = i + 1; j < prefixes.Count; j++)
            {
                Assert.False(prefixes[j].StartsWith(prefixes[i], StringComparison.Ordinal),
                    $"'{prefixes[j]}' comes after its own prefix '{prefixes[i]}'");
            }
        }
    }

    [Fact]
    public void Configured_env_prefixes_that_overlap_are_reordered_longest_first()
    {
        var result = LoadYaml("envPrefixes: [FEATURE_, FEATURE_FLAG_]\n");

        Assert.Equal(["FEATURE_FLAG_", "FEATURE_"], result.Config.EnvPrefixes);
    }

    [Fact]
    public void A_single_string_is_taken_as_a_list_of_one()
    {
        var result = LoadYaml("exclude: legacy/**\n");

        Assert.Empty(result.Errors);
        Assert.Equal(["legacy/**"], result.Config.Exclude);
    }

    [Fact]
    public void Keys_left_out_keep_their_defaults()
    {
        var result = LoadYaml("keyMatching: loose\n");

        Assert.Empty(result.Errors);
        Assert.Equal(KeyMatching.Loose, result.Config.KeyMatching);
        Assert.Equal(14, result.Config.ExpiringSoonDays);
        Assert.Equal(FlagkeeperConfig.Default.EnvPrefixes, result.Config.EnvPrefixes);
        Assert.Equal(RuleCatalog.Gates, result.Config.Gates);
    }

    // ---- unknown keys ----

    [Theory]
    [InlineData("keymatching", "keyMatching")]
    [InlineData("exlude", "exclude")]
    [InlineData("expiringSoonDay", "expiringSoonDays")]
    public void Unknown_top_level_key_is_FK1002_with_a_did_you_mean_hint(string typo, string suggestion)
    {
        var result = LoadYaml(Lines("version: 1", $"{typo}: x"));

        var error = SingleError(result, UnknownKey);
        Assert.Contains($"'{typo}'", error.Message);
        Assert.Contains($"did you mean '{suggestion}'", error.Message);
    }

    [Fact]
    public void Unknown_top_level_key_is_located_at_the_key()
    {
        var result = LoadYaml(Lines("version: 1", "# a comment", "exlude: [\"legacy/**\"]"));

        var error = SingleError(result, UnknownKey);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 3, 1), error.Location);
    }

    [Fact]
    public void Unknown_key_that_resembles_nothing_lists_the_known_keys()
    {
        var result = LoadYaml("zzzzzzzzzzzz: 1\n");

        var error = SingleError(result, UnknownKey);
        Assert.DoesNotContain("did you mean", error.Message);
        Assert.Contains("expected one of", error.Message);
        Assert.Contains("keyMatching", error.Message);
    }

    [Fact]
    public void Every_unknown_key_is_reported()
    {
        var result = LoadYaml(Lines("exlude: a", "keymatching: exact", "scan:", "  maxFilesize: 10"));

        Assert.Equal(3, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal(UnknownKey, e.Code));
    }

    [Fact]
    public void Unknown_key_in_scan_is_FK1002_at_its_position()
    {
        var result = LoadYaml(Lines("scan:", "  cacheDir: x", "  maxFilesize: 10"));

        var error = SingleError(result, UnknownKey);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 3, 3), error.Location);
        Assert.Contains("did you mean 'maxFileSize'", error.Message);
    }

    [Fact]
    public void Unknown_key_in_commits_is_FK1002()
    {
        var result = LoadYaml(Lines("commits:", "  type: [feat]"));

        var error = SingleError(result, UnknownKey);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 2, 3), error.Location);
        Assert.Contains("did you mean 'types'", error.Message);
    }

    [Fact]
    public void Unknown_key_in_a_pattern_is_FK1002()
    {
        var result = LoadYaml(Lines("patterns:", "  - id: p", "    regex: '(?<key>x)'", "    file: [\"*.cs\"]"));

        var error = SingleError(result, UnknownKey);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 4, 5), error.Location);
        Assert.Contains("did you mean 'files'", error.Message);
    }

    [Fact]
    public void Unknown_rule_id_is_FK1002()
    {
        var result = LoadYaml(Lines("rules:", "  missing-ownr: off"));

        var error = SingleError(result, UnknownKey);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 2, 3), error.Location);
        Assert.Contains("did you mean 'missing-owner'", error.Message);
    }

    [Fact]
    public void Duplicate_top_level_key_is_reported_at_the_second_key()
    {
        var result = LoadYaml(Lines("expiringSoonDays: 3", "expiringSoonDays: 4"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 2, 1), error.Location);
        Assert.Contains("twice", error.Message);
    }

    [Fact]
    public void Duplicate_top_level_key_is_a_configuration_error()
    {
        // FK1xxx is the configuration range (ErrorCodes); a config problem must not be reported as a registry one.
        var result = LoadYaml(Lines("expiringSoonDays: 3", "expiringSoonDays: 4"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.Configuration, error.Category);
        Assert.StartsWith("FK1", error.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_rule_in_rules_is_reported()
    {
        // At top level a duplicate key is an error; in `rules:` the later one silently won.
        var result = LoadYaml(Lines("rules:", "  missing-owner: off", "  missing-owner: error"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 3, 3), error.Location);
    }

    // ---- wrong values ----

    [Fact]
    public void Expiring_soon_days_that_is_not_a_number_is_FK1003_at_the_value()
    {
        var result = LoadYaml(Lines("version: 1", "expiringSoonDays: soon"));

        var error = SingleError(result, InvalidValue);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 2, 19), error.Location);
        Assert.Equal(14, result.Config.ExpiringSoonDays);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3651")]
    public void Expiring_soon_days_out_of_range_is_FK1003(string days)
    {
        var result = LoadYaml($"expiringSoonDays: {days}\n");

        SingleError(result, InvalidValue);
        Assert.Equal(14, result.Config.ExpiringSoonDays);
    }

    [Fact]
    public void Appsettings_that_is_not_a_boolean_is_FK1003()
    {
        var result = LoadYaml("appsettings: maybe\n");

        var error = SingleError(result, InvalidValue);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 1, 14), error.Location);
        Assert.False(result.Config.AppSettings);
    }

    [Fact]
    public void Key_matching_other_than_exact_or_loose_is_FK1003()
    {
        var result = LoadYaml("keyMatching: fuzzy\n");

        var error = SingleError(result, InvalidValue);
        Assert.Contains("fuzzy", error.Message);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 1, 14), error.Location);
        Assert.Equal(KeyMatching.Exact, result.Config.KeyMatching);
    }

    [Fact]
    public void Rule_severity_other_than_error_warning_or_off_is_FK1003()
    {
        var result = LoadYaml(Lines("rules:", "  missing-owner: fatal"));

        var error = SingleError(result, InvalidValue);
        Assert.Contains("fatal", error.Message);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 2, 18), error.Location);
        Assert.False(result.Config.Rules.ContainsKey("missing-owner"));
    }

    [Fact]
    public void Rules_that_are_not_a_mapping_are_FK1003()
    {
        var result = LoadYaml("rules: [missing-owner]\n");

        SingleError(result, InvalidValue);
    }

    [Fact]
    public void Unknown_gate_name_is_FK1003_at_the_item()
    {
        var result = LoadYaml("gates: [flag-lint, flag-lnt]\n");

        var error = SingleError(result, InvalidValue);
        Assert.Contains("flag-lnt", error.Message);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 1, 20), error.Location);
        Assert.Equal(["flag-lint"], result.Config.Gates);
    }

    [Fact]
    public void Commit_pattern_that_is_not_a_valid_regex_is_FK1003()
    {
        var result = LoadYaml(Lines("commits:", "  pattern: '('"));

        var error = SingleError(result, InvalidValue);
        Assert.Contains("regular expression", error.Message);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 2, 12), error.Location);
        Assert.Null(result.Config.Commits.Pattern);
    }

    [Fact]
    public void Pattern_without_a_regex_is_FK1003()
    {
        var result = LoadYaml(Lines("patterns:", "  - id: no-regex", "    files: [\"*.cs\"]"));

        var error = SingleError(result, InvalidValue);
        Assert.Equal(2, error.Location?.Line);
        Assert.Empty(result.Config.Patterns);
    }

    [Fact]
    public void Pattern_whose_regex_does_not_compile_is_kept_for_the_scanner_to_report_and_skip()
    {
        // The scanner reports a pattern that does not compile (with its config line) and runs the rest,
        // so loading the configuration must not fail on it.
        var result = LoadYaml(Lines("patterns:", "  - id: broken", "    regex: '('"));

        Assert.Empty(result.Errors);
        var pattern = Assert.Single(result.Config.Patterns);
        Assert.Equal(("broken", "(", 2), (pattern.Id, pattern.Regex, pattern.Line));
    }

    [Fact]
    public void Pattern_without_an_id_is_FK1003()
    {
        var result = LoadYaml(Lines("patterns:", "  - regex: '(?<key>x)'"));

        SingleError(result, InvalidValue);
        Assert.Empty(result.Config.Patterns);
    }

    [Fact]
    public void Patterns_that_are_not_a_list_are_FK1003()
    {
        var result = LoadYaml(Lines("patterns:", "  id: p"));

        SingleError(result, InvalidValue);
    }

    [Fact]
    public void Unsupported_version_is_FK1003()
    {
        var result = LoadYaml("version: 2\n");

        var error = SingleError(result, InvalidValue);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 1, 10), error.Location);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("big")]
    public void Max_file_size_that_is_not_a_positive_number_is_FK1003(string size)
    {
        var result = LoadYaml(Lines("scan:", $"  maxFileSize: {size}"));

        SingleError(result, InvalidValue);
        Assert.Equal(FlagkeeperConfig.Default.MaxFileSize, result.Config.MaxFileSize);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("10%")]
    public void Max_file_size_that_is_not_a_whole_number_of_bytes_is_FK1003(string size)
    {
        // A byte count has no fraction and no percent sign; 1.5 must not silently become 1, nor 10% become 10.
        var result = LoadYaml(Lines("scan:", $"  maxFileSize: {size}"));

        SingleError(result, InvalidValue);
        Assert.Equal(FlagkeeperConfig.Default.MaxFileSize, result.Config.MaxFileSize);
    }

    [Fact]
    public void Scan_that_is_not_a_mapping_is_FK1003()
    {
        var result = LoadYaml("scan: fast\n");

        SingleError(result, InvalidValue);
    }

    [Fact]
    public void Registries_given_as_a_mapping_is_FK1003()
    {
        var result = LoadYaml(Lines("registries:", "  a: b"));

        SingleError(result, InvalidValue);
        Assert.Empty(result.Config.Registries);
    }

    [Fact]
    public void Config_that_is_a_list_is_FK1003()
    {
        var result = LoadYaml("- version: 1\n");

        SingleError(result, InvalidValue);
    }

    // ---- syntax errors ----

    [Fact]
    public void Yaml_syntax_error_is_FK1001_with_a_location()
    {
        var result = LoadYaml(Lines("version: 1", "exclude: [\"legacy/**\"", "keyMatching: exact"));

        var error = SingleError(result, "FK1001");
        Assert.NotNull(error.Location);
        Assert.Equal("flagkeeper.yaml", error.Location.Value.File);
        Assert.True(error.Location.Value.Line >= 2, $"expected the error on line 2 or later, got {error.Location}");
        Assert.True(error.Location.Value.Column >= 1);
        Assert.Same(FlagkeeperConfig.Default, result.Config);
    }

    [Fact]
    public void Bad_indentation_is_FK1001()
    {
        var result = LoadYaml(Lines("scan:", "  cacheDir: a", " maxFileSize: 10"));

        var error = SingleError(result, "FK1001");
        Assert.True(error.Location?.Line >= 2, $"got {error.Location}");
    }

    [Fact]
    public void Syntax_error_in_a_yml_file_names_that_file()
    {
        var result = LoadYaml("scan: {cacheDir: x\n", "flagkeeper.yml");

        var error = SingleError(result, "FK1001");
        Assert.Equal("flagkeeper.yml", error.Location?.File);
    }
}
