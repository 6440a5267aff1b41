using System.Globalization;
using StackExchange.Redis;

namespace Flagkeeper.Redis;

/// <summary>
/// One entry of the namespace's history stream: who (<paramref name="By"/>), when (<paramref name="At"/>), what
/// (<paramref name="Action"/> on <paramref name="Key"/>, to <paramref name="State"/>) and why (<paramref name="Reason"/>).
/// Every action carries who, when and why, a <c>clear</c> included; <paramref name="State"/> is null for a clear.
/// A field the entry does not hold (written by something else than this store) is null, never invented.
/// </summary>
public sealed record LiveHistoryEntry(long Version, string Key, string Action, LiveState? State, double? Rollout,
                                      string? Reason, string? By, DateTimeOffset? At, DateTimeOffset? Expires);

/// <summary>Reads a history stream entry (fields written by <see cref="LiveScripts"/>) back.</summary>
internal static class LiveHistory
{
    public static LiveHistoryEntry? TryRead(StreamEntry entry)
    {
        string Get(string name) => (string?)entry[name] ?? string.Empty;
        string? Optional(string name) => Get(name) is { Length: > 0 } value ? value : null;

        if (!long.TryParse(Get("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        var action = Get("action");
        LiveState? state = null;
        double? rollout = null;
        if (action != "clear" && LiveOverrideJson.TryParseState(Get("state"), out var parsed, out var percent, out _))
        {
            (state, rollout) = (parsed, percent);
        }

        DateTimeOffset? at = LiveOverrideJson.TryParseTime(Get("at"), out var time) ? time : null;
        DateTimeOffset? expires = LiveOverrideJson.TryParseTime(Get("expires"), out var e) ? e : null;
        return new LiveHistoryEntry(version, Get("key"), action, state, rollout, Optional("reason"), Optional("by"), at, state is null ? null : expires);
    }
}
