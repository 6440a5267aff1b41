using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Flagkeeper.Redis;

/// <summary>
/// The override and change JSON of FLEET-SPEC.md, written with <see cref="Utf8JsonWriter"/> and read with
/// <see cref="Utf8JsonReader"/>: no reflection, so the CLI stays Native AOT clean. Reading never throws; a bad entry
/// comes back as an error in the user's words.
/// </summary>
public static class LiveOverrideJson
{
    /// <summary>The override as stored in the hash, version included.</summary>
    public static string Write(LiveOverride o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, o, includeVersion: true);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The override without its closing brace and ending in <c>"version":</c>: the change script appends the version
    /// it takes from the counter, so hash, message and counter can never disagree.
    /// </summary>
    internal static string WriteWithoutVersion(LiveOverride o)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, o, includeVersion: false);
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return json[..^1] + ",\"version\":";
    }

    /// <summary>A JSON string literal (quotes included), for the script to splice the key into the change message.</summary>
    internal static string Quote(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A change message as published on the channel.</summary>
    public static string WriteChange(LiveChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var buffer = new ArrayBufferWriter<byte>(320);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", change.Version);
            writer.WriteString("key", change.Key);
            writer.WriteString("action", change.Action);
            writer.WritePropertyName("override");
            if (change.Override is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                WriteObject(writer, change.Override, includeVersion: true);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads the hash entry of flag <paramref name="key"/>; false with <paramref name="error"/> when malformed.</summary>
    public static bool TryRead(string key, string json, out LiveOverride? o, out string? error)
    {
        ArgumentNullException.ThrowIfNull(key);
        o = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            error = "the override is empty, not JSON";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            reader.Read();
            if (TryReadObject(ref reader, key, out o, out error) && TryEnd(ref reader, out error))
            {
                return true;
            }

            o = null;
            return false;
        }
        catch (JsonException e)
        {
            o = null;
            error = $"the override is not valid JSON ({Short(e)})";
            return false;
        }
    }

    /// <summary>Reads a change message; false with <paramref name="error"/> when malformed.</summary>
    public static bool TryReadChange(string json, out LiveChange? change, out string? error)
    {
        change = null;
        try
        {
            var bytes = Encoding.UTF8.GetBytes(json ?? string.Empty);
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "the change message is not a JSON object";
                return false;
            }

            long? version = null;
            string? key = null, action = null;
            var overrideStart = -1L;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "version" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v):
                        version = v;
                        break;
                    case "key" when reader.TokenType == JsonTokenType.String:
                        key = reader.GetString();
                        break;
                    case "action" when reader.TokenType == JsonTokenType.String:
                        action = reader.GetString();
                        break;
                    case "override" when reader.TokenType == JsonTokenType.StartObject:
                        overrideStart = reader.TokenStartIndex;
                        reader.Skip();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (version is null || string.IsNullOrEmpty(key) || action is not ("set" or "clear" or "kill"))
            {
                error = "the change message lacks its version, key or action (set, clear or kill)";
                return false;
            }

            LiveOverride? o = null;
            if (overrideStart >= 0)
            {
                var inner = new Utf8JsonReader(bytes.AsSpan((int)overrideStart));
                inner.Read();
                if (!TryReadObject(ref inner, key, out o, out error))
                {
                    return false;
                }
            }

            change = new LiveChange(version.Value, key, action, o);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"the change message is not valid JSON ({Short(e)})";
            return false;
        }
    }

    /// <summary>The state's JSON form: <c>on</c>, <c>off</c> or the rollout percentage.</summary>
    public static string FormatState(LiveState state, double? rollout) => state switch
    {
        LiveState.On => "on",
        LiveState.Off => "off",
        _ => (rollout ?? 0).ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>An instant as the store writes it: UTC, ISO 8601, no trailing zero fraction.</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    internal static bool TryParseTime(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    /// <summary>Parses the state as the CLI and the hash spell it; false with the error otherwise.</summary>
    public static bool TryParseState(string text, out LiveState state, out double? rollout, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        rollout = null;
        error = null;
        var trimmed = text.Trim().TrimEnd('%');
        if (text.Equals("on", StringComparison.OrdinalIgnoreCase))
        {
            state = LiveState.On;
            return true;
        }

        if (text.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            state = LiveState.Off;
            return true;
        }

        state = LiveState.Rollout;
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return CheckRollout(n, out rollout, out error);
        }

        error = $"state '{text}' is not on, off or a rollout percentage 0..100";
        return false;
    }

    private static bool CheckRollout(double n, out double? rollout, out string? error)
    {
        if (double.IsFinite(n) && n is >= 0 and <= 100)
        {
            rollout = n;
            error = null;
            return true;
        }

        rollout = null;
        error = $"rollout {n.ToString(CultureInfo.InvariantCulture)} is outside 0..100";
        return false;
    }

    private static void WriteObject(Utf8JsonWriter writer, LiveOverride o, bool includeVersion)
    {
        writer.WriteStartObject();
        if (o.State == LiveState.Rollout)
        {
            writer.WriteNumber("state", o.Rollout ?? 0);
        }
        else
        {
            writer.WriteString("state", o.State == LiveState.On ? "on" : "off");
        }

        writer.WriteString("reason", o.Reason);
        writer.WriteString("by", o.By);
        writer.WriteString("at", FormatTime(o.At));
        if (o.Expires is { } expires)
        {
            writer.WriteString("expires", FormatTime(expires));
        }

        if (includeVersion)
        {
            writer.WriteNumber("version", o.Version);
        }

        writer.WriteEndObject();
    }

    private static bool TryReadObject(ref Utf8JsonReader reader, string key, out LiveOverride? o, out string? error)
    {
        o = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = "the override is not a JSON object";
            return false;
        }

        LiveState? state = null;
        double? rollout = null;
        string reason = string.Empty, by = string.Empty;
        DateTimeOffset? at = null, expires = null;
        long version = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "state" when reader.TokenType == JsonTokenType.Number:
                    if (!CheckRollout(reader.GetDouble(), out rollout, out error))
                    {
                        return false;
                    }

                    state = LiveState.Rollout;
                    break;
                case "state" when reader.TokenType == JsonTokenType.String:
                    var text = reader.GetString()!;
                    state = text switch { "on" => LiveState.On, "off" => LiveState.Off, _ => null };
                    if (state is null)
                    {
                        error = $"state '{text}' is not on, off or a rollout percentage 0..100";
                        return false;
                    }

                    break;
                case "state":
                    error = "state is not on, off or a rollout percentage 0..100";
                    return false;
                case "reason" when reader.TokenType == JsonTokenType.String:
                    reason = reader.GetString()!;
                    break;
                case "by" when reader.TokenType == JsonTokenType.String:
                    by = reader.GetString()!;
                    break;
                case "at" or "expires" when reader.TokenType == JsonTokenType.String:
                    if (!TryParseTime(reader.GetString(), out var time))
                    {
                        error = $"{name} '{reader.GetString()}' is not an ISO 8601 time";
                        return false;
                    }

                    if (name == "at")
                    {
                        at = time;
                    }
                    else
                    {
                        expires = time;
                    }

                    break;
                case "version" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v):
                    version = v;
                    break;
                default:
                    reader.Skip(); // unknown or null properties: newer writers may add fields
                    break;
            }
        }

        if (state is null)
        {
            error = "the override has no state (on, off or a rollout percentage)";
            return false;
        }

        o = new LiveOverride(key, state.Value, rollout, reason, by, at ?? DateTimeOffset.UnixEpoch, expires, version);
        error = null;
        return true;
    }

    private static bool TryEnd(ref Utf8JsonReader reader, out string? error)
    {
        if (reader.Read())
        {
            error = "the override has text after its JSON object";
            return false;
        }

        error = null;
        return true;
    }

    private static string Short(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : "malformed";
}
