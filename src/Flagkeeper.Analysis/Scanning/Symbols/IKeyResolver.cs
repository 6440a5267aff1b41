using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>One language's symbol pass: resolves the dynamic usages whose key argument names a constant of that language.</summary>
internal interface IKeyResolver
{
    /// <summary>Whether the pass may read <paramref name="file"/> (root-relative) to find declarations.</summary>
    bool ReadsFrom(string file);

    /// <summary>Whether the pass looks at <paramref name="usage"/>: a dynamic usage, with an argument, in a file of its language.</summary>
    bool IsCandidate(Usage usage);

    /// <summary>
    /// Replaces, in <paramref name="usages"/>, each of this language's resolvable dynamic usages by its resolution (or by
    /// itself with the reason it is not resolved); a usage it leaves alone stays the same object. The passes write into
    /// the scan's own array: a copy of a large array cost a full garbage collection on a large tree.
    /// </summary>
    /// <param name="sourceFiles">The walked files this pass reads from, with what the scan learnt of them.</param>
    /// <param name="scanned">The answers the scan found to <see cref="BindingQuestion"/>s, while it had the files' bytes.</param>
    void Resolve(string root, Usage[] usages, IEnumerable<SymbolSource> sourceFiles, long maxFileSize, BindingAnswers scanned);

    /// <summary>
    /// The raw-text question the pass asks of a candidate's own file before it decodes it (may it bind this name?), for
    /// the scan to answer while it has the bytes; null when the pass asks none of this usage.
    /// </summary>
    (string Name, BindingCheck Check)? BindingQuestion(Usage usage) => null;
}

/// <summary>What every language's pass starts from: the dynamic usages whose argument it can look up.</summary>
internal static class KeyReferences
{
    /// <summary>For each dynamic usage in a file <paramref name="inFile"/> accepts, what <paramref name="parse"/> makes of (its index, its argument); nulls dropped.</summary>
    public static List<T> Find<T>(Usage[] usages, Func<string, bool> inFile, Func<int, string, T?> parse)
        where T : class
    {
        var references = new List<T>();
        for (var i = 0; i < usages.Length; i++)
        {
            if (usages[i] is { Kind: UsageKind.Dynamic, Argument: { } argument } usage && inFile(usage.File) && parse(i, argument) is { } parsed)
            {
                references.Add(parsed);
            }
        }
        return references;
    }

    /// <summary>Replaces, in <paramref name="usages"/>, each usage <paramref name="isCandidate"/> accepts by what <paramref name="resolve"/> makes of it (the same object: left alone).</summary>
    public static void ResolveEach(Usage[] usages, Func<Usage, bool> isCandidate, Func<Usage, Usage> resolve)
    {
        for (var i = 0; i < usages.Length; i++)
        {
            if (isCandidate(usages[i]))
            {
                usages[i] = resolve(usages[i]);
            }
        }
    }

    /// <summary>The usage of <paramref name="key"/> declared at <paramref name="declaredAt"/>; without a key, still dynamic with the reason.</summary>
    public static Usage Outcome(Usage usage, string? key, Func<SourceLocation?> declaredAt, string? why) =>
        key is { Length: > 0 }
            ? usage with { Kind = UsageKind.Usage, Flag = key, DeclaredAt = declaredAt() }
            : usage with { Unresolved = why ?? "its value is empty" };
}
