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
    /// Every language's pass, side by side, writing into <paramref name="usages"/>. A usage no pass changed stays the same object (the symbol cache relies on it).
    /// </summary>
    /// <remarks>
    /// The passes run at once because much of each is one thread's work (its lookups, in usage order) that would leave
    /// the other cores idle. That is safe because no two languages take the same usage as a candidate (each writes only
    /// the slots of its own files' usages, and a test holds them to it) and each pass keeps its state to itself.
    /// </remarks>
    /// <param name="dynamic">The indexes of the dynamic usages with an argument (<see cref="KeyReferences.Dynamic"/>).</param>
    public static void Resolve(string root, Usage[] usages, int[] dynamic, IReadOnlyCollection<SymbolSource> sourceFiles, long maxFileSize, BindingAnswers scanned) =>
        Parallel.ForEach(Languages, language => language.Resolve(root, usages, dynamic, sourceFiles.Where(f => language.ReadsFrom(f.Path)), maxFileSize, scanned));

    /// <summary>The question the pass that takes <paramref name="usage"/> asks of its file's bytes (<see cref="IKeyResolver.BindingQuestion"/>), if any.</summary>
    public static (string Name, BindingCheck Check)? BindingQuestion(Usage usage)
    {
        foreach (var language in Languages)
        {
            if (language.BindingQuestion(usage) is { } question)
            {
                return question;
            }
        }
        return null;
    }

    /// <summary>How many languages' passes take <paramref name="usage"/> as a candidate: at most one (see <see cref="Resolve"/>).</summary>
    internal static int CandidateLanguages(Usage usage) => Languages.Count(language => language.IsCandidate(usage));
}
