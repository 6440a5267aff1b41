namespace Flagkeeper.Cli.Tests;

/// <summary>One real redis-server for a class of live tests; each test works in a namespace of its own.</summary>
public sealed class LiveRedis : IDisposable
{
    public RedisServer Server { get; } = new();

    public void Dispose() => Server.Dispose();
}

/// <summary>What the live tests share: a registry with a flag (and its alias) and a kill switch, fresh namespaces, the CLI's environment.</summary>
internal static class LiveTest
{
    public const string Registry = """
        version: 1
        flags:
          new-checkout:
            description: New checkout
            owner: payments-team
            type: operational
            enabled: true
            aliases: [NEW_CHECKOUT]
          checkout-kill-switch:
            description: Turns checkout off
            owner: payments-team
            type: kill-switch
        """;

    /// <summary>A temp folder holding <see cref="Registry"/> as flags.yaml.</summary>
    public static TempDirectory WithRegistry()
    {
        var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);
        return dir;
    }

    public static string NewNamespace() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The store and namespace in FLAGKEEPER_REDIS / FLAGKEEPER_NAMESPACE ("" for none) and git's identity out of the way, so $USER ("alice") answers "who".</summary>
    public static Dictionary<string, string> Environment(string redis, string ns) => new()
    {
        ["FLAGKEEPER_REDIS"] = redis,
        ["FLAGKEEPER_NAMESPACE"] = ns,
        ["USER"] = "alice",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
    };

    public static CliResult Run(string directory, IReadOnlyList<string> args, Dictionary<string, string> environment) =>
        CliRunner.RunAsync(directory, args, environment).GetAwaiter().GetResult();
}
