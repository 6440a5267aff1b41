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

    public static void WriteHistory(TextWriter output, string ns, IReadOnlyList<LiveChange> changes) =>
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
                if (change.Override is { } o)
                {
                    WriteState(json, o);
                }
                else
                {
                    json.WriteNull("state");
                    json.WriteNull("rollout");
                    json.WriteNull("reason");
                    json.WriteNull("by");
                    json.WriteNull("at");
                    json.WriteNull("expires");
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });

    /// <summary>state ("on", "off", "rollout"), rollout, reason, by, at, expires.</summary>
    private static void WriteState(Utf8JsonWriter json, LiveOverride o)
    {
        json.WriteString("state", o.State switch { LiveState.On => "on", LiveState.Off => "off", _ => "rollout" });
        json.WriteNumberOrNull("rollout", o.State == LiveState.Rollout ? o.Rollout : null);
        json.WriteString("reason", o.Reason);
        json.WriteString("by", o.By);
        json.WriteString("at", o.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStringOrNull("expires", o.Expires?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }
}
