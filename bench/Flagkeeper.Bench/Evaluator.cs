using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Flagkeeper.Bench;

/// <summary>
/// Scores a `flagkeeper scan --format json` output against the ground truth. Both are multisets of
/// (file, line, flag, kind): a scan usage matching a truth entry is a true positive (each entry matches
/// once), a scan usage matching none is a false positive, a truth entry no usage matched is a false negative.
/// </summary>
internal static class Evaluator
{
    private sealed record Entry(string File, int Line, string? Flag, string Kind, string Label)
    {
        public string Key => $"{File}\u0000{Line.ToString(CultureInfo.InvariantCulture)}\u0000{Flag ?? "\u0001"}\u0000{Kind}";
    }

    public static int Run(string truthPath, string scanPath, int samples)
    {
        var inv = CultureInfo.InvariantCulture;
        List<Entry> truth;
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(truthPath)))
        {
            truth = [.. doc.RootElement.EnumerateArray().Select(e => new Entry(
                e.GetProperty("file").GetString()!, e.GetProperty("line").GetInt32(), e.GetProperty("flag").GetString(),
                e.GetProperty("kind").GetString()!, e.TryGetProperty("shape", out var s) ? s.GetString() ?? "" : ""))];
        }
        List<Entry> found;
        string root;
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(scanPath)))
        {
            root = doc.RootElement.GetProperty("root").GetString()!;
            found = [.. doc.RootElement.GetProperty("usages").EnumerateArray().Select(e => new Entry(
                e.GetProperty("file").GetString()!, e.GetProperty("line").GetInt32(), e.GetProperty("flag").GetString(),
                e.GetProperty("kind").GetString()!, e.GetProperty("pattern").GetString() ?? ""))];
        }

        var expected = new Dictionary<string, Queue<Entry>>(StringComparer.Ordinal);
        foreach (var entry in truth)
        {
            if (!expected.TryGetValue(entry.Key, out var queue))
            {
                expected[entry.Key] = queue = new Queue<Entry>();
            }
            queue.Enqueue(entry);
        }
        var falsePositives = new List<Entry>();
        var tp = 0;
        foreach (var usage in found)
        {
            if (expected.TryGetValue(usage.Key, out var queue) && queue.Count > 0)
            {
                queue.Dequeue();
                tp++;
            }
            else
            {
                falsePositives.Add(usage);
            }
        }
        var falseNegatives = expected.Values.SelectMany(q => q).OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList();
        var fp = falsePositives.Count;
        var fn = falseNegatives.Count;
        var precision = tp + fp == 0 ? 1.0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 1.0 : (double)tp / (tp + fn);

        Console.WriteLine(string.Create(inv, $"truth: {truth.Count} usages ({truth.Count(t => t.Flag is null)} dynamic) in {truth.Select(t => t.File).Distinct(StringComparer.Ordinal).Count()} files"));
        Console.WriteLine(string.Create(inv, $"scan:  {found.Count} usages ({found.Count(t => t.Flag is null)} dynamic) in {found.Select(t => t.File).Distinct(StringComparer.Ordinal).Count()} files"));
        Console.WriteLine(string.Create(inv, $"TP {tp}  FP {fp}  FN {fn}  precision {precision:0.000000}  recall {recall:0.000000}"));
        if (fp > 0)
        {
            Console.WriteLine("false positives by pattern (and file extension):");
            foreach (var group in falsePositives.GroupBy(e => $"{e.Label} {Path.GetExtension(e.File)} {e.Kind}").OrderByDescending(g => g.Count()))
            {
                Console.WriteLine(string.Create(inv, $"  {group.Count(),6}  {group.Key}"));
            }
        }
        if (fn > 0)
        {
            Console.WriteLine("false negatives by shape (and file extension):");
            foreach (var group in falseNegatives.GroupBy(e => $"{e.Label} {Path.GetExtension(e.File)} {e.Kind}").OrderByDescending(g => g.Count()))
            {
                Console.WriteLine(string.Create(inv, $"  {group.Count(),6}  {group.Key}"));
            }
        }
        var lines = new SourceLines(root);
        if (fp > 0)
        {
            Console.WriteLine(string.Create(inv, $"first {Math.Min(samples, fp)} false positives (file:line  flag  kind  pattern | source line):"));
            foreach (var e in falsePositives.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).Take(samples))
            {
                Console.WriteLine(string.Create(inv, $"  {e.File}:{e.Line}  {e.Flag ?? "<dynamic>"}  {e.Kind}  {e.Label} | {lines.Get(e.File, e.Line)}"));
            }
        }
        if (fn > 0)
        {
            Console.WriteLine(string.Create(inv, $"first {Math.Min(samples, fn)} false negatives (file:line  flag  kind  shape | source line):"));
            foreach (var e in falseNegatives.Take(samples))
            {
                Console.WriteLine(string.Create(inv, $"  {e.File}:{e.Line}  {e.Flag ?? "<dynamic>"}  {e.Kind}  {e.Label} | {lines.Get(e.File, e.Line)}"));
            }
        }
        Console.WriteLine(string.Create(inv, $"RESULT tp={tp} fp={fp} fn={fn} precision={precision:0.000000} recall={recall:0.000000}"));
        return 0;
    }

    /// <summary>Reads source lines for the report (BOM, CRLF and invalid UTF-8 tolerated).</summary>
    private sealed class SourceLines(string root)
    {
        private readonly Dictionary<string, string[]> _files = new(StringComparer.Ordinal);

        public string Get(string file, int line)
        {
            if (!_files.TryGetValue(file, out var lines))
            {
                try
                {
                    lines = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(root, file))).TrimStart('\uFEFF').Split('\n');
                }
                catch (IOException)
                {
                    lines = [];
                }
                _files[file] = lines;
            }
            if (line < 1 || line > lines.Length)
            {
                return "<no such line>";
            }
            var text = lines[line - 1].TrimEnd('\r').Trim();
            return text.Length > 200 ? text[..200] + "…" : text;
        }
    }
}
