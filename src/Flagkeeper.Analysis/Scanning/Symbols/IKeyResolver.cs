using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>One language's symbol pass: resolves the dynamic usages whose key argument names a constant of that language.</summary>
internal interface IKeyResolver
{
    /// <summary>Whether the pass may read <paramref name="file"/> (root-relative) to find declarations.</summary>
    bool ReadsFrom(string file);

    /// <summary>
    /// <paramref name="usages"/> with this language's resolvable dynamic usages resolved (or given the reason they are not);
    /// the same array when there is nothing to do.
    /// </summary>
    /// <param name="sourceFiles">The walked files this pass reads from.</param>
    Usage[] Resolve(string root, Usage[] usages, IEnumerable<string> sourceFiles, long maxFileSize);
}
