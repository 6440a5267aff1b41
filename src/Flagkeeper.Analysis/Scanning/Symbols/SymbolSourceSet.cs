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

    /// <summary>Every file in the set: what the symbol passes may read.</summary>
    public FileSetHash All { get; } = new();

    /// <summary>The files the wrapper pass reads.</summary>
    public FileSetHash ReadByWrappers { get; } = new();

    public int Count => _files.Count;

    public void Add(SymbolSource file)
    {
        _files.Add(file);
        All.Add(file.Path, file.Length, file.Hash);
        if (readByWrappers(file.Path))
        {
            ReadByWrappers.Add(file.Path, file.Length, file.Hash);
        }
    }

    public IEnumerator<SymbolSource> GetEnumerator() => _files.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
