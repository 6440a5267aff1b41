using System.Buffers;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Languages;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>Decides whether a file imports an SDK: one of its markers on an import line.</summary>
internal static class SdkImports
{
    private static readonly string[] ImportWords = ["import", "using", "from", "require", "use ", "include", "#include", "@import", "library", "extern crate", "load"];

    private static readonly (string Marker, string Sdk)[] AllMarkers =
        [.. Sdks.All.SelectMany(s => s.ImportMarkers.Select(m => (m, s.Id)))];

    private static readonly SearchValues<string> MarkerSearch =
        SearchValues.Create(AllMarkers.Select(m => m.Marker).Distinct().ToArray(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The ids of every SDK the file imports, found in one case-insensitive pass over its text.</summary>
    public static HashSet<string> Imported(ReadOnlySpan<char> text, Language language)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var offset = 0;
        while (offset < text.Length)
        {
            var hit = text[offset..].IndexOfAny(MarkerSearch);
            if (hit < 0)
            {
                break;
            }
            hit += offset;
            offset = hit + 1;
            foreach (var (marker, sdk) in AllMarkers)
            {
                if (!found.Contains(sdk) && text[hit..].StartsWith(marker, StringComparison.OrdinalIgnoreCase) && IsImportLine(text, hit, language))
                {
                    found.Add(sdk);
                }
            }
        }
        return found;
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
