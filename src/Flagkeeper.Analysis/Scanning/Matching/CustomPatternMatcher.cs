using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Runs the configuration's own patterns over a whole file that holds one of each pattern's required literals
/// (<see cref="CompiledPattern.Literals"/>; a pattern without them runs on every file), keeping the <c>key</c> group
/// of matches outside comments. A pattern that times out on the backtracking engine runs the file again on the linear
/// one (<see cref="CompiledPattern.LinearAfterTimeout"/>); one with no engine left is stopped for the rest of the scan,
/// and the file is reported incomplete so its result is not cached.
/// </summary>
internal sealed class CustomPatternMatcher(IReadOnlyList<CompiledPattern> patterns)
{
    private readonly List<(int Start, int Length, string Id)> _hits = [];

    // The regex input: one string this matcher alone holds, written over for each file that needs it and searched
    // in its first part only (a new string a file was a third of what a scan with custom patterns allocated).
    private string _input = string.Empty;

    public void Match(FileText text, string file, Language language, CommentLexer lexer, UsageReporter report, IUsageSink sink)
    {
        _hits.Clear();
        var byteForByte = false;
        var decodedLength = -1;
        for (var i = 0; i < patterns.Count; i++) // no enumerator a file
        {
            var pattern = patterns[i];
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
            if (decodedLength < 0)
            {
                // Custom patterns may contain non-ASCII text, so they see valid UTF-8 decoded (the built-in shapes are
                // ASCII and use the cheaper byte-for-byte Latin-1 view). Bytes that are not UTF-8 (a Latin-1 file) are read
                // byte for byte too: decoded, each bad byte would become a 3-byte replacement character and move every
                // offset after it. Decided only for a file some pattern may match.
                byteForByte = Ascii.IsValid(text.Bytes) || !Utf8.IsValid(text.Bytes);
                decodedLength = Write(text, byteForByte);
            }
            var found = _hits.Count;
            var regex = pattern.Regex;
            try
            {
                Run(regex, pattern.Source.Id, decodedLength, byteForByte);
            }
            catch (RegexMatchTimeoutException)
            {
                _hits.RemoveRange(found, _hits.Count - found);
                if (pattern.LinearAfterTimeout(regex) is not { } linear || !TryRunLinear(linear, pattern.Source.Id, decodedLength, byteForByte, found))
                {
                    sink.Incomplete();
                    if (pattern.Disable())
                    {
                        sink.Error(ErrorCodes.PatternTimeout.Create($"pattern '{pattern.Source.Id}' took longer than {pattern.Regex.MatchTimeout.TotalMilliseconds:0} ms on {file} and was stopped for the rest of the scan", new SourceLocation(file, 0, 0)));
                    }
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

    /// <summary>The linear engine's run after the backtracking one timed out; false if it timed out too.</summary>
    private bool TryRunLinear(Regex linear, string id, int decodedLength, bool byteForByte, int found)
    {
        try
        {
            Run(linear, id, decodedLength, byteForByte);
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            _hits.RemoveRange(found, _hits.Count - found);
            return false;
        }
    }

    /// <summary>Adds the key matches in <see cref="_input"/>[0..<paramref name="decodedLength"/>], as byte offsets.</summary>
    private void Run(Regex regex, string id, int decodedLength, bool byteForByte)
    {
        var decoded = _input.AsSpan(0, decodedLength);
        for (var match = regex.Match(_input, 0, decodedLength); match.Success; match = match.NextMatch())
        {
            var key = match.Groups["key"];
            if (key.Success && key.Length > 0)
            {
                var start = byteForByte ? key.Index : Encoding.UTF8.GetByteCount(decoded[..key.Index]);
                var length = byteForByte ? key.Length : Encoding.UTF8.GetByteCount(decoded.Slice(key.Index, key.Length));
                _hits.Add((start, length, id));
            }
            if (match.Length == 0 && match.Index >= decodedLength)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Writes the file's text into <see cref="_input"/>: its bytes widened one to one, or decoded from UTF-8 (never
    /// more chars than bytes). Returns the number of chars written.
    /// </summary>
    private int Write(FileText text, bool byteForByte)
    {
        if (_input.Length < text.Length)
        {
            _input = new string('\0', Math.Max(text.Length, _input.Length * 2));
        }
        var target = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(_input.AsSpan()), _input.Length);
        if (byteForByte)
        {
            text.Chars.CopyTo(target);
            return text.Length;
        }
        return Encoding.UTF8.GetChars(text.Bytes, target);
    }
}
