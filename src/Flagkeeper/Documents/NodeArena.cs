namespace Flagkeeper.Documents;

/// <summary>
/// The nodes one thread's <see cref="PlainYamlReader"/> hands out for a tree that is dropped as soon as it is bound
/// (a read-only registry load reads its flags chunk by chunk, <see cref="PlainYamlSplitReader"/>): after
/// <see cref="Reset"/> the same node objects and entry arrays are filled again for the next chunk. A fresh tree per
/// chunk cost a 10,000-flag registry 15 MB of new memory, and in a short-lived process every new page is a page fault
/// and a clearing by the GC; reused nodes stay in memory already touched.
/// <para>Nothing may keep a node past <see cref="Reset"/>: binders copy values and positions out of the tree.</para>
/// </summary>
internal sealed class NodeArena
{
    /// <summary>Arrays of entries and items up to this length are reused; longer ones (rare in a flag) are allocated.</summary>
    private const int MaxPooledLength = 32;

    private readonly Pool<ScalarNode> _scalars = new(ScalarNode.Blank);
    private readonly Pool<MappingEntry> _entries = new(() => new MappingEntry(string.Empty, default, null!));
    private readonly Pool<MappingNode> _mappings = new(() => new MappingNode([], false, default, default));
    private readonly Pool<SequenceNode> _sequences = new(() => new SequenceNode([], false, default, default));
    private readonly Pool<MappingEntry[]>[] _entryArrays = Pools<MappingEntry>();
    private readonly Pool<DocNode[]>[] _itemArrays = Pools<DocNode>();

    /// <summary>The reader's cache of shared strings, kept from chunk to chunk too.</summary>
    public string?[] SharedStrings { get; } = PlainYamlReader.NewSharedStrings();

    public ScalarNode Scalar(string value, bool quoted, DocMark start, DocMark end)
    {
        if (!ScalarNode.IsCompact(start, end))
        {
            return ScalarNode.Create(value, quoted, start, end);
        }
        var node = _scalars.Next();
        node.Fill(value, quoted, start, end.Index);
        return node;
    }

    public MappingEntry Entry(string keyText, DocMark keyStart, DocNode value)
    {
        var entry = _entries.Next();
        entry.Fill(keyText, keyStart, value);
        return entry;
    }

    public MappingNode Mapping(IReadOnlyList<MappingEntry> entries, bool flow, DocMark start, DocMark end)
    {
        var node = _mappings.Next();
        node.Fill(entries, flow, start, end);
        return node;
    }

    public SequenceNode Sequence(IReadOnlyList<DocNode> items, bool flow, DocMark start, DocMark end)
    {
        var node = _sequences.Next();
        node.Fill(items, flow, start, end);
        return node;
    }

    /// <summary>An array of exactly <paramref name="length"/> entries, reused when short.</summary>
    public MappingEntry[] Entries(int length) => length < MaxPooledLength ? _entryArrays[length].Next() : new MappingEntry[length];

    /// <summary>An array of exactly <paramref name="length"/> items, reused when short.</summary>
    public DocNode[] Items(int length) => length < MaxPooledLength ? _itemArrays[length].Next() : new DocNode[length];

    /// <summary>Every node and array handed out so far may be handed out again.</summary>
    public void Reset()
    {
        _scalars.Reset();
        _entries.Reset();
        _mappings.Reset();
        _sequences.Reset();
        foreach (var pool in _entryArrays)
        {
            pool.Reset();
        }
        foreach (var pool in _itemArrays)
        {
            pool.Reset();
        }
    }

    private static Pool<T[]>[] Pools<T>()
    {
        var pools = new Pool<T[]>[MaxPooledLength];
        for (var length = 0; length < pools.Length; length++)
        {
            var size = length;
            pools[length] = new Pool<T[]>(() => new T[size]);
        }
        return pools;
    }

    /// <summary>Objects handed out in order; after <see cref="Reset"/> the same ones again, new ones only past the last high-water mark.</summary>
    private sealed class Pool<T>(Func<T> create)
    {
        private readonly List<T> _items = [];
        private int _used;

        public T Next()
        {
            if (_used == _items.Count)
            {
                _items.Add(create());
            }
            return _items[_used++];
        }

        public void Reset() => _used = 0;
    }
}
