using System.Globalization;
using System.Text.Json.Nodes;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `live history`: every change (set, clear, kill) lands in the namespace's stream with who, when, what and why, and
/// reads back in JSON (its schema) and in text. The real CLI against a real redis-server.
/// </summary>
public class LiveHistoryTests(LiveRedis redis) : IClassFixture<LiveRedis>
{
    private static string NewNamespace() => LiveTest.NewNamespace();

    private CliResult Live(TempDirectory dir, string ns, params string[] args) =>
        LiveTest.Run(dir.Path, ["live", .. args], LiveTest.Environment(redis.Server.ConnectionString, ns));

    private static TempDirectory WithRegistry() => LiveTest.WithRegistry();

    private static void Ok(CliResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    [Fact]
    public void Set_clear_and_kill_each_land_in_history_with_who_when_what_and_why_in_json_and_text()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        Ok(Live(dir, ns, "set", "new-checkout", "off", "--reason", "INC-42: checkout errors", "--for", "2h"));
        Ok(Live(dir, ns, "clear", "new-checkout", "--reason", "INC-42 fixed"));
        Ok(Live(dir, ns, "kill", "--all", "--yes", "--reason", "INC-43: outage"));
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var json = Live(dir, ns, "history", "--format", "json");

        Ok(json);
        SchemaFiles.AssertValid(SchemaFiles.LiveHistory, json.Stdout, "live history");
        var changes = JsonNode.Parse(json.Stdout)!["changes"]!.AsArray().Select(c => c!).ToList();
        Assert.Equal(
            [(1L, "new-checkout", "set", "off"), (2L, "new-checkout", "clear", null), (3L, "new-checkout", "kill", "off"), (4L, "checkout-kill-switch", "kill", "on")],
            changes.Select(c => ((long)c["version"]!, (string)c["key"]!, (string)c["action"]!, (string?)c["state"])));
        Assert.Equal(["INC-42: checkout errors", "INC-42 fixed", "INC-43: outage", "INC-43: outage"], changes.Select(c => (string)c["reason"]!));
        Assert.All(changes, c => Assert.Equal("alice", (string)c["by"]!));
        Assert.All(changes, c => Assert.InRange(DateTimeOffset.Parse((string)c["at"]!, CultureInfo.InvariantCulture), before, after));
        Assert.NotNull(changes[0]["expires"]);
        Assert.Null(changes[1]["expires"]);
        Assert.Equal((string)changes[2]["at"]!, (string)changes[3]["at"]!); // one kill, one instant for every flag

        var text = Live(dir, ns, "history");

        Ok(text);
        var lines = text.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^#1 new-checkout: set off until \S+Z by alice at \S+Z: INC-42: checkout errors$", lines[0]);
        Assert.Matches(@"^#2 new-checkout: clear by alice at \S+Z: INC-42 fixed$", lines[1]);
        Assert.Matches(@"^#3 new-checkout: kill off by alice at \S+Z: INC-43: outage$", lines[2]);
        Assert.Matches(@"^#4 checkout-kill-switch: kill on by alice at \S+Z: INC-43: outage$", lines[3]);
    }

    [Fact]
    public void Who_is_git_user_name_and_email_at_the_root_for_a_clear_as_for_a_set()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();
        Assert.Equal(0, GitProcess.Run(dir.Path, ["init", "-q"]).ExitCode);
        Assert.Equal(0, GitProcess.Run(dir.Path, ["config", "user.name", "Ada Lovelace"]).ExitCode);
        Assert.Equal(0, GitProcess.Run(dir.Path, ["config", "user.email", "ada@example.com"]).ExitCode);

        Ok(Live(dir, ns, "set", "new-checkout", "on", "--reason", "demo"));
        Ok(Live(dir, ns, "clear", "new-checkout", "--reason", "demo over"));
        var json = Live(dir, ns, "history", "--format", "json");

        Ok(json);
        var changes = JsonNode.Parse(json.Stdout)!["changes"]!.AsArray();
        Assert.Equal(["Ada Lovelace <ada@example.com>", "Ada Lovelace <ada@example.com>"], changes.Select(c => (string)c!["by"]!));
        Assert.Equal("demo over", (string)changes[1]!["reason"]!);
    }

    [Fact]
    public void Clearing_a_flag_without_an_override_changes_nothing_and_records_nothing()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();

        var clear = Live(dir, ns, "clear", "new-checkout", "--reason", "just in case");
        var history = Live(dir, ns, "history");

        Ok(clear);
        Assert.Contains("had no live override", clear.Stdout);
        Ok(history);
        Assert.Equal($"No live changes recorded in namespace '{ns}'.\n", history.Stdout);
    }

    [Fact]
    public void A_malformed_override_is_listed_apart_and_the_command_the_warning_gives_removes_it_on_the_record()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();
        redis.Server.Command("HSET", $"flagkeeper:{{{ns}}}:overrides", "left-over", "not json");

        var list = Live(dir, ns, "list");

        Ok(list);
        Assert.Contains("warning: the override of 'left-over' is malformed and ignored by every instance", list.Stderr);
        Assert.Contains("`live clear left-over --force --reason TEXT` removes it", list.Stderr);

        var clear = Live(dir, ns, "clear", "left-over", "--force", "--reason", "malformed entry");

        Ok(clear);
        Assert.Equal("0", redis.Server.Command("HEXISTS", $"flagkeeper:{{{ns}}}:overrides", "left-over"));
        var history = Live(dir, ns, "history");
        Assert.Matches(@"^#1 left-over: clear by alice at \S+Z: malformed entry\n$", history.Stdout);
    }
}
