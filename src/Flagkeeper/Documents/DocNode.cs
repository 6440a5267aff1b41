namespace Flagkeeper.Documents;

/// <summary>A position in a document text: 0-based character index, 1-based line and column.</summary>
internal readonly record struct DocMark(int Index, int Line, int Column);

/// <summary>
/// A format-neutral tree read from YAML or JSON that remembers where every node sits in the text.
/// Binders turn it into typed models and point errors at <c>file:line:col</c>; the registry editor
/// uses the character positions to change one value without touching the rest of the file.
/// </summary>
internal abstract class DocNode(DocMark start, DocMark end)
{
    public DocMark Start { get; } = start;
    public DocMark End { get; } = end;

    /// <summary>A word for the node's kind, used in "expected X, found Y" messages.</summary>
    public abstract string KindName { get; }
}

internal sealed class ScalarNode(string value, bool quoted, DocMark start, DocMark end) : DocNode(start, end)
{
    public string Value { get; } = value;

    /// <summary>True for quoted YAML scalars and JSON strings: the text is a string, whatever it looks like.</summary>
    public bool Quoted { get; } = quoted;

    /// <summary>YAML's plain null spellings and JSON's null.</summary>
    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => IsNull ? "null" : Quoted ? "a string" : $"'{Value}'";
}

internal sealed class SequenceNode(IReadOnlyList<DocNode> items, bool flow, DocMark start, DocMark end) : DocNode(start, end)
{
    public IReadOnlyList<DocNode> Items { get; } = items;
    public bool Flow { get; } = flow;
    public override string KindName => "a list";
}

internal sealed class MappingNode(IReadOnlyList<MappingEntry> entries, bool flow, DocMark start, DocMark end) : DocNode(start, end)
{
    public IReadOnlyList<MappingEntry> Entries { get; } = entries;
    public bool Flow { get; } = flow;
    public override string KindName => "a mapping";

    /// <summary>The first entry with this exact key, or null.</summary>
    public MappingEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry;
            }
        }
        return null;
    }
}

internal sealed record MappingEntry(ScalarNode Key, DocNode Value);
