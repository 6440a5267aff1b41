using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The symbol pass for TypeScript and JavaScript: a dynamic usage whose argument names a constant (<c>Flags.NewCheckout</c>,
/// <c>F.Beta</c>, <c>SINGLE</c>) becomes a usage of its value, followed through imports and re-exports by the
/// <see cref="TypeScriptModuleGraph"/>. It reads only the files of such calls and the modules they import.
/// </summary>
internal sealed class TypeScriptKeyResolver : IKeyResolver
{
    public bool ReadsFrom(string file) => TypeScriptModuleGraph.IsScript(file);

    public bool IsCandidate(Usage usage) => TypeScriptModuleGraph.IsCandidate(usage);

    public void Resolve(string root, Usage[] usages, int[] dynamic, IEnumerable<SymbolSource> sourceFiles, long maxFileSize, BindingAnswers scanned) =>
        TypeScriptModuleGraph.Resolve(root, usages, dynamic, [.. sourceFiles.Select(f => f.Path)], maxFileSize, scanned);

    public (string Name, BindingCheck Check)? BindingQuestion(Usage usage) => TypeScriptModuleGraph.BindingQuestion(usage);
}
