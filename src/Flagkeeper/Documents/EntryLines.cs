namespace Flagkeeper.Documents;

/// <summary>
/// Where the entries of one block mapping at a document's root (a registry's <c>flags:</c>) sit in a plain YAML text:
/// each entry's key start, in order, and where the mapping's lines end (the first root line after them, or the text's
/// end). Twelve bytes a flag, where the tree of a flag took over two kilobytes: enough to read any one entry again on
/// its own (<see cref="PlainYamlSplitReader.TryReadPartial"/>) or to find which entries an edit touched.
/// </summary>
internal sealed record EntryLines(DocMark[] KeyStarts, int End)
{
    /// <summary>Where the line of entry <paramref name="i"/> starts: block keys have only their indentation before them.</summary>
    public int LineStart(int i) => KeyStarts[i].Index - (KeyStarts[i].Column - 1);

    /// <summary>Where the lines of entry <paramref name="i"/> end: the next entry's line, or the mapping's end.</summary>
    public int LineEnd(int i) => i + 1 < KeyStarts.Length ? LineStart(i + 1) : End;

    /// <summary>The lines of <paramref name="key"/>'s block mapping in a tree read whole; null when it is not a block mapping with entries.</summary>
    public static EntryLines? Of(DocNode? root, string key, int textLength)
    {
        if (root is not MappingNode { Flow: false } map)
        {
            return null;
        }
        for (var i = 0; i < map.Entries.Count; i++)
        {
            if (map.Entries[i].KeyText != key)
            {
                continue;
            }
            if (map.Entries[i].Value is not MappingNode { Flow: false, Entries.Count: > 0 } mapping)
            {
                return null;
            }
            var starts = new DocMark[mapping.Entries.Count];
            for (var e = 0; e < starts.Length; e++)
            {
                starts[e] = mapping.Entries[e].KeyStart;
            }
            var end = i + 1 < map.Entries.Count ? map.Entries[i + 1].KeyStart.Index - (map.Entries[i + 1].KeyStart.Column - 1) : textLength;
            return new EntryLines(starts, end);
        }
        return null;
    }
}
