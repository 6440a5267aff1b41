using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Loading;
using Flagkeeper.Registry;
using static Flagkeeper.Tests.TestRegistries;

namespace Flagkeeper.Tests;

/// <summary>Binding flags.yaml / flags.json (schema 1) to <see cref="FlagDefinition"/>s, and the structural errors.</summary>
public class RegistryReaderTests
{
    private const string FullYaml = """
        version: 1
        environments: [production, staging]
        flags:
          checkout-v2:
            description: New checkout flow
            owner: team-payments
            type: release
            expires: 2027-03-31
            enabled: true
            default: true
            rollout: 25
            environments:
              production: { enabled: false, rollout: 5 }
              staging:
                rollout: 50.5
            requires: [payments-api]
            aliases: [checkoutV2, "checkout.v2"]
            created: 2026-01-15
            task: PAY-123
            tags: [checkout, q1]
          payments-api:
            description: d
            owner: o
            type: operational
        """;

    private const string FullJson = """
        {
          "version": 1,
          "environments": ["production", "staging"],
          "flags": {
            "checkout-v2": {
              "description": "New checkout flow",
              "owner": "team-payments",
              "type": "release",
              "expires": "2027-03-31",
              "enabled": true,
              "default": true,
              "rollout": 25,
              "environments": {
                "production": { "enabled": false, "rollout": 5 },
                "staging": { "rollout": 50.5 }
              },
              "requires": ["payments-api"],
              "aliases": ["checkoutV2", "checkout.v2"],
              "created": "2026-01-15",
              "task": "PAY-123",
              "tags": ["checkout", "q1"]
            },
            "payments-api": { "description": "d", "owner": "o", "type": "operational" }
          }
        }
        """;

    private static void AssertFullFlag(FlagRegistry registry)
    {
        Assert.Equal(1, registry.Version);
        Assert.Equal(["production", "staging"], registry.Environments!);
        Assert.Equal(["checkout-v2", "payments-api"], registry.Flags.Select(f => f.Key));
        Assert.Empty(registry.DuplicateKeys);

        var flag = registry.Find("checkout-v2")!;
        Assert.Equal("New checkout flow", flag.Description);
        Assert.Equal("team-payments", flag.Owner);
        Assert.Equal("release", flag.TypeText);
        Assert.Equal(FlagType.Release, flag.Type);
        Assert.Equal("2027-03-31", flag.ExpiresText);
        Assert.Equal(new DateOnly(2027, 3, 31), flag.Expires);
        Assert.True(flag.Enabled);
        Assert.True(flag.Default);
        Assert.Equal(25, flag.Rollout);
        Assert.Equal(2, flag.Environments.Count);
        Assert.Equal(("production", false, 5.0), (flag.Environments[0].Name, flag.Environments[0].Enabled, flag.Environments[0].Rollout));
        Assert.Equal(("staging", (bool?)null, 50.5), (flag.Environments[1].Name, flag.Environments[1].Enabled, flag.Environments[1].Rollout));
        Assert.Equal(["payments-api"], flag.Requires.Select(r => r.Key));
        Assert.Equal(["checkoutV2", "checkout.v2"], flag.Aliases);
        Assert.Equal("2026-01-15", flag.CreatedText);
        Assert.Equal(new DateOnly(2026, 1, 15), flag.Created);
        Assert.Equal("PAY-123", flag.Task);
        Assert.Equal(["checkout", "q1"], flag.Tags);
    }

    [Fact]
    public void Yaml_flag_with_every_field_binds_every_value()
    {
        using var dir = new TempDirectory();

        var registry = LoadOk(dir, "flags.yaml", FullYaml);

        AssertFullFlag(registry);
        Assert.Equal(RegistrySourceKind.Yaml, registry.Kind);
        Assert.Equal(dir["flags.yaml"], registry.FullPath);
        Assert.Equal("flags.yaml", registry.DisplayPath);
        Assert.Equal(dir.Path, registry.ScopeDirectory);
    }

    [Fact]
    public void Json_flag_with_every_field_binds_the_same_values()
    {
        using var dir = new TempDirectory();

        var registry = LoadOk(dir, "flags.json", FullJson);

        AssertFullFlag(registry);
        Assert.Equal(RegistrySourceKind.Json, registry.Kind);
    }

    [Fact]
    public void Yaml_locations_point_at_keys_and_values()
    {
        using var dir = new TempDirectory();

        var flag = LoadOk(dir, "flags.yaml", FullYaml).Find("checkout-v2")!;

        Assert.Equal(new SourceLocation("flags.yaml", 4, 3), flag.Location);
        Assert.Equal(new SourceLocation("flags.yaml", 11, 14), flag.LocationOf("rollout"));
        Assert.Equal(new SourceLocation("flags.yaml", 13, 7), flag.Environments[0].Location);
        Assert.Equal(new SourceLocation("flags.yaml", 16, 16), flag.Requires[0].Location);
        Assert.Equal(flag.Location, flag.LocationOf("no-such-field"));
    }

    [Fact]
    public void Json_locations_point_at_keys_and_values()
    {
        using var dir = new TempDirectory();

        var flag = LoadOk(dir, "flags.json", FullJson).Find("checkout-v2")!;

        Assert.Equal(new SourceLocation("flags.json", 5, 5), flag.Location);
        Assert.Equal(new SourceLocation("flags.json", 12, 18), flag.LocationOf("rollout"));
    }

    [Fact]
    public void Absent_fields_take_their_defaults()
    {
        using var dir = new TempDirectory();

        var flag = LoadOk(dir, "flags.yaml", "version: 1\nflags:\n  bare:\n    owner: o\n").Flags.Single();

        Assert.False(flag.Enabled);
        Assert.False(flag.Default);
        Assert.Null(flag.Rollout);
        Assert.Equal((false, 100.0), flag.In(null));
        Assert.Null(flag.Description);
        Assert.Null(flag.TypeText);
        Assert.Null(flag.Type);
        Assert.Null(flag.Expires);
        Assert.Empty(flag.Environments);
        Assert.Empty(flag.Requires);
        Assert.Empty(flag.Aliases);
        Assert.Empty(flag.Tags);
    }

    [Fact]
    public void Flag_with_nothing_under_its_key_is_registered_with_defaults()
    {
        using var dir = new TempDirectory();

        var registry = LoadOk(dir, "flags.yaml", "version: 1\nflags:\n  empty:\n  other: ~\n");

        Assert.Equal(["empty", "other"], registry.Flags.Select(f => f.Key));
        Assert.All(registry.Flags, f => Assert.Null(f.Owner));
    }

    [Fact]
    public void Missing_version_means_version_1_and_missing_flags_means_no_flags()
    {
        using var dir = new TempDirectory();

        var registry = LoadOk(dir, "flags.yaml", "environments: [prod]\n");

        Assert.Equal(1, registry.Version);
        Assert.Empty(registry.Flags);
        Assert.Null(LoadOk(dir, "flags.yaml", "flags:\n").Environments);
    }

    [Fact]
    public void Unknown_top_level_field_is_FK3003_at_the_key_with_a_hint()
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.yaml", "version: 1\nflag:\n  a:\n    owner: o\n"));

        Assert.Equal("FK3003", error.Code);
        Assert.Equal(new SourceLocation("flags.yaml", 2, 1), error.Location);
        Assert.Contains("'flag'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'flags'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_flag_field_is_FK3003_at_the_key_with_a_did_you_mean_hint()
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.yaml", "version: 1\nflags:\n  a:\n    description: d\n    ownr: team\n"));

        Assert.Equal("FK3003", error.Code);
        Assert.Equal(new SourceLocation("flags.yaml", 5, 5), error.Location);
        Assert.Contains("did you mean 'owner'?", error.Message, StringComparison.Ordinal);
        Assert.Contains("flag 'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_far_from_any_known_one_lists_the_allowed_fields()
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.yaml", "version: 1\nflags:\n  a:\n    xyzzyplugh: 1\n"));

        Assert.Equal("FK3003", error.Code);
        Assert.Contains("expected one of: description, owner", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_environment_override_field_is_FK3003()
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.yaml", "flags:\n  a:\n    environments:\n      prod: { enable: true }\n"));

        Assert.Equal("FK3003", error.Code);
        Assert.Equal(new SourceLocation("flags.yaml", 4, 15), error.Location);
        Assert.Contains("did you mean 'enabled'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_unknown_field_is_reported_at_once()
    {
        using var dir = new TempDirectory();

        var result = Load(dir, "flags.yaml", "version: 1\nflags:\n  a:\n    ownr: o\n    typ: release\n");

        Assert.Null(result.Registry);
        Assert.Equal([4, 5], result.Errors.Select(e => e.Location!.Value.Line));
        Assert.All(result.Errors, e => Assert.Equal("FK3003", e.Code));
    }

    public static TheoryData<string, int, int> WrongTypes => new()
    {
        // flag body line(s), error line, error column
        { "    enabled: maybe\n", 4, 14 },
        { "    enabled: \"true\"\n", 4, 14 },
        { "    enabled: 1\n", 4, 14 },
        { "    default: [true]\n", 4, 14 },
        { "    rollout: abc\n", 4, 14 },
        { "    rollout: [1]\n", 4, 14 },
        { "    rollout: \"50\"\n", 4, 14 },
        { "    owner: {a: 1}\n", 4, 12 },
        { "    description: [a, b]\n", 4, 18 },
        { "    requires: {a: 1}\n", 4, 15 },
        { "    tags: [ok, [nested]]\n", 4, 16 },
        { "    environments: [production]\n", 4, 19 },
        { "    environments:\n      prod: { enabled: sometimes }\n", 5, 24 },
        { "    environments:\n      prod: 5\n", 5, 13 },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Value_of_the_wrong_type_is_FK3004_at_the_value(string body, int line, int column)
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.yaml", "version: 1\nflags:\n  a:\n" + body));

        Assert.Equal("FK3004", error.Code);
        Assert.Equal(new SourceLocation("flags.yaml", line, column), error.Location);
        Assert.Contains(" must be ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version: one\nflags:\n", 1, 10)]
    [InlineData("version: 1\nflags: [a, b]\n", 2, 8)]
    [InlineData("version: 1\nflags:\n  a: yes\n", 3, 6)]
    [InlineData("version: 1\nenvironments: {prod: 1}\n", 2, 15)]
    [InlineData("- a\n- b\n", 1, 1)]
    [InlineData("just a scalar\n", 1, 1)]
    public void Wrong_shape_at_the_top_is_FK3004(string text, int line, int column)
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.yaml", text));

        Assert.Equal("FK3004", error.Code);
        Assert.Equal(new SourceLocation("flags.yaml", line, column), error.Location);
    }

    [Fact]
    public void Json_string_for_a_boolean_is_FK3004()
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.json", "{\"flags\": {\"a\": {\"enabled\": \"true\"}}}"));

        Assert.Equal("FK3004", error.Code);
        Assert.Equal(new SourceLocation("flags.json", 1, 29), error.Location);
    }

    [Theory]
    [InlineData("version: 2\nflags:\n")]
    [InlineData("version: 0\nflags:\n")]
    public void Unsupported_version_is_FK3005_at_the_value(string text)
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.yaml", text));

        Assert.Equal("FK3005", error.Code);
        Assert.Equal(new SourceLocation("flags.yaml", 1, 10), error.Location);
    }

    [Fact]
    public void Duplicate_field_inside_a_flag_is_FK3014_at_the_second_key()
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.yaml", "version: 1\nflags:\n  a:\n    owner: x\n    rollout: 5\n    owner: y\n"));

        Assert.Equal("FK3014", error.Code);
        Assert.Equal(new SourceLocation("flags.yaml", 6, 5), error.Location);
        Assert.Contains("'owner'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version: 1\nversion: 1\nflags:\n", 2, 1)]
    [InlineData("flags:\n  a:\n    environments:\n      prod: {}\n      prod: {}\n", 5, 7)]
    [InlineData("flags:\n  a:\n    environments:\n      prod: { rollout: 1, rollout: 2 }\n", 4, 27)]
    public void Duplicate_field_elsewhere_is_FK3014(string text, int line, int column)
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.yaml", text));

        Assert.Equal("FK3014", error.Code);
        Assert.Equal(new SourceLocation("flags.yaml", line, column), error.Location);
    }

    [Theory]
    [InlineData(3)] // compared pair by pair
    [InlineData(40)] // compared through a set
    public void A_key_written_three_times_is_reported_twice_in_a_mapping_of_any_size(int environments)
    {
        using var dir = new TempDirectory();
        var text = new System.Text.StringBuilder("version: 1\nflags:\n  a:\n    environments:\n");
        for (var i = 0; i < environments; i++)
        {
            text.Append($"      env-{(i == 1 || i == environments - 1 ? 0 : i)}: {{}}\n");
        }

        var errors = Load(dir, "flags.yaml", text.ToString()).Errors;

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("FK3014", e.Code));
        Assert.All(errors, e => Assert.Contains("'env-0'", e.Message, StringComparison.Ordinal));
        Assert.Equal<int?>([6, 4 + environments], errors.Select(e => e.Location?.Line));
    }

    [Fact]
    public void Duplicate_field_in_json_is_FK3014()
    {
        using var dir = new TempDirectory();

        var error = SingleError(Load(dir, "flags.json", "{\"flags\": {\"a\": {\"owner\": \"x\", \"owner\": \"y\"}}}"));

        Assert.Equal("FK3014", error.Code);
    }

    [Fact]
    public void Duplicate_flag_key_is_recorded_not_an_error_and_the_first_wins()
    {
        using var dir = new TempDirectory();

        var result = Load(dir, "flags.yaml", "version: 1\nflags:\n  a:\n    owner: first\n  b:\n  a:\n    owner: second\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var registry = result.Registry!;
        Assert.Equal(["a", "b"], registry.Flags.Select(f => f.Key));
        Assert.Equal("first", registry.Find("a")!.Owner);
        var duplicate = Assert.Single(registry.DuplicateKeys);
        Assert.Equal("a", duplicate.Key);
        Assert.Equal(new SourceLocation("flags.yaml", 6, 3), duplicate.Location);
    }

    [Fact]
    public void Bom_and_crlf_file_reads_with_correct_line_numbers()
    {
        using var dir = new TempDirectory();
        var text = "# registry\nversion: 1\nflags:\n  a:\n    owner: o\n    rollout: 30\n".Replace("\n", "\r\n");
        var path = dir.WriteBytes("flags.yaml", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        var result = RegistryReader.ReadFile(path, "flags.yaml");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var flag = result.Registry!.Flags.Single();
        Assert.Equal("o", flag.Owner);
        Assert.Equal(30, flag.Rollout);
        Assert.Equal(new SourceLocation("flags.yaml", 4, 3), flag.Location);
        Assert.Equal(new SourceLocation("flags.yaml", 6, 14), flag.LocationOf("rollout"));
    }

    [Fact]
    public void Bom_and_crlf_file_reports_errors_on_the_right_line()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\r\nflags:\r\n  a:\r\n    ownr: o\r\n";
        var path = dir.WriteBytes("flags.yaml", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        var error = SingleError(RegistryReader.ReadFile(path, "flags.yaml"));

        Assert.Equal(new SourceLocation("flags.yaml", 4, 5), error.Location);
    }

    [Theory]
    [InlineData("25%", 25)]
    [InlineData("12.5%", 12.5)]
    [InlineData("0", 0)]
    [InlineData("100", 100)]
    [InlineData("33.3", 33.3)]
    public void Rollout_reads_numbers_and_percentages(string written, double expected)
    {
        using var dir = new TempDirectory();

        var flag = LoadOk(dir, "flags.yaml", $"flags:\n  a:\n    rollout: {written}\n").Flags.Single();

        Assert.Equal(expected, flag.Rollout);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("True", true)]
    [InlineData("FALSE", false)]
    [InlineData("~", false)]
    public void Enabled_reads_true_and_false_in_any_case(string written, bool expected)
    {
        using var dir = new TempDirectory();

        var flag = LoadOk(dir, "flags.yaml", $"flags:\n  a:\n    enabled: {written}\n").Flags.Single();

        Assert.Equal(expected, flag.Enabled);
    }

    [Fact]
    public void Single_string_is_a_list_of_one_for_requires_aliases_and_tags()
    {
        using var dir = new TempDirectory();

        var flag = LoadOk(dir, "flags.yaml", "flags:\n  a:\n    requires: b\n    aliases: old-a\n    tags: ui\n  b:\n").Find("a")!;

        Assert.Equal(["b"], flag.Requires.Select(r => r.Key));
        Assert.Equal(["old-a"], flag.Aliases);
        Assert.Equal(["ui"], flag.Tags);
    }

    [Fact]
    public void Master_switch_off_wins_over_an_environment_that_enables()
    {
        using var dir = new TempDirectory();
        var flag = LoadOk(dir, "flags.yaml", "flags:\n  a:\n    enabled: false\n    environments:\n      prod: { enabled: true, rollout: 40 }\n").Flags.Single();

        Assert.Equal((false, 40.0), flag.In("prod"));
        Assert.Equal((false, 100.0), flag.In(null));
    }

    [Fact]
    public void Environment_rollout_overrides_the_flag_rollout_and_enabled_can_narrow()
    {
        using var dir = new TempDirectory();
        var flag = LoadOk(dir, "flags.yaml", """
            flags:
              a:
                enabled: true
                rollout: 50
                environments:
                  prod: { rollout: 10 }
                  staging: { enabled: false }
                  dev:
            """).Flags.Single();

        Assert.Equal((true, 50.0), flag.In(null));
        Assert.Equal((true, 10.0), flag.In("prod"));
        Assert.Equal((false, 50.0), flag.In("staging"));
        Assert.Equal((true, 50.0), flag.In("dev"));
        Assert.Equal((true, 50.0), flag.In("not-listed"));
    }

    [Fact]
    public void Environment_names_match_exactly()
    {
        using var dir = new TempDirectory();
        var flag = LoadOk(dir, "flags.yaml", "flags:\n  a:\n    enabled: true\n    environments:\n      prod: { rollout: 10 }\n").Flags.Single();

        Assert.Equal((true, 100.0), flag.In("Prod"));
    }

    [Fact]
    public void Flags_json_is_read_as_json_whatever_the_content_looks_like()
    {
        using var dir = new TempDirectory();

        // Valid YAML but not JSON: must be rejected as a JSON syntax error.
        var error = SingleError(Load(dir, "flags.json", "version: 1\nflags:\n"));

        Assert.Equal("FK3001", error.Code);
        Assert.Equal("flags.json", error.Location?.File);
    }
}
