using System.Collections.Concurrent;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Scanning.Symbols;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Wrappers;

/// <summary>
/// After the symbol pass: wrapper methods become derived shapes. A method whose body checks one constant key
/// (<see cref="WrapperFinder"/>) makes each of its calls a usage of that key, <see cref="Usage.Via"/> the wrapper
/// (<see cref="CallSiteFinder"/>). Cost: the files of the language that have a usage with a key in a returned expression
/// (the scan noted it, <see cref="Matching.ReturnedExpression"/>; with <c>wrappers: include</c>, any usage with a key) are
/// read again to find wrappers; the others only when a wrapper exists, and only those whose bytes hold a wrapper's name.
/// </summary>
internal static class WrapperPass
{
    public static IWrapperSyntax[] Languages { get; } = [new CSharpWrapperSyntax(), new GoWrapperSyntax()];

    /// <summary>Whether a file is one the pass reads (a language with wrappers).</summary>
    public static bool Reads(string file)
    {
        foreach (var language in Languages)
        {
            if (language.Handles(file))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the pass has anything to do: some file of its languages has a usage with a key.</summary>
    public static bool HasWork(Usage[] usages) => usages.Any(u => u.Kind == UsageKind.Usage && Reads(u.File));

    /// <summary>The usages at wrappers' calls, in no particular order.</summary>
    /// <param name="files">The walked source files where calls are looked for.</param>
    public static List<Usage> Find(string root, Usage[] usages, IReadOnlyCollection<SymbolSource> files, long maxFileSize, WrapperRules rules)
    {
        // Without include rules a wrapper returns its check: only a file where a usage may be returned can declare one.
        var mayDeclare = files.Where(f => rules.Include.Count > 0 || f.HasReturnedCheck).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var added = new ConcurrentBag<Usage>();
        var runs = FileRun.Of(usages, Reads); // once for every language: a pass over all the usages each was 0.4 % of a dense scan
        foreach (var syntax in Languages)
        {
            var withKeys = runs.Where(g => syntax.Handles(g.Key) && mayDeclare.Contains(g.Key) && g.Any(u => u.Kind == UsageKind.Usage)).ToList();
            if (withKeys.Count == 0)
            {
                continue;
            }
            var wrappers = WrapperFinder.Find(root, withKeys, syntax, maxFileSize, rules);
            if (wrappers.Count == 0)
            {
                continue; // the common case: no file of this language is read a second time
            }
            var byFile = runs.Where(g => syntax.Handles(g.Key)).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            CallSiteFinder.Find(root, files.Select(f => f.Path).Where(syntax.Handles), syntax, wrappers, byFile, maxFileSize, added);
        }
        return [.. added];
    }

    /// <summary><paramref name="usages"/> (sorted by file, line and column) with <paramref name="added"/>, sorted again; the same array when nothing is added.</summary>
    public static Usage[] Merge(Usage[] usages, IReadOnlyCollection<Usage> added)
    {
        if (added.Count == 0)
        {
            return usages;
        }
        var all = usages.Concat(added).ToArray();
        Array.Sort(all, static (a, b) =>
            string.CompareOrdinal(a.File, b.File) is var byFile and not 0 ? byFile : a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return all;
    }
}
