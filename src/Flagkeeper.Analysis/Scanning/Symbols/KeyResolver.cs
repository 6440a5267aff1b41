using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The symbol pass after a scan: each language's resolver in turn turns dynamic usages whose argument names a
/// constant into usages of its value. A language without such a usage costs one pass over the usages.
/// </summary>
internal static class KeyResolver
{
    private static readonly IKeyResolver[] Languages = [new CSharpKeyResolver(), new GoKeyResolver()];

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

    public static Usage[] Resolve(string root, Usage[] usages, IReadOnlyCollection<string> sourceFiles, long maxFileSize)
    {
        foreach (var language in Languages)
        {
            usages = language.Resolve(root, usages, sourceFiles.Where(language.ReadsFrom), maxFileSize);
        }
        return usages;
    }
}
