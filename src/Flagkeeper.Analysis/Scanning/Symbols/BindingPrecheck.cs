using System.Collections.Concurrent;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>A raw-text test of whether a file's UTF-8 bytes may bind a name (<see cref="DeclarationText"/>, <see cref="PythonDeclarationText"/>).</summary>
internal delegate bool BindingCheck(ReadOnlySpan<byte> utf8, string name);

/// <summary>
/// The answers of a <see cref="BindingCheck"/> for every (file, name) a pass will ask about, found up front on all
/// cores, each UTF-8 file read once for all its names. The passes then resolve their usages one by one (their module
/// graphs are not thread-safe) without waiting on a read per usage. A file that is not UTF-8, or unreadable, has no
/// answer here: the pass asks it as before.
/// </summary>
internal sealed class BindingPrecheck
{
    private readonly ConcurrentDictionary<(string File, string Name), bool> _answers = new();

    public BindingPrecheck(string root, long maxFileSize, IEnumerable<(string File, string Name)> questions, BindingCheck check)
    {
        var byFile = questions.Distinct().GroupBy(q => q.File, q => q.Name, StringComparer.Ordinal);
        Parallel.ForEach(byFile, names => SymbolSources.CheckUtf8(Path.Combine(root, names.Key), maxFileSize, utf8 =>
        {
            foreach (var name in names)
            {
                _answers[(names.Key, name)] = check(utf8, name);
            }
            return true;
        }));
    }

    /// <summary>The answer found for <paramref name="name"/> in <paramref name="file"/>; null when there is none.</summary>
    public bool? Answer(string file, string name) => _answers.TryGetValue((file, name), out var answer) ? answer : null;
}
