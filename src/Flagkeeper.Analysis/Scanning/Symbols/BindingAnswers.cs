using System.Collections.Concurrent;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The answers to the raw-text questions a symbol pass asks of a usage's own file (<see cref="IKeyResolver.BindingQuestion"/>:
/// may this file bind the name the argument starts with?), found by the scan while it has the file's bytes. Most dynamic
/// keys are parameters and locals, so most answers are no, and the pass then never opens those files again: reading
/// them a second time was most of what the passes cost on a tree with many dynamic keys. A file the scan did not read
/// (taken from the scan cache) has no answers here; the pass reads it as before. Two more such questions: the Go
/// pass's, does a file of a call's package hold <c>const</c> at all (<see cref="LacksGoConstants"/>)? And the C#
/// pass's, which names may a call file assign (<see cref="CSharpCallFile"/>)?
/// </summary>
internal sealed class BindingAnswers
{
    private readonly ConcurrentDictionary<(string File, string Name), bool> _answers = new();
    private readonly ConcurrentDictionary<string, bool> _goFilesWithoutConst = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CSharpCallFileFacts> _csharpCallFiles = new(StringComparer.Ordinal);

    /// <summary>Answers every question the passes will ask about <paramref name="usages"/>, from the file's bytes as stored.</summary>
    /// <param name="content">The file's bytes as read (a BOM, UTF-16 or invalid UTF-8 answers nothing: then the pass decides, as it would).</param>
    public void Record(string file, ReadOnlySpan<byte> content, Usage[] usages)
    {
        if (file.EndsWith(".go", StringComparison.OrdinalIgnoreCase) && GoWorkspace.SkipsAsConstantFree(content))
        {
            _goFilesWithoutConst[file] = true;
        }
        List<(string Name, BindingCheck Check)>? questions = null;
        var csharpCall = false;
        foreach (var usage in usages)
        {
            if (usage.Kind == UsageKind.Dynamic && KeyResolver.BindingQuestion(usage) is { } question)
            {
                (questions ??= []).Add(question);
            }
            csharpCall |= usage is { Kind: UsageKind.Dynamic, Argument: not null };
        }
        if (csharpCall && file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            SymbolSources.CheckUtf8(content, utf8 =>
            {
                _csharpCallFiles[file] = CSharpCallFileFacts.Of(utf8);
                return true;
            });
        }
        if (questions is null)
        {
            return;
        }
        SymbolSources.CheckUtf8(content, utf8 =>
        {
            foreach (var (name, check) in questions)
            {
                _answers[(file, name)] = check(utf8, name);
            }
            return true;
        });
    }

    public bool TryGet(string file, string name, out bool mayBind) => _answers.TryGetValue((file, name), out mayBind);

    /// <summary>Whether the scan read <paramref name="file"/> (a Go file) and found it UTF-8 without <c>const</c>: it declares no constant.</summary>
    public bool LacksGoConstants(string file) => _goFilesWithoutConst.ContainsKey(file);

    /// <summary>What the scan found in a C# file with a dynamic call it read as UTF-8; null when it has no answer (the pass reads the file).</summary>
    public CSharpCallFileFacts? CSharpCallFile(string file) => _csharpCallFiles.GetValueOrDefault(file);
}
