using System.Globalization;
using StackExchange.Redis;

namespace Flagkeeper.Redis;

/// <summary>
/// The live overrides of one namespace in Redis (layout: FLEET-SPEC.md and <see cref="LiveKeys"/>). Thin: every
/// change is one Lua script (<see cref="LiveScripts"/>), reads are one script too. The CLI writes through it and
/// every instance's subscriber reads through it.
/// </summary>
public sealed class LiveOverrideStore
{
    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _time;

    public LiveOverrideStore(IConnectionMultiplexer redis, string @namespace, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _time = time ?? TimeProvider.System;
        Keys = new LiveKeys(@namespace);
    }

    public LiveKeys Keys { get; }

    private IDatabase Db => _redis.GetDatabase();

    private RedisKey[] ChangeKeys => [Keys.Overrides, Keys.Version, Keys.History];

    /// <summary>Sets (or replaces) the override of <paramref name="key"/> and publishes the change; returns it with its version.</summary>
    public async Task<LiveOverride> SetAsync(string key, LiveState state, double? rollout, string reason, string by,
                                             DateTimeOffset at, DateTimeOffset? expires)
    {
        var o = Validate(new LiveOverride(key, state, rollout, reason ?? string.Empty, by ?? string.Empty, at, expires, 0));
        var args = new List<RedisValue> { Keys.Changes.ToString(), "set" };
        AddFlag(args, o);
        AddTrailer(args, o.Reason, o.By, at);
        var version = (long)await Db.ScriptEvaluateAsync(LiveScripts.Set, ChangeKeys, [.. args]).ConfigureAwait(false);
        return o with { Version = version };
    }

    /// <summary>Removes the override of <paramref name="key"/>; false (and no change, no version) when there was none.</summary>
    public async Task<bool> ClearAsync(string key, string by, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var at = _time.GetUtcNow();
        RedisValue[] args = [Keys.Changes.ToString(), key, LiveOverrideJson.Quote(key), reason ?? string.Empty, by ?? string.Empty, LiveOverrideJson.FormatTime(at)];
        var version = (long)await Db.ScriptEvaluateAsync(LiveScripts.Clear, ChangeKeys, args).ConfigureAwait(false);
        return version != 0;
    }

    /// <summary>
    /// Sets every flag to its safe state (on or off, no expiry) in one script: one change, one version and one
    /// message (action <c>kill</c>) per flag. Returns how many flags it set.
    /// </summary>
    public async Task<int> KillAllAsync(IEnumerable<(string Key, LiveState SafeState)> flags, string by, string reason)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var at = _time.GetUtcNow();
        var args = new List<RedisValue> { Keys.Changes.ToString(), "kill" };
        var count = 0;
        foreach (var (key, safe) in flags)
        {
            if (safe == LiveState.Rollout)
            {
                throw new ArgumentException($"the safe state of '{key}' must be on or off, not a rollout", nameof(flags));
            }

            AddFlag(args, Validate(new LiveOverride(key, safe, null, reason ?? string.Empty, by ?? string.Empty, at, null, 0)));
            count++;
        }

        if (count == 0)
        {
            return 0;
        }

        AddTrailer(args, reason ?? string.Empty, by ?? string.Empty, at);
        await Db.ScriptEvaluateAsync(LiveScripts.Set, ChangeKeys, [.. args]).ConfigureAwait(false);
        return count;
    }

    /// <summary>The whole hash and the current version in one script; malformed entries are listed apart with their error.</summary>
    public async Task<LiveStoreSnapshot> ReadAllAsync()
    {
        var result = await Db.ScriptEvaluateAsync(LiveScripts.ReadAll, [Keys.Overrides, Keys.Version]).ConfigureAwait(false);
        var parts = (RedisResult[])result!;
        var version = parts[0].IsNull ? 0 : (long)parts[0];
        var fields = (RedisResult[])parts[1]!;
        var overrides = new List<LiveOverride>(fields.Length / 2);
        var malformed = new List<LiveMalformedEntry>();
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var key = (string)fields[i]!;
            if (LiveOverrideJson.TryRead(key, (string?)fields[i + 1] ?? string.Empty, out var o, out var error))
            {
                overrides.Add(o!);
            }
            else
            {
                malformed.Add(new LiveMalformedEntry(key, error!));
            }
        }

        return new LiveStoreSnapshot(version, overrides, malformed);
    }

    /// <summary>The last <paramref name="count"/> changes from the history stream, oldest first, each with who, when, what and why.</summary>
    public async Task<IReadOnlyList<LiveHistoryEntry>> HistoryAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var entries = await Db.StreamRangeAsync(Keys.History, "-", "+", count, Order.Descending).ConfigureAwait(false);
        var changes = new List<LiveHistoryEntry>(entries.Length);
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (LiveHistory.TryRead(entries[i]) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    private static LiveOverride Validate(LiveOverride o)
    {
        if (string.IsNullOrEmpty(o.Key))
        {
            throw new ArgumentException("the flag key is empty", nameof(o));
        }

        if (o.State == LiveState.Rollout && o.Rollout is not (>= 0 and <= 100))
        {
            throw new ArgumentException($"a rollout override of '{o.Key}' needs a percentage 0..100, not {o.Rollout?.ToString(CultureInfo.InvariantCulture) ?? "none"}", nameof(o));
        }

        return o.State == LiveState.Rollout ? o : o with { Rollout = null };
    }

    private static void AddFlag(List<RedisValue> args, LiveOverride o)
    {
        args.Add(o.Key);
        args.Add(LiveOverrideJson.Quote(o.Key));
        args.Add(LiveOverrideJson.WriteWithoutVersion(o));
        args.Add(LiveOverrideJson.FormatState(o.State, o.Rollout));
        args.Add(o.Expires is { } e ? LiveOverrideJson.FormatTime(e) : string.Empty);
    }

    private static void AddTrailer(List<RedisValue> args, string reason, string by, DateTimeOffset at)
    {
        args.Add(reason);
        args.Add(by);
        args.Add(LiveOverrideJson.FormatTime(at));
    }
}
