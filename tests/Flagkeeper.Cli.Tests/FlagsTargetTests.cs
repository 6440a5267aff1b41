using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flags target` / `flags untarget` through the real CLI on real files: the targeting lands in the registry's shape,
/// every comment elsewhere survives, the commands are idempotent, and bad input leaves the file byte for byte as it was.
/// </summary>
public class FlagsTargetTests
{
    private const string Commented = """
        # Registry header: owned by the platform team.
        version: 1
        environments: [development, production]   # the only two we run

        flags:
          new-checkout:                 # the big one
            description: "New checkout: saved cards"   # quoted on purpose
            owner: 'payments-team'
            type: release
            expires: 2027-03-31         # review monthly
            enabled: true
            rollout: 25                 # ramping
            environments:
              production: { enabled: true, rollout: 10 }   # careful

          payments-v2:
            description: Payments v2
            owner: payments-team
            type: operational
            enabled: false
        # trailing comment at the end of the file
        """;

    private const string TargetingBlock = """
            targeting:
              users: [user-42]
              groups: [{ name: beta, rollout: 50 }, staff]
              exclude: { users: [user-13] }

        """;

    private const string AfterProduction = "      production: { enabled: true, rollout: 10 }   # careful\n";

    [Fact]
    public void Target_writes_users_groups_and_exclusions_and_keeps_every_comment()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, "flags", "target", "new-checkout", "--user", "user-42", "--group", "beta:50%", "--group", "staff", "--exclude-user", "user-13");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Commented.Replace(AfterProduction, AfterProduction + TargetingBlock, StringComparison.Ordinal), dir.Read("flags.yaml"));
        Assert.Contains("flags.yaml: new-checkout: targeting = users user-42; groups beta 50%, staff; exclude users user-13", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_again_changes_nothing_and_a_user_given_twice_is_listed_once()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);
        Assert.Equal(0, CliRunner.Run(dir.Path, "flags", "target", "new-checkout", "--user", "user-42", "--user", "user-42").ExitCode);
        var once = dir.Read("flags.yaml");

        var again = CliRunner.Run(dir.Path, "flags", "target", "new-checkout", "--user", "user-42");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("nothing to change", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(once, dir.Read("flags.yaml"));
        Assert.Contains("    targeting:\n      users: [user-42]\n", once, StringComparison.Ordinal);
    }

    [Fact]
    public void Untarget_of_everything_given_gives_back_the_original_bytes_and_all_removes_the_block()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);
        Assert.Equal(0, CliRunner.Run(dir.Path, "flags", "target", "new-checkout", "--user", "user-42", "--group", "beta:50", "--group", "staff", "--exclude-user", "user-13").ExitCode);

        var some = CliRunner.Run(dir.Path, "flags", "untarget", "new-checkout", "--group", "staff", "--user", "nobody");
        Assert.True(some.ExitCode == 0, some.ToString());
        Assert.Contains("      groups: [{ name: beta, rollout: 50 }]\n", dir.Read("flags.yaml"), StringComparison.Ordinal);

        var rest = CliRunner.Run(dir.Path, "flags", "untarget", "new-checkout", "--user", "user-42", "--group", "beta", "--exclude-user", "user-13");
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Equal(Commented, dir.Read("flags.yaml"));

        Assert.Equal(0, CliRunner.Run(dir.Path, "flags", "target", "new-checkout", "--exclude-group", "blocked").ExitCode);
        var all = CliRunner.Run(dir.Path, "flags", "untarget", "new-checkout", "--all");
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(Commented, dir.Read("flags.yaml"));
    }

    [Fact]
    public void Env_targeting_goes_into_the_environment_override_and_shows_in_list_and_show()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, "flags", "target", "new-checkout", "--env", "production", "--group", "staff", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        SchemaFiles.AssertValid(SchemaFiles.FlagsTarget, result.Stdout, "flags target --format json");
        var json = result.Json().RootElement;
        Assert.Equal("production", json.GetProperty("environment").GetString());
        Assert.True(json.GetProperty("changed").GetBoolean());
        Assert.Equal("staff", json.GetProperty("targeting").GetProperty("groups")[0].GetProperty("name").GetString());
        Assert.Contains("      production: { enabled: true, rollout: 10, targeting: { groups: [staff] } }   # careful\n", dir.Read("flags.yaml"), StringComparison.Ordinal);

        var list = CliRunner.Run(dir.Path, "flags", "list", "--format", "json", "--today", "2026-12-05");
        SchemaFiles.AssertValid(SchemaFiles.FlagsList, list.Stdout, "flags list --format json with targeting");
        var flag = list.Json().RootElement.GetProperty("flags")[0];
        Assert.Equal(JsonValueKind.Null, flag.GetProperty("targeting").ValueKind);
        var env = flag.GetProperty("environments").GetProperty("production").GetProperty("targeting");
        Assert.Equal("staff", env.GetProperty("groups")[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, env.GetProperty("groups")[0].GetProperty("rollout").ValueKind);
        var show = CliRunner.Run(dir.Path, "flags", "show", "new-checkout", "--today", "2026-12-05");
        Assert.Contains("targeting: groups staff", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Flag_level_targeting_is_in_list_json_and_show_text()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);
        Assert.Equal(0, CliRunner.Run(dir.Path, "flags", "target", "payments-v2", "--user", "u1", "--group", "beta:12.5").ExitCode);

        var list = CliRunner.Run(dir.Path, "flags", "list", "--format", "json", "--today", "2026-12-05");
        var show = CliRunner.Run(dir.Path, "flags", "show", "payments-v2", "--today", "2026-12-05");

        SchemaFiles.AssertValid(SchemaFiles.FlagsList, list.Stdout, "flags list --format json with targeting");
        var targeting = list.Json().RootElement.GetProperty("flags")[1].GetProperty("targeting");
        Assert.Equal("u1", targeting.GetProperty("users")[0].GetString());
        Assert.Equal(12.5, targeting.GetProperty("groups")[0].GetProperty("rollout").GetDouble());
        Assert.Contains("users u1; groups beta 12.5%", show.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FK3009", "no registry under", "flags", "target", "ghost-flag", "--user", "u")]
    [InlineData("FK1005", "did you mean 'production'", "flags", "target", "new-checkout", "--env", "prodution", "--user", "u")]
    [InlineData("FK1005", "is not a percentage", "flags", "target", "new-checkout", "--group", "beta:5x")]
    [InlineData("FK1005", "write decimals with a dot: 1.5", "flags", "target", "new-checkout", "--group", "beta:1,5")]
    [InlineData("FK4001", "outside 0-100", "flags", "target", "new-checkout", "--group", "beta:150")]
    [InlineData("FK1005", "give at least one", "flags", "target", "new-checkout")]
    [InlineData("FK1005", "give it alone", "flags", "untarget", "new-checkout", "--all", "--user", "u")]
    [InlineData("FK1005", "given 2 times", "flags", "target", "new-checkout", "--group", "beta:10", "--group", "beta:20")]
    [InlineData("FK1005", "is empty", "flags", "target", "new-checkout", "--user", " ")]
    public void Bad_input_is_exit_2_with_the_reason_and_the_file_is_untouched(string code, string says, params string[] args)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Commented);

        var result = CliRunner.Run(dir.Path, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(code, result.Stderr, StringComparison.Ordinal);
        Assert.Contains(says, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(Commented, dir.Read("flags.yaml"));
    }

    [Fact]
    public void An_empty_registry_has_no_flag_to_target()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n");

        var result = CliRunner.Run(dir.Path, "flags", "target", "new-checkout", "--user", "u");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK3009", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("version: 1\nflags:\n", dir.Read("flags.yaml"));
    }

    [Fact]
    public void A_read_only_registry_is_refused_and_keeps_its_bytes()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = CliRunner.Run(dir.Path, "flags", "target", "new-checkout", "--user", "u");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("read-only", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(Commented, dir.Read("flags.yaml"));
    }

    [Fact]
    public void A_json_registry_gets_the_same_targeting()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.json", """{ "version": 1, "flags": { "a": { "description": "d", "owner": "o", "type": "operational" } } }""");

        var result = CliRunner.Run(dir.Path, "flags", "target", "a", "--user", "u1", "--group", "beta:25", "--exclude-group", "blocked");
        var show = CliRunner.Run(dir.Path, "flags", "show", "a", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var targeting = show.Json().RootElement.GetProperty("flags")[0].GetProperty("targeting");
        Assert.Equal("u1", targeting.GetProperty("users")[0].GetString());
        Assert.Equal(25, targeting.GetProperty("groups")[0].GetProperty("rollout").GetDouble());
        Assert.Equal("blocked", targeting.GetProperty("exclude").GetProperty("groups")[0].GetString());
        Assert.Equal(0, CliRunner.Run(dir.Path, "flags", "untarget", "a", "--all").ExitCode);
        Assert.DoesNotContain("targeting", dir.Read("flags.json"), StringComparison.Ordinal);
    }
}
