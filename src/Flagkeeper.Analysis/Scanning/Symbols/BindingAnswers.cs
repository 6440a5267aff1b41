using System.Collections.Concurrent;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The answers to the raw-text questions a symbol pass asks of a usage's own file (<see cref="IKeyResolver.BindingQuestion"/>:
/// may this file bind the name the argument starts with?), found by the scan while it has the file's bytes. Most dynamic
/// keys are parameters and locals, so most answers are no, and the pass then never opens those files again: reading
/// them a second time was most of what the passes cost on a tree with many dynamic keys. A file the scan did not read
/// (taken from the scan cache) has no answers here; the pass reads it as before. The scan also keeps what other passes
/// would open a file again for: whether a Go file holds <c>const</c> at all (<see cref="LacksGoConstants"/>), which
/// names a C# call file may assign (<see cref="CSharpCallFile"/>), and a Go call file's header, parsed (<see cref="GoCallFile"/>).
/// </summary>
internal sealed class BindingAnswers
{
    private readonly ConcurrentDictionary<(string File, string Name), bool> _answers = new();
    private readonly ConcurrentDictionary<string, bool> _goFilesWithoutConst = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CSharpCallFileFacts> _csharpCallFiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GoFile> _goCallFiles = new(StringComparer.Ordinal);

    /// <summary>Answers every question the passes will ask about <paramref name="usages"/>, from the file's bytes as stored.</summary>
    /// <param name="content">The file's bytes as read (a BOM, UTF-16 or invalid UTF-8 answers nothing: then the pass decides, as it would).</param>
    public void Record(string file, ReadOnlySpan<byte> content, Usage[] usages)
    {
        if (file.EndsWith(".go", StringComparison.OrdinalIgnoreCase) && GoWorkspace.SkipsAsConstantFree(content))
        {
            _goFilesWithoutConst[file] = true;
        }
        List<(string Name, BindingCheck Check)>? questions = null;
        var call = false; // a dynamic usage with an argument: its file is a call file of the C# or Go pass
        foreach (var usage in usages)
        {
            if (usage.Kind == UsageKind.Dynamic && KeyResolver.BindingQuestion(usage) is { } question)
            {
                (questions ??= []).Add(question);
            }
            call |= usage is { Kind: UsageKind.Dynamic, Argument: not null };
        }
        if (call && file.EndsWith(".go", StringComparison.OrdinalIgnoreCase) && GoWorkspace.ParseCallFile(file, content) is { } go)
        {
            _goCallFiles[file] = go;
        }
        var csharpCall = call && file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);
        if (questions is null && !csharpCall)
        {
            return;
        }
        SymbolSources.CheckUtf8(content, utf8 => // one UTF-8 validation of the file for all it answers
        {
            if (csharpCall)
            {
                _csharpCallFiles[file] = CSharpCallFileFacts.Of(utf8);
            }
            foreach (var (name, check) in questions ?? [])
            {
                _answers[(file, name)] = check(utf8, name);
            }
            return true;
        });
    }

    public bool TryGet(string file, string name, out bool mayBind) => _answers.TryGetValue((file, name), out mayBind);

    /// <summary>Whether the scan read <paramref name="file"/> (a Go file) and found it UTF-8 without <c>const</c>: it declares no constant.</summary>
    public bool LacksGoConstants(string file) => _goFilesWithoutConst.ContainsKey(file);

    /// <summary>A Go call file as the Go pass would read it (<see cref="GoWorkspace.ParseCallFile"/>); null when the scan has none (the pass reads the file).</summary>
    public GoFile? GoCallFile(string file) => _goCallFiles.GetValueOrDefault(file);

    /// <summary>What the scan found in a C# file with a dynamic call it read as UTF-8; null when it has no answer (the pass reads the file).</summary>
    public CSharpCallFileFacts? CSharpCallFile(string file) => _csharpCallFiles.GetValueOrDefault(file);
}
