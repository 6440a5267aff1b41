using System.Text;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Checks.Sources;

/// <summary>
/// Lines of root-relative files that have findings: for suppression comments and for fingerprints
/// that survive line shifts. Only the last file read is kept (as bytes plus line starts, decoding just
/// the lines asked for), so memory stays at one file however many findings there are; ask for findings
/// grouped by file.
/// </summary>
public sealed class SourceLines(string root)
{
    private const long MaxFileSize = 16 * 1024 * 1024;
    private static readonly byte[] MarkerBytes = Encoding.UTF8.GetBytes(Suppressions.Marker);
    private string? _file;
    private byte[] _bytes = [];
    private readonly List<int> _lineStarts = [];
    private bool _hasMarker;
    private readonly SourceDecoder _decoder = new();

    /// <summary>The text of a 1-based line, or null when the file or line is not there (or the file is unreadable or huge).</summary>
    public string? Line(string file, int line)
    {
        Load(file);
        if (line < 1 || line > _lineStarts.Count)
        {
            return null;
        }
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Count ? _lineStarts[line] - 1 : _bytes.Length;
        if (end > start && _bytes[end - 1] == (byte)'\r')
        {
            end--;
        }
        return Encoding.UTF8.GetString(_bytes, start, end - start);
    }

    /// <summary>False when the file has no <c>flagkeeper-ignore</c> anywhere (one vectorised search), so no line needs a look.</summary>
    public bool MayHaveSuppressions(string file)
    {
        Load(file);
        return _hasMarker;
    }

    private void Load(string file)
    {
        if (string.Equals(file, _file, StringComparison.Ordinal))
        {
            return;
        }
        _file = file;
        _bytes = Decoded(Read(Path.Combine(root, file)));
        _lineStarts.Clear();
        if (_bytes.Length > 0)
        {
            var bom = _bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            _lineStarts.Add(bom);
            for (var at = bom; ;)
            {
                var newline = _bytes.AsSpan(at).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }
                at += newline + 1;
                _lineStarts.Add(at);
            }
        }
        _hasMarker = _bytes.AsSpan().IndexOf(MarkerBytes) >= 0;
    }

    /// <summary>The text as the scanner matched it (UTF-16 transcoded, BOM dropped, lone CRs as '\n'), so line numbers agree.</summary>
    private byte[] Decoded(byte[] raw)
    {
        var encoding = SourceDecoder.Detect(raw);
        if (encoding == SourceEncoding.Binary)
        {
            return [];
        }
        var (data, length) = _decoder.Decode(raw, raw.Length, encoding);
        return ReferenceEquals(data, raw) ? raw : data.AsSpan(0, length).ToArray();
    }

    private static byte[] Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return !info.Exists || info.Length > MaxFileSize || info.Length == 0 ? [] : File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return []; // a file that vanished or cannot be read has no suppressions: the finding stays
        }
    }
}

/// <summary>
/// <c>flagkeeper-ignore</c> comments: on the finding's line or the line above, alone (every rule) or as
/// <c>flagkeeper-ignore: rule-id, other-rule</c> (only those). The marker must sit in a comment of the
/// file's language (after <c>//</c>, <c>#</c>, <c>/*</c>, ... on that line, or on a line of its own inside a
/// block comment), so a string that happens to contain it silences nothing.
/// </summary>
public static class Suppressions
{
    public const string Marker = ShapeIndex.SuppressionMarker;

    /// <param name="language">The file's language; null (unknown) accepts the marker anywhere on the line.</param>
    public static bool Silences(string? line, string rule, Language? language = null)
    {
        if (line is null)
        {
            return false;
        }
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        while (at >= 0)
        {
            if (InComment(line.AsSpan(0, at), language))
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
            }
            at = line.IndexOf(Marker, at + Marker.Length, StringComparison.Ordinal);
        }
        return false;
    }

    /// <summary>Whether a located finding is silenced by a comment on its line or the line above.</summary>
    public static bool Silences(SourceLines lines, Finding finding)
    {
        if (finding.Location is not { Line: > 0 } at || !lines.MayHaveSuppressions(at.File))
        {
            return false;
        }
        var language = LanguageCatalog.ForFileName(at.File);
        return Silences(lines.Line(at.File, at.Line), finding.Rule, language) || Silences(lines.Line(at.File, at.Line - 1), finding.Rule, language);
    }

    /// <summary>The text before the marker opens a comment, or is empty / a block comment's "*" (the marker is inside a multi-line comment).</summary>
    private static bool InComment(ReadOnlySpan<char> before, Language? language)
    {
        if (language is null)
        {
            return true;
        }
        var trimmed = before.Trim();
        if (trimmed.IsEmpty || trimmed.SequenceEqual("*"))
        {
            return true;
        }
        foreach (var opener in language.LineComments)
        {
            if (before.Contains(opener, StringComparison.Ordinal))
            {
                return true;
            }
        }
        foreach (var block in language.BlockComments)
        {
            if (before.Contains(block.Open, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

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
