namespace Flagkeeper.Cli.Tests;

/// <summary>`flags list` and `flags show`: the table for people, the JSON contract for tools.</summary>
public class FlagsQueryTests
{
    [Fact]
    public void List_json_has_every_contract_field_with_repo_relative_paths()
    {
        using var dir = new TempDirectory();
        dir.Write("services/checkout/flags.yaml", Registries.Valid);

        var result = CliRunner.Run(dir.Path, "flags", "list", "--format", "json", "--today", "2027-03-21");

        Assert.True(result.ExitCode == 0, result.ToString());
        var flags = result.Json().RootElement.GetProperty("flags");
        Assert.Equal(2, flags.GetArrayLength());
        var flag = flags[0];
        foreach (var field in new[] { "key", "description", "owner", "type", "expires", "enabled", "default", "rollout", "environments", "requires", "aliases", "registry", "line" })
        {
            Assert.True(flag.TryGetProperty(field, out _), $"missing field {field}");
        }
        Assert.Equal("new-checkout", flag.GetProperty("key").GetString());
        Assert.Equal("2027-03-31", flag.GetProperty("expires").GetString());
        Assert.Equal(10, flag.GetProperty("daysLeft").GetInt32());
        Assert.Equal(25, flag.GetProperty("rollout").GetDouble());
        Assert.Equal(10, flag.GetProperty("environments").GetProperty("production").GetProperty("rollout").GetDouble());
        Assert.Equal("payments-v2", flag.GetProperty("requires")[0].GetString());
        Assert.Equal("NEW_CHECKOUT", flag.GetProperty("aliases")[0].GetString());
        Assert.Equal("services/checkout/flags.yaml", flag.GetProperty("registry").GetString());
        Assert.Equal(4, flag.GetProperty("line").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, flags[1].GetProperty("expires").ValueKind);
    }

    [Fact]
    public void List_table_shows_state_rollout_and_days_left()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registries.Valid);

        var result = CliRunner.Run(dir.Path, "flags", "list", "--today", "2027-04-02");

        Assert.True(result.ExitCode == 0, result.ToString());
        var row = result.Stdout.Split('\n').Single(l => l.Contains("new-checkout"));
        Assert.Contains("release", row);
        Assert.Contains("payments-team", row);
        Assert.Contains("on", row);
        Assert.Contains("25%", row);
        Assert.Contains("expired 2d ago", row);
    }

    [Fact]
    public void Show_prints_one_flag_by_key_or_alias()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registries.Valid);

        var result = CliRunner.Run(dir.Path, "flags", "show", "NEW_CHECKOUT");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("New checkout flow", result.Stdout);
        Assert.Contains("flags.yaml:4", result.Stdout);
        Assert.Contains("production", result.Stdout);
        Assert.Equal(2, CliRunner.Run(dir.Path, "flags", "show", "ghost").ExitCode);
    }

    [Fact]
    public void User_text_with_markup_brackets_prints_literally()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f:\n    description: \"[T-2026-01-01-001] [MODE:F] [red]x[/]\"\n    owner: \"[team]\"\n    type: operational\n");

        var result = CliRunner.Run(dir.Path, "flags", "show", "f");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("[T-2026-01-01-001] [MODE:F] [red]x[/]", result.Stdout);
        Assert.Contains("[team]", CliRunner.Run(dir.Path, "flags", "list").Stdout);
    }

    [Fact]
    public void Appsettings_flags_are_listed_when_the_config_enables_them()
    {
        using var dir = new TempDirectory();
        dir.Write("src/Api/appsettings.json", """
            {
              // Microsoft.FeatureManagement's .NET schema
              "FeatureManagement": {
                "Beta": true,
                "Gradual": { "EnabledFor": [ { "Name": "Microsoft.Percentage", "Parameters": { "Value": 30 } } ] }
              }
            }
            """);

        Assert.Empty(CliRunner.Run(dir.Path, "flags", "list", "--format", "json").Json().RootElement.GetProperty("flags").EnumerateArray());

        dir.Write("flagkeeper.yaml", "appsettings: true\n");
        var result = CliRunner.Run(dir.Path, "flags", "list", "--format", "json");

        var flags = result.Json().RootElement.GetProperty("flags").EnumerateArray().ToList();
        Assert.Equal(["Beta", "Gradual"], flags.Select(f => f.GetProperty("key").GetString()));
        Assert.Equal(30, flags[1].GetProperty("rollout").GetDouble());
        Assert.Equal("src/Api/appsettings.json", flags[0].GetProperty("registry").GetString());

        var validate = CliRunner.Run(dir.Path, "flags", "validate", "--format", "json");
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains(validate.Json().RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "missing-owner");

        var edit = CliRunner.Run(dir.Path, "flags", "enable", "Gradual");
        Assert.Equal(2, edit.ExitCode);
        Assert.Contains("read-only", edit.Stderr);
    }

    [Fact]
    public void Stats_prints_the_performance_table_on_standard_error()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registries.Valid);

        var result = CliRunner.Run(dir.Path, "flags", "validate", "--format", "json", "--stats");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("registry.discover", result.Stderr);
        Assert.Contains("registry.validate", result.Stderr);
        Assert.True(result.Json().RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Sample_shop_shows_its_deliberate_registry_problems()
    {
        var result = CliRunner.Run(RepositoryPaths.Root, "flags", "validate", "samples/shop", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        var findings = result.Json().RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("rule").GetString(), f.GetProperty("flag").GetString())).ToList();
        Assert.Contains(("missing-owner", "dark-mode"), findings);
        Assert.Contains(("invalid-rollout", "bulk-discount"), findings);
    }
}
