using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The symbol pass for Python: a dynamic usage whose argument names a constant (<c>NEW_CHECKOUT</c>, <c>flags.NEW_CHECKOUT</c>,
/// <c>Flag.BETA</c>, <c>Flag.BETA.value</c>) becomes a usage of its value, followed through imports by the
/// <see cref="PythonModuleGraph"/>. It reads only the files of such calls and the modules they import; a call file whose raw
/// text cannot bind the name (<see cref="PythonDeclarationText"/>) is not even tokenized.
/// </summary>
internal sealed class PythonKeyResolver : IKeyResolver
{
    public bool ReadsFrom(string file) => file.EndsWith(".py", StringComparison.OrdinalIgnoreCase);

    public bool IsCandidate(Usage usage) => CandidatePath(usage) is not null;

    public (string Name, BindingCheck Check)? BindingQuestion(Usage usage) => CandidatePath(usage) is { } path ? (path[0], PythonDeclarationText.MayBind) : null;

    /// <summary>The name a candidate's argument gives, split at its dots; null for a usage the pass does not look at.</summary>
    private string[]? CandidatePath(Usage usage) =>
        usage is { Kind: UsageKind.Dynamic, Argument: { } argument } && ReadsFrom(usage.File) ? Path(argument) : null;

    public void Resolve(string root, Usage[] usages, int[] dynamic, IEnumerable<SymbolSource> sourceFiles, long maxFileSize, BindingAnswers scanned)
    {
        PythonModuleGraph? graph = null;
        KeyReferences.ResolveEach(usages, dynamic, IsCandidate, usage =>
        {
            graph ??= new PythonModuleGraph(root, [.. sourceFiles.Select(f => f.Path)], maxFileSize,
                new BindingPrecheck(root, maxFileSize, BindingPrecheck.Questions(dynamic.Select(i => usages[i]), CandidatePath), PythonDeclarationText.MayBind, scanned));
            var found = graph.Find(usage.File, Path(usage.Argument!)!);
            return found is null ? usage : KeyReferences.Outcome(usage, found.Value, () => Location(found.Module!, found.Binding!), found.Why);
        });
    }

    // What a dotted name may hold besides letters and digits of any script (LexerText.IdentifierEnd).
    private static bool IsNameCharacter(char c) => char.IsLetterOrDigit(c) || c is '_' or '.';

    /// <summary><c>NAME</c> or <c>a.b.NAME</c>: the arguments the pass looks up; anything else (a call, a subscript) stays as it is.</summary>
    private static string[]? Path(string argument)
    {
        foreach (var c in argument.AsSpan().Trim())
        {
            if (!IsNameCharacter(c))
            {
                return null; // not split: most arguments are f-strings and calls
            }
        }
        var parts = argument.Trim().Split('.');
        return parts.All(p => p.Length > 0 && LexerText.IsIdentifierStart(p[0]) && LexerText.IdentifierEnd(p, 0) == p.Length) ? parts : null;
    }

    private static SourceLocation Location(PythonModule module, PyBinding binding)
    {
        var (line, column) = module.Lines.Position(binding.Offset);
        return new SourceLocation(module.File, line, column);
    }
}
