using System.Text;
using System.Text.Unicode;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Runs the configuration's own patterns over a whole file that holds one of each pattern's required literals
/// (<see cref="CompiledPattern.Literals"/>; a pattern without them runs on every file), keeping the <c>key</c> group
/// of matches outside comments. A pattern that times out is stopped for the
/// rest of the scan, and the file is reported incomplete so its result is not cached.
/// </summary>
internal sealed class CustomPatternMatcher(IReadOnlyList<CompiledPattern> patterns)
{
    private readonly List<(int Start, int Length, string Id)> _hits = [];

    public void Match(FileText text, string file, Language language, CommentLexer lexer, UsageReporter report, IUsageSink sink)
    {
        _hits.Clear();
        var byteForByte = false;
        string? decoded = null;
        foreach (var pattern in patterns)
        {
            if (!pattern.Files.IsEmpty && !pattern.Files.IsMatch(file))
            {
                continue;
            }
            if (pattern.Disabled)
            {
                sink.Incomplete();
                continue;
            }
            if (pattern.Literals is { } literals && !text.Chars.ContainsAny(literals))
            {
                continue; // none of the texts every match contains: the regex cannot match here
            }
            if (decoded is null)
            {
                // Custom patterns may contain non-ASCII text, so they see valid UTF-8 decoded (the built-in shapes are
                // ASCII and use the cheaper byte-for-byte Latin-1 view). Bytes that are not UTF-8 (a Latin-1 file) are read
                // byte for byte too: decoded, each bad byte would become a 3-byte replacement character and move every
                // offset after it. Decided only for a file some pattern may match.
                byteForByte = Ascii.IsValid(text.Bytes) || !Utf8.IsValid(text.Bytes);
                decoded = byteForByte ? text.Slice(0, text.Length) : Encoding.UTF8.GetString(text.Bytes);
            }
            try
            {
                for (var match = pattern.Regex.Match(decoded); match.Success; match = match.NextMatch())
                {
                    var key = match.Groups["key"];
                    if (key.Success && key.Length > 0)
                    {
                        var start = byteForByte ? key.Index : Encoding.UTF8.GetByteCount(decoded.AsSpan(0, key.Index));
                        var length = byteForByte ? key.Length : Encoding.UTF8.GetByteCount(decoded.AsSpan(key.Index, key.Length));
                        _hits.Add((start, length, pattern.Source.Id));
                    }
                    if (match.Length == 0 && match.Index >= decoded.Length)
                    {
                        break;
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                sink.Incomplete();
                if (pattern.Disable())
                {
                    sink.Error(ErrorCodes.PatternTimeout.Create($"pattern '{pattern.Source.Id}' took longer than {pattern.Regex.MatchTimeout.TotalMilliseconds:0} ms on {file} and was stopped for the rest of the scan", new SourceLocation(file, 0, 0)));
                }
            }
        }
        if (_hits.Count == 0)
        {
            return;
        }
        _hits.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        lexer.Reset(text.Data, text.Length, language);
        foreach (var (start, length, id) in _hits)
        {
            if (!lexer.IsInComment(start))
            {
                report.Literal(id, start, length);
            }
        }
    }
}
