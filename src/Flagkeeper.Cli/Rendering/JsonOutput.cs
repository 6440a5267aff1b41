using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flagkeeper.Analysis;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Rendering;

/// <summary>Writes machine output with <see cref="Utf8JsonWriter"/>: stable field names, nulls where a field does not apply.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// One indented JSON object. On the real standard output it is written straight to the stream (a
    /// report with tens of thousands of findings is never held as a string); <paramref name="body"/> may
    /// call <see cref="FlushIfLarge"/> to keep the writer's buffer small.
    /// </summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        if (ReferenceEquals(output, Console.Out))
        {
            output.Flush();
            using var stdout = Console.OpenStandardOutput();
            using (var writer = new Utf8JsonWriter(stdout, Options))
            {
                writer.WriteStartObject();
                body(writer);
                writer.WriteEndObject();
            }
            stdout.WriteByte((byte)'\n');
            return;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Hands what the writer holds to its stream once it passes 64 KiB.</summary>
    public static void FlushIfLarge(Utf8JsonWriter json)
    {
        if (json.BytesPending > 1 << 16)
        {
            json.Flush();
        }
    }

    /// <summary>"notices": what a person should know about the run that is neither a finding nor an error.</summary>
    public static void WriteNotices(Utf8JsonWriter json, IEnumerable<string?> notices)
    {
        json.WriteStartArray("notices");
        foreach (var notice in notices.OfType<string>())
        {
            json.WriteStringValue(notice);
        }
        json.WriteEndArray();
    }

    /// <summary>"complete" and "incompleteReason": whether everything asked for was looked at, and if not, why (the time budget ran out).</summary>
    public static void WriteCompleteness(Utf8JsonWriter json, string? incompleteReason)
    {
        json.WriteBoolean("complete", incompleteReason is null);
        json.WriteStringOrNull("incompleteReason", incompleteReason);
    }

    /// <summary>
    /// "errors" (each with code, category, severity, message, place) and "errorCounts": the total, by category and
    /// severity, and, given <paramref name="retries"/> (scan and check), the automatic recoveries tried and how many worked.
    /// </summary>
    public static void WriteErrors(Utf8JsonWriter json, IReadOnlyList<FlagkeeperError> errors, RecoveryCounts? retries = null)
    {
        json.WriteStartArray("errors");
        foreach (var error in errors)
        {
            json.WriteStartObject();
            json.WriteString("code", error.Code);
            json.WriteString("category", error.Category.ToString());
            json.WriteString("severity", error.Severity.ToString());
            json.WriteString("message", error.Message);
            json.WriteString("recovery", error.Recovery.ToString());
            WriteLocation(json, error.Location);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartObject("errorCounts");
        json.WriteNumber("total", errors.Count);
        json.WriteStartObject("byCategory");
        foreach (var group in errors.GroupBy(e => e.Category).OrderBy(g => g.Key))
        {
            json.WriteNumber(group.Key.ToString(), group.Count());
        }
        json.WriteEndObject();
        json.WriteStartObject("bySeverity");
        foreach (var group in errors.GroupBy(e => e.Severity).OrderBy(g => g.Key))
        {
            json.WriteNumber(group.Key.ToString(), group.Count());
        }
        json.WriteEndObject();
        if (retries is not null)
        {
            var recoveries = retries.WithRecoveriesOf(errors);
            json.WriteStartObject("recovery");
            json.WriteNumber("attempts", recoveries.Attempts);
            json.WriteNumber("succeeded", recoveries.Succeeded);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    public static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("rule", finding.Rule);
        json.WriteString("severity", RuleSeverities.Name(finding.Severity));
        json.WriteString("message", finding.Message);
        json.WriteStringOrNull("flag", finding.Flag);
        WriteLocation(json, finding.Location);
        json.WriteEndObject();
    }

    public static void WriteLocation(Utf8JsonWriter json, SourceLocation? location)
    {
        json.WriteStringOrNull("file", location?.File);
        json.WriteNumberOrNull("line", location is { Line: > 0 } l ? l.Line : null);
        json.WriteNumberOrNull("column", location is { Column: > 0 } c ? c.Column : null);
    }
}
