using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Usages;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The keys a symbol-pass fixture writes beside its call sites: <c>// key: K</c> (<c>@* key: K *@</c> in Razor, <c># key: K</c>
/// in Python), or <c>// dynamic: reason words</c> for a usage that must stay dynamic with a reason containing those words.
/// </summary>
internal static class KeyExpectations
{
    private sealed record Expectation(string File, int Line, string? Key, bool Dynamic, string? Reason);

    /// <summary>Scans a fixture's files, each written with a final newline, in a temporary folder.</summary>
    public static ScanResult ScanFixture(IReadOnlyDictionary<string, string> files)
    {
        using var dir = new TempDirectory();
        foreach (var (path, text) in files)
        {
            dir.Write(path, text + "\n");
        }
        return Scan(dir.Path);
    }

    /// <summary>The ways <see cref="ScanEncoded"/> writes a file.</summary>
    public static TheoryData<string> Encodings => ["ascii", "non-ascii comment", "utf-8 bom", "lone CR line ends", "utf-16", "latin-1 comment"];

    /// <summary>
    /// Scans <paramref name="source"/> as <paramref name="file"/> alone, written as <paramref name="variant"/> says:
    /// "ascii", "non-ascii comment" (a first line <paramref name="comment"/> größe 日本語), "utf-8 bom", "lone CR line ends"
    /// (and that comment), "utf-16", or "latin-1 comment" (that comment, so not valid UTF-8).
    /// </summary>
    public static ScanResult ScanEncoded(string file, string source, string comment, string variant)
    {
        source = (variant is "non-ascii comment" or "latin-1 comment" or "lone CR line ends" ? comment + " größe 日本語\n" : "") + source;
        byte[] bytes = variant switch
        {
            "utf-8 bom" => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(source)],
            "lone CR line ends" => System.Text.Encoding.UTF8.GetBytes(source.Replace('\n', '\r')),
            "utf-16" => [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(source)],
            "latin-1 comment" => System.Text.Encoding.Latin1.GetBytes(source),
            _ => System.Text.Encoding.UTF8.GetBytes(source),
        };
        using var dir = new TempDirectory();
        File.WriteAllBytes(Path.Combine(dir.Path, file), bytes);
        return Scan(dir.Path);
    }

    /// <summary>The scan found exactly the usages the fixture's comments announce, in order, with their reasons.</summary>
    public static void AssertFoundExactly(ScanResult result, IReadOnlyDictionary<string, string> files)
    {
        var expected = Expectations(files).OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ToList();
        var actual = result.Usages.Select(u => (u.File, u.Line, Key: u.Flag, Dynamic: u.Kind == UsageKind.Dynamic)).ToList();
        Assert.True(expected.Select(e => (e.File, e.Line, e.Key, e.Dynamic)).SequenceEqual(actual), "expected:\n" + string.Join("\n", expected) + "\n" + Describe(result));
        foreach (var e in expected.Where(e => e.Reason is not null))
        {
            var usage = result.Usages.Single(u => u.File == e.File && u.Line == e.Line);
            Assert.True(usage.Unresolved?.Contains(e.Reason!, StringComparison.Ordinal) == true, $"{e.File}:{e.Line}: '{usage.Unresolved}' should say '{e.Reason}'");
        }
    }

    private static IEnumerable<Expectation> Expectations(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (path, text) in files)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (Regex.Match(lines[i], @"(?://|@\*|#) key: (.+?)(?: \*@)?$") is { Success: true } key)
                {
                    yield return new Expectation(path, i + 1, key.Groups[1].Value, false, null);
                }
                else if (Regex.Match(lines[i], @"(?://|#) dynamic(?:: (.+))?$") is { Success: true } dynamic)
                {
                    yield return new Expectation(path, i + 1, null, true, dynamic.Groups[1].Success ? dynamic.Groups[1].Value : null);
                }
            }
        }
    }
}
