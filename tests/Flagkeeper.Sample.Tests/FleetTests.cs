using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Flagkeeper.Sample.Tests;

/// <summary>
/// Issue 13 end to end: two samples/web processes (real Kestrel) subscribed to one namespace of a real redis-server,
/// driven by the real CLI. Instance B connects through a <see cref="TcpRelay"/>, so it alone can be cut off while A
/// stays connected.
/// </summary>
public sealed class FleetTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The safety re-read period the instances run with; short so the test sees it fire.</summary>
    private static readonly TimeSpan SafetyInterval = TimeSpan.FromSeconds(2);

    /// <summary>A published change reaches every instance within this (the issue's promise).</summary>
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(1);

    /// <summary>Reconnecting after an outage: StackExchange.Redis's back-off plus one safety re-read, with room for a busy machine.</summary>
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Two_instances_follow_live_changes_keep_them_through_an_outage_converge_after_a_partition_and_obey_kill_all()
    {
        using var redis = new RedisServer();
        using var relay = new TcpRelay(redis.Port);
        var registry = Path.Combine(_dir.Path, "flags.yaml");
        File.Copy(Path.Combine(RepositoryPaths.Samples, "web", "flags.yaml"), registry);
        var ns = "e2e" + Guid.NewGuid().ToString("N")[..8];
        string[] common = [$"--Flagkeeper:Namespace={ns}", $"--Flagkeeper:SafetyInterval={SafetyInterval}"];
        await using var a = await SampleApp.StartAsync(registry, [$"--Flagkeeper:Redis={redis.ConnectionString}", .. common]);
        await using var b = await SampleApp.StartAsync(registry, [$"--Flagkeeper:Redis=127.0.0.1:{relay.Port}", .. common]);
        SampleApp[] both = [a, b];
        await Expect(both, app => RedisHealth(app, "Healthy"), Reconnect, "both instances in sync with Redis");
        Assert.Equal(("reports", true, "Enabled"), await Flag(a, "reports"));

        // live set: both answer the override within a second of the CLI returning.
        await Cli(ns, redis, "live", "set", "reports", "off", "--reason", "incident 42");
        await Expect(both, app => Is(app, "reports", false, "LiveOverride"), Propagation, "live set reached both");

        // Redis gone: the override stays, health says Degraded and why.
        redis.Stop();
        await Expect(both, app => RedisHealth(app, "Degraded"), Reconnect, "both Degraded while Redis is down");
        foreach (var app in both)
        {
            Assert.Equal(("reports", false, "LiveOverride"), await Flag(app, "reports"));
            Assert.Contains("unreachable", await RedisDescription(app), StringComparison.Ordinal);
        }

        // Redis back, empty (persistence off: the override was lost there, and nobody published that): both re-read it.
        redis.Start();
        await Expect(both, app => Is(app, "reports", true, "Enabled"), Reconnect, "both converged on the restarted (empty) store");
        await Expect(both, app => RedisHealth(app, "Healthy"), Reconnect, "both Healthy again");

        // B cut off alone; the override cleared directly in Redis (no message): A finds it at its safety re-read,
        // B keeps its last-known override until it reconnects, then re-reads.
        await Cli(ns, redis, "live", "set", "reports", "off", "--reason", "incident 43");
        await Expect(both, app => Is(app, "reports", false, "LiveOverride"), Propagation, "second live set reached both");
        relay.Cut();
        await Expect([b], app => RedisHealth(app, "Degraded"), Reconnect, "B Degraded while cut off");
        redis.Command("HDEL", $"flagkeeper:{{{ns}}}:overrides", "reports");
        await Expect([a], app => Is(app, "reports", true, "Enabled"), SafetyInterval + TimeSpan.FromSeconds(3), "A's safety re-read found the clear");
        var cutOff = await Flag(b, "reports");
        Assert.True(cutOff == ("reports", false, "LiveOverride"), $"B answered {cutOff} while cut off; clients:\n{redis.Command("CLIENT", "LIST")}\n--- B\n{b.Output}");
        relay.Resume();
        await Expect([b], app => Is(app, "reports", true, "Enabled"), Reconnect, "B re-read after reconnecting");

        // live kill --all: every flag in its safe state on both (the sample has no kill switch: all off).
        await Cli(ns, redis, "live", "kill", "--all", "--yes", "--reason", "drill");
        string[] keys = ["new-checkout", "maintenance-banner", "reports"];
        await Expect(both, async app =>
        {
            foreach (var key in keys)
            {
                if (!await Is(app, key, false, "LiveOverride"))
                {
                    return false;
                }
            }
            return true;
        }, Propagation, "kill --all reached both");
    }

    private async Task Cli(string ns, RedisServer redis, params string[] args)
    {
        var result = await CliRunner.RunAsync(_dir.Path, args, new Dictionary<string, string>
        {
            ["FLAGKEEPER_REDIS"] = redis.ConnectionString,
            ["FLAGKEEPER_NAMESPACE"] = ns,
            ["USER"] = "e2e",
        });
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Polls until <paramref name="condition"/> holds on every app, timing from now; prints how long it took.</summary>
    private async Task Expect(SampleApp[] apps, Func<SampleApp, Task<bool>> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        var met = await SampleApp.Until(async () =>
        {
            foreach (var app in apps)
            {
                if (!await condition(app))
                {
                    return false;
                }
            }
            return true;
        }, within);
        output.WriteLine($"{what}: {(met ? $"{clock.ElapsedMilliseconds} ms" : "NOT met")} (limit {within.TotalMilliseconds} ms)");
        Assert.True(met, $"not within {within}: {what}\n--- A\n{apps[0].Output}\n--- last\n{apps[^1].Output}");
    }

    private static async Task<(string Flag, bool Value, string Reason)> Flag(SampleApp app, string key)
    {
        var answer = await app.Http.GetFromJsonAsync<JsonElement>(new Uri($"/flags/{key}", UriKind.Relative));
        return (answer.GetProperty("flag").GetString()!, answer.GetProperty("value").GetBoolean(), answer.GetProperty("reason").GetString()!);
    }

    private static async Task<bool> Is(SampleApp app, string key, bool value, string reason) =>
        await Flag(app, key) == (key, value, reason);

    private static async Task<JsonElement> RedisEntry(SampleApp app)
    {
        // /health answers 503 when Unhealthy, 200 otherwise; the body is the same JSON either way.
        using var response = await app.Http.GetAsync(new Uri("/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("entries").GetProperty("flagkeeper-redis");
    }

    private static async Task<bool> RedisHealth(SampleApp app, string status) =>
        (await RedisEntry(app)).GetProperty("status").GetString() == status;

    private static async Task<string> RedisDescription(SampleApp app) =>
        (await RedisEntry(app)).GetProperty("description").GetString() ?? string.Empty;
}
