namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flags` edits through the real CLI on real files: only the touched value changes, comments and
/// layout survive, and a refused edit leaves the file byte for byte as it was.
/// </summary>
public class FlagsEditTests
{
    private const string Commented = """
        # Registry header: owned by the platform team.
        # Do not reorder: the order is the review order.
        version: 1
        environments: [development, production]   # the only two we run

        flags:
          # --- checkout -------------------------------------------------
          new-checkout:                 # the big one
            description: "New checkout: saved cards"   # quoted on purpose
            owner: 'payments-team'
            type: release
            expires: 2027-03-31         # review monthly
            enabled: true
            rollout: 25                 # ramping
            environments:
              production: { enabled: true, rollout: 10 }   # careful

          # old-checkout:               # retired, kept for history
          #   owner: payments-team

          payments-v2:
            description: Payments v2
            owner: payments-team
            type: operational
            enabled: false
        # trailing comment at the end of the file
        """;

    [Fact]
    public void Rollout_changes_only_that_value_and_keeps_every_comment()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, "flags", "rollout", "new-checkout", "40");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertOnlyChanged(Commented, dir.Read("flags.yaml"), ("    rollout: 25                 # ramping", "    rollout: 40                 # ramping"));
    }

    [Fact]
    public void Environment_rollout_edits_the_flow_mapping_in_place()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, "flags", "rollout", "new-checkout", "12.5", "--env", "production");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertOnlyChanged(Commented, dir.Read("flags.yaml"),
            ("      production: { enabled: true, rollout: 10 }   # careful", "      production: { enabled: true, rollout: 12.5 }   # careful"));
    }

    [Fact]
    public void Enable_in_a_new_environment_adds_one_override_line()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, "flags", "enable", "new-checkout", "--env", "development");

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = Commented.Replace(
            "      production: { enabled: true, rollout: 10 }   # careful\n",
            "      production: { enabled: true, rollout: 10 }   # careful\n      development: { enabled: true }\n");
        Assert.Equal(expected, dir.Read("flags.yaml"));
    }

    [Fact]
    public void Disable_in_an_environment_of_a_flag_without_overrides_adds_an_environments_block()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, "flags", "disable", "payments-v2", "--env", "production");

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = Commented.Replace(
            "    type: operational\n    enabled: false\n",
            "    type: operational\n    enabled: false\n    environments:\n      production: { enabled: false }\n");
        Assert.Equal(expected, dir.Read("flags.yaml"));
        Assert.Equal(0, CliRunner.Run(dir.Path, "flags", "validate").ExitCode);
    }

    [Fact]
    public void Enabling_an_environment_of_a_killed_flag_warns_that_the_master_switch_wins()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, "flags", "enable", "payments-v2", "--env", "production");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("master switch", result.Stderr);
    }

    [Fact]
    public void Enabling_the_master_switch_notes_environments_whose_override_keeps_it_off()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented.Replace("    type: operational\n    enabled: false\n", "    type: operational\n    enabled: false\n    environments:\n      production: { enabled: false }\n"));

        var result = CliRunner.Run(dir.Path, "flags", "enable", "payments-v2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("stays off in production", result.Stderr);
    }

    [Fact]
    public void Kill_turns_the_master_switch_off()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, "flags", "kill", "new-checkout");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertOnlyChanged(Commented, dir.Read("flags.yaml"), ("    enabled: true", "    enabled: false"));
    }

    [Fact]
    public void Kill_all_needs_yes_and_then_turns_every_flag_off_in_every_registry()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);
        dir.Write("services/search/flags.yaml", "version: 1\nflags:\n  fast-search:\n    description: d\n    owner: o\n    type: operational\n    enabled: true\n");

        var refused = CliRunner.Run(dir.Path, "flags", "kill", "--all");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(Commented, dir.Read("flags.yaml"));

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        var list = CliRunner.Run(dir.Path, "flags", "list", "--format", "json").Json();
        Assert.All(list.RootElement.GetProperty("flags").EnumerateArray(), f => Assert.False(f.GetProperty("enabled").GetBoolean()));
        Assert.Equal(3, list.RootElement.GetProperty("flags").GetArrayLength());
        Assert.Contains("# trailing comment at the end of the file", dir.Read("flags.yaml"));
    }

    [Fact]
    public void Kill_all_on_many_flags_changes_only_their_enabled_lines()
    {
        using var dir = new TempDirectory();
        var before = Registries.Many(200);
        dir.Write("flags.yaml", before);

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(before.Replace("    enabled: true\n", "    enabled: false\n"), dir.Read("flags.yaml"));
        Assert.Contains("verified: 200 flags off in 1 registry; 0 kill switches engaged", result.Stdout);
    }

    [Fact]
    public void Kill_all_goes_on_past_a_broken_registry_and_exits_2()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);
        dir.Write("services/broken/flags.yaml", "version: 1\nflags:\n  f: [unclosed\n");

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("services/broken/flags.yaml:", result.Stderr);
        Assert.DoesNotContain("\n    enabled: true\n", dir.Read("flags.yaml"));
    }

    [Fact]
    public void Add_appends_a_flag_in_the_files_own_style()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, "flags", "add", "beta-search", "--owner", "search-team", "--type", "release",
            "--description", "Search: the #1 'beta'", "--expires", "2027-06-30", "--today", "2026-11-28");

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = Commented.Replace(
            "    enabled: false\n# trailing comment",
            "    enabled: false\n\n  beta-search:\n    description: \"Search: the #1 'beta'\"\n    owner: search-team\n    type: release\n    expires: 2027-06-30\n    enabled: false\n    default: false\n    created: 2026-11-28\n# trailing comment");
        Assert.Equal(expected, dir.Read("flags.yaml"));
        var shown = CliRunner.Run(dir.Path, "flags", "show", "beta-search", "--format", "json").Json().RootElement.GetProperty("flags")[0];
        Assert.Equal("Search: the #1 'beta'", shown.GetProperty("description").GetString());
    }

    [Fact]
    public void Add_creates_a_registry_when_there_is_none()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "flags", "add", "kill-payments", "--owner", "payments", "--type", "kill-switch", "--description", "Stop payments");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, CliRunner.Run(dir.Path, "flags", "validate").ExitCode);
        Assert.Contains("kill-payments:", dir.Read("flags.yaml"));
    }

    [Fact]
    public void Remove_deletes_the_flag_lines_and_nothing_else()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, "flags", "remove", "payments-v2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = Commented.Replace("  payments-v2:\n    description: Payments v2\n    owner: payments-team\n    type: operational\n    enabled: false\n", "");
        Assert.Equal(expected, dir.Read("flags.yaml"));
    }

    [Theory]
    [InlineData("add", "no-expiry", "--owner", "o", "--type", "release", "--description", "d")]
    [InlineData("add", "new-checkout", "--owner", "o", "--type", "operational", "--description", "d")]
    [InlineData("add", "bad key", "--owner", "o", "--type", "operational", "--description", "d")]
    [InlineData("rollout", "new-checkout", "101")]
    [InlineData("rollout", "ghost", "10")]
    [InlineData("enable", "new-checkout", "--env", "staging")]
    [InlineData("remove", "payments")]
    public void Refused_edit_leaves_the_file_byte_for_byte_unchanged(params string[] edit)
    {
        using var dir = new TempDirectory();
        var text = Commented.Replace("    rollout: 25                 # ramping\n", "    rollout: 25                 # ramping\n    requires: [payments]\n")
            + "  payments:\n    description: d\n    owner: o\n    type: operational\n";
        dir.Write("flags.yaml", text);
        var before = dir.ReadBytes("flags.yaml");

        var result = CliRunner.Run(dir.Path, ["flags", .. edit]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(before, dir.ReadBytes("flags.yaml"));
        Assert.Matches(@"error FK\d{4}", result.Stderr);
    }

    [Fact]
    public void Crlf_and_byte_order_mark_survive_an_edit()
    {
        using var dir = new TempDirectory();
        var crlf = Commented.Replace("\n", "\r\n");
        dir.WriteBytes("flags.yaml", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(crlf)]);

        var result = CliRunner.Run(dir.Path, "flags", "disable", "payments-v2", "--env", "development");

        Assert.True(result.ExitCode == 0, result.ToString());
        var bytes = dir.ReadBytes("flags.yaml");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.DoesNotMatch("(?<!\r)\n", text);
        Assert.Contains("      development: { enabled: false }\r\n", text);
    }

    [Fact]
    public void Json_registry_is_edited_too()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.json", """
            {
              "version": 1,
              "flags": {
                "a": { "description": "d", "owner": "o", "type": "operational", "enabled": true, "rollout": 5 }
              }
            }
            """);

        var result = CliRunner.Run(dir.Path, "flags", "rollout", "a", "60", "--env", "production");

        Assert.True(result.ExitCode == 0, result.ToString());
        var flag = CliRunner.Run(dir.Path, "flags", "list", "--format", "json").Json().RootElement.GetProperty("flags")[0];
        Assert.Equal(5, flag.GetProperty("rollout").GetDouble());
        Assert.Equal(60, flag.GetProperty("environments").GetProperty("production").GetProperty("rollout").GetDouble());
    }

    [Fact]
    public void Flag_declared_in_two_registries_needs_registry_option()
    {
        using var dir = new TempDirectory();
        const string registry = "version: 1\nflags:\n  shared:\n    description: d\n    owner: o\n    type: operational\n";
        dir.Write("services/a/flags.yaml", registry);
        dir.Write("services/b/flags.yaml", registry);

        var ambiguous = CliRunner.Run(dir.Path, "flags", "enable", "shared");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("FK3012", ambiguous.Stderr);

        var result = CliRunner.Run(dir.Path, "flags", "enable", "shared", "--registry", "services/b/flags.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(registry, dir.Read("services/a/flags.yaml"));
        Assert.Contains("enabled: true", dir.Read("services/b/flags.yaml"));
    }

    [Fact]
    public void An_alias_finds_its_flag()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registries.Valid);

        var result = CliRunner.Run(dir.Path, "flags", "rollout", "NEW_CHECKOUT", "30");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("    rollout: 30\n", dir.Read("flags.yaml"));
    }

    /// <summary>Asserts <paramref name="after"/> is <paramref name="before"/> with exactly the given lines replaced.</summary>
    private static void AssertOnlyChanged(string before, string after, params (string From, string To)[] changes)
    {
        var beforeLines = before.Split('\n');
        var afterLines = after.Split('\n');
        Assert.Equal(beforeLines.Length, afterLines.Length);
        var changed = 0;
        for (var i = 0; i < beforeLines.Length; i++)
        {
            if (beforeLines[i] == afterLines[i])
            {
                continue;
            }
            Assert.Contains((beforeLines[i], afterLines[i]), changes);
            changed++;
        }
        Assert.Equal(changes.Length, changed);
    }
}
