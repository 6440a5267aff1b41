namespace Flagkeeper.Cli.Tests;

/// <summary>
/// A mistyped ACL user or password must fail, not act as Redis's password-free default user (which is what
/// StackExchange.Redis's connection ends up as when AUTH fails on such a server).
/// </summary>
public class LiveAuthTests(LiveRedis redis) : IClassFixture<LiveRedis>
{
    private const string Registry = """
        version: 1
        flags:
          new-checkout:
            description: New checkout
            owner: payments-team
            type: operational
            enabled: true
        """;

    [Theory]
    [InlineData("team-a", "wrong-secret")]
    [InlineData("no-such-user", "team-a-secret")]
    public async Task A_wrong_acl_user_or_password_is_refused_and_writes_nothing(string user, string password)
    {
        var server = redis.Server;
        server.Command("ACL", "SETUSER", "team-a", "on", ">team-a-secret", "~*", "&*", "+@all");
        var ns = "auth" + Guid.NewGuid().ToString("N")[..8];
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);

        var result = await CliRunner.RunAsync(dir.Path, ["live", "set", "new-checkout", "off", "--reason", "x",
            "--redis", $"127.0.0.1:{server.Port},user={user},password={password}", "--namespace", ns]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error FK1010: Redis at 127.0.0.1:{server.Port} did not accept user '{user}' with the password in the configuration: it let the connection in as 'default' instead", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(password, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Equal("0", server.Command("EXISTS", $"flagkeeper:{{{ns}}}:overrides"));
    }

    [Fact]
    public async Task The_right_acl_user_and_password_work()
    {
        var server = redis.Server;
        server.Command("ACL", "SETUSER", "team-b", "on", ">team-b-secret", "~*", "&*", "+@all");
        var ns = "auth" + Guid.NewGuid().ToString("N")[..8];
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);

        var result = await CliRunner.RunAsync(dir.Path, ["live", "set", "new-checkout", "off", "--reason", "x",
            "--redis", $"127.0.0.1:{server.Port},user=team-b,password=team-b-secret", "--namespace", ns]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1", server.Command("EXISTS", $"flagkeeper:{{{ns}}}:overrides"));
    }
}
