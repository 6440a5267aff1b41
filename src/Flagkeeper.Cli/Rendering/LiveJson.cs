using System.Text.Json;
using Flagkeeper.Analysis;
using Flagkeeper.Redis;

namespace Flagkeeper.Cli.Rendering;

/// <summary>
/// <c>live list --format json</c> and <c>live history --format json</c> (schemas/live-list-output.schema.json,
/// schemas/live-history-output.schema.json): stable field names, nulls where a field does not apply.
/// </summary>
internal static class LiveJson
{
    public static void WriteList(TextWriter output, string ns, LiveStoreSnapshot snapshot, DateTimeOffset now) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteString("namespace", ns);
            json.WriteNumber("version", snapshot.Version);
            json.WriteStartArray("overrides");
            foreach (var o in snapshot.Overrides)
            {
                json.WriteStartObject();
                json.WriteString("key", o.Key);
                WriteState(json, o);
                json.WriteBoolean("expired", o.IsExpiredAt(now));
                json.WriteNumber("version", o.Version);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("malformed");
            foreach (var bad in snapshot.Malformed)
            {
                json.WriteStartObject();
                json.WriteString("key", bad.Key);
                json.WriteString("error", bad.Error);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });

    /// <summary>Every change with the same fields: who, when and why for a clear too; state, rollout and expires null for a clear.</summary>
    public static void WriteHistory(TextWriter output, string ns, IReadOnlyList<LiveHistoryEntry> changes) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteString("namespace", ns);
            json.WriteStartArray("changes");
            foreach (var change in changes)
            {
                json.WriteStartObject();
                json.WriteNumber("version", change.Version);
                json.WriteString("key", change.Key);
                json.WriteString("action", change.Action);
                json.WriteStringOrNull("state", change.State is { } state ? StateName(state) : null);
                json.WriteNumberOrNull("rollout", change.State == LiveState.Rollout ? change.Rollout : null);
                json.WriteStringOrNull("reason", change.Reason);
                json.WriteStringOrNull("by", change.By);
                json.WriteStringOrNull("at", change.At is { } at ? Time(at) : null);
                json.WriteStringOrNull("expires", change.Expires is { } expires ? Time(expires) : null);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });

    /// <summary>state ("on", "off", "rollout"), rollout, reason, by, at, expires.</summary>
    private static void WriteState(Utf8JsonWriter json, LiveOverride o)
    {
        json.WriteString("state", StateName(o.State));
        json.WriteNumberOrNull("rollout", o.State == LiveState.Rollout ? o.Rollout : null);
        json.WriteString("reason", o.Reason);
        json.WriteString("by", o.By);
        json.WriteString("at", Time(o.At));
        json.WriteStringOrNull("expires", o.Expires is { } expires ? Time(expires) : null);
    }

    private static string StateName(LiveState state) => state switch { LiveState.On => "on", LiveState.Off => "off", _ => "rollout" };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
