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
    /// <param name="dynamic">The indexes in <paramref name="usages"/> of the dynamic usages with an argument (<see cref="KeyReferences.Dynamic"/>): the only ones a pass looks at.</param>
    /// <param name="sourceFiles">The walked files this pass reads from, with what the scan learnt of them.</param>
    /// <param name="scanned">The answers the scan found to <see cref="BindingQuestion"/>s, while it had the files' bytes.</param>
    void Resolve(string root, Usage[] usages, int[] dynamic, IEnumerable<SymbolSource> sourceFiles, long maxFileSize, BindingAnswers scanned);

    /// <summary>
    /// The raw-text question the pass asks of a candidate's own file before it decodes it (may it bind this name?), for
    /// the scan to answer while it has the bytes; null when the pass asks none of this usage.
    /// </summary>
    (string Name, BindingCheck Check)? BindingQuestion(Usage usage) => null;
}

/// <summary>What every language's pass starts from: the dynamic usages whose argument it can look up.</summary>
internal static class KeyReferences
{
    /// <summary>
    /// The indexes of the dynamic usages with an argument, found once for every pass: the passes walk these, not the
    /// whole array. Each usage is an object of its own, scattered in memory, so a walk over a large tree's usages costs
    /// a cache miss for each (15 ms for 140,000), and the passes made a dozen such walks to find a few thousand.
    /// </summary>
    public static int[] Dynamic(Usage[] usages)
    {
        var dynamic = new List<int>();
        for (var i = 0; i < usages.Length; i++)
        {
            if (usages[i] is { Kind: UsageKind.Dynamic, Argument: not null })
            {
                dynamic.Add(i);
            }
        }
        return [.. dynamic];
    }

    /// <summary>
    /// Whether an argument starts with a string, character or number literal: a token no language's lexer takes for a
    /// name, so no pass looks it up. Asked before an argument is tokenized: most dynamic keys are built from a literal.
    /// </summary>
    public static bool StartsWithLiteral(string argument)
    {
        var text = argument.AsSpan().TrimStart();
        return text.Length > 0 && (text[0] is '"' or '\'' or '`' || char.IsAsciiDigit(text[0]));
    }

    /// <summary>For each dynamic usage (<paramref name="dynamic"/>) in a file <paramref name="inFile"/> accepts, what <paramref name="parse"/> makes of (its index, its argument); nulls dropped.</summary>
    public static List<T> Find<T>(Usage[] usages, int[] dynamic, Func<string, bool> inFile, Func<int, string, T?> parse)
        where T : class
    {
        var references = new List<T>();
        foreach (var i in dynamic)
        {
            if (usages[i] is { Kind: UsageKind.Dynamic, Argument: { } argument } usage && inFile(usage.File) && parse(i, argument) is { } parsed)
            {
                references.Add(parsed);
            }
        }
        return references;
    }

    /// <summary>Replaces, in <paramref name="usages"/>, each dynamic usage <paramref name="isCandidate"/> accepts by what <paramref name="resolve"/> makes of it (the same object: left alone).</summary>
    public static void ResolveEach(Usage[] usages, int[] dynamic, Func<Usage, bool> isCandidate, Func<Usage, Usage> resolve)
    {
        foreach (var i in dynamic)
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
