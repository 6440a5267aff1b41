using System.Collections;
using System.Collections.Concurrent;
using Flagkeeper.Analysis.Scanning.Caching;
using Flagkeeper.Analysis.Scanning.Wrappers;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The files the symbol and wrapper passes may read (.cs, .go, scripts, changed or not), gathered by the walk's threads,
/// with an order-free hash of each pass's share for its cache's fingerprint.
/// </summary>
internal sealed class SymbolSourceSet : IReadOnlyCollection<SymbolSource>
{
    private readonly ConcurrentBag<SymbolSource> _files = [];

    /// <summary>Every file in the set: what the symbol passes may read.</summary>
    public FileSetHash All { get; } = new();

    /// <summary>The files the wrapper pass reads (<see cref="WrapperPass.Reads"/>).</summary>
    public FileSetHash ReadByWrappers { get; } = new();

    public int Count => _files.Count;

    public void Add(SymbolSource file)
    {
        _files.Add(file);
        All.Add(file.Path, file.Length, file.Hash);
        if (WrapperPass.Reads(file.Path))
        {
            ReadByWrappers.Add(file.Path, file.Length, file.Hash);
        }
    }

    public IEnumerator<SymbolSource> GetEnumerator() => _files.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
