using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The symbol pass for Go: turns a dynamic usage whose key argument is a constant's name (<c>MachinePool</c>,
/// <c>feature.MachinePool</c>) into a usage of the constant's value, with where it is declared. It reads Go
/// files only when a Go usage is dynamic with such an argument, and then only the packages it needs: the
/// directories of those calls, and the directories their imports map to. A name it cannot resolve, or
/// resolves to several values, stays dynamic with the reason.
/// </summary>
internal sealed class GoKeyResolver : IKeyResolver
{
    private sealed record Reference(int Index, string? Qualifier, string Name);

    public bool ReadsFrom(string file) => file.EndsWith(".go", StringComparison.OrdinalIgnoreCase);

    public bool IsCandidate(Usage usage) => usage is { Kind: UsageKind.Dynamic, Argument: not null } && ReadsFrom(usage.File);

    public void Resolve(string root, Usage[] usages, int[] dynamic, IEnumerable<SymbolSource> sourceFiles, long maxFileSize, BindingAnswers scanned)
    {
        var references = KeyReferences.Find(usages, dynamic, ReadsFrom, (index, argument) => Parse(argument) is { } parsed ? parsed with { Index = index } : null);
        if (references.Count == 0)
        {
            return;
        }

        var workspace = new GoWorkspace(root, sourceFiles.Select(f => f.Path), references.Select(r => usages[r.Index].File), maxFileSize, scanned);
        workspace.Preload(references.Select(r => GoPath.DirectoryOf(usages[r.Index].File)));
        var table = new GoConstantTable(workspace);
        foreach (var reference in references)
        {
            var usage = usages[reference.Index];
            var result = workspace.File(usage.File) is { } from
                ? table.Resolve(from, reference.Qualifier, reference.Name)
                : GoValue.Fail("its file could not be read again");
            usages[reference.Index] = result.Value is { Length: > 0 } key
                ? usage with { Kind = UsageKind.Usage, Flag = key, DeclaredAt = Location(result.Declaration) }
                : usage with { Unresolved = result.Reason ?? "its value is empty" };
        }
    }

    /// <summary><c>Name</c> or <c>pkg.Name</c>: the arguments the pass looks up; anything else stays as it is.</summary>
    private static Reference? Parse(string argument)
    {
        if (KeyReferences.StartsWithLiteral(argument))
        {
            return null;
        }
        var tokens = GoLexer.Tokenize(argument.Trim());
        if (tokens.Count > 0 && tokens[^1].Is(';'))
        {
            tokens.RemoveAt(tokens.Count - 1); // the lexer's line-end semicolon
        }
        return tokens switch
        {
            [{ Kind: TokenKind.Identifier } name] => new Reference(0, null, name.Text),
            [{ Kind: TokenKind.Identifier } package, var dot, { Kind: TokenKind.Identifier } name] when dot.Is('.') => new Reference(0, package.Text, name.Text),
            _ => null,
        };
    }

    private static SourceLocation? Location(GoConstant? constant)
    {
        if (constant is null)
        {
            return null;
        }
        var (line, column) = constant.Owner.Position(constant.Offset);
        return new SourceLocation(constant.Owner.File, line, column);
    }
}
