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
    /// <paramref name="usages"/> with this language's resolvable dynamic usages resolved (or given the reason they are not);
    /// the same array when there is nothing to do.
    /// </summary>
    /// <param name="sourceFiles">The walked files this pass reads from, with what the scan learnt of them.</param>
    Usage[] Resolve(string root, Usage[] usages, IEnumerable<SymbolSource> sourceFiles, long maxFileSize);
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

    /// <summary>
    /// <paramref name="usages"/> with each usage <paramref name="isCandidate"/> accepts replaced by what <paramref name="resolve"/>
    /// makes of it (the same object: left alone); the same array when there is no candidate.
    /// </summary>
    public static Usage[] ResolveEach(Usage[] usages, Func<Usage, bool> isCandidate, Func<Usage, Usage> resolve)
    {
        Usage[]? resolved = null;
        for (var i = 0; i < usages.Length; i++)
        {
            if (isCandidate(usages[i]))
            {
                resolved ??= (Usage[])usages.Clone();
                resolved[i] = resolve(usages[i]);
            }
        }
        return resolved ?? usages;
    }

    /// <summary>The usage of <paramref name="key"/> declared at <paramref name="declaredAt"/>; without a key, still dynamic with the reason.</summary>
    public static Usage Outcome(Usage usage, string? key, Func<SourceLocation?> declaredAt, string? why) =>
        key is { Length: > 0 }
            ? usage with { Kind = UsageKind.Usage, Flag = key, DeclaredAt = declaredAt() }
            : usage with { Unresolved = why ?? "its value is empty" };
}
