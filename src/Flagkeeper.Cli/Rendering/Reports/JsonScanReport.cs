using System.Text.Encodings.Web;
using System.Text.Json;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>
/// The JSON contract of <c>scan --format json</c> (version 1), streamed with a <see cref="Utf8JsonWriter"/>:
/// a large repository has tens of thousands of usages, encoded on every core by <see cref="JsonUsageChunks"/>.
/// </summary>
internal static class JsonScanReport
{
    // Property names encoded once, not once per usage.
    private static readonly JsonEncodedText FlagName = JsonEncodedText.Encode("flag");
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText FileName = JsonEncodedText.Encode("file");
    private static readonly JsonEncodedText LineName = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText ColumnName = JsonEncodedText.Encode("column");
    private static readonly JsonEncodedText PatternName = JsonEncodedText.Encode("pattern");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText ArgumentName = JsonEncodedText.Encode("argument");
    private static readonly JsonEncodedText RegistryKeyName = JsonEncodedText.Encode("registryKey");
    private static readonly JsonEncodedText DeclaredAtName = JsonEncodedText.Encode("declaredAt");
    private static readonly JsonEncodedText UnresolvedName = JsonEncodedText.Encode("unresolved");
    private static readonly JsonEncodedText ViaName = JsonEncodedText.Encode("via");
    private static readonly JsonEncodedText NameName = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText UsageKindText = JsonEncodedText.Encode("usage");
    private static readonly JsonEncodedText DynamicKindText = JsonEncodedText.Encode("dynamic");

    internal static void WriteUsage(Utf8JsonWriter json, Usage usage, IReadOnlyList<FlagRegistry> applying, FlagResolver resolver)
    {
        json.WriteStartObject();
        json.WriteStringOrNull(FlagName, usage.Flag);
        json.WriteString(KindName, usage.Kind == UsageKind.Dynamic ? DynamicKindText : UsageKindText);
        json.WriteString(FileName, usage.File);
        json.WriteNumber(LineName, usage.Line);
        json.WriteNumber(ColumnName, usage.Column);
        json.WriteString(PatternName, usage.Pattern);
        if (usage.TryGetUtf8Text(out var utf8Text))
        {
            json.WriteString(TextName, utf8Text); // from the scan cache or an ASCII line: no string made to be encoded back
        }
        else
        {
            json.WriteString(TextName, usage.Text);
        }
        json.WriteStringOrNull(ArgumentName, usage.Argument);
        var flag = usage.Flag is null ? null : resolver.Resolve(applying, usage.Flag);
        json.WriteStringOrNull(RegistryKeyName, flag?.Key);
        if (usage.DeclaredAt is { } declared)
        {
            json.WriteStartObject(DeclaredAtName);
            json.WriteString(FileName, declared.File);
            json.WriteNumber(LineName, declared.Line);
            json.WriteNumber(ColumnName, declared.Column);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull(DeclaredAtName);
        }
        json.WriteStringOrNull(UnresolvedName, usage.Unresolved);
        if (usage.Via is { } via)
        {
            json.WriteStartObject(ViaName);
            json.WriteString(NameName, via.Name);
            json.WriteString(FileName, via.DeclaredAt.File);
            json.WriteNumber(LineName, via.DeclaredAt.Line);
            json.WriteNumber(ColumnName, via.DeclaredAt.Column);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull(ViaName);
        }
        json.WriteEndObject();
    }

    /// <summary>What kept usages (<see cref="ScanOptions.RenderedFormat"/>) must have been written by: this report, in this build.</summary>
    public static readonly string RenderedFormat = $"scan-json-1/{typeof(JsonScanReport).Assembly.ManifestModule.ModuleVersionId}";

    public static void Write(TextWriter output, ScanResult result, FlagResolver resolver, IReadOnlyList<FlagkeeperError> errors, IEnumerable<string?> notices)
    {
        var stream = ReferenceEquals(output, Console.Out) ? Console.OpenStandardOutput() : new MemoryStream();
        // Compact, not indented: a large repository has tens of thousands of usages (pipe to jq to read it).
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("root", result.Root);
            JsonOutput.WriteCompleteness(json, result.IncompleteReason);
            json.WriteStartArray("usages");
            json.Flush();
            if (result.Rendered is { } rendered)
            {
                stream.Write(rendered.Bytes); // the tree is as it was when these were written: the same bytes
            }
            else
            {
                using var copy = RenderedCopy.Start(result.RenderTo);
                JsonUsageChunks.Write(stream, result, resolver, copy);
                copy.Commit();
                errors = copy.Problem is { } problem ? [.. errors, problem] : errors;
            }
            json.WriteEndArray();

            var stats = result.Statistics;
            json.WriteStartObject("stats");
            json.WriteNumber("filesScanned", stats.FilesScanned);
            json.WriteNumber("filesSkipped", stats.FilesSkipped);
            json.WriteNumber("binaryFiles", stats.BinaryFiles);
            json.WriteNumber("largeFiles", stats.LargeFiles);
            json.WriteNumber("unreadableFiles", stats.UnreadableFiles);
            json.WriteNumber("bytesScanned", stats.BytesScanned);
            json.WriteNumber("bytesRead", stats.BytesRead);
            json.WriteNumber("directories", stats.Directories);
            json.WriteNumber("ignoredEntries", stats.IgnoredEntries);
            json.WriteNumber("durationMs", Math.Round(stats.Duration.TotalMilliseconds, 1));
            json.WriteStartObject("cache");
            json.WriteNumber("hits", stats.CacheHits);
            json.WriteNumber("misses", stats.CacheMisses);
            json.WriteEndObject();
            var patterns = stats.PatternCache;
            json.WriteStartObject("patternCache");
            json.WriteNumber("hits", patterns.Hits);
            json.WriteNumber("misses", patterns.Misses);
            json.WriteNumber("hitRate", Math.Round(patterns.HitRate, 4));
            json.WriteNumber("entries", patterns.Entries);
            json.WriteNumber("estimatedBytes", patterns.EstimatedBytes);
            json.WriteNumber("evictions", patterns.Evictions);
            json.WriteNumber("compileMs", Math.Round(patterns.CompileTime.TotalMilliseconds, 2));
            json.WriteEndObject();
            json.WriteEndObject();

            JsonOutput.WriteNotices(json, notices);
            JsonOutput.WriteErrors(json, errors, stats.ReadRetries);
            json.WriteEndObject();
        }
        if (stream is MemoryStream buffer)
        {
            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            stream.WriteByte((byte)'\n');
            stream.Flush();
            stream.Dispose();
        }
    }
}
