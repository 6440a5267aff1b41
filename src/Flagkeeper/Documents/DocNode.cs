using System.Diagnostics.CodeAnalysis;

namespace Flagkeeper.Documents;

/// <summary>A position in a document text: 0-based character index, 1-based line and column.</summary>
internal readonly record struct DocMark(int Index, int Line, int Column);

/// <summary>
/// A format-neutral tree read from YAML or JSON that remembers where every node sits in the text.
/// Binders turn it into typed models and point errors at <c>file:line:col</c>; the registry editor
/// uses the character positions to change one value without touching the rest of the file.
/// </summary>
internal abstract class DocNode
{
    public abstract DocMark Start { get; }
    public abstract DocMark End { get; }

    /// <summary>A word for the node's kind, used in "expected X, found Y" messages.</summary>
    public abstract string KindName { get; }
}

/// <summary>
/// A scalar. Registries hold a few hundred thousand of them, so one on a single line (nearly all) keeps its end as
/// an index and derives the end's line and column from its start: 40 bytes where two full marks took 56.
/// <see cref="Create"/> picks the form.
/// </summary>
internal class ScalarNode : DocNode
{
    private const int QuotedBit = 1 << 31;
    // Not readonly: a NodeArena fills the same node again for the next chunk of a tree nobody keeps.
    private int _startIndex;
    private int _startLine;
    private int _startColumn;
    private int _endIndexAndQuoted;

    private protected ScalarNode(string value, bool quoted, DocMark start, int endIndex) => Fill(value, quoted, start, endIndex);

    /// <summary>A scalar from <paramref name="start"/> to <paramref name="end"/>, in the compact form when both are on one line.</summary>
    public static ScalarNode Create(string value, bool quoted, DocMark start, DocMark end) =>
        IsCompact(start, end) ? new ScalarNode(value, quoted, start, end.Index) : new SpanningScalarNode(value, quoted, start, end);

    /// <summary>True when the compact form holds the end: both marks on one line.</summary>
    internal static bool IsCompact(DocMark start, DocMark end) =>
        end.Line == start.Line && end.Column - start.Column == end.Index - start.Index && end.Index >= 0;

    /// <summary>Makes a compact node (<see cref="IsCompact"/>) another scalar: for <see cref="NodeArena"/> only.</summary>
    [MemberNotNull(nameof(Value))]
    internal void Fill(string value, bool quoted, DocMark start, int endIndex)
    {
        Value = value;
        (_startIndex, _startLine, _startColumn) = (start.Index, start.Line, start.Column);
        _endIndexAndQuoted = endIndex | (quoted ? QuotedBit : 0);
    }

    /// <summary>A compact scalar for <see cref="NodeArena"/> to fill.</summary>
    internal static ScalarNode Blank() => new(string.Empty, false, default, 0);

    public string Value { get; private set; }

    /// <summary>True for quoted YAML scalars and JSON strings: the text is a string, whatever it looks like.</summary>
    public bool Quoted => (_endIndexAndQuoted & QuotedBit) != 0;

    public override DocMark Start => new(_startIndex, _startLine, _startColumn);

    public override DocMark End
    {
        get
        {
            var endIndex = _endIndexAndQuoted & ~QuotedBit;
            return new(endIndex, _startLine, _startColumn + endIndex - _startIndex);
        }
    }

    /// <summary>YAML's plain null spellings and JSON's null.</summary>
    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => IsNull ? "null" : Quoted ? "a string" : $"'{Value}'";

    /// <summary>A scalar over several lines (a block scalar, a folded quoted string): its end kept whole.</summary>
    private sealed class SpanningScalarNode(string value, bool quoted, DocMark start, DocMark end) : ScalarNode(value, quoted, start, 0)
    {
        public override DocMark End { get; } = end;
    }
}

internal sealed class SequenceNode : DocNode
{
    public SequenceNode(IReadOnlyList<DocNode> items, bool flow, DocMark start, DocMark end) => Fill(items, flow, start, end);

    public override DocMark Start => _start;
    public override DocMark End => _end;
    public IReadOnlyList<DocNode> Items { get; private set; } = [];
    public bool Flow { get; private set; }
    public override string KindName => "a list";

    private DocMark _start;
    private DocMark _end;

    /// <summary>Makes this node another list: for <see cref="NodeArena"/> only.</summary>
    internal void Fill(IReadOnlyList<DocNode> items, bool flow, DocMark start, DocMark end) =>
        (Items, Flow, _start, _end) = (items, flow, start, end);
}

internal sealed class MappingNode : DocNode
{
    public MappingNode(IReadOnlyList<MappingEntry> entries, bool flow, DocMark start, DocMark end) => Fill(entries, flow, start, end);

    public override DocMark Start => _start;
    public override DocMark End => _end;
    public IReadOnlyList<MappingEntry> Entries { get; private set; } = [];
    public bool Flow { get; private set; }
    public override string KindName => "a mapping";

    private DocMark _start;
    private DocMark _end;

    /// <summary>Makes this node another mapping: for <see cref="NodeArena"/> only.</summary>
    internal void Fill(IReadOnlyList<MappingEntry> entries, bool flow, DocMark start, DocMark end) =>
        (Entries, Flow, _start, _end) = (entries, flow, start, end);

    /// <summary>The first entry with this exact key, or null.</summary>
    public MappingEntry? Find(string key)
    {
        // An index loop: foreach over the interface would allocate an enumerator per lookup (a dozen per flag).
        var entries = Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].KeyText, key, StringComparison.Ordinal))
            {
                return entries[i];
            }
        }
        return null;
    }
}

/// <summary>
/// A key and its value. The fast reader's keys (plain, one line: every key of a registry) are kept inline, as their
/// text and position, and become a <see cref="ScalarNode"/> only when <see cref="Key"/> is asked for (an edit, an
/// error): 48 bytes an entry where a key node and an entry took 72. Binding reads <see cref="KeyText"/> and <see cref="KeyStart"/>.
/// </summary>
internal sealed class MappingEntry
{
    // Either the key's node or, inline, its text (with the position fields below). Not readonly: see NodeArena.
    private object _key;
    private int _keyIndex;
    private int _keyLine;
    private int _keyColumn;
    private int _keyEndIndex;

    public MappingEntry(ScalarNode key, DocNode value)
    {
        _key = key;
        Value = value;
    }

    /// <summary>An entry whose key is the plain one-line text <paramref name="keyText"/> at <paramref name="keyStart"/>.</summary>
    public MappingEntry(string keyText, DocMark keyStart, DocNode value) => Fill(keyText, keyStart, value);

    /// <summary>Makes this entry another inline-key entry: for <see cref="NodeArena"/> only.</summary>
    [MemberNotNull(nameof(Value), nameof(_key))]
    internal void Fill(string keyText, DocMark keyStart, DocNode value)
    {
        _key = keyText;
        (_keyIndex, _keyLine, _keyColumn) = (keyStart.Index, keyStart.Line, keyStart.Column);
        _keyEndIndex = keyStart.Index + keyText.Length;
        Value = value;
    }

    public ScalarNode Key => _key as ScalarNode
        ?? ScalarNode.Create((string)_key, false, KeyStart, new DocMark(_keyEndIndex, _keyLine, _keyColumn + _keyEndIndex - _keyIndex));

    public DocNode Value { get; private set; }

    /// <summary>The key's text, as <c>Key.Value</c>, without making a node.</summary>
    public string KeyText => _key as string ?? ((ScalarNode)_key).Value;

    /// <summary>Where the key starts, as <c>Key.Start</c>, without making a node.</summary>
    public DocMark KeyStart => _key is ScalarNode node ? node.Start : new DocMark(_keyIndex, _keyLine, _keyColumn);
}
