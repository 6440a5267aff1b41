using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Flagkeeper.Redis.Tests;

/// <summary>The store against a real redis-server: one script per change, so hash, version, message and history agree.</summary>
public sealed class LiveOverrideStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 14, 0, 0, TimeSpan.Zero);
    private readonly RedisServer _server = new();
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Set_writes_the_hash_the_version_and_publishes_the_change_with_the_same_version()
    {
        var store = new LiveOverrideStore(_redis, "team-a");
        var messages = await Subscribe(store.Keys.Changes);

        var first = await store.SetAsync("checkout.new-flow", LiveState.On, null, "incident 42", "alice", At, At.AddHours(1));
        var second = await store.SetAsync("search.ranker", LiveState.Rollout, 12.5, "ramp", "bob", At, null);

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal("2", _server.Command("GET", "flagkeeper:{team-a}:version"));
        Assert.Equal("""{"state":"on","reason":"incident 42","by":"alice","at":"2026-12-05T14:00:00Z","expires":"2026-12-05T15:00:00Z","version":1}""",
            _server.Command("HGET", "flagkeeper:{team-a}:overrides", "checkout.new-flow"));
        Assert.True(LiveOverrideJson.TryReadChange(await messages.ReadAsync(), out var change, out var error), error);
        Assert.Equal(new LiveChange(1, "checkout.new-flow", "set", first), change);
        Assert.True(LiveOverrideJson.TryReadChange(await messages.ReadAsync(), out change, out error), error);
        Assert.Equal(second, change!.Override);
        Assert.Equal(12.5, change.Override!.Rollout);
    }

    [Fact]
    public async Task ReadAll_returns_every_override_and_the_version_and_lists_malformed_entries_apart()
    {
        var store = new LiveOverrideStore(_redis, "ns");
        var set = await store.SetAsync("a", LiveState.Off, null, "r", "me", At, null);
        _server.Command("HSET", "flagkeeper:{ns}:overrides", "broken", "not json", "too-much", """{"state":150}""", "maybe", """{"state":"maybe"}""");

        var snapshot = await store.ReadAllAsync();

        Assert.Equal(1, snapshot.Version);
        Assert.Equal([set], snapshot.Overrides);
        Assert.Equal(["broken", "maybe", "too-much"], snapshot.Malformed.Select(m => m.Key).Order());
        Assert.Contains("outside 0..100", snapshot.Malformed.Single(m => m.Key == "too-much").Error);
        Assert.Contains("'maybe' is not on, off", snapshot.Malformed.Single(m => m.Key == "maybe").Error);
    }

    [Fact]
    public async Task ReadAll_of_an_empty_namespace_is_version_zero()
    {
        var snapshot = await new LiveOverrideStore(_redis, "empty").ReadAllAsync();

        Assert.Equal(0, snapshot.Version);
        Assert.Empty(snapshot.Overrides);
    }

    [Fact]
    public async Task Clear_removes_and_publishes_and_clearing_nothing_changes_nothing()
    {
        var store = new LiveOverrideStore(_redis, "ns");
        await store.SetAsync("a", LiveState.On, null, "r", "me", At, null);
        var messages = await Subscribe(store.Keys.Changes);

        Assert.True(await store.ClearAsync("a", "me", "done"));
        Assert.False(await store.ClearAsync("a", "me", "again"));

        Assert.True(LiveOverrideJson.TryReadChange(await messages.ReadAsync(), out var change, out _));
        Assert.Equal(new LiveChange(2, "a", "clear", null), change);
        Assert.Equal("2", _server.Command("GET", "flagkeeper:{ns}:version"));
        Assert.Empty((await store.ReadAllAsync()).Overrides);
    }

    [Fact]
    public async Task KillAll_sets_each_flag_to_its_safe_state_with_one_version_each_and_history_keeps_every_change()
    {
        var store = new LiveOverrideStore(_redis, "ns");
        await store.SetAsync("a", LiveState.Rollout, 50, "ramp", "me", At, null);

        var count = await store.KillAllAsync([("a", LiveState.Off), ("b", LiveState.On)], "oncall", "outage");
        await store.ClearAsync("b", "oncall", "recovered");

        Assert.Equal(2, count);
        var snapshot = await store.ReadAllAsync();
        Assert.Equal(4, snapshot.Version);
        Assert.Equal(LiveState.Off, snapshot.Overrides.Single().State);
        var history = await store.HistoryAsync(10);
        Assert.Equal([(1L, "a", "set"), (2L, "a", "kill"), (3L, "b", "kill"), (4L, "b", "clear")], history.Select(h => (h.Version, h.Key, h.Action)));
        Assert.Equal(50, history[0].Rollout);
        Assert.Equal("outage", history[2].Reason);
        Assert.Null(history[3].State);
        Assert.Equal([3L, 4L], (await store.HistoryAsync(2)).Select(h => h.Version));
    }

    [Fact]
    public async Task History_keeps_who_when_what_and_why_of_every_action_a_clear_included()
    {
        var time = new FakeTimeProvider(At.AddMinutes(5));
        var store = new LiveOverrideStore(_redis, "who", time);
        await store.SetAsync("a", LiveState.On, null, "INC-1", "alice", At, At.AddHours(2));
        time.Advance(TimeSpan.FromMinutes(1));
        await store.KillAllAsync([("a", LiveState.Off), ("b", LiveState.On)], "bob", "outage");
        time.Advance(TimeSpan.FromMinutes(1));
        await store.ClearAsync("a", "carol", "INC-1 fixed");

        var history = await store.HistoryAsync(10);

        Assert.Equal(
        [
            new LiveHistoryEntry(1, "a", "set", LiveState.On, null, "INC-1", "alice", At, At.AddHours(2)),
            new LiveHistoryEntry(2, "a", "kill", LiveState.Off, null, "outage", "bob", At.AddMinutes(6), null),
            new LiveHistoryEntry(3, "b", "kill", LiveState.On, null, "outage", "bob", At.AddMinutes(6), null),
            new LiveHistoryEntry(4, "a", "clear", null, null, "INC-1 fixed", "carol", At.AddMinutes(7), null),
        ], history);
    }

    [Fact]
    public async Task A_history_entry_missing_who_or_when_reads_back_as_null_not_invented()
    {
        var store = new LiveOverrideStore(_redis, "bare");
        _server.Command("XADD", "flagkeeper:{bare}:history", "*", "version", "7", "key", "k", "action", "set", "state", "off");

        var entry = Assert.Single(await store.HistoryAsync(5));

        Assert.Equal(new LiveHistoryEntry(7, "k", "set", LiveState.Off, null, null, null, null, null), entry);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_anything_is_written()
    {
        var store = new LiveOverrideStore(_redis, "ns");

        await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync("a", LiveState.Rollout, 150, "r", "me", At, null));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetAsync("", LiveState.On, null, "r", "me", At, null));
        await Assert.ThrowsAsync<ArgumentException>(() => store.KillAllAsync([("a", LiveState.Rollout)], "me", "r"));
        Assert.Throws<ArgumentException>(() => new LiveOverrideStore(_redis, "a{b}"));
        Assert.Null(_server.Command("GET", "flagkeeper:{ns}:version"));
    }

    [Fact]
    public async Task An_acl_user_confined_to_its_namespace_can_write_there_and_nowhere_else()
    {
        _server.Command("ACL", "SETUSER", "team-a", "on", ">secret-a", "resetkeys", "~flagkeeper:{team-a}:*", "resetchannels", "&flagkeeper:{team-a}:*", "+@all", "-@dangerous");
        await using var teamA = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_server.Port},user=team-a,password=secret-a");

        var own = await new LiveOverrideStore(teamA, "team-a").SetAsync("a", LiveState.On, null, "r", "team-a", At, null);
        var other = await Assert.ThrowsAsync<RedisServerException>(() => new LiveOverrideStore(teamA, "team-b").SetAsync("a", LiveState.On, null, "r", "team-a", At, null));

        Assert.Equal(1, own.Version);
        Assert.Contains("NOPERM", other.Message);
        Assert.Null(_server.Command("GET", "flagkeeper:{team-b}:version"));
    }

    private async Task<ChannelReader<string>> Subscribe(RedisChannel channel)
    {
        // The queue form keeps the server's order (handler callbacks may run concurrently).
        var received = Channel.CreateUnbounded<string>();
        var queue = await _redis.GetSubscriber().SubscribeAsync(channel);
        queue.OnMessage(message => { received.Writer.TryWrite(message.Message!); });
        return received.Reader;
    }
}
