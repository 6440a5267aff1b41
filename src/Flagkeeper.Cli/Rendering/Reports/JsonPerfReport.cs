using System.Globalization;
using System.Text.Json;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Performance.History;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>
/// <c>perf report --format json</c>: the contract of <c>schemas/perf-report-output.schema.json</c> (docs/cli.md).
/// Fields are only ever added; numbers are in the metric's unit (milliseconds or bytes), nulls where there is no baseline.
/// </summary>
internal static class JsonPerfReport
{
    public const int Version = 1;

    public static void Write(TextWriter output, string root, IReadOnlyList<SeriesReport> series, PerfThresholds thresholds, IReadOnlyList<string> warnings) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteNumber("version", Version);
            json.WriteString("root", root);
            json.WriteString("history", HistoryFile.RelativePath);
            WriteThresholds(json, thresholds);
            json.WriteBoolean("regressed", series.Any(s => s.Regressed));
            json.WriteStartArray("commands");
            foreach (var command in series.GroupBy(s => s.Latest.Command, StringComparer.Ordinal))
            {
                WriteCommand(json, command.Key, [.. command]);
            }
            json.WriteEndArray();
            json.WriteStringArray("warnings", warnings);
        });

    private static void WriteThresholds(Utf8JsonWriter json, PerfThresholds thresholds)
    {
        json.WriteStartObject("thresholds");
        json.WriteNumber("baselineRuns", thresholds.BaselineRuns);
        json.WriteStartObject("time");
        json.WriteNumber("percent", thresholds.Time.Percent);
        json.WriteNumber("minDeltaMs", thresholds.Time.MinimumDelta);
        json.WriteEndObject();
        json.WriteStartObject("memory");
        json.WriteNumber("percent", thresholds.Memory.Percent);
        json.WriteNumber("minDeltaBytes", thresholds.Memory.MinimumDelta);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteCommand(Utf8JsonWriter json, string command, IReadOnlyList<SeriesReport> series)
    {
        var latest = series[0].Latest;
        json.WriteStartObject();
        json.WriteString("command", command);
        json.WriteString("run", latest.RunId);
        json.WriteString("at", latest.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteStartObject("fingerprint");
        json.WriteNumber("filesBucket", latest.Fingerprint.FilesBucket);
        json.WriteNumber("bytesBucket", latest.Fingerprint.BytesBucket);
        json.WriteString("version", latest.Fingerprint.Version);
        json.WriteEndObject();
        json.WriteStartArray("operations");
        foreach (var one in series)
        {
            WriteOperation(json, one);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOperation(Utf8JsonWriter json, SeriesReport series)
    {
        json.WriteStartObject();
        json.WriteString("operation", series.Latest.Operation);
        json.WriteNumber("count", series.Latest.Count);
        json.WriteString("status", PerfText.StatusId(series));
        json.WriteNumber("baselineRuns", series.BaselineRuns);
        json.WriteStartArray("metrics");
        foreach (var metric in series.Metrics)
        {
            json.WriteStartObject();
            json.WriteString("name", metric.Metric.Name);
            json.WriteString("unit", metric.Metric.Unit);
            json.WriteNumber("latest", Math.Round(metric.Latest, 3));
            json.WriteNumberOrNull("baseline", metric.Baseline is { } b ? Math.Round(b, 3) : null);
            json.WriteNumberOrNull("change", metric.Baseline is { } c ? Math.Round(metric.Latest - c, 3) : null);
            json.WriteNumberOrNull("changePercent", metric.ChangePercent is { } p ? Math.Round(p, 2) : null);
            json.WriteBoolean("regressed", metric.Regressed);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("trend");
        foreach (var wall in series.Trend)
        {
            json.WriteNumberValue(Math.Round(wall, 3));
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
