using System.Text;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Finds the usages in one file's bytes. One instance per worker thread (it reuses its buffers).
/// Steps, cheapest first: widen the bytes one-to-one into chars (Latin-1, vectorised, so offsets stay
/// byte offsets) and search them for the catalog's anchor words with one multi-string
/// <see cref="System.Buffers.SearchValues{T}"/> pass (a Teddy-style vectorised search); widen each hit
/// to the identifier around it and look that up among the trigger words; skip it when it sits in a
/// comment; check the SDK import for generic names; only then run the shape's regex on a small window
/// of text from that position and take the key(s). Custom patterns run over the whole file.
/// </summary>
internal sealed class FileMatcher(ShapeIndex index, PatternCache cache, IReadOnlyList<CompiledPattern> customPatterns)
{
    private const int MaxTextLength = 240;
    private static readonly string[] NotFlagArguments = ["LogLevel.", "EventLevel."];

    private readonly CommentLexer _lexer = new();
    private readonly List<(int Start, int End, CallShape[]? Shapes, string? Prefix)> _candidates = [];
    private readonly List<int> _lineStarts = [];
    private readonly HashSet<int> _reported = [];
    // Enough text before a trigger for lookbehinds and a declaration's modifiers, and after it for the call.
    private const int WindowBefore = 128;
    private const int WindowAfter = 768;

    private byte[] _data = [];
    private char[] _chars = new char[64 * 1024];
    private int _length;
    private int _bodyStart;

    // The regex input: a window of the file as a string; index i is file offset i + _textBase.
    private string? _text;
    private int _textBase;
    private bool _wholeFile; // many candidates: one string of the whole file costs less than a window each
    private HashSet<string>? _importedSdks;
    private Language _language = LanguageCatalog.All[0];
    private string _file = "";

    /// <summary>True when the last file's result lacks a custom pattern that was stopped (it must not be cached).</summary>
    public bool LastFileIncomplete { get; private set; }

    /// <summary>True when the last file contains <c>flagkeeper-ignore</c> (found by the prefilter, no extra pass).</summary>
    public bool LastFileHasSuppressionMarker { get; private set; }

    /// <summary>Usages in <paramref name="data"/>[0..<paramref name="length"/>], in file order.</summary>
    public List<Usage> Match(byte[] data, int length, string file, Language language, ICollection<FlagkeeperError> errors)
    {
        LastFileIncomplete = false;
        LastFileHasSuppressionMarker = false;
        _data = data;
        _length = length;
        _bodyStart = length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0;
        _text = null;
        _textBase = 0;
        _importedSdks = null;
        _language = language;
        _file = file;
        _lineStarts.Clear();
        _reported.Clear();
        var usages = new List<Usage>();

        FindCandidates();
        _wholeFile = _candidates.Count * (WindowBefore + WindowAfter) >= _length;
        if (_candidates.Count > 0)
        {
            _lexer.Reset(data, length, language);
            foreach (var candidate in _candidates)
            {
                if (!_lexer.IsInComment(candidate.Start))
                {
                    MatchCandidate(candidate.Start, candidate.End, candidate.Shapes, candidate.Prefix, usages);
                }
            }
        }
        if (customPatterns.Count > 0)
        {
            MatchCustom(usages, errors);
        }
        if (usages.Count > 1)
        {
            usages.Sort(static (a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        }
        return usages;
    }

    private void FindCandidates()
    {
        _candidates.Clear();
        if (_chars.Length < _length)
        {
            _chars = new char[Math.Max(_length, _chars.Length * 2)];
        }
        var chars = _chars.AsSpan(0, Encoding.Latin1.GetChars(_data.AsSpan(0, _length), _chars));
        var anchors = index.AnchorSearch;
        var offset = 0;
        while (offset < chars.Length)
        {
            var hit = chars[offset..].IndexOfAny(anchors);
            if (hit < 0)
            {
                break;
            }
            hit += offset;
            while (hit < chars.Length && !Identifiers.IsPart(chars[hit]))
            {
                hit++; // an anchor may start with punctuation ("<feature")
            }
            var start = hit;
            while (start > 0 && Identifiers.IsPart(chars[start - 1]))
            {
                start--;
            }
            if (chars[start..].StartsWith(ShapeIndex.SuppressionMarker, StringComparison.Ordinal))
            {
                LastFileHasSuppressionMarker = true;
                offset = start + ShapeIndex.SuppressionMarker.Length;
                continue;
            }
            var end = hit + 1;
            while (end < chars.Length && Identifiers.IsPart(chars[end]))
            {
                end++;
            }
            offset = end;
            AddCandidate(chars, start, end);
        }
    }

    private void AddCandidate(ReadOnlySpan<char> chars, int start, int end)
    {
        var name = chars[start..end];
        if (name.IsEmpty || (start > 0 && chars[start - 1] == '$' && _language.Id == "php"))
        {
            return; // a PHP variable, not a call
        }
        if (index.TryGetByName(name, out var shapes))
        {
            _candidates.Add((start, end, shapes, null));
            return;
        }
        if (!index.PrefixTriggerStarts.Contains(name[0]))
        {
            return;
        }
        foreach (var prefix in index.PrefixTriggers)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                _candidates.Add((start, end, null, prefix));
                return;
            }
        }
    }

    private void MatchCandidate(int start, int end, CallShape[]? shapes, string? prefix, List<Usage> usages)
    {
        if (shapes is null)
        {
            // An identifier with an env prefix or KILL_SWITCH_: try the env shapes, then the kill switch.
            foreach (var shape in index.EnvShapes)
            {
                if (TryShape(shape, start, end, usages))
                {
                    return;
                }
            }
            foreach (var shape in index.KillSwitchShapes)
            {
                if (prefix is not null && shape.Names.Contains(prefix) && TryShape(shape, start, end, usages))
                {
                    return;
                }
            }
            return;
        }
        foreach (var shape in shapes)
        {
            if (TryShape(shape, start, end, usages))
            {
                return;
            }
        }
    }

    private bool TryShape(CallShape shape, int start, int end, List<Usage> usages)
    {
        if ((shape.Languages & _language.Family) == 0)
        {
            return false;
        }
        if (shape.Sdk is { } sdk && !index.Sdks.Contains(sdk) && !FileImports(sdk))
        {
            return false;
        }
        var regex = cache.GetOrAdd(index.Patterns[shape.Id], ShapeIndex.PatternOptions);
        EnsureWindow(start);
        var match = regex.Match(_text!, (ShapeIndex.MatchesAfterName(shape) ? end : start) - _textBase);
        if (!match.Success)
        {
            return false;
        }
        var before = usages.Count;
        switch (shape.Position)
        {
            case KeyPosition.EnvironmentVariable:
            {
                var name = match.Groups["name"];
                var envPrefix = index.EnvPrefixOf(name.Value);
                if (envPrefix is null)
                {
                    return false;
                }
                AddLiteral(shape.Id, _textBase + name.Index + envPrefix.Length, name.Length - envPrefix.Length, usages);
                break;
            }
            case KeyPosition.Identifier:
            {
                var name = match.Groups["name"];
                AddLiteral(shape.Id, _textBase + name.Index, name.Length, usages);
                break;
            }
            case KeyPosition.TagAttribute:
                AddTagKeys(shape.Id, match, usages);
                break;
            default:
                AddArgumentKeys(shape, match, start - _textBase, usages);
                break;
        }
        // A call shape whose regex matched settles the trigger even when it yields nothing (a
        // declaration, a LogLevel argument): another shape of the same name must not report it.
        return usages.Count > before || shape.Position is KeyPosition.FirstArgument or KeyPosition.SecondArgument or KeyPosition.SecondOrFirstArgument or KeyPosition.EveryStringArgument;
    }

    /// <param name="nameStart">Window offset of the called name, for telling declarations from calls.</param>
    private void AddArgumentKeys(CallShape shape, Match match, int nameStart, List<Usage> usages)
    {
        var args = CleanArguments(match.Groups["a"].Captures);
        switch (shape.Position)
        {
            case KeyPosition.EveryStringArgument:
                foreach (var (s, e) in args)
                {
                    if (!_text.AsSpan(s, e - s).StartsWith("RequirementType.", StringComparison.Ordinal))
                    {
                        AddArgument(shape, match, nameStart, s, e, usages);
                    }
                }
                return;
            case KeyPosition.SecondOrFirstArgument:
                if (args.Count >= 2 && LiteralKey(args[1].Start, args[1].End) is { } second)
                {
                    AddLiteral(shape.Id, _textBase + second.Start, second.Length, usages);
                }
                else if (args.Count >= 1 && LiteralKey(args[0].Start, args[0].End) is { } first)
                {
                    AddLiteral(shape.Id, _textBase + first.Start, first.Length, usages);
                }
                else if (args.Count >= 1)
                {
                    var (s, e) = args[args.Count >= 2 ? 1 : 0];
                    AddArgument(shape, match, nameStart, s, e, usages);
                }
                return;
            default:
            {
                var position = shape.Position == KeyPosition.SecondArgument ? 1 : 0;
                if (args.Count > position)
                {
                    AddArgument(shape, match, nameStart, args[position].Start, args[position].End, usages);
                }
                return;
            }
        }
    }

    /// <summary>
    /// The arguments with whitespace and comments trimmed from both ends; arguments that are only a
    /// comment (a commented-out line inside the call) are dropped.
    /// </summary>
    private List<(int Start, int End)> CleanArguments(CaptureCollection captures)
    {
        var args = new List<(int Start, int End)>(captures.Count);
        foreach (Capture capture in captures)
        {
            var (s, e) = Trim(capture.Index, capture.Index + capture.Length);
            while (s < e && SkipComment(s, e) is var after && after > s)
            {
                (s, e) = Trim(after, e);
            }
            if (s < e)
            {
                e = CutTrailingLineComment(s, e);
                args.Add((s, e));
            }
        }
        return args;
    }

    /// <summary>The offset past a comment starting at <paramref name="at"/>, or <paramref name="at"/> when none starts there.</summary>
    private int SkipComment(int at, int end)
    {
        var rest = _text.AsSpan(at, end - at);
        foreach (var marker in _language.LineComments)
        {
            if (rest.StartsWith(marker, StringComparison.Ordinal))
            {
                var newline = rest.IndexOf('\n');
                return newline < 0 ? end : at + newline + 1;
            }
        }
        foreach (var block in _language.BlockComments)
        {
            if (rest.StartsWith(block.Open, StringComparison.Ordinal))
            {
                var close = rest[block.Open.Length..].IndexOf(block.Close, StringComparison.Ordinal);
                return close < 0 ? end : at + block.Open.Length + close + block.Close.Length;
            }
        }
        return at;
    }

    /// <summary>Drops a line comment that follows the argument (<c>'k' // old name</c>), minding quotes.</summary>
    private int CutTrailingLineComment(int start, int end)
    {
        var quote = '\0';
        for (var i = start; i < end; i++)
        {
            var c = _text![i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
                continue;
            }
            if (c is '"' or '\'' or '`')
            {
                quote = c;
                continue;
            }
            foreach (var marker in _language.LineComments)
            {
                if (_text.AsSpan(i).StartsWith(marker, StringComparison.Ordinal))
                {
                    return Trim(start, i).End;
                }
            }
        }
        return end;
    }

    /// <summary>A literal argument becomes a usage; anything else a dynamic usage, unless this is a declaration.</summary>
    private void AddArgument(CallShape shape, Match match, int nameStart, int start, int end, List<Usage> usages)
    {
        if (start >= end)
        {
            return;
        }
        if (LiteralKey(start, end) is { } key)
        {
            AddLiteral(shape.Id, _textBase + key.Start, key.Length, usages);
            return;
        }
        var argument = _text!.AsSpan(start, end - start);
        foreach (var notFlag in NotFlagArguments)
        {
            if (argument.StartsWith(notFlag, StringComparison.Ordinal))
            {
                return;
            }
        }
        var close = match.Groups["close"];
        if (Declarations.IsDeclaration(_text!, nameStart, close.Success ? close.Index + 1 : -1, argument, _language))
        {
            return;
        }
        AddDynamic(shape.Id, _textBase + start, end - start, usages);
    }

    private void AddTagKeys(string patternId, Match match, List<Usage> usages)
    {
        var value = match.Groups["v"];
        if (value.Success)
        {
            if (value.Value.Contains('@', StringComparison.Ordinal) || value.Value.Contains('{', StringComparison.Ordinal) || value.Value.Contains("${", StringComparison.Ordinal))
            {
                AddDynamic(patternId, _textBase + value.Index, value.Length, usages);
                return;
            }
            var offset = value.Index;
            foreach (var part in value.Value.Split(','))
            {
                var (s, e) = Trim(offset, offset + part.Length);
                if (e > s)
                {
                    AddLiteral(patternId, _textBase + s, e - s, usages);
                }
                offset += part.Length + 1;
            }
            return;
        }
        var dynamic = match.Groups["d"];
        if (dynamic.Success)
        {
            AddDynamic(patternId, _textBase + dynamic.Index, dynamic.Length, usages);
        }
    }

    /// <summary>A dynamic usage at file offset <paramref name="start"/>.</summary>
    private void AddDynamic(string patternId, int start, int length, List<Usage> usages)
    {
        if (_reported.Add(start))
        {
            var (line, column) = Position(start);
            var argument = Decode(start, length);
            usages.Add(new Usage(_file, line, column, UsageKind.Dynamic, null, patternId, LineText(start), argument.Length > MaxTextLength ? argument[..MaxTextLength] : argument));
        }
    }

    /// <summary>Makes <see cref="_text"/> a window that holds <paramref name="start"/> with room before and after it.</summary>
    private void EnsureWindow(int start)
    {
        if (_wholeFile)
        {
            if (_text is null)
            {
                _text = new string(_chars, 0, _length);
                _textBase = 0;
            }
            return;
        }
        if (_text is not null && start - _textBase >= WindowBefore && start + (WindowAfter / 2) <= _textBase + _text.Length)
        {
            return;
        }
        if (_text is not null && _textBase == 0 && _text.Length == _length)
        {
            return; // the whole file is already there
        }
        var from = Math.Max(0, start - WindowBefore);
        var to = Math.Min(_length, start + WindowAfter);
        _text = new string(_chars, from, to - from);
        _textBase = from;
    }

    /// <summary>A literal usage whose key is at file offset <paramref name="start"/>.</summary>
    private void AddLiteral(string patternId, int start, int length, List<Usage> usages)
    {
        if (length <= 0 || !_reported.Add(start))
        {
            return;
        }
        var (line, column) = Position(start);
        usages.Add(new Usage(_file, line, column, UsageKind.Usage, Decode(start, length), patternId, LineText(start)));
    }

    /// <summary>The key inside a string literal (or Ruby symbol) spanning exactly [start, end); null when the argument is anything else.</summary>
    private (int Start, int Length)? LiteralKey(int start, int end)
    {
        var text = _text!;
        if (end - start < 2)
        {
            return null;
        }
        var first = text[start];
        if (first == ':' && _language.Family.HasFlag(LanguageFamily.Ruby))
        {
            for (var i = start + 1; i < end; i++)
            {
                if (!Identifiers.IsPart(text[i]) && !(i == end - 1 && text[i] is '?' or '!'))
                {
                    return null;
                }
            }
            return (start + 1, end - start - 1);
        }
        if (first == '@' && _language.VerbatimStrings)
        {
            start++;
            first = text[start];
        }
        if (first is not ('"' or '\'' or '`') || text[end - 1] != first || end - start < 3)
        {
            return null;
        }
        var inner = text.AsSpan(start + 1, end - start - 2);
        if (inner.IndexOfAny(first, '\\', '\n') >= 0 || IsInterpolated(inner, first))
        {
            return null;
        }
        return (start + 1, inner.Length);
    }

    /// <summary>Interpolation makes a string dynamic: JS `${x}`, Ruby "#{x}", Kotlin and PHP "$x" / "${x}" / "{$x}".</summary>
    private bool IsInterpolated(ReadOnlySpan<char> inner, char quote)
    {
        if (quote == '`')
        {
            return inner.Contains("${", StringComparison.Ordinal);
        }
        if (quote != '"')
        {
            return false;
        }
        if (_language.Family.HasFlag(LanguageFamily.Ruby))
        {
            return inner.Contains("#{", StringComparison.Ordinal);
        }
        if (_language.Id is "kotlin" or "php" or "scala")
        {
            var dollar = inner.IndexOf('$');
            return dollar >= 0 && dollar + 1 < inner.Length && (inner[dollar + 1] == '{' || char.IsAsciiLetter(inner[dollar + 1]) || inner[dollar + 1] == '_');
        }
        return false;
    }

    private (int Start, int End) Trim(int start, int end)
    {
        var text = _text!;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        return (start, end);
    }

    private bool FileImports(string sdk)
    {
        _importedSdks ??= SdkImports.Imported(_chars.AsSpan(0, _length), _language);
        return _importedSdks.Contains(sdk);
    }

    private void MatchCustom(List<Usage> usages, ICollection<FlagkeeperError> errors)
    {
        var hits = new List<(int Start, int Length, string Id)>();
        // Custom patterns may contain non-ASCII text, so they see the file decoded as UTF-8 (the
        // built-in shapes are ASCII and use the cheaper byte-for-byte Latin-1 view).
        var ascii = Ascii.IsValid(_data.AsSpan(0, _length));
        string? decoded = null;
        foreach (var pattern in customPatterns)
        {
            if (!pattern.Files.IsEmpty && !pattern.Files.IsMatch(_file))
            {
                continue;
            }
            if (pattern.Disabled)
            {
                LastFileIncomplete = true;
                continue;
            }
            decoded ??= ascii ? new string(_chars, 0, _length) : Encoding.UTF8.GetString(_data, 0, _length);
            try
            {
                for (var match = pattern.Regex.Match(decoded); match.Success; match = match.NextMatch())
                {
                    var key = match.Groups["key"];
                    if (key.Success && key.Length > 0)
                    {
                        var start = ascii ? key.Index : Encoding.UTF8.GetByteCount(decoded.AsSpan(0, key.Index));
                        var length = ascii ? key.Length : Encoding.UTF8.GetByteCount(decoded.AsSpan(key.Index, key.Length));
                        hits.Add((start, length, pattern.Source.Id));
                    }
                    if (match.Length == 0 && match.Index >= decoded.Length)
                    {
                        break;
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                LastFileIncomplete = true;
                if (pattern.Disable())
                {
                    errors.Add(ErrorCodes.PatternTimeout.Create($"pattern '{pattern.Source.Id}' took longer than {pattern.Regex.MatchTimeout.TotalMilliseconds:0} ms on {_file} and was stopped for the rest of the scan", new SourceLocation(_file, 0, 0)));
                }
            }
        }
        if (hits.Count == 0)
        {
            return;
        }
        hits.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        _lexer.Reset(_data, _length, _language);
        foreach (var (start, length, id) in hits)
        {
            if (!_lexer.IsInComment(start))
            {
                AddLiteral(id, start, length, usages);
            }
        }
    }

    private (int Line, int Column) Position(int offset)
    {
        if (_lineStarts.Count == 0)
        {
            var data = _data.AsSpan(0, _length);
            _lineStarts.Add(_bodyStart);
            for (var at = _bodyStart; ;)
            {
                var next = data[at..].IndexOf((byte)'\n');
                if (next < 0)
                {
                    break;
                }
                at += next + 1;
                _lineStarts.Add(at);
            }
        }
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }
        var lineStart = _lineStarts[line];
        var prefix = _data.AsSpan(lineStart, offset - lineStart);
        var column = Ascii.IsValid(prefix) ? prefix.Length : Encoding.UTF8.GetCharCount(prefix);
        return (line + 1, column + 1);
    }

    private string LineText(int offset)
    {
        var data = _data.AsSpan(0, _length);
        var start = Math.Max(_bodyStart, data[..offset].LastIndexOf((byte)'\n') + 1);
        var end = data[offset..].IndexOf((byte)'\n');
        var line = data[start..(end < 0 ? data.Length : offset + end)];
        var text = Encoding.UTF8.GetString(line).Trim();
        return text.Length > MaxTextLength ? text[..MaxTextLength] : text;
    }

    private string Decode(int start, int length) => Encoding.UTF8.GetString(_data, start, length);

}
