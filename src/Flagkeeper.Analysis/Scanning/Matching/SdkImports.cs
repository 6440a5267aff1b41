using System.Buffers;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Languages;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>Decides whether a file imports an SDK: one of its markers on an import line.</summary>
internal static class SdkImports
{
    private static readonly string[] ImportWords = ["import", "using", "from", "require", "use ", "include", "#include", "@import", "library", "extern crate", "load"];

    // Each SDK's markers, searched for one SDK at a time: a file asks about the one or two SDKs its calls may belong to,
    // and the SDK it imports is found on its first lines. One search for every SDK's markers read the whole file each
    // time (4 % of a dense scan's samples).
    private static readonly Dictionary<string, (string[] Markers, SearchValues<string> Search)> MarkersBySdk =
        Sdks.All.ToDictionary(s => s.Id, s => (s.ImportMarkers.ToArray(), SearchValues.Create([.. s.ImportMarkers], StringComparison.OrdinalIgnoreCase)), StringComparer.Ordinal);

    /// <summary>Whether the file imports <paramref name="sdk"/>: one of its markers, in any case, on an import line.</summary>
    public static bool Imports(ReadOnlySpan<char> text, Language language, string sdk)
    {
        if (!MarkersBySdk.TryGetValue(sdk, out var sdkMarkers))
        {
            return false;
        }
        var offset = 0;
        while (offset < text.Length)
        {
            var hit = text[offset..].IndexOfAny(sdkMarkers.Search);
            if (hit < 0)
            {
                return false;
            }
            hit += offset;
            offset = hit + 1;
            foreach (var marker in sdkMarkers.Markers)
            {
                if (text[hit..].StartsWith(marker, StringComparison.OrdinalIgnoreCase) && IsImportLine(text, hit, language))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool IsImportLine(ReadOnlySpan<char> text, int at, Language language)
    {
        var start = text[..at].LastIndexOf('\n') + 1;
        var end = text[at..].IndexOf('\n');
        var line = text[start..(end < 0 ? text.Length : at + end)].Trim().ToString();
        if (line.StartsWith('@'))
        {
            line = line[1..]; // Razor: @using X
        }
        foreach (var word in ImportWords)
        {
            // A whole word: "load_config = ..." does not start with the word "load".
            if (line.StartsWith(word, StringComparison.Ordinal) && (line.Length == word.Length || !Identifiers.IsPart(line[word.Length]) || word.EndsWith(' ')))
            {
                return true;
            }
        }
        if (line.Contains("require(", StringComparison.Ordinal) || line.Contains("require '", StringComparison.Ordinal)
            || line.Contains("require \"", StringComparison.Ordinal) || line.Contains("import(", StringComparison.Ordinal)
            || line.Contains(" from '", StringComparison.Ordinal) || line.Contains(" from \"", StringComparison.Ordinal))
        {
            return true;
        }
        // Go import blocks: a quoted path, optionally after an alias.
        return language.Family.HasFlag(LanguageFamily.Go) && (line.StartsWith('"') || System.Text.RegularExpressions.Regex.IsMatch(line, @"^[A-Za-z_.][A-Za-z0-9_]*\s+""", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));
    }
}
