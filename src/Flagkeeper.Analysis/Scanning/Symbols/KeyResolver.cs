using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The symbol pass after a scan: each language's resolver in turn turns dynamic usages whose argument names a
/// constant into usages of its value. A language without such a usage costs one pass over the usages.
/// </summary>
internal static class KeyResolver
{
    private static readonly IKeyResolver[] Languages = [new CSharpKeyResolver(), new GoKeyResolver(), new TypeScriptKeyResolver(), new JvmKeyResolver(), new PythonKeyResolver()];

    /// <summary>Whether some language's pass may read <paramref name="file"/>: the scan collects those while it walks.</summary>
    public static bool ReadsFrom(string file)
    {
        foreach (var language in Languages)
        {
            if (language.ReadsFrom(file))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether some language's pass looks at <paramref name="usage"/> (what the symbol cache keeps an outcome for).</summary>
    public static bool IsCandidate(Usage usage)
    {
        if (usage is not { Kind: UsageKind.Dynamic, Argument: not null })
        {
            return false; // no pass looks at it (IKeyResolver.IsCandidate): spares the per-language calls for most usages
        }
        foreach (var language in Languages)
        {
            if (language.IsCandidate(usage))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Every language's pass in turn, writing into <paramref name="usages"/>. A usage no pass changed stays the same object (the symbol cache relies on it).
    /// </summary>
    public static void Resolve(string root, Usage[] usages, IReadOnlyCollection<SymbolSource> sourceFiles, long maxFileSize)
    {
        foreach (var language in Languages)
        {
            language.Resolve(root, usages, sourceFiles.Where(f => language.ReadsFrom(f.Path)), maxFileSize);
        }
    }
}
