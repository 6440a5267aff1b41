using System.Text.Json.Nodes;

namespace Flagkeeper.Cli.Tests;

/// <summary><c>flagkeeper flags eval</c>: the real CLI, real registry files, answers from the runtime library.</summary>
public class FlagsEvalTests
{
    private const string Registry = """
        version: 1
        environments: [dev, prod]
        flags:
          new-checkout:
            enabled: true
            rollout: 25
            targeting:
              groups: [{ name: beta, rollout: 100 }]
            environments:
              dev: { rollout: 100 }
          killed: { enabled: false, default: true }
        """;

    [Fact]
    public void Json_gives_the_value_reason_and_reference_percentile_and_matches_its_schema()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);

        var result = CliRunner.Run(dir.Path, "flags", "eval", "new-checkout", "--user", "user-123", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        SchemaFiles.AssertValid(SchemaFiles.FlagsEval, result.Stdout, "flags eval");
        Assert.Equal("""{"flag":"new-checkout","value":false,"reason":"OutOfRollout","percentile":67.190782}""",
            JsonNode.Parse(result.Stdout)!.ToJsonString());
    }

    [Theory]
    [InlineData(new[] { "new-checkout", "--user", "user-123", "--group", "beta" }, "new-checkout: true (Targeted)")]
    [InlineData(new[] { "new-checkout", "-u", "user-123", "-g", "staff", "-g", "beta" }, "new-checkout: true (Targeted)")]
    [InlineData(new[] { "new-checkout", "--user", "user-123", "--env", "dev" }, "new-checkout: true (Enabled)")]
    [InlineData(new[] { "new-checkout" }, "new-checkout: false (NoTargetingKey)")]
    [InlineData(new[] { "new-checkout", "--user", "user-123" }, "new-checkout: false (OutOfRollout, percentile 67.190782)")]
    [InlineData(new[] { "killed" }, "killed: true (Disabled)")]
    public void Text_says_the_value_and_why(string[] args, string expected)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);

        var result = CliRunner.Run(dir.Path, ["flags", "eval", .. args]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.Stdout.Trim());
    }

    [Fact]
    public void An_unknown_key_is_false_with_a_warning_and_exit_0_and_an_unknown_environment_is_warned_about()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);

        var unknown = CliRunner.Run(dir.Path, "flags", "eval", "nope", "--format", "json");
        var environment = CliRunner.Run(dir.Path, "flags", "eval", "killed", "--env", "production");

        Assert.True(unknown.ExitCode == 0, unknown.ToString());
        Assert.Equal("""{"flag":"nope","value":false,"reason":"UnknownFlag","percentile":null}""", JsonNode.Parse(unknown.Stdout)!.ToJsonString());
        Assert.Contains("'nope' is not in the registry", unknown.Stderr);
        Assert.Contains("environment 'production' is not one the registry lists (dev, prod)", environment.Stderr);
    }

    [Fact]
    public async Task An_environment_variable_overrides_the_file()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);

        var result = await CliRunner.RunAsync(dir.Path, ["flags", "eval", "killed"], new Dictionary<string, string> { ["FLAGKEEPER__KILLED"] = "off" });

        Assert.Equal("killed: false (Override)", result.Stdout.Trim());
    }

    [Theory]
    [InlineData("version: 1\nflags:\n  k: [\n", "FK3001")]
    [InlineData("version: 1\nflags:\n  a: { requires: [b] }\n  b: { requires: [a] }\n", "FK3016")]
    public void An_unreadable_or_cyclic_registry_exits_2(string registry, string code)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", registry);

        var result = CliRunner.Run(dir.Path, "flags", "eval", "k");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(code, result.Stderr);
    }
}
