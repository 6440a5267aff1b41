using System.Text;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The modules of the TypeScript and JavaScript symbol pass (<see cref="TypeScriptKeyResolver"/>): a dynamic usage whose key argument names a constant
/// (<c>Flags.NewCheckout</c>, <c>F.Beta</c>, <c>SINGLE</c>, <c>flags.Flags.DarkMode</c>, <c>Flags['dark-mode']</c>) becomes a
/// usage of its value, with where it is declared: <c>const</c> strings (with '+' and template literals folded), <c>as const</c>
/// objects, string enums, followed through imports, re-exports (<c>export * from</c>, barrels) and <c>export default</c>. It reads
/// only the files of the calls and the modules they import. Unresolved or ambiguous names stay dynamic with the reason.
/// </summary>
internal sealed class TypeScriptModuleGraph
{
    private const int MaxHops = 128; // a name through a name ...: enough for real code, bounded for the stack
    private static readonly string[] Extensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

    private readonly string _root;
    private readonly long _maxFileSize;
    private readonly HashSet<string> _files;
    private readonly Dictionary<string, TypeScriptModule?> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _texts = new(StringComparer.Ordinal);

    private TypeScriptModuleGraph(string root, IEnumerable<string> files, long maxFileSize)
    {
        _root = root;
        _maxFileSize = maxFileSize;
        _files = new HashSet<string>(files, StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="file"/> is a script the pass reads (asked of every dynamic usage the scan finds: a loop, not a closure per call).</summary>
    public static bool IsScript(string file)
    {
        foreach (var extension in Extensions)
        {
            if (file.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A dynamic usage in a script file whose argument is a name this pass can look up.</summary>
    public static bool IsCandidate(Usage usage) => CandidatePath(usage) is not null;

    /// <summary>The name a candidate's argument gives (<see cref="IsCandidate"/>), split at its dots; null for any other usage.</summary>
    private static string[]? CandidatePath(Usage usage) =>
        usage is { Kind: UsageKind.Dynamic, Argument: { } argument } && IsScript(usage.File) ? Path(argument) : null;

    private sealed record Found(string? Value, TypeScriptModule? Module, TsBinding? Binding, string? Why)
    {
        public static Found Fail(string why) => new(null, null, null, why);
    }

    /// <summary>What <see cref="Resolve"/> asks of a candidate's file before reading it: may it bind the argument's first name?</summary>
    public static (string Name, BindingCheck Check)? BindingQuestion(Usage usage) =>
        CandidatePath(usage) is { } path ? (path[0], DeclarationText.MayBind) : null;

    public static void Resolve(string root, Usage[] usages, int[] dynamic, IReadOnlyCollection<string> scriptFiles, long maxFileSize, BindingAnswers scanned)
    {
        TypeScriptModuleGraph? resolver = null;
        BindingPrecheck? precheck = null;
        KeyReferences.ResolveEach(usages, dynamic, IsCandidate, usage =>
        {
            var path = Path(usage.Argument!)!;
            resolver ??= new TypeScriptModuleGraph(root, scriptFiles, maxFileSize);
            precheck ??= new BindingPrecheck(root, maxFileSize, BindingPrecheck.Questions(dynamic.Select(i => usages[i]), CandidatePath), DeclarationText.MayBind, scanned);
            // Most dynamic keys are parameters and locals computed at run time: a raw-text check rules those out
            // before the file is decoded and tokenized (the costly parts).
            if (precheck.MayBind(usage.File, path[0], resolver.Text) is not { } mayBind)
            {
                return usage; // unreadable
            }
            var found = mayBind && resolver.Load(usage.File) is { } module
                ? resolver.Lookup(module, path, 0)
                : Found.Fail($"{path[0]} is not a constant declared or imported in {usage.File}");
            return KeyReferences.Outcome(usage, found.Value, () => Location(found.Module!, found.Binding!), found.Why);
        });
    }

    /// <summary>A key argument the pass can look up: <c>A</c>, <c>A.B.C</c>, <c>A['b']</c>, <c>A?.B</c>; null otherwise.</summary>
    private static string[]? Path(string argument)
    {
        if (KeyReferences.StartsWithLiteral(argument))
        {
            return null;
        }
        var tokens = TypeScriptLexer.Tokenize(argument.Trim());
        if (tokens.Count == 0 || tokens[0].Kind != TokenKind.Identifier)
        {
            return null;
        }
        var path = new List<string> { tokens[0].Text };
        for (var i = 1; i < tokens.Count;)
        {
            if (tokens[i].Is('?') && i + 1 < tokens.Count && tokens[i + 1].Is('.'))
            {
                i++;
            }
            if (tokens[i].Is('.') && i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Identifier)
            {
                path.Add(tokens[i + 1].Text);
                i += 2;
            }
            else if (tokens[i].Is('[') && i + 2 < tokens.Count && tokens[i + 1].Kind == TokenKind.String && tokens[i + 2].Is(']'))
            {
                path.Add(tokens[i + 1].Text);
                i += 3;
            }
            else
            {
                return null; // a call, an operator: not a name
            }
        }
        return [.. path];
    }

    /// <summary>A name path as seen from <paramref name="module"/>: its own declarations first, then its imports.</summary>
    private Found Lookup(TypeScriptModule module, string[] path, int hops)
    {
        if (hops > MaxHops)
        {
            return Found.Fail($"{string.Join('.', path)} refers back to itself or through too many names");
        }
        var name = path[0];
        if (module.Declarations.TryGetValue(name, out var bindings))
        {
            if (bindings.Count > 1)
            {
                var values = bindings.Select(b => Walk(module, b, path[1..], hops + 1)).ToList();
                var distinct = values.Select(v => v.Value).Distinct().ToList();
                return distinct.Count == 1 && distinct[0] is not null
                    ? values[0]
                    : Found.Fail($"{name} is declared {bindings.Count} times in {module.File} with different values");
            }
            return Walk(module, bindings[0], path[1..], hops + 1);
        }
        if (module.Imports.TryGetValue(name, out var import))
        {
            return Target(module, import.Spec) is { } target
                ? Export(target, import.Name, path[1..], hops + 1)
                : Found.Fail($"{name} is imported from '{import.Spec}', which names no single file in the scanned tree");
        }
        if (module.NamespaceImports.TryGetValue(name, out var spec) && path.Length > 1)
        {
            return Target(module, spec) is { } target
                ? Export(target, path[1], path[2..], hops + 1)
                : Found.Fail($"{name} is imported from '{spec}', which names no single file in the scanned tree");
        }
        return Found.Fail($"{name} is not a constant declared or imported in {module.File}");
    }

    /// <summary>What <paramref name="module"/> exports as <paramref name="name"/>, then <paramref name="rest"/> of the path in it.</summary>
    private Found Export(TypeScriptModule module, string name, string[] rest, int hops)
    {
        if (hops > MaxHops)
        {
            return Found.Fail($"{name} is re-exported in a cycle");
        }
        if (name == "default")
        {
            return module.DefaultExport is { } value ? Walk(module, value, rest, hops + 1) : Found.Fail($"{module.File} has no default export");
        }
        var local = module.ExportedAs.GetValueOrDefault(name, name);
        if (module.Declarations.ContainsKey(local) || module.Imports.ContainsKey(local) || module.NamespaceImports.ContainsKey(local))
        {
            return Lookup(module, [local, .. rest], hops + 1);
        }
        if (module.ReExports.TryGetValue(name, out var reExport))
        {
            if (Target(module, reExport.Spec) is not { } target)
            {
                return Found.Fail($"{name} is re-exported from '{reExport.Spec}', which names no single file in the scanned tree");
            }
            return reExport.Name == "*"
                ? rest.Length > 0 ? Export(target, rest[0], rest[1..], hops + 1) : Found.Fail($"{name} is a module, not a string")
                : Export(target, reExport.Name, rest, hops + 1);
        }
        var fromStars = module.StarExports.Select(s => Target(module, s)).OfType<TypeScriptModule>()
            .Select(t => Export(t, name, rest, hops + 1)).Where(f => f.Value is not null).ToList();
        var values = fromStars.Select(f => f.Value).Distinct().Count();
        if (values == 1)
        {
            return fromStars[0];
        }
        return values == 0
            ? Found.Fail($"{module.File} does not export {name}")
            : Found.Fail($"{name} is exported by several modules behind {module.File} with different values");
    }

    /// <summary>The member <paramref name="rest"/> of a binding, or its string value when <paramref name="rest"/> is empty.</summary>
    private Found Walk(TypeScriptModule module, TsBinding binding, string[] rest, int hops)
    {
        if (binding.Kind == TsValueKind.Other)
        {
            return Found.Fail(binding.Why ?? "its value is not a constant string");
        }
        if (binding.Kind == TsValueKind.Members)
        {
            if (rest.Length == 0)
            {
                return Found.Fail("it names an object or an enum, not one of its members");
            }
            return binding.Members!.TryGetValue(rest[0], out var member)
                ? Walk(module, member, rest[1..], hops + 1)
                : Found.Fail($"{rest[0]} is not a member of the object or enum it is looked up in");
        }
        if (rest.Length > 0)
        {
            // `const F = Flags; F.X` or `export default Flags`: follow a plain name to what it names.
            return SingleName(module, binding) is { } target
                ? Lookup(module, [.. target, .. rest], hops + 1)
                : Found.Fail($"{rest[0]} is looked up in a string");
        }
        return Fold(module, binding, hops);
    }

    private static string[]? SingleName(TypeScriptModule module, TsBinding binding)
    {
        var range = binding.Expression.GetOffsetAndLength(module.Tokens.Count);
        return range.Length >= 1 && module.Tokens[range.Offset].Kind == TokenKind.Identifier && !module.Tokens.Skip(range.Offset).Take(range.Length).Any(t => t.Is('+'))
            ? Names(module.Tokens, range.Offset, range.Offset + range.Length)
            : null;
    }

    /// <summary>A string expression's value: literals, template literals and names joined by '+'.</summary>
    private Found Fold(TypeScriptModule module, TsBinding binding, int hops)
    {
        var (offset, length) = binding.Expression.GetOffsetAndLength(module.Tokens.Count);
        var value = new StringBuilder();
        var i = offset;
        while (i < offset + length)
        {
            var token = module.Tokens[i];
            if (token.Kind == TokenKind.String)
            {
                value.Append(token.Text);
                i++;
            }
            else if (token.Kind == TokenKind.Interpolated)
            {
                foreach (var part in token.Parts!)
                {
                    if (!part.IsHole)
                    {
                        value.Append(part.Text);
                    }
                    else if (Path(part.Text) is { } hole && Lookup(module, hole, hops + 1) is { Value: { } text })
                    {
                        value.Append(text);
                    }
                    else
                    {
                        return Found.Fail($"the template hole ${{{part.Text}}} is not a constant string");
                    }
                }
                i++;
            }
            else if (token.Kind == TokenKind.Identifier)
            {
                var end = TermEnd(module.Tokens, i, offset + length);
                var found = Lookup(module, Names(module.Tokens, i, end), hops + 1);
                if (found.Value is null)
                {
                    return found;
                }
                value.Append(found.Value);
                i = end;
            }
            else
            {
                i++; // '+'
            }
        }
        return new Found(value.ToString(), module, binding, null);
    }

    private static int TermEnd(List<Token> tokens, int at, int limit)
    {
        var i = at + 1;
        while (i < limit && !tokens[i].Is('+'))
        {
            i++;
        }
        return i;
    }

    /// <summary>The names of a term <c>A.B['c']</c>.</summary>
    private static string[] Names(List<Token> tokens, int from, int to) =>
        [.. tokens.Skip(from).Take(to - from).Where(t => t.Kind is TokenKind.Identifier or TokenKind.String).Select(t => t.Text)];

    /// <summary>The module an import specifier names, from <paramref name="from"/>: relative paths as the resolver does, others by path suffix.</summary>
    private TypeScriptModule? Target(TypeScriptModule from, string spec)
    {
        var file = spec.StartsWith('.')
            ? Candidates(Normalise(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(from.File) ?? "", spec))).FirstOrDefault(_files.Contains)
            : BySuffix(spec);
        return file is null ? null : Load(file);
    }

    /// <summary>A bare or aliased specifier (<c>@/flags</c>, <c>src/flags</c>, <c>~/config/flags</c>): the one scanned file whose path ends with it.</summary>
    private string? BySuffix(string spec)
    {
        var tail = spec.TrimStart('@', '~', '#').TrimStart('/');
        if (tail.Length == 0)
        {
            return null;
        }
        var endings = Candidates(tail).ToList();
        var matches = _files.Where(f => endings.Any(e => f == e || f.EndsWith("/" + e, StringComparison.Ordinal))).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static IEnumerable<string> Candidates(string path)
    {
        var stem = path;
        foreach (var extension in Extensions)
        {
            if (path.EndsWith(extension, StringComparison.Ordinal))
            {
                yield return path;
                stem = path[..^extension.Length]; // './flags.js' may be flags.ts (ESM TypeScript)
                break;
            }
        }
        foreach (var extension in Extensions)
        {
            yield return stem + extension;
        }
        foreach (var extension in Extensions)
        {
            yield return stem + "/index" + extension;
        }
    }

    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }
        return string.Join('/', parts);
    }

    /// <summary>
    /// For a key source: <paramref name="file"/> (its <paramref name="text"/>, already read) alone, and each member of the
    /// object or string enum <paramref name="name"/> it declares with its value folded (or why it has none); no members
    /// when it declares no such object or enum.
    /// </summary>
    internal static (TypeScriptModule Module, List<(string Name, int Offset, string? Value, string? Why)>? Members) MembersOf(
        string root, string file, string text, string name, long maxFileSize)
    {
        var graph = new TypeScriptModuleGraph(root, [file], maxFileSize);
        graph._texts[file] = text;
        var module = graph.Load(file)!; // its text is there
        if (!module.Declarations.TryGetValue(name, out var bindings) || bindings.FirstOrDefault(b => b.Kind == TsValueKind.Members) is not { } binding)
        {
            return (module, null);
        }
        return (module, [.. binding.Members!.Select(m => graph.Walk(module, m.Value, [], 0) is var found ? (m.Key, m.Value.Offset, found.Value, found.Why) : default)]);
    }

    private TypeScriptModule? Load(string file)
    {
        if (!_modules.TryGetValue(file, out var module))
        {
            _modules[file] = module = Text(file) is { } text ? TypeScriptModuleReader.Read(file, text) : null;
        }
        return module;
    }

    private string? Text(string file)
    {
        if (!_texts.TryGetValue(file, out var text))
        {
            _texts[file] = text = SymbolSources.Read(System.IO.Path.Combine(_root, file), _maxFileSize);
        }
        return text;
    }

    private static SourceLocation Location(TypeScriptModule module, TsBinding binding)
    {
        var (line, column) = module.Lines.Position(binding.Offset);
        return new SourceLocation(module.File, line, column);
    }
}
