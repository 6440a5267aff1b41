using System.Text.Json.Nodes;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flagkeeper live` end to end: the real CLI process against a real redis-server, every change read back from
/// Redis itself; bad input refused with exit 2 before anything is written; secrets never printed.
/// </summary>
public class LiveCommandTests(LiveRedis redis) : IClassFixture<LiveRedis>
{
    private RedisServer Server => redis.Server;

    private static string NewNamespace() => LiveTest.NewNamespace();

    /// <summary>Runs the CLI in <paramref name="dir"/> with the test server in FLAGKEEPER_REDIS and git's identity out of the way ($USER answers "who").</summary>
    private CliResult Live(TempDirectory dir, string ns, params string[] args) => Run(dir.Path, ["live", .. args], Environment(ns));

    private static CliResult Run(string directory, IReadOnlyList<string> args, Dictionary<string, string> environment) => LiveTest.Run(directory, args, environment);

    private Dictionary<string, string> Environment(string ns, string? redis = null) => LiveTest.Environment(redis ?? Server.ConnectionString, ns);

    private static TempDirectory WithRegistry() => LiveTest.WithRegistry();

    [Fact]
    public void Set_writes_the_override_to_the_namespace_hash_and_list_shows_it_in_text_and_json()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();

        var set = Live(dir, ns, "set", "NEW_CHECKOUT", "off", "--reason", "incident 42", "--for", "2h");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains($"new-checkout: off on every instance of namespace '{ns}' (version 1, until ", set.Stdout);
        var stored = JsonNode.Parse(Server.Command("HGET", $"flagkeeper:{{{ns}}}:overrides", "new-checkout")!)!;
        Assert.Equal("off", (string)stored["state"]!);
        Assert.Equal("incident 42", (string)stored["reason"]!);
        Assert.Equal("alice", (string)stored["by"]!);
        Assert.NotNull(stored["expires"]);
        Assert.Equal("1", Server.Command("GET", $"flagkeeper:{{{ns}}}:version"));

        var text = Live(dir, ns, "list");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("new-checkout", text.Stdout);
        Assert.Contains("incident 42", text.Stdout);
        Assert.Contains($"1 override(s) in namespace '{ns}'; store version 1.", text.Stdout);

        var json = Live(dir, ns, "list", "--format", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        SchemaFiles.AssertValid(SchemaFiles.LiveList, json.Stdout, "live list");
        var listed = Assert.Single(JsonNode.Parse(json.Stdout)!["overrides"]!.AsArray())!;
        Assert.Equal("new-checkout", (string)listed["key"]!);
        Assert.False((bool)listed["expired"]!);
    }

    [Fact]
    public void Rollout_clear_and_history_record_who_when_what_and_why_in_order()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();

        Assert.Equal(0, Live(dir, ns, "set", "new-checkout", "--rollout", "12.5", "--reason", "canary").ExitCode);
        Assert.Equal(0, Live(dir, ns, "clear", "new-checkout", "--reason", "canary done").ExitCode);
        var again = Live(dir, ns, "clear", "new-checkout", "--reason", "twice");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("had no live override", again.Stdout);
        Assert.Equal("0", Server.Command("HLEN", $"flagkeeper:{{{ns}}}:overrides"));

        var history = Live(dir, ns, "history", "--format", "json");

        Assert.True(history.ExitCode == 0, history.ToString());
        SchemaFiles.AssertValid(SchemaFiles.LiveHistory, history.Stdout, "live history");
        var changes = JsonNode.Parse(history.Stdout)!["changes"]!.AsArray();
        Assert.Equal(["set", "clear"], changes.Select(c => (string)c!["action"]!));
        Assert.Equal(12.5, (double)changes[0]!["rollout"]!);
        Assert.Equal("alice", (string)changes[0]!["by"]!);
        Assert.Equal("canary", (string)changes[0]!["reason"]!);
        var text = Live(dir, ns, "history");
        Assert.Contains("#1 new-checkout: set rollout 12.5% by alice at ", text.Stdout);
    }

    [Fact]
    public void Kill_all_overrides_every_flag_to_its_safe_state_and_reports_what_it_read_back()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();

        var kill = Live(dir, ns, "kill", "--all", "--yes", "--reason", "outage");

        Assert.True(kill.ExitCode == 0, kill.ToString());
        Assert.EndsWith($"verified: 1 flag off, 1 kill switch on in namespace '{ns}' (store version 2)\n", kill.Stdout);
        var hash = $"flagkeeper:{{{ns}}}:overrides";
        Assert.Equal("off", (string)JsonNode.Parse(Server.Command("HGET", hash, "new-checkout")!)!["state"]!);
        Assert.Equal("on", (string)JsonNode.Parse(Server.Command("HGET", hash, "checkout-kill-switch")!)!["state"]!);
    }

    public static TheoryData<string[], string> BadInput() => new()
    {
        { ["set", "new-checkout", "off"], "needs --reason TEXT" },
        { ["set", "new-checkout", "off", "--reason", "   "], "needs --reason TEXT" },
        { ["set", "new-checkout", "off", "--reason", "a\u001b[2Jb"], "control characters" },
        { ["set", "new-checkout", "--reason", "x"], "say what to force" },
        { ["set", "new-checkout", "maybe", "--reason", "x"], "'maybe' is not a state" },
        { ["set", "new-checkout", "on", "--rollout", "5", "--reason", "x"], "not both" },
        { ["set", "new-checkout", "--rollout", "150", "--reason", "x"], "--rollout 150 is outside 0-100" },
        { ["set", "new-checkout", "--rollout", "1,5", "--reason", "x"], "write decimals with a dot: 1.5" },
        { ["set", "new-checkout", "--rollout", "", "--reason", "x"], "is not a percentage" },
        { ["set", "new-checkout", "on", "--for", "0", "--reason", "x"], "is not a duration" },
        { ["set", "new-checkout", "on", "--for", "0m", "--reason", "x"], "no time at all" },
        { ["set", "new-checkout", "on", "--for", "abc", "--reason", "x"], "--for 'abc' is not a duration" },
        { ["set", "new-checkout", "on", "--for", "31d", "--reason", "x"], "longer than the 30 days" },
        { ["set", "new-checkot", "on", "--reason", "x"], "did you mean 'new-checkout'?" },
        { ["set", "", "on", "--reason", "x"], "is not a flag key" },
        { ["set", "bad key\n", "on", "--reason", "x", "--force"], "is not a flag key" },
        { ["clear", "ghost", "--reason", "x"], "no registry under" },
        { ["clear", "new-checkout"], "`live clear` needs --reason TEXT" },
        { ["kill", "--yes", "--reason", "x"], "needs --all --yes" },
        { ["kill", "--all", "--reason", "x"], "add --yes to confirm" },
        { ["kill", "--all", "--yes"], "needs --reason TEXT" },
        { ["history", "--count", "0"], "--count 0 must be from 1 to 1000" },
        { ["list", "--namespace", "a b"], "namespace 'a b' (from --namespace) must be" },
        { ["list", "--namespace", "x*"], "must be 1-100 letters" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_is_refused_with_exit_2_and_nothing_is_written(string[] args, string expected)
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();

        var result = Live(dir, ns, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
        Assert.Equal("0", Server.Command("EXISTS", $"flagkeeper:{{{ns}}}:version"));
    }

    [Fact]
    public void Force_overrides_a_key_the_registry_does_not_declare()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();

        var result = Live(dir, ns, "set", "ghost-flag", "on", "--reason", "x", "--force");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1", Server.Command("HEXISTS", $"flagkeeper:{{{ns}}}:overrides", "ghost-flag"));
    }

    [Fact]
    public void Without_a_configured_store_the_message_says_how_to_configure_one()
    {
        using var dir = WithRegistry();
        var environment = Environment(NewNamespace(), redis: "");

        var result = Run(dir.Path, ["live", "list"], environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error FK1008: no Redis store is configured: pass --redis HOST:PORT, set FLAGKEEPER_REDIS", result.Stderr);
        Assert.Contains("live:\n    redis: HOST:PORT", result.Stderr);
    }

    [Fact]
    public void The_store_comes_from_flagkeeper_yaml_and_the_command_line_beats_the_environment()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();
        dir.Write("flagkeeper.yaml", $"live:\n  redis: 127.0.0.1:{Server.Port}\n  namespace: {ns}\n");
        var fromFile = Environment("ignored", redis: "");
        fromFile.Remove("FLAGKEEPER_NAMESPACE");

        var set = Run(dir.Path, ["live", "set", "new-checkout", "on", "--reason", "x"], fromFile);
        var flagBeatsEnvironment = Run(dir.Path, ["live", "list", "--redis", $"127.0.0.1:{Server.Port}", "--namespace", ns],
            Environment("other", redis: "127.0.0.1:1"));

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("1", Server.Command("HEXISTS", $"flagkeeper:{{{ns}}}:overrides", "new-checkout"));
        Assert.True(flagBeatsEnvironment.ExitCode == 0, flagBeatsEnvironment.ToString());
        Assert.Contains("new-checkout", flagBeatsEnvironment.Stdout);
    }

    [Fact]
    public void Unreachable_redis_names_host_and_port_but_never_the_password_not_even_with_verbose()
    {
        using var dir = WithRegistry();
        var config = $"127.0.0.1:1,password=hunter2-secret,connectTimeout=2000";

        var result = Run(dir.Path, ["live", "list", "--verbose"], Environment(NewNamespace(), config));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error FK1009: cannot reach Redis at 127.0.0.1:1", result.Stderr);
        Assert.DoesNotContain("hunter2", result.Stdout + result.Stderr);
    }

    [Fact]
    public void A_user_confined_by_acl_to_its_namespace_can_use_it_and_gets_a_clear_noperm_on_another()
    {
        using var dir = WithRegistry();
        var team = NewNamespace();
        var user = "u" + team;
        Server.Command("ACL", "SETUSER", user, "on", ">team-secret", "resetkeys", $"~flagkeeper:{{{team}}}:*", "resetchannels", $"&flagkeeper:{{{team}}}:*", "+@all", "-@dangerous");
        var config = $"127.0.0.1:{Server.Port},user={user},password=team-secret";

        var own = Run(dir.Path, ["live", "set", "new-checkout", "off", "--reason", "x"], Environment(team, config));
        var other = Run(dir.Path, ["live", "set", "new-checkout", "off", "--reason", "x", "--namespace", "someone-else"], Environment(team, config));

        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.Equal("1", Server.Command("HEXISTS", $"flagkeeper:{{{team}}}:overrides", "new-checkout"));
        Assert.True(other.ExitCode == 2, other.ToString());
        Assert.Contains("error FK1010: Redis at 127.0.0.1:", other.Stderr);
        Assert.Contains("namespace 'someone-else'", other.Stderr);
        Assert.Contains("NOPERM", other.Stderr);
        Assert.DoesNotContain("team-secret", other.Stdout + other.Stderr);
        Assert.Equal("0", Server.Command("EXISTS", "flagkeeper:{someone-else}:overrides"));
    }

    [Fact]
    public void The_environment_beats_flagkeeper_yaml_for_store_and_namespace()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();
        dir.Write("flagkeeper.yaml", "live:\n  redis: 127.0.0.1:1\n  namespace: from-the-file\n");

        var set = Live(dir, ns, "set", "new-checkout", "off", "--reason", "x");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains($"namespace '{ns}'", set.Stdout);
        Assert.Equal("1", Server.Command("HEXISTS", $"flagkeeper:{{{ns}}}:overrides", "new-checkout"));
        Assert.Equal("0", Server.Command("EXISTS", "flagkeeper:{from-the-file}:overrides"));
    }

    [Fact]
    public void An_override_left_by_a_removed_flag_is_cleared_only_with_force_and_the_clear_is_in_history()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();
        Assert.Equal(0, Live(dir, ns, "set", "retired-flag", "on", "--reason", "before removal", "--force").ExitCode);

        var refused = Live(dir, ns, "clear", "retired-flag", "--reason", "cleanup");
        var forced = Live(dir, ns, "clear", "retired-flag", "--reason", "cleanup", "--force");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("`live clear --force` overrides a key the registry does not know", refused.Stderr);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal("0", Server.Command("HEXISTS", $"flagkeeper:{{{ns}}}:overrides", "retired-flag"));
        var last = JsonNode.Parse(Live(dir, ns, "history", "--format", "json").Stdout)!["changes"]!.AsArray()[^1]!;
        Assert.Equal(("retired-flag", "clear", "cleanup", "alice"), ((string)last["key"]!, (string)last["action"]!, (string)last["reason"]!, (string)last["by"]!));
    }
}
