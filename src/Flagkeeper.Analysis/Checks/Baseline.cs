using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;

namespace Flagkeeper.Analysis.Checks;

/// <summary>
/// The findings a team has accepted for now (<c>.flagkeeper/baseline.json</c>, written by
/// <c>check --write-baseline</c>): later runs report only findings that are not in it. Matching is by
/// fingerprint and count, so two identical findings where the baseline has one report one.
/// </summary>
public sealed class Baseline
{
    public const string DefaultPath = ".flagkeeper/baseline.json";
    private const long MaxFileSize = 64 * 1024 * 1024;

    private readonly Dictionary<string, int> _counts;

    // Entries that can be judged "fixed": by the gate of their rule; commit findings only recur inside their range.
    private readonly Dictionary<string, string?> _gateOfEntry;

    private Baseline(Dictionary<string, int> counts, Dictionary<string, string?> gateOfEntry)
    {
        _counts = counts;
        _gateOfEntry = gateOfEntry;
    }

    public static Baseline Empty => new(new Dictionary<string, int>(StringComparer.Ordinal), new Dictionary<string, string?>(StringComparer.Ordinal));

    public int Count => _counts.Values.Sum();

    /// <summary>The baseline at <paramref name="fullPath"/>, empty when there is none.</summary>
    /// <exception cref="FlagkeeperException">FK2005 when the file is not a baseline (it is left as it is).</exception>
    public static Baseline Load(string fullPath, string displayPath)
    {
        if (!File.Exists(fullPath))
        {
            return Empty;
        }
        byte[] bytes;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > MaxFileSize)
            {
                throw Invalid(displayPath, $"it is {info.Length} bytes, more than the {MaxFileSize} a baseline may have");
            }
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid(displayPath, $"it cannot be read: {ex.Message}");
        }
        var json = bytes.AsSpan();
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..]; // a BOM some editors add
        }
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            throw Invalid(displayPath, "it is not valid UTF-8");
        }
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(displayPath, "the top level is not an object");
            }
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 1)
            {
                throw Invalid(displayPath, "\"version\" is not 1");
            }
            if (!root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(displayPath, "\"findings\" is not a list");
            }
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var gates = new Dictionary<string, string?>(StringComparer.Ordinal);
            var index = 0;
            foreach (var finding in findings.EnumerateArray())
            {
                if (finding.ValueKind != JsonValueKind.Object
                    || !finding.TryGetProperty("fingerprint", out var fingerprint)
                    || fingerprint.ValueKind != JsonValueKind.String
                    || fingerprint.GetString() is not { Length: > 0 and <= 64 } value)
                {
                    throw Invalid(displayPath, $"finding {index} has no \"fingerprint\" text");
                }
                counts[value] = counts.GetValueOrDefault(value) + 1;
                var rule = finding.TryGetProperty("rule", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                var commit = finding.TryGetProperty("commit", out var c) && c.ValueKind == JsonValueKind.String;
                gates[value] = commit || rule is null ? null : RuleCatalog.Find(rule)?.Gate;
                index++;
            }
            return new Baseline(counts, gates);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "";
            throw Invalid(displayPath, $"it is not valid JSON{where}");
        }
    }

    /// <summary>Findings not covered by the baseline, and how many were.</summary>
    public (IReadOnlyList<Finding> New, int Baselined) Filter(IReadOnlyList<Finding> findings)
    {
        var left = new Dictionary<string, int>(_counts, StringComparer.Ordinal);
        var fresh = new List<Finding>();
        foreach (var finding in findings)
        {
            if (left.TryGetValue(finding.Fingerprint, out var n) && n > 0)
            {
                left[finding.Fingerprint] = n - 1;
            }
            else
            {
                fresh.Add(finding);
            }
        }
        return (fresh, findings.Count - fresh.Count);
    }

    /// <summary>
    /// How many baseline entries of the gates that ran no finding matches any more (fixed since): a rewrite
    /// would drop them. Commit findings are left out: outside the checked range they do not recur by design.
    /// </summary>
    public int Unmatched(IEnumerable<Finding> findings, IReadOnlyCollection<string> gatesRun)
    {
        var left = _counts.Where(e => _gateOfEntry.GetValueOrDefault(e.Key) is { } gate && gatesRun.Contains(gate))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (left.TryGetValue(finding.Fingerprint, out var n) && n > 0)
            {
                left[finding.Fingerprint] = n - 1;
            }
        }
        return left.Values.Sum();
    }

    /// <summary>Writes every finding, atomically (a crash leaves the old file or the new one, never half of one).</summary>
    public static void Write(string fullPath, IEnumerable<Finding> findings, DateOnly created)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("created", created.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("about", "Findings accepted when this baseline was written; `flagkeeper check` reports only new ones. Rewrite with `flagkeeper check --write-baseline`.");
            json.WriteStartArray("findings");
            foreach (var finding in findings.OrderBy(f => f.Location?.File, StringComparer.Ordinal).ThenBy(f => f.Location?.Line).ThenBy(f => f.Rule, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("fingerprint", finding.Fingerprint);
                json.WriteString("rule", finding.Rule);
                json.WriteStringOrNull("flag", finding.Flag);
                json.WriteStringOrNull("file", finding.Location?.File);
                json.WriteStringOrNull("commit", finding.Commit);
                json.WriteString("message", finding.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        AtomicFile.WriteAllText(fullPath, Encoding.UTF8.GetString(buffer.ToArray()) + "\n", byteOrderMark: false);
    }

    private static FlagkeeperException Invalid(string displayPath, string why) =>
        new(ErrorCodes.BaselineInvalid.Create($"{displayPath}: {why}"));
}
