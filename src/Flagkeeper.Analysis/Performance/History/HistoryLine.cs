using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Flagkeeper.Analysis.Performance.History;

/// <summary>
/// One <see cref="PerfRecord"/> as one line of JSON (Utf8JsonWriter and JsonDocument: no reflection, the CLI is
/// Native AOT). Reading is strict: a line missing a field or holding a wrong type is not a record.
/// </summary>
public static class HistoryLine
{
    public const int FormatVersion = 1;

    public static string Write(PerfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", FormatVersion);
            json.WriteString("at", record.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("run", record.RunId);
            json.WriteString("command", record.Command);
            json.WriteString("operation", record.Operation);
            json.WriteNumber("filesBucket", record.Fingerprint.FilesBucket);
            json.WriteNumber("bytesBucket", record.Fingerprint.BytesBucket);
            json.WriteString("version", record.Fingerprint.Version);
            json.WriteNumber("count", record.Count);
            json.WriteNumber("wallMs", Math.Round(record.WallMs, 3));
            json.WriteNumber("cpuMs", Math.Round(record.CpuMs, 3));
            json.WriteNumber("allocatedBytes", record.AllocatedBytes);
            json.WriteNumber("peakWorkingSetBytes", record.PeakWorkingSetBytes);
            json.WriteNumber("files", record.Files);
            json.WriteNumber("bytes", record.Bytes);
            json.WriteNumber("matches", record.Matches);
            json.WriteNumber("cacheHits", record.CacheHits);
            json.WriteNumber("cacheMisses", record.CacheMisses);
            if (record.Caches is { } caches)
            {
                json.WriteStartObject("caches");
                foreach (var cache in caches.All)
                {
                    json.WriteStartObject(cache.Cache);
                    json.WriteNumber("hits", cache.Hits);
                    json.WriteNumber("misses", cache.Misses);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The bytes that name a record's series inside its line, as <see cref="Write"/> writes them:
    /// <c>"command":"scan","operation":"run",</c> (the comma keeps "run" from matching "run2").
    /// </summary>
    public static byte[] SeriesSignature(PerfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("command", record.Command);
            json.WriteString("operation", record.Operation);
            json.WriteEndObject();
        }
        return [.. buffer.WrittenSpan[1..^1], (byte)','];
    }

    /// <summary>The record, or null with the reason when the line is not one (truncated, corrupt, another format).</summary>
    public static PerfRecord? TryRead(string line, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(line);
        problem = null;
        if (line.Length == 0)
        {
            problem = "an empty line";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "not a JSON object";
                return null;
            }
            if (root.GetProperty("v").GetInt32() != FormatVersion)
            {
                problem = $"format version {root.GetProperty("v").GetRawText()} is not {FormatVersion}";
                return null;
            }
            return new PerfRecord
            {
                At = DateTimeOffset.Parse(root.GetProperty("at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                RunId = Text(root, "run"),
                Command = Text(root, "command"),
                Operation = Text(root, "operation"),
                Fingerprint = new WorkFingerprint(root.GetProperty("filesBucket").GetInt64(), root.GetProperty("bytesBucket").GetInt64(), Text(root, "version")),
                Count = root.GetProperty("count").GetInt64(),
                WallMs = root.GetProperty("wallMs").GetDouble(),
                CpuMs = root.GetProperty("cpuMs").GetDouble(),
                AllocatedBytes = root.GetProperty("allocatedBytes").GetInt64(),
                PeakWorkingSetBytes = root.GetProperty("peakWorkingSetBytes").GetInt64(),
                Files = root.GetProperty("files").GetInt64(),
                Bytes = root.GetProperty("bytes").GetInt64(),
                Matches = root.GetProperty("matches").GetInt64(),
                CacheHits = root.GetProperty("cacheHits").GetInt64(),
                CacheMisses = root.GetProperty("cacheMisses").GetInt64(),
                Caches = root.TryGetProperty("caches", out var caches) ? Caches(caches) : null,
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            problem = ex is KeyNotFoundException ? "a field is missing" : ex.Message.Split('\n')[0].Trim();
            return null;
        }
    }

    /// <summary><c>{"scan-cache": {"hits": 1, "misses": 2}, ...}</c>, strictly: a wrong shape makes the line not a record.</summary>
    private static CacheCounts Caches(JsonElement caches) =>
        new([.. caches.EnumerateObject().Select(c => new CacheStats(c.Name, c.Value.GetProperty("hits").GetInt64(), c.Value.GetProperty("misses").GetInt64()))]);

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() is { Length: > 0 } text ? text : throw new FormatException($"\"{name}\" is empty");
}
