using System.Collections;
using System.Collections.Concurrent;
using Flagkeeper.Analysis.Scanning.Caching;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The files the symbol and wrapper passes may read (.cs, .go, scripts, changed or not), gathered by the walk's threads,
/// with an order-free hash of each pass's share for its cache's fingerprint.
/// </summary>
/// <param name="readByWrappers">Whether the wrapper pass reads a file (<c>WrapperPass.Reads</c>; given, so this namespace does not use that one).</param>
internal sealed class SymbolSourceSet(Func<string, bool> readByWrappers) : IReadOnlyCollection<SymbolSource>
{
    private readonly ConcurrentBag<SymbolSource> _files = [];
    private int _count;
    // What the passes enumerate, taken once after the walk: a ConcurrentBag copies itself, under all its locks, on every
    // enumeration, and six passes (five of them side by side) enumerate the set.
    private SymbolSource[]? _snapshot;

    /// <summary>Every file in the set: what the symbol passes may read.</summary>
    public FileSetHash All { get; } = new();

    /// <summary>The files the wrapper pass reads.</summary>
    public FileSetHash ReadByWrappers { get; } = new();

    public int Count => Volatile.Read(ref _count);

    public void Add(SymbolSource file)
    {
        _files.Add(file);
        Interlocked.Increment(ref _count);
        All.Add(file.Path, file.Length, file.Hash);
        if (readByWrappers(file.Path))
        {
            ReadByWrappers.Add(file.Path, file.Length, file.Hash);
        }
    }

    public IEnumerator<SymbolSource> GetEnumerator() => ((IEnumerable<SymbolSource>)Snapshot()).GetEnumerator();

    /// <summary>Every file added so far, as one array for as long as none is added.</summary>
    private SymbolSource[] Snapshot()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || snapshot.Length != Count)
        {
            snapshot = _files.ToArray();
            Volatile.Write(ref _snapshot, snapshot);
        }
        return snapshot;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
