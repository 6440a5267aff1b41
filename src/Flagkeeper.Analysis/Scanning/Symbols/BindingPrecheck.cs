using System.Collections.Concurrent;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>A raw-text test of whether a file's UTF-8 bytes may bind a name (<see cref="DeclarationText"/>, <see cref="PythonDeclarationText"/>).</summary>
internal delegate bool BindingCheck(ReadOnlySpan<byte> utf8, string name);

/// <summary>
/// The answers of a <see cref="BindingCheck"/> for every (file, name) a pass will ask about, found up front on all
/// cores, each UTF-8 file read once for all its names. The passes then resolve their usages one by one (their module
/// graphs are not thread-safe) without waiting on a read per usage (<see cref="MayBind"/>).
/// </summary>
internal sealed class BindingPrecheck
{
    private readonly ConcurrentDictionary<(string File, string Name), bool> _answers = new();
    private readonly string _root;
    private readonly long _maxFileSize;
    private readonly BindingCheck _check;

    /// <param name="scanned">Answers the scan already found (<see cref="BindingAnswers"/>): their files are not read for them.</param>
    public BindingPrecheck(string root, long maxFileSize, IEnumerable<(string File, string Name)> questions, BindingCheck check, BindingAnswers scanned)
    {
        (_root, _maxFileSize, _check) = (root, maxFileSize, check);
        var open = new List<(string File, string Name)>();
        foreach (var question in questions.Distinct())
        {
            if (scanned.TryGet(question.File, question.Name, out var known))
            {
                _answers[question] = known;
            }
            else
            {
                open.Add(question);
            }
        }
        var byFile = open.GroupBy(q => q.File, q => q.Name, StringComparer.Ordinal);
        Parallel.ForEach(byFile, names => SymbolSources.CheckUtf8(Path.Combine(root, names.Key), maxFileSize, utf8 =>
        {
            foreach (var name in names)
            {
                _answers[(names.Key, name)] = check(utf8, name);
            }
            return true;
        }));
    }

    /// <summary>Each candidate's file and the first name of its argument's path (<paramref name="candidatePath"/>: null for other usages), the path made once.</summary>
    public static IEnumerable<(string File, string Name)> Questions(IEnumerable<Usage> usages, Func<Usage, string[]?> candidatePath)
    {
        foreach (var usage in usages)
        {
            if (candidatePath(usage) is { } path)
            {
                yield return (usage.File, path[0]);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="file"/> may bind <paramref name="name"/>: the answer found up front, else the check on the
    /// file's bytes (a question not asked up front), else on its decoded <paramref name="text"/> encoded again (a file that
    /// is not UTF-8); null when it is unreadable.
    /// </summary>
    public bool? MayBind(string file, string name, Func<string, string?> text) =>
        _answers.TryGetValue((file, name), out var answer) ? answer
        : SymbolSources.CheckUtf8(Path.Combine(_root, file), _maxFileSize, utf8 => _check(utf8, name))
        ?? (text(file) is { } decoded ? Utf8Chars.OnText(decoded, utf8 => _check(utf8, name)) : null);
}
