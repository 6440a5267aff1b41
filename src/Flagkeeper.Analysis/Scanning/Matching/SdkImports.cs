using System.Text;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Scanning.Languages;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>Decides whether a file imports an SDK: one of its markers on an import line.</summary>
internal static class SdkImports
{
    private static readonly Dictionary<string, byte[][]> Markers =
        Sdks.All.ToDictionary(s => s.Id, s => s.ImportMarkers.Select(Encoding.ASCII.GetBytes).ToArray(), StringComparer.Ordinal);

    private static readonly string[] ImportWords = ["import", "using", "from", "require", "use ", "include", "#include", "@import", "library", "extern crate", "load"];

    public static bool Imports(ReadOnlySpan<byte> data, string sdkId, Language language)
    {
        if (!Markers.TryGetValue(sdkId, out var markers))
        {
            return false;
        }
        foreach (var marker in markers)
        {
            var offset = 0;
            while (offset < data.Length)
            {
                var hit = IndexOfIgnoreCase(data[offset..], marker);
                if (hit < 0)
                {
                    break;
                }
                hit += offset;
                if (IsImportLine(data, hit, language))
                {
                    return true;
                }
                offset = hit + marker.Length;
            }
        }
        return false;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> data, byte[] lowerMarker)
    {
        var first = lowerMarker[0];
        var upper = (byte)char.ToUpperInvariant((char)first);
        var offset = 0;
        while (true)
        {
            var i = data[offset..].IndexOfAny(first, upper);
            if (i < 0)
            {
                return -1;
            }
            i += offset;
            if (i + lowerMarker.Length <= data.Length && Ascii.EqualsIgnoreCase(data.Slice(i, lowerMarker.Length), lowerMarker))
            {
                return i;
            }
            offset = i + 1;
        }
    }

    private static bool IsImportLine(ReadOnlySpan<byte> data, int at, Language language)
    {
        var start = data[..at].LastIndexOf((byte)'\n') + 1;
        var end = data[at..].IndexOf((byte)'\n');
        var line = Encoding.Latin1.GetString(data[start..(end < 0 ? data.Length : at + end)]).Trim();
        foreach (var word in ImportWords)
        {
            if (line.StartsWith(word, StringComparison.Ordinal))
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
