using Flagkeeper.Evaluation;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Flagkeeper.Redis.Tests;

/// <summary>Every instance keeps the overrides in memory, in version order, and converges after gaps and outages.</summary>
public sealed class LiveOverrideSubscriberTests : IDisposable
{
    private const string Password = "s3cret-pa55";
    private static readonly DateTimeOffset At = new(2026, 12, 5, 14, 0, 0, TimeSpan.Zero);
    private readonly RedisServer _server = new(Password);

    public void Dispose() => _server.Dispose();

    private async Task<(ConnectionMultiplexer Redis, LiveOverrideStore Store)> Writer(string ns)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
        return (redis, new LiveOverrideStore(redis, ns));
    }

    [Fact]
    public async Task A_set_reaches_two_instances_and_a_clear_returns_them_to_the_file()
    {
        await using var a = await LiveHost.StartAsync(_server.ConnectionString, "ns");
        await using var b = await LiveHost.StartAsync(_server.ConnectionString, "ns");
        var (redis, store) = await Writer("ns");
        using var _ = redis;

        await store.SetAsync("checkout", LiveState.On, null, "incident", "alice", At, null);
        await a.Until(f => f.IsEnabled("checkout"));
        await b.Until(f => f.IsEnabled("checkout"));
        Assert.Equal(new FlagEvaluation("checkout", true, EvaluationReason.LiveOverride), a.Flags.Evaluate("checkout"));

        await store.ClearAsync("checkout", "alice", "fixed");
        await b.Until(f => f.Evaluate("checkout").Reason == EvaluationReason.Disabled);
        Assert.Equal(2, b.Subscriber.Version);
        Assert.Equal(HealthStatus.Healthy, (await b.HealthAsync()).Entries["flagkeeper-redis"].Status);
    }

    [Fact]
    public async Task A_version_gap_re_reads_the_hash_and_an_old_message_is_ignored()
    {
        await using var host = await LiveHost.StartAsync(_server.ConnectionString, "ns");
        var json = LiveOverrideJson.Write(new LiveOverride("checkout", LiveState.On, null, "r", "b", At, null, 5));
        _server.Command("HSET", "flagkeeper:{ns}:overrides", "checkout", json);
        _server.Command("SET", "flagkeeper:{ns}:version", "5");

        _server.Command("PUBLISH", "flagkeeper:{ns}:changes", """{"version":5,"key":"checkout","action":"set","override":""" + json + "}");
        await host.Until(f => f.IsEnabled("checkout"));
        _server.Command("PUBLISH", "flagkeeper:{ns}:changes", """{"version":2,"key":"checkout","action":"clear","override":null}""");
        _server.Command("PUBLISH", "flagkeeper:{ns}:changes", """{"version":6,"key":"search","action":"set","override":{"state":"off","version":6}}""");

        await host.Until(f => !f.IsEnabled("search"));
        Assert.True(host.Flags.IsEnabled("checkout"));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 1104);
    }

    [Fact]
    public async Task Redis_down_keeps_the_last_known_overrides_and_degrades_then_converges_when_it_returns()
    {
        await using var host = await LiveHost.StartAsync(_server.ConnectionString, "ns");
        var (redis, store) = await Writer("ns");
        await store.SetAsync("checkout", LiveState.On, null, "r", "b", At, null);
        await host.Until(f => f.IsEnabled("checkout"));
        await redis.DisposeAsync();

        _server.Stop();
        host.Time.Advance(TimeSpan.FromSeconds(30)); // the safety re-read finds Redis gone
        await WaitFor(() => host.Subscriber.Status is not null);

        var health = (await host.HealthAsync()).Entries["flagkeeper-redis"];
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("unreachable", health.Description);
        Assert.DoesNotContain(Password, health.Description);
        Assert.True(host.Flags.IsEnabled("checkout"));

        // Back without persistence: an empty namespace, then a new change; the re-read converges on it.
        _server.Start();
        var (redis2, store2) = await Writer("ns");
        using var _ = redis2;
        await store2.SetAsync("search", LiveState.Off, null, "r", "b", At, null);
        host.Time.Advance(TimeSpan.FromSeconds(30));
        await host.Until(f => !f.IsEnabled("search") && !f.IsEnabled("checkout"));
        await WaitFor(() => host.Subscriber.Status is null);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Message.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_override_expires_on_time_also_while_Redis_is_down()
    {
        await using var host = await LiveHost.StartAsync(_server.ConnectionString, "ns");
        var (redis, store) = await Writer("ns");
        using var _ = redis;
        await store.SetAsync("checkout", LiveState.On, null, "r", "b", At, host.Time.GetUtcNow().AddMinutes(10));
        await host.Until(f => f.IsEnabled("checkout"));

        _server.Stop();
        host.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(host.Flags.IsEnabled("checkout"));
        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new FlagEvaluation("checkout", false, EvaluationReason.Disabled), host.Flags.Evaluate("checkout"));
    }

    [Fact]
    public async Task Malformed_entries_are_logged_by_key_and_the_others_still_apply()
    {
        var (redis, store) = await Writer("ns");
        using var _ = redis;
        await store.SetAsync("checkout", LiveState.On, null, "r", "b", At, null);
        _server.Command("HSET", "flagkeeper:{ns}:overrides", "search", """{"state":150}""", "other", "not json");

        await using var host = await LiveHost.StartAsync(_server.ConnectionString, "ns");

        Assert.True(host.Flags.IsEnabled("checkout"));
        Assert.True(host.Flags.IsEnabled("search")); // the file's value
        var errors = host.Logs.GetSnapshot().Where(r => r.Id.Id == 1103).Select(r => r.Message).ToList();
        Assert.Contains(errors, m => m.Contains("'search'") && m.Contains("outside 0..100"));
        Assert.Contains(errors, m => m.Contains("'other'"));
    }

    [Fact]
    public async Task Starting_while_Redis_is_down_serves_the_file_degraded_and_picks_overrides_up_when_it_comes()
    {
        var (redis, store) = await Writer("ns");
        _server.Stop();
        await redis.DisposeAsync();

        await using var host = await LiveHost.StartAsync(_server.ConnectionString, "ns");

        var health = (await host.HealthAsync()).Entries["flagkeeper-redis"];
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("started without Redis", health.Description);
        Assert.DoesNotContain(Password, health.Description);
        Assert.Equal(EvaluationReason.Disabled, host.Flags.Evaluate("checkout").Reason);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 1105 && r.Message.Contains("password=***"));

        _server.Start();
        var (redis2, store2) = await Writer("ns");
        using var _ = redis2;
        await store2.SetAsync("checkout", LiveState.On, null, "r", "b", At, null);
        host.Time.Advance(TimeSpan.FromSeconds(30));
        await host.Until(f => f.IsEnabled("checkout"));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Message.Contains(Password, StringComparison.Ordinal));
    }

    // For state the subscriber reaches on a background task after a timer tick: poll its property briefly.
    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
