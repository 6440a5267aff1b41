using System.Collections.Concurrent;
using System.Text;
using Flagkeeper.Analysis.Scanning.Symbols;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Wrappers;

/// <summary>
/// Turns the calls of wrappers into usages of their keys. Only files whose raw bytes contain a wrapper's name are
/// decoded and tokenized. A call without a receiver (<c>Name(…)</c>) counts only where it can reach the wrapper
/// (<see cref="IWrapperSyntax.BareCallReaches"/>), so an unrelated method of a common name elsewhere is not a usage.
/// A call that already holds a usage (a wrapper named like the SDK method it calls) and a call inside a wrapper of its
/// own name are left alone. A name that wrappers with different keys share makes its calls dynamic, with the reason.
/// </summary>
internal static class CallSiteFinder
{
    public static void Find(string root, IEnumerable<string> files, IWrapperSyntax syntax, List<Wrapper> wrappers,
        IReadOnlyDictionary<string, Usage[]> usagesByFile, long maxFileSize, ConcurrentBag<Usage> into)
    {
        var byName = wrappers.GroupBy(w => w.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var names = byName.Keys.ToHashSet(StringComparer.Ordinal);
        var needles = names.Select(Encoding.UTF8.GetBytes).ToArray(); // the cheap prefilter: a file without a name is never decoded
        Parallel.ForEach(files, file =>
        {
            if (SymbolSources.Read(Path.Combine(root, file), maxFileSize, needles) is not { } text)
            {
                return;
            }
            var lines = new LineIndex(text);
            var existing = usagesByFile.TryGetValue(file, out var inFile) ? inFile.Select(u => lines.OffsetOf(u.Line, u.Column)).ToArray() : [];
            using var tokens = syntax.TokenizeLent(text);
            foreach (var call in syntax.Calls(tokens.List, names))
            {
                var candidates = call.HasReceiver ? byName[call.Name] : byName[call.Name].Where(w => syntax.BareCallReaches(w.At.File, file)).ToList();
                if (candidates.Count == 0 || existing.Any(o => o >= call.NameOffset && o < call.End)
                    || candidates.Any(w => w.At.File == file && call.NameOffset >= w.BodyStart && call.NameOffset < w.BodyEnd))
                {
                    continue;
                }
                var (line, column) = lines.Position(call.NameOffset);
                into.Add(UsageOf(candidates, file, line, column, LineText(text, call.NameOffset), text[call.NameOffset..call.End]));
            }
        });
    }

    private static Usage UsageOf(List<Wrapper> candidates, string file, int line, int column, string lineText, string callText)
    {
        var first = candidates[0];
        var keys = candidates.Select(w => w.Key).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 1)
        {
            return new Usage(file, line, column, UsageKind.Usage, first.Key, first.Inner.Pattern, lineText, first.Inner.Argument)
            {
                DeclaredAt = first.Inner.DeclaredAt,
                Via = new WrapperReference(first.Name, first.At),
            };
        }
        var places = string.Join(", ", candidates.Select(w => $"'{w.Key}' at {w.At.File}:{w.At.Line}"));
        return new Usage(file, line, column, UsageKind.Dynamic, null, first.Inner.Pattern, lineText, callText)
        {
            Unresolved = $"the wrapper method '{first.Name}' is declared with different keys: {places}",
        };
    }

    private static string LineText(string text, int offset)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        var line = text[start..LexerText.LineEnd(text, offset)].Trim();
        return line.Length > Matching.FileText.MaxTextLength ? line[..Matching.FileText.MaxTextLength] : line;
    }
}
