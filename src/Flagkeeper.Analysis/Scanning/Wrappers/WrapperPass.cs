using System.Collections.Concurrent;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Wrappers;

/// <summary>
/// After the symbol pass: wrapper methods become derived shapes. A method whose body checks one constant key
/// (<see cref="WrapperFinder"/>) makes each of its calls a usage of that key, <see cref="Usage.Via"/> the wrapper
/// (<see cref="CallSiteFinder"/>). Cost: the files of the language that have a usage with a key are read again to
/// find wrappers; the others only when a wrapper exists, and only those whose bytes hold a wrapper's name. The pass
/// is not cached: it runs on the usages of this scan (cached or not), so an edit anywhere is always seen.
/// </summary>
internal static class WrapperPass
{
    private static readonly IWrapperSyntax[] Languages = [new CSharpWrapperSyntax(), new GoWrapperSyntax()];

    /// <param name="usages">Sorted by file, line and column; the result is too.</param>
    /// <param name="files">The walked source files (root-relative) where calls are looked for.</param>
    public static Usage[] Apply(string root, Usage[] usages, IEnumerable<string> files, long maxFileSize, WrapperRules rules)
    {
        var added = new ConcurrentBag<Usage>();
        var searched = files as IReadOnlyCollection<string> ?? [.. files];
        foreach (var syntax in Languages)
        {
            var withKeys = usages.Where(u => syntax.Handles(u.File)).GroupBy(u => u.File, StringComparer.Ordinal)
                .Where(g => g.Any(u => u.Kind == UsageKind.Usage)).ToList();
            if (withKeys.Count == 0)
            {
                continue;
            }
            var wrappers = WrapperFinder.Find(root, withKeys, syntax, maxFileSize, rules);
            if (wrappers.Count == 0)
            {
                continue; // the common case: no file of this language is read a second time
            }
            var byFile = usages.Where(u => syntax.Handles(u.File)).GroupBy(u => u.File, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            CallSiteFinder.Find(root, searched.Where(syntax.Handles), syntax, wrappers, byFile, maxFileSize, added);
        }
        if (added.IsEmpty)
        {
            return usages;
        }
        var all = usages.Concat(added).ToArray();
        Array.Sort(all, static (a, b) =>
            string.CompareOrdinal(a.File, b.File) is var byFile and not 0 ? byFile : a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return all;
    }
}
