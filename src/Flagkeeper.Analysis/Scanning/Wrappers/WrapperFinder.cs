using System.Collections.Concurrent;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Scanning.Symbols;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Wrappers;

/// <summary>A wrapper: a method whose body checks one constant key. <paramref name="Inner"/> is that check.</summary>
internal sealed record Wrapper(string Name, SourceLocation At, int BodyStart, int BodyEnd, Usage Inner)
{
    public string Key => Inner.Flag!;
}

/// <summary>
/// Finds the wrappers among the methods of the files that have usages: a method whose body holds exactly one usage,
/// with a key (a literal or a resolved constant), and no other. Without configuration the body must only return
/// one expression and the method return a value (<c>bool IsX() =&gt; c.IsEnabled(X)</c>), so a method that merely
/// contains a check (<c>void Render() { if (c.IsEnabled(X)) … }</c>) is not one; <c>wrappers: include</c> lifts that.
/// </summary>
internal static class WrapperFinder
{
    /// <param name="usagesByFile">The usages of each file of the syntax's language that has a usage with a key.</param>
    public static List<Wrapper> Find(string root, IEnumerable<IGrouping<string, Usage>> usagesByFile, IWrapperSyntax syntax, long maxFileSize, WrapperRules rules)
    {
        var found = new ConcurrentBag<Wrapper>();
        Parallel.ForEach(usagesByFile, usages =>
        {
            if (SymbolSources.Read(Path.Combine(root, usages.Key), maxFileSize) is not { } text)
            {
                return;
            }
            var lines = new LineIndex(text);
            var located = usages.Select(u => (Usage: u, Offset: lines.OffsetOf(u.Line, u.Column))).ToList();
            using var tokens = syntax.TokenizeLent(text);
            foreach (var method in syntax.Methods(tokens.List))
            {
                if (rules.IsExcluded(method.Name) || !(method.ReturnsOneExpression || rules.IsIncluded(method.Name)))
                {
                    continue;
                }
                var inside = located.Where(u => u.Offset >= method.BodyStart && u.Offset < method.BodyEnd).Take(2).ToList();
                if (inside is [{ Usage: { Kind: UsageKind.Usage, Flag: not null } inner }])
                {
                    var (line, column) = lines.Position(method.NameOffset);
                    found.Add(new Wrapper(method.Name, new SourceLocation(usages.Key, line, column), method.BodyStart, method.BodyEnd, inner));
                }
            }
        });
        return [.. found.OrderBy(w => w.At.File, StringComparer.Ordinal).ThenBy(w => w.At.Line).ThenBy(w => w.At.Column)];
    }
}
