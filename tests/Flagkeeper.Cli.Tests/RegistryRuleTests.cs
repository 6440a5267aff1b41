using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// Every registry rule, both ways, through the real CLI: `flags validate --format json` on a real file.
/// Each case is a broken registry (the rule fires, at the expected line) and its fix (it does not).
/// </summary>
public class RegistryRuleTests
{
    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        // rule, broken registry, fixed registry, expected line, severity
        { "invalid-key", Flag("bad key!", "owner: a"), Flag("good-key", "owner: a"), 3, "error" },
        { "missing-owner", Flag("f", ""), Flag("f", "owner: a"), 3, "error" },
        { "missing-description", "version: 1\nflags:\n  f:\n    owner: a\n    type: operational\n", Flag("f", "owner: a"), 3, "warning" },
        { "missing-type", "version: 1\nflags:\n  f:\n    description: d\n    owner: a\n", Flag("f", "owner: a"), 3, "error" },
        { "unknown-type", "version: 1\nflags:\n  f:\n    description: d\n    owner: a\n    type: toggle\n", Flag("f", "owner: a"), 6, "error" },
        { "missing-expiry", "version: 1\nflags:\n  f:\n    description: d\n    owner: a\n    type: release\n",
          "version: 1\nflags:\n  f:\n    description: d\n    owner: a\n    type: release\n    expires: 2027-01-01\n", 3, "error" },
        { "invalid-date", Flag("f", "owner: a\n    expires: 2026-02-30"), Flag("f", "owner: a\n    expires: 2026-02-28"), 8, "error" },
        { "invalid-rollout", Flag("f", "owner: a\n    rollout: 100.5"), Flag("f", "owner: a\n    rollout: 99.5"), 8, "error" },
        { "unknown-environment", "version: 1\nenvironments: [prod]\nflags:\n  f:\n    description: d\n    owner: a\n    type: operational\n    environments:\n      production: { rollout: 5 }\n",
          "version: 1\nenvironments: [prod]\nflags:\n  f:\n    description: d\n    owner: a\n    type: operational\n    environments:\n      prod: { rollout: 5 }\n", 9, "error" },
        { "unknown-prerequisite", Flag("f", "owner: a\n    requires: [ghost]"), Flag("f", "owner: a\n    requires: [f2]") + "  f2:\n    description: d\n    owner: a\n    type: operational\n", 8, "error" },
        { "prerequisite-cycle", Flag("a", "owner: o\n    requires: [b]") + "  b:\n    description: d\n    owner: o\n    type: operational\n    requires: [a]\n",
          Flag("a", "owner: o\n    requires: [b]") + "  b:\n    description: d\n    owner: o\n    type: operational\n", 8, "error" },
        { "duplicate-flag", Flag("f", "owner: a") + "  F:\n    description: d\n    owner: a\n    type: operational\n",
          Flag("f", "owner: a") + "  g:\n    description: d\n    owner: a\n    type: operational\n", 8, "error" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_fires_on_the_broken_registry_at_its_line(string rule, string broken, string fixedText, int line, string severity)
    {
        _ = fixedText;
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", broken);

        var result = CliRunner.Run(dir.Path, "flags", "validate", "--format", "json");

        Assert.True(result.ExitCode == (severity == "error" ? 1 : 0), result.ToString());
        var finding = Findings(result).SingleOrDefault(f => f.GetProperty("rule").GetString() == rule);
        Assert.True(finding.ValueKind == JsonValueKind.Object, $"no {rule} finding in\n{result}");
        Assert.Equal(severity, finding.GetProperty("severity").GetString());
        Assert.Equal("flags.yaml", finding.GetProperty("file").GetString());
        Assert.Equal(line, finding.GetProperty("line").GetInt32());
        Assert.True(finding.GetProperty("column").GetInt32() >= 1);
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_does_not_fire_on_the_fixed_registry(string rule, string broken, string fixedText, int line, string severity)
    {
        _ = (broken, line, severity);
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", fixedText);

        var result = CliRunner.Run(dir.Path, "flags", "validate", "--format", "json");

        Assert.DoesNotContain(Findings(result), f => f.GetProperty("rule").GetString() == rule);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Json().RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Duplicate_across_a_parent_and_a_child_registry_is_reported_in_the_child()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Flag("shared", "owner: a"));
        dir.Write("services/api/flags.yaml", Flag("shared", "owner: b"));

        var result = CliRunner.Run(dir.Path, "flags", "validate", "--format", "json");

        var duplicate = Assert.Single(Findings(result), f => f.GetProperty("rule").GetString() == "duplicate-flag");
        Assert.Equal("services/api/flags.yaml", duplicate.GetProperty("file").GetString());
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Sibling_services_may_use_the_same_key()
    {
        using var dir = new TempDirectory();
        dir.Write("services/a/flags.yaml", Flag("shared", "owner: a"));
        dir.Write("services/b/flags.yaml", Flag("shared", "owner: b"));

        var result = CliRunner.Run(dir.Path, "flags", "validate", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Config_can_turn_a_rule_off_or_down_to_a_warning()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Flag("f", "") + "  g:\n    description: d\n    owner: o\n    type: toggle\n");
        dir.Write("flagkeeper.yaml", "rules:\n  missing-owner: off\n  unknown-type: warning\n");

        var result = CliRunner.Run(dir.Path, "flags", "validate", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var findings = Findings(result);
        Assert.DoesNotContain(findings, f => f.GetProperty("rule").GetString() == "missing-owner");
        Assert.Equal("warning", Assert.Single(findings, f => f.GetProperty("rule").GetString() == "unknown-type").GetProperty("severity").GetString());
    }

    [Fact]
    public void Text_output_puts_path_line_column_first()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Flag("f", ""));

        var result = CliRunner.Run(dir.Path, "flags", "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("flags.yaml:3:3: error missing-owner:", result.Stdout);
        Assert.Contains("1 error(s), 0 warning(s)", result.Stdout);
    }

    /// <summary>A registry with one operational flag <paramref name="key"/> plus extra field lines.</summary>
    private static string Flag(string key, string extra) =>
        $"version: 1\nflags:\n  \"{key}\":\n    description: d\n    type: operational\n    enabled: true\n" + (extra.Length > 0 ? $"    {extra}\n" : "");

    private static List<JsonElement> Findings(CliResult result) =>
        result.Json().RootElement.GetProperty("findings").EnumerateArray().ToList();
}
