using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

public partial class CheckLintTests
{
    // ---------------------------------------------------------------- registry rules inside check

    public static TheoryData<string, string, string, int, int> RegistryCases => new()
    {
        // rule, broken registry, fixed registry, line, column (in flags.yaml)
        { "missing-owner", "version: 1\nflags:\n  f:\n    description: d\n    type: operational\n", Registry("f"), 3, 3 },
        { "invalid-rollout", Registry("f", "    rollout: 150\n"), Registry("f", "    rollout: 100\n"), 7, 14 },
        { "missing-expiry", Registry("f", type: "release"), Registry("f", "    expires: 2027-06-30\n", type: "release"), 3, 3 },
        { "unknown-prerequisite", Registry("f", "    requires: [ghost]\n"), Registry("f", "    requires: [g]\n") + Flag("g"), 7, 16 },
        { "prerequisite-cycle", Registry("f", "    requires: [g]\n") + Flag("g", "    requires: [f]\n"), Registry("f", "    requires: [g]\n") + Flag("g"), 7, 15 },
        { "duplicate-flag", Registry("f") + Flag("F"), Registry("f") + Flag("g"), 7, 3 },
    };

    [Theory]
    [MemberData(nameof(RegistryCases))]
    public void Registry_rule_fires_in_check_at_its_registry_location(string rule, string broken, string fixedText, int line, int column)
    {
        _ = fixedText;
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", broken);
        dir.Write("app.ts", "isEnabled('f');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result, rule));
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal(("flags.yaml", line, column), Place(finding));
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("commit").ValueKind);
        Assert.Equal("flag-lint", Gates(result).Single().GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(RegistryCases))]
    public void Registry_rule_does_not_fire_in_check_on_the_fixed_registry(string rule, string broken, string fixedText, int line, int column)
    {
        _ = (broken, line, column);
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", fixedText);
        dir.Write("app.ts", "isEnabled('f');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result, rule));
        Assert.DoesNotContain(Findings(result), f => f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public void Duplicate_in_a_parent_and_a_child_registry_is_reported_at_the_child()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("shared"));
        dir.Write("services/api/flags.yaml", Registry("shared"));
        dir.Write("services/api/a.ts", "isEnabled('shared');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(("services/api/flags.yaml", 3, 3), Place(Assert.Single(Findings(result, "duplicate-flag"))));
    }

    // ---------------------------------------------------------------- unused-flag

    [Fact]
    public void Unused_flag_warns_at_the_flag_key_and_used_flags_do_not()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("used") + Flag("idle"));
        dir.Write("a.ts", "isEnabled('used');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("unused-flag", finding.GetProperty("rule").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("idle", finding.GetProperty("flag").GetString());
        Assert.Equal(("flags.yaml", 7, 3), Place(finding));
        Assert.True(result.Json().RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(1, Stats(result).GetProperty("warnings").GetInt32());
    }

    [Fact]
    public void Prerequisites_of_a_used_flag_count_as_used_transitively()
    {
        using var dir = new TempDirectory();
        // a requires b, b requires c: only a is in code; d is neither used nor required.
        dir.Write("flags.yaml", Registry("a", "    requires: [b]\n") + Flag("b", "    requires: [c]\n") + Flag("c") + Flag("d"));
        dir.Write("a.ts", "isEnabled('a');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var unused = Assert.Single(Findings(result));
        Assert.Equal("unused-flag", unused.GetProperty("rule").GetString());
        Assert.Equal("d", unused.GetProperty("flag").GetString());
    }

    [Fact]
    public void Prerequisite_of_an_unused_flag_is_unused_too()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("a", "    requires: [b]\n") + Flag("b"));
        dir.Write("a.ts", "const nothing = 0;\n");

        var result = Lint(dir);

        Assert.Equal(["a", "b"], Findings(result, "unused-flag").Select(f => f.GetProperty("flag").GetString()));
    }

    // ---------------------------------------------------------------- dynamic-key

    [Fact]
    public void Dynamic_key_warns_at_the_argument_and_literal_keys_do_not()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("lit"));
        dir.Write("a.ts", "isEnabled('lit');\nconst on = isEnabled(name);\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("dynamic-key", finding.GetProperty("rule").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("flag").ValueKind);
        // "const on = isEnabled(" is 21 characters.
        Assert.Equal(("a.ts", 2, 22), Place(finding));
        Assert.Contains("(name)", finding.GetProperty("message").GetString());
    }

    // ---------------------------------------------------------------- rules: overrides

    [Fact]
    public void Rules_can_lower_an_error_to_a_warning_and_the_exit_code_follows()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("known"));
        dir.Write("a.ts", "isEnabled('known');\nisEnabled('ghost');\n");

        var before = Lint(dir);
        Assert.True(before.ExitCode == 1, before.ToString());
        Assert.Equal("error", Assert.Single(Findings(before, "unregistered-flag")).GetProperty("severity").GetString());

        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  unregistered-flag: warning\n");
        var after = Lint(dir);
        Assert.True(after.ExitCode == 0, after.ToString());
        var finding = Assert.Single(Findings(after, "unregistered-flag"));
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(("a.ts", 2, 12), Place(finding));
        Assert.True(after.Json().RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Rules_can_raise_a_warning_to_an_error()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  dynamic-key: error\n");
        dir.Write("a.ts", "isEnabled(name);\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("error", Assert.Single(Findings(result, "dynamic-key")).GetProperty("severity").GetString());
    }

    [Fact]
    public void Rules_off_removes_the_finding()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  unregistered-flag: off\n  missing-owner: off\n");
        dir.Write("flags.yaml", "version: 1\nflags:\n  f:\n    description: d\n    type: operational\n");
        dir.Write("a.ts", "isEnabled('f');\nisEnabled('ghost');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(0, Stats(result).GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void Unknown_rule_id_in_rules_is_a_configuration_error()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  unregistered-flags: off\n");
        dir.Write("a.ts", "isEnabled('ghost');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("passed").GetBoolean());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("FK1002", error.GetProperty("code").GetString());
        Assert.Equal("flagkeeper.yaml", error.GetProperty("file").GetString());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Contains("unregistered-flags", error.GetProperty("message").GetString());
    }
}
