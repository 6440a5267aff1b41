using System.Buffers;

namespace Flagkeeper.Documents;

/// <summary>
/// A fast reader for the plain YAML that registries are written in: block mappings with plain keys, one-line
/// plain or quoted values, one-line flow lists and mappings, comments and blank lines. It builds the same
/// <see cref="DocNode"/> tree, positions included, as <see cref="YamlDocumentReader"/> does through YamlDotNet,
/// at a fraction of the time and memory (YamlDotNet allocates about 30 bytes per byte of a registry). On
/// anything outside that subset (anchors, tags, block lists, multi-line values, escapes, tabs, CRLF, document
/// markers, any syntax error) it declines, and the caller reads the text with YamlDotNet, which also
/// reports every error: this reader never decides that a text is wrong.
/// </summary>
internal sealed class PlainYamlReader
{
    /// <summary>Characters that make the text fall back to YamlDotNet wherever they appear.</summary>
    private static readonly SearchValues<char> Unsupported = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\u000B\u000C\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u2028\u2029\uFEFF\uFFFE\uFFFF");

    private readonly string _text;
    private readonly DocumentLimits _limits;
    // A lossy cache of recent short strings, one per slot by hash: field names, owners, types, dates and booleans
    // repeat thousands of times and stay in their slot; a unique string (a flag key, a task id) costs its own
    // allocation and a slot, where a dictionary of every distinct string grew to megabytes.
    private readonly string?[] _shared;
    // Entries and items of the collections being read, innermost last: each collection takes an exact-size array
    // of its own when it ends, where a List per collection would grow and keep up to twice the slots.
    private readonly List<MappingEntry> _entries = [];
    private readonly List<DocNode> _items = [];
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _nodes;
    // Where reading stops: the text's end, or a region's (a region is read in place, marks counted from the text's start).
    private int _end;

    // Nodes to reuse when the caller drops the tree chunk by chunk; null: every node is new.
    private readonly NodeArena? _arena;

    private PlainYamlReader(string text, DocumentLimits limits, NodeArena? arena = null, string?[]? sharedStrings = null)
    {
        _text = text;
        _end = text.Length;
        _limits = limits;
        _arena = arena;
        _shared = arena?.SharedStrings ?? sharedStrings ?? NewSharedStrings();
    }

    /// <summary>A cache of shared strings that one thread may hand to reader after reader (<see cref="NodeArena"/>).</summary>
    internal static string?[] NewSharedStrings() => SharedStrings.NewSlots();

    /// <summary>Thrown, and caught in <c>TryRead</c>, when the text leaves the supported subset.</summary>
    private sealed class DeclineException : Exception;

    /// <returns>False when the text is outside the subset; <paramref name="root"/> is then null.</returns>
    public static bool TryRead(string text, DocumentLimits limits, out DocNode? root) => TryRead(text, limits, out root, out _);

    /// <param name="nodes">The nodes read, as counted against <see cref="DocumentLimits.MaxNodes"/>.</param>
    public static bool TryRead(string text, DocumentLimits limits, out DocNode? root, out int nodes)
    {
        root = null;
        nodes = 0;
        if (!IsSupported(text))
        {
            return false;
        }
        try
        {
            var reader = new PlainYamlReader(text, limits);
            root = reader.ReadDocument();
            nodes = reader._nodes;
            return true;
        }
        catch (DeclineException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the block mapping entries of the whole lines <c>[start, end)</c> of <paramref name="document"/>, which
    /// must all sit at exactly <paramref name="indent"/> with everything else deeper (the entries of a mapping
    /// written at that indentation, at <paramref name="depth"/>). Marks are those of the whole document; the
    /// region's first line is <paramref name="firstLine"/>; <paramref name="nodes"/> counts as a whole read does. A region with no content line has no entries. False
    /// when the region is outside the subset or not such entries; it never reads past <paramref name="end"/>.
    /// </summary>
    /// <param name="sharedStrings">A cache from <see cref="NewSharedStrings"/> to reuse across reads on one thread (null: a new one,
    /// 32 KB: reading 10,000 entries one by one with a new cache each allocated 330 MB).</param>
    public static bool TryReadEntries(string document, int start, int end, int firstLine, int indent, int depth, DocumentLimits limits, out IReadOnlyList<MappingEntry>? entries, out int nodes, string?[]? sharedStrings = null) =>
        IsSupported(document.AsSpan(start, end - start))
            ? TryReadSupportedEntries(document, start, end, firstLine, indent, depth, limits, out entries, out nodes, sharedStrings: sharedStrings)
            : Fail(out entries, out nodes);

    /// <summary><see cref="TryReadEntries"/> for a region whose characters <see cref="IsSupported"/> already accepted.</summary>
    /// <param name="arena">One thread's nodes to fill (the entries are then valid until its next <see cref="NodeArena.Reset"/>), or null for new nodes.</param>
    internal static bool TryReadSupportedEntries(string document, int start, int end, int firstLine, int indent, int depth, DocumentLimits limits, out IReadOnlyList<MappingEntry>? entries, out int nodes, NodeArena? arena = null, string?[]? sharedStrings = null)
    {
        entries = null;
        nodes = 0;
        // Read in place: a copy of a large region would cost as much fresh memory as the region itself.
        var reader = new PlainYamlReader(document, limits, arena, sharedStrings) { _pos = start, _end = end, _line = firstLine, _lineStart = start };
        try
        {
            if (!reader.NextContentLine(out var found))
            {
                entries = [];
                return true;
            }
            if (found != indent)
            {
                return false;
            }
            var map = reader.ReadBlockMapping(indent, depth);
            if (reader._pos < end)
            {
                return false;
            }
            entries = map.Entries;
            nodes = reader._nodes;
            return true;
        }
        catch (DeclineException)
        {
            return false;
        }
    }

    /// <summary>False when the text holds a character that makes the fast reader decline wherever it appears.</summary>
    internal static bool IsSupported(ReadOnlySpan<char> text) =>
        !text.ContainsAny(Unsupported) && !text.ContainsAnyInRange('\u007F', '\u009F') && !text.ContainsAnyInRange('\uD800', '\uDFFF');

    private static bool Fail(out IReadOnlyList<MappingEntry>? entries, out int nodes)
    {
        entries = null;
        nodes = 0;
        return false;
    }

    private static DeclineException Decline() => new();

    private MappingNode ReadDocument()
    {
        if (!NextContentLine(out var indent))
        {
            throw Decline(); // empty or comments only: rare and cheap, YamlDotNet decides
        }
        if (indent == 0 && (At("---") || At("...") || _text[_pos] == '%'))
        {
            throw Decline();
        }
        var root = ReadBlockMapping(indent, depth: 1);
        if (_pos < _end)
        {
            throw Decline(); // a line indented less than the root, or left over
        }
        return root;
    }

    /// <summary>Reads entries at <paramref name="indent"/>; <see cref="_pos"/> is at the first key.</summary>
    private MappingNode ReadBlockMapping(int indent, int depth)
    {
        CheckDepth(depth);
        Count();
        var start = MarkAt(_pos);
        var first = _entries.Count;
        while (true)
        {
            var key = ReadKey(depth + 1);
            _pos++; // the ':'
            var colonEnd = _pos;
            SkipSpaces();
            DocNode value;
            int nextIndent;
            bool more;
            if (_pos >= _end || _text[_pos] == '\n' || (_text[_pos] == '#' && _pos > colonEnd))
            {
                // `key:` with nothing after it: a nested mapping on the next lines, or null.
                var empty = MarkAt(colonEnd);
                more = NextContentLine(out nextIndent);
                if (more && nextIndent > indent)
                {
                    if (_text[_pos] == '-' && (_pos + 1 >= _end || _text[_pos + 1] is ' ' or '\n'))
                    {
                        throw Decline(); // a block list
                    }
                    value = ReadBlockMapping(nextIndent, depth + 1);
                    more = _pos < _end;
                    nextIndent = more ? _pos - _lineStart : 0;
                }
                else
                {
                    Count();
                    value = Scalar("", false, empty, empty);
                }
            }
            else
            {
                value = ReadInlineValue(depth + 1);
                EndOfLine();
                more = NextContentLine(out nextIndent);
            }
            _entries.Add(Entry(key.Text, key.Start, value));
            if (!more || nextIndent < indent)
            {
                return Mapping(TakeEntries(first), false, start, value.End);
            }
            if (nextIndent > indent)
            {
                throw Decline(); // a continuation line or a stray indentation
            }
        }
    }

    /// <summary>A plain key followed by ':' and a space or the end of the line; <see cref="_pos"/> ends at the ':'.</summary>
    private (string Text, DocMark Start) ReadKey(int depth, bool flow = false)
    {
        CheckDepth(depth);
        var start = _pos;
        while (_pos < _end && IsKeyChar(_text[_pos]) && !IsColonEnd(_pos) && !(flow && _text[_pos] == ':'))
        {
            _pos++;
        }
        if (_pos == start || !IsColonEnd(_pos) || !IsPlainStart(_text[start]))
        {
            throw Decline();
        }
        Count();
        return (Shared(start, _pos), MarkAt(start));
    }

    /// <summary>A value on the rest of the line: a plain or quoted scalar, or a one-line flow list or mapping.</summary>
    private DocNode ReadInlineValue(int depth)
    {
        CheckDepth(depth);
        switch (_text[_pos])
        {
            case '"' or '\'':
                return ReadQuoted();
            case '[':
                return ReadFlowSequence(depth);
            case '{':
                return ReadFlowMapping(depth);
        }
        return ReadPlain(flow: false);
    }

    /// <summary>A one-line quoted scalar without escapes ('' in single quotes is the one escape taken).</summary>
    private ScalarNode ReadQuoted()
    {
        var quote = _text[_pos];
        var start = _pos++;
        while (true)
        {
            if (_pos >= _end || _text[_pos] is '\n' || (quote == '"' && _text[_pos] == '\\'))
            {
                throw Decline();
            }
            if (_text[_pos] == quote)
            {
                if (quote == '\'' && _pos + 1 < _end && _text[_pos + 1] == '\'')
                {
                    _pos += 2; // '' is a quote inside single quotes
                    continue;
                }
                break;
            }
            _pos++;
        }
        var value = _text.AsSpan(start + 1, _pos - start - 1).Contains("''", StringComparison.Ordinal)
            ? _text.Substring(start + 1, _pos - start - 1).Replace("''", "'", StringComparison.Ordinal)
            : Shared(start + 1, _pos);
        _pos++;
        Count();
        return Scalar(value, true, MarkAt(start), MarkAt(_pos));
    }

    private SequenceNode ReadFlowSequence(int depth)
    {
        Count();
        var start = _pos++;
        var first = _items.Count;
        SkipSpaces();
        while (_end > _pos && _text[_pos] != ']')
        {
            CheckDepth(depth + 1);
            _items.Add(_text[_pos] is '"' or '\'' ? ReadQuoted() : ReadPlain(flow: true));
            SkipSpaces();
            if (_pos < _end && _text[_pos] == ',')
            {
                _pos++;
                SkipSpaces();
                if (_pos < _end && _text[_pos] == ']')
                {
                    throw Decline(); // a trailing comma
                }
            }
            else if (_pos >= _end || _text[_pos] != ']')
            {
                throw Decline();
            }
        }
        if (_pos >= _end)
        {
            throw Decline();
        }
        _pos++;
        return Sequence(TakeItems(first), true, MarkAt(start), MarkAt(_pos));
    }

    private MappingNode ReadFlowMapping(int depth)
    {
        Count();
        var start = _pos++;
        var first = _entries.Count;
        SkipSpaces();
        while (_end > _pos && _text[_pos] != '}')
        {
            CheckDepth(depth + 1);
            var key = ReadKey(depth + 1, flow: true);
            if (_pos + 1 >= _end || _text[_pos + 1] != ' ')
            {
                throw Decline();
            }
            _pos++;
            SkipSpaces();
            if (_pos >= _end)
            {
                throw Decline();
            }
            DocNode value = _text[_pos] switch
            {
                '{' => ReadFlowMapping(depth + 1),
                '[' => ReadFlowSequence(depth + 1),
                '"' or '\'' => ReadQuoted(),
                _ => ReadPlain(flow: true),
            };
            _entries.Add(Entry(key.Text, key.Start, value));
            SkipSpaces();
            if (_pos < _end && _text[_pos] == ',')
            {
                _pos++;
                SkipSpaces();
                if (_pos < _end && _text[_pos] == '}')
                {
                    throw Decline();
                }
            }
            else if (_pos >= _end || _text[_pos] != '}')
            {
                throw Decline();
            }
        }
        if (_pos >= _end)
        {
            throw Decline();
        }
        _pos++;
        return Mapping(TakeEntries(first), true, MarkAt(start), MarkAt(_pos));
    }

    /// <summary>
    /// A one-line plain scalar. In a block it ends at the line's end or a comment; inside brackets at ',', ']' or
    /// '}'. Anything YAML reads differently there (a ': ', a '#' or bracket inside brackets) declines.
    /// </summary>
    private ScalarNode ReadPlain(bool flow)
    {
        if (_pos >= _end || !IsPlainStart(_text[_pos]))
        {
            throw Decline(); // also an empty item: `[a, , b]`, `{ a: }`
        }
        var start = _pos;
        var end = start;
        while (_pos < _end && _text[_pos] != '\n' && !(flow && _text[_pos] is ',' or ']' or '}'))
        {
            var c = _text[_pos];
            if (!flow && c == '#' && _text[_pos - 1] == ' ')
            {
                break;
            }
            if (flow ? c is '#' or ':' or '[' or '{' or '"' or '\'' : c == ':' && (_pos + 1 >= _end || _text[_pos + 1] is ' ' or '\n'))
            {
                throw Decline(); // `a: b: c`, a value ending in ':', `[a: b]`, `[[a]]`
            }
            _pos++;
            if (c != ' ')
            {
                end = _pos;
            }
        }
        if (flow && (_pos >= _end || _text[_pos] == '\n'))
        {
            throw Decline(); // an unclosed bracket
        }
        _pos = end;
        Count();
        return Scalar(Shared(start, end), false, MarkAt(start), MarkAt(end));
    }

    /// <summary>After a value: spaces, then an optional comment, then the end of the line.</summary>
    private void EndOfLine()
    {
        var before = _pos;
        SkipSpaces();
        if (_pos < _end && _text[_pos] == '#' && _pos > before)
        {
            var newline = _text.IndexOf('\n', _pos, _end - _pos);
            _pos = newline < 0 ? _end : newline;
        }
        if (_pos < _end && _text[_pos] != '\n')
        {
            throw Decline();
        }
    }

    /// <summary>
    /// Moves to the first character of the next line holding more than spaces and a comment, from anywhere on
    /// the current line (its rest must be blank or a comment). False at the end of the text.
    /// </summary>
    private bool NextContentLine(out int indent)
    {
        while (true)
        {
            SkipSpaces();
            if (_pos < _end && _text[_pos] == '#' && (_pos == _lineStart || _text[_pos - 1] == ' '))
            {
                var newline = _text.IndexOf('\n', _pos, _end - _pos);
                _pos = newline < 0 ? _end : newline;
            }
            if (_pos >= _end)
            {
                indent = 0;
                return false;
            }
            if (_text[_pos] != '\n')
            {
                indent = _pos - _lineStart;
                return true;
            }
            _pos++;
            _line++;
            _lineStart = _pos;
        }
    }

    private void SkipSpaces()
    {
        while (_pos < _end && _text[_pos] == ' ')
        {
            _pos++;
        }
    }

    private bool At(string literal) => _text.AsSpan(_pos, _end - _pos).StartsWith(literal, StringComparison.Ordinal);

    /// <summary>True when the ':' at <paramref name="index"/> ends a key (a space or the line's end follows).</summary>
    private bool IsColonEnd(int index) =>
        index < _end && _text[index] == ':' && (index + 1 >= _end || _text[index + 1] is ' ' or '\n');

    /// <summary>Keys are letters, digits and <c>_ . - / :</c> (the flag key alphabet and a little more).</summary>
    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '/' or ':';

    /// <summary>
    /// A character a plain scalar may start with: not a YAML indicator (YamlDotNet would read a list item, an
    /// anchor, a tag, a block scalar and so on) and not a space.
    /// </summary>
    private static bool IsPlainStart(char c) =>
        c is not (' ' or '\n' or '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`');

    private void CheckDepth(int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            throw Decline(); // YamlDotNet's path reports it
        }
    }

    private void Count()
    {
        if (++_nodes > _limits.MaxNodes)
        {
            throw Decline();
        }
    }

    private string Shared(int start, int end) => SharedStrings.Get(_shared, _text.AsSpan(start, end - start));

    private ScalarNode Scalar(string value, bool quoted, DocMark start, DocMark end) =>
        _arena?.Scalar(value, quoted, start, end) ?? ScalarNode.Create(value, quoted, start, end);

    private MappingEntry Entry(string keyText, DocMark keyStart, DocNode value) =>
        _arena?.Entry(keyText, keyStart, value) ?? new MappingEntry(keyText, keyStart, value);

    private MappingNode Mapping(MappingEntry[] entries, bool flow, DocMark start, DocMark end) =>
        _arena?.Mapping(entries, flow, start, end) ?? new MappingNode(entries, flow, start, end);

    private SequenceNode Sequence(DocNode[] items, bool flow, DocMark start, DocMark end) =>
        _arena?.Sequence(items, flow, start, end) ?? new SequenceNode(items, flow, start, end);

    private MappingEntry[] TakeEntries(int first)
    {
        var count = _entries.Count - first;
        return count == 0 ? [] : Take(_entries, first, _arena?.Entries(count) ?? new MappingEntry[count]);
    }

    private DocNode[] TakeItems(int first)
    {
        var count = _items.Count - first;
        return count == 0 ? [] : Take(_items, first, _arena?.Items(count) ?? new DocNode[count]);
    }

    /// <summary>Moves the last elements of <paramref name="stack"/>, from <paramref name="first"/> on, into <paramref name="taken"/> (exactly their number).</summary>
    private static T[] Take<T>(List<T> stack, int first, T[] taken)
    {
        stack.CopyTo(first, taken, 0, taken.Length);
        stack.RemoveRange(first, taken.Length);
        return taken;
    }

    /// <summary>The mark of an index on the current line.</summary>
    private DocMark MarkAt(int index) => new(index, _line, index - _lineStart + 1);
}
