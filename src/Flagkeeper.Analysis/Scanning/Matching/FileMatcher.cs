using Flagkeeper.Analysis.Languages;
using Flagkeeper.Analysis.Scanning.Catalog;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Finds the usages in one file's bytes and reports them to a sink. One instance per worker thread (its
/// parts reuse their buffers). Steps, cheapest first: <see cref="SourceDecoder"/> makes the bytes UTF-8 with '\n'
/// line ends (most files pass through untouched); the <see cref="Prefilter"/> finds trigger words; those
/// inside a comment are dropped (<see cref="CommentLexer"/>); <see cref="ShapeMatcher"/> runs each candidate's
/// shapes and reads the key from its arguments; then the <see cref="CustomPatternMatcher"/> runs the
/// configuration's own patterns over the whole file. <see cref="UsageReporter"/> turns offsets into positions.
/// </summary>
internal sealed class FileMatcher(ShapeIndex index, PatternCache cache, IReadOnlyList<CompiledPattern> customPatterns)
{
    private readonly SourceDecoder _decoder = new();
    private readonly FileText _text = new();
    private readonly Prefilter _prefilter = new(index);
    private readonly ShapeMatcher _shapes = new(index, cache);
    private readonly CustomPatternMatcher? _custom = customPatterns.Count > 0 ? new(customPatterns) : null;
    private readonly CommentLexer _lexer = new();
    private readonly UsageReporter _report = new();
    private readonly List<Candidate> _candidates = [];

    /// <summary>The last file matched, as UTF-8 text widened byte for byte (what the declaration index searches too).</summary>
    public ReadOnlySpan<char> Latin1Text => _text.Chars;

    /// <summary>Reports the usages in <paramref name="raw"/>[0..<paramref name="rawLength"/>] to <paramref name="sink"/>.</summary>
    /// <param name="raw">The file's bytes as stored; not <see cref="SourceEncoding.Binary"/> (callers skip those).</param>
    /// <param name="file">Root-relative, '/'-separated: the usages' file, and what custom patterns' file globs match.</param>
    public void Match(byte[] raw, int rawLength, string file, Language language, IUsageSink sink)
    {
        var (data, length) = _decoder.Decode(raw, rawLength, SourceDecoder.Detect(raw.AsSpan(0, rawLength)));
        _text.Load(data, length);
        _report.Begin(_text, file, sink);
        if (_prefilter.Find(_text.Chars, language, _candidates))
        {
            sink.SuppressionMarker();
        }
        if (_candidates.Count > 0)
        {
            _lexer.Reset(data, length, language);
            _shapes.Begin(_text, language, _report);
            foreach (var candidate in _candidates)
            {
                if (!_lexer.IsInComment(candidate.Start))
                {
                    _shapes.Match(candidate);
                }
            }
        }
        _custom?.Match(_text, file, language, _lexer, _report, sink);
    }
}
