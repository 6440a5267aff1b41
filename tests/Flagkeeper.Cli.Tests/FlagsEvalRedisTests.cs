using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flags eval KEY --redis CONFIGURATION --namespace NS`: the value an instance of that namespace serves, live overrides
/// included. The real CLI on a temp registry against a real redis-server; an unreachable Redis is exit 2, never a silent
/// answer from the file, and never prints the configuration's password.
/// </summary>
public class FlagsEvalRedisTests(LiveRedis redis) : IClassFixture<LiveRedis>
{
    private static string NewNamespace() => LiveTest.NewNamespace();

    /// <summary>The CLI with no store in the environment: everything it knows about Redis comes from its arguments.</summary>
    private static CliResult Run(TempDirectory dir, params string[] args) => Run(dir, args, []);

    /// <summary>The CLI with <paramref name="environment"/> over an environment that names no store.</summary>
    private static CliResult Run(TempDirectory dir, string[] args, Dictionary<string, string> environment)
    {
        var all = LiveTest.Environment("", "");
        foreach (var (name, value) in environment)
        {
            all[name] = value;
        }
        return LiveTest.Run(dir.Path, args, all);
    }

    private static TempDirectory WithRegistry() => LiveTest.WithRegistry();

    private string Store => redis.Server.ConnectionString;

    private static void Ok(CliResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    [Fact]
    public void A_live_override_is_the_effective_value_with_reason_LiveOverride_in_text_and_json()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();
        Ok(Run(dir, "live", "set", "new-checkout", "off", "--reason", "INC-42", "--redis", Store, "--namespace", ns));

        var text = Run(dir, "flags", "eval", "new-checkout", "--redis", Store, "--namespace", ns);
        var json = Run(dir, "flags", "eval", "new-checkout", "--user", "u-1", "--redis", Store, "--namespace", ns, "--format", "json");

        Ok(text);
        Assert.Equal("new-checkout: false (LiveOverride)\n", text.Stdout);
        Ok(json);
        SchemaFiles.AssertValid(SchemaFiles.FlagsEval, json.Stdout, "flags eval --redis");
        Assert.Equal("""{"flag":"new-checkout","value":false,"reason":"LiveOverride","percentile":null}""", JsonNode.Parse(json.Stdout)!.ToJsonString());
    }

    [Fact]
    public void Without_an_override_in_the_namespace_the_answer_is_the_files()
    {
        using var dir = WithRegistry();
        var other = NewNamespace();
        Ok(Run(dir, "live", "set", "new-checkout", "off", "--reason", "another team's", "--redis", Store, "--namespace", other));

        var text = Run(dir, "flags", "eval", "new-checkout", "--redis", Store, "--namespace", NewNamespace());
        var json = Run(dir, "flags", "eval", "new-checkout", "--redis", Store, "--namespace", NewNamespace(), "--format", "json");

        Ok(text);
        Assert.Equal("new-checkout: true (Enabled)\n", text.Stdout);
        Ok(json);
        Assert.Equal("""{"flag":"new-checkout","value":true,"reason":"Enabled","percentile":null}""", JsonNode.Parse(json.Stdout)!.ToJsonString());
    }

    [Fact]
    public void An_expired_override_is_not_applied()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();
        redis.Server.Command("HSET", $"flagkeeper:{{{ns}}}:overrides", "new-checkout",
            """{"state":"off","reason":"old","by":"bob","at":"2020-01-01T00:00:00Z","expires":"2020-01-01T01:00:00Z","version":1}""");

        var result = Run(dir, "flags", "eval", "new-checkout", "--redis", Store, "--namespace", ns);

        Ok(result);
        Assert.Equal("new-checkout: true (Enabled)\n", result.Stdout);
    }

    [Theory]
    [InlineData("text", false)]
    [InlineData("json", false)]
    [InlineData("text", true)]
    public void Unreachable_redis_is_exit_2_naming_host_and_port_with_no_value_and_no_password(string format, bool verbose)
    {
        using var dir = WithRegistry();
        var port = ClosedPort();
        var config = $"127.0.0.1:{port},password=hunter2-eval-secret,connectTimeout=2000";
        string[] args = ["flags", "eval", "new-checkout", "--redis", config, "--namespace", NewNamespace(), "--format", format];

        var result = Run(dir, verbose ? [.. args, "--verbose"] : args, []);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error FK1009: cannot reach Redis at 127.0.0.1:{port}", result.Stderr);
        Assert.Equal("", result.Stdout); // no answer from the file dressed up as the fleet's
        Assert.DoesNotContain("hunter2", result.Stdout + result.Stderr);
        if (!verbose)
        {
            Assert.DoesNotContain("   at ", result.Stderr); // stack traces only with --verbose (docs/cli.md)
        }
    }

    [Fact]
    public void Without_redis_on_the_command_line_eval_answers_from_the_file_even_with_FLAGKEEPER_REDIS_set()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();
        Ok(Run(dir, "live", "set", "new-checkout", "off", "--reason", "INC-42", "--redis", Store, "--namespace", ns));

        var result = Run(dir, ["flags", "eval", "new-checkout"], new() { ["FLAGKEEPER_REDIS"] = Store, ["FLAGKEEPER_NAMESPACE"] = ns });

        Ok(result);
        Assert.Equal("new-checkout: true (Enabled)\n", result.Stdout);
    }

    [Fact]
    public void With_redis_given_the_namespace_may_come_from_FLAGKEEPER_NAMESPACE()
    {
        using var dir = WithRegistry();
        var ns = NewNamespace();
        Ok(Run(dir, "live", "set", "new-checkout", "off", "--reason", "INC-42", "--redis", Store, "--namespace", ns));

        var result = Run(dir, ["flags", "eval", "new-checkout", "--redis", Store], new() { ["FLAGKEEPER_NAMESPACE"] = ns });

        Ok(result);
        Assert.Equal("new-checkout: false (LiveOverride)\n", result.Stdout);
    }

    /// <summary>A port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
