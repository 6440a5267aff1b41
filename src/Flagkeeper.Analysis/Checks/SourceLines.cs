namespace Flagkeeper.Analysis.Checks;

/// <summary>
/// Lines of root-relative files, read once each and only for files that have findings: for
/// suppression comments and for fingerprints that survive line shifts.
/// </summary>
public sealed class SourceLines(string root)
{
    private const long MaxFileSize = 16 * 1024 * 1024;
    private readonly Dictionary<string, string[]> _files = new(StringComparer.Ordinal);

    /// <summary>The text of a 1-based line, or null when the file or line is not there (or the file is unreadable or huge).</summary>
    public string? Line(string file, int line)
    {
        if (!_files.TryGetValue(file, out var lines))
        {
            lines = Read(Path.Combine(root, file));
            _files[file] = lines;
        }
        return line >= 1 && line <= lines.Length ? lines[line - 1] : null;
    }

    private static string[] Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileSize || info.Length == 0)
            {
                return [];
            }
            return File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return []; // a file that vanished or cannot be read has no suppressions: the finding stays
        }
    }
}

/// <summary>
/// <c>flagkeeper-ignore</c> comments: on the finding's line or the line above, alone (every rule) or as
/// <c>flagkeeper-ignore: rule-id, other-rule</c> (only those).
/// </summary>
public static class Suppressions
{
    public const string Marker = "flagkeeper-ignore";

    public static bool Silences(string? line, string rule)
    {
        if (line is null)
        {
            return false;
        }
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        while (at >= 0)
        {
            var rest = line.AsSpan(at + Marker.Length);
            if (rest.IsEmpty || (!char.IsAsciiLetterOrDigit(rest[0]) && rest[0] is not '-' and not '_' and not ':'))
            {
                return true; // a bare marker silences every rule
            }
            if (rest[0] == ':' && Rules(rest[1..]).Contains(rule))
            {
                return true;
            }
            at = line.IndexOf(Marker, at + Marker.Length, StringComparison.Ordinal);
        }
        return false;
    }

    /// <summary>Whether a located finding is silenced by a comment on its line or the line above.</summary>
    public static bool Silences(SourceLines lines, CheckFinding finding) =>
        finding.Location is { Line: > 0 } at
        && (Silences(lines.Line(at.File, at.Line), finding.Rule) || Silences(lines.Line(at.File, at.Line - 1), finding.Rule));

    /// <summary>The rule ids after "flagkeeper-ignore:", separated by commas or spaces.</summary>
    private static HashSet<string> Rules(ReadOnlySpan<char> text)
    {
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == ',' || text[i] == '\t'))
            {
                i++;
            }
            var start = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '-'))
            {
                i++;
            }
            if (i == start)
            {
                break;
            }
            rules.Add(text[start..i].ToString());
        }
        return rules;
    }
}
