using System.Globalization;
using System.Text.Json;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Performance.Caches;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>
/// <c>cache stats</c> as text and as JSON (the contract of <c>schemas/cache-stats-output.schema.json</c>, docs/cli.md):
/// fields are only ever added; a figure a cache does not have is null, never zero.
/// </summary>
internal static class CacheReports
{
    public const int Version = 1;

    public static void WriteText(TextWriter output, IReadOnlyList<CacheHealth> caches)
    {
        foreach (var cache in caches)
        {
            output.WriteLine($"{cache.Name} cache: {Status(cache.Status)}   {cache.Description}");
            var figures = new List<string> { $"entries {cache.Entries:N0}" };
            if (cache.Location is { } location)
            {
                figures.Add($"file {location}" + (cache.OnDiskBytes is { } bytes ? $" ({Bytes(bytes)})" : " (none)"));
            }
            if (cache.EstimatedMemoryBytes is { } memory)
            {
                figures.Add($"memory {Bytes(memory)}");
            }
            if (cache.MaxEntries is { } max)
            {
                figures.Add($"bound {max:N0} entries");
            }
            if (cache.TimeToLive is { } ttl)
            {
                figures.Add($"ttl {ttl.TotalMinutes:0.#} min");
            }
            output.WriteLine("  " + string.Join(", ", figures));
            if (cache.Recent is { } recent)
            {
                output.WriteLine("  " + HitRate(recent) + (cache.Evictions is { } ev ? $"; evictions {ev}, ttl expirations {cache.Expirations ?? 0}" : ""));
            }
            if (cache.Live is { } live)
            {
                output.WriteLine($"  live: {live.Status}, not visible to this command; its health: the \"{live.HealthCheck}\" health check, {live.HealthCheckAddedBy}; "
                    + $"its metrics: meter {live.Meter} ({string.Join(", ", live.Metrics)})");
            }
            foreach (var reason in cache.Reasons)
            {
                output.WriteLine($"  - {reason}");
            }
        }
        var degraded = caches.Count(c => c.Status == CacheStatus.Degraded);
        output.WriteLine(degraded == 0 ? $"{caches.Count} caches: none degraded." : $"{caches.Count} caches: {degraded} degraded.");
    }

    private static string HitRate(HitRateWindow recent) => recent switch
    {
        { Runs: 0, WarmUpRuns: 0 } => "hit rate: no run recorded it yet",
        { Runs: 0 } => $"hit rate: no hit yet in {recent.WarmUpRuns} run(s)",
        _ => $"hit rate {recent.HitRate:P1} ({recent.Hits:N0} hits, {recent.Misses:N0} misses) over the last {recent.Runs} run(s)"
            + (recent.WarmUpRuns > 0 ? $" after {recent.WarmUpRuns} warm-up run(s)" : ""),
    };

    public static void WriteJson(TextWriter output, string root, IReadOnlyList<CacheHealth> caches, IReadOnlyList<string> warnings) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteNumber("version", Version);
            json.WriteString("root", root);
            json.WriteBoolean("degraded", caches.Any(c => c.Status == CacheStatus.Degraded));
            json.WriteStartArray("caches");
            foreach (var cache in caches)
            {
                WriteCache(json, cache);
            }
            json.WriteEndArray();
            json.WriteStringArray("warnings", warnings);
        });

    private static void WriteCache(Utf8JsonWriter json, CacheHealth cache)
    {
        json.WriteStartObject();
        json.WriteString("name", cache.Name);
        json.WriteString("description", cache.Description);
        json.WriteString("status", Status(cache.Status));
        json.WriteStringArray("reasons", cache.Reasons);
        WriteNullable(json, "location", cache.Location);
        json.WriteNumber("entries", cache.Entries);
        WriteNullable(json, "onDiskBytes", cache.OnDiskBytes);
        WriteNullable(json, "estimatedMemoryBytes", cache.EstimatedMemoryBytes);
        WriteNullable(json, "maxEntries", cache.MaxEntries);
        WriteNullable(json, "ttlSeconds", cache.TimeToLive is { } ttl ? (long)ttl.TotalSeconds : null);
        WriteNullable(json, "evictions", cache.Evictions);
        WriteNullable(json, "ttlExpirations", cache.Expirations);
        if (cache.Recent is { } recent)
        {
            json.WriteStartObject("recent");
            json.WriteNumber("hits", recent.Hits);
            json.WriteNumber("misses", recent.Misses);
            if (recent.HitRate is { } rate)
            {
                json.WriteNumber("hitRate", Math.Round(rate, 4));
            }
            else
            {
                json.WriteNull("hitRate");
            }
            json.WriteNumber("runs", recent.Runs);
            json.WriteNumber("warmUpRuns", recent.WarmUpRuns);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("recent");
        }
        WriteLive(json, cache.Live);
        json.WriteEndObject();
    }

    /// <summary>"live": where the application shows the live instance of an in-process cache; null for the others.</summary>
    private static void WriteLive(Utf8JsonWriter json, InProcessCache? live)
    {
        if (live is null)
        {
            json.WriteNull("live");
            return;
        }
        json.WriteStartObject("live");
        json.WriteString("status", live.Status);
        json.WriteString("healthCheck", live.HealthCheck);
        json.WriteString("healthCheckAddedBy", live.HealthCheckAddedBy);
        json.WriteString("meter", live.Meter);
        json.WriteStringArray("metrics", live.Metrics);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Status(CacheStatus status) => status switch
    {
        CacheStatus.Healthy => "healthy",
        CacheStatus.Degraded => "degraded",
        _ => "empty",
    };

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };
}
