namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>A key found for a Python name path, or why none was, with the module and binding that declare it.</summary>
internal sealed record PyFound(string? Value, PythonModule? Module, PyBinding? Binding, string? Why)
{
    public static PyFound Fail(string why) => new(null, null, null, why);
}

/// <summary>
/// The Python modules of the scanned tree, read on first use, and name lookup through them: a module-level constant
/// assigned once (its value folded: literals, adjacent literals, '+', f-strings of constants), a <c>str</c> enum's member,
/// <c>Enum.MEMBER.value</c>, followed through <c>import</c>, <c>from … import</c> (relative too), aliases and re-exports.
/// A module path matching several files of the tree is ambiguous unless one sits under the importing file's root.
/// </summary>
/// <param name="precheck">What the raw-text test says of the files and names the pass will look up, found up front.</param>
internal sealed class PythonModuleGraph(string root, IReadOnlyCollection<string> files, long maxFileSize, BindingPrecheck precheck)
{
    private const int MaxHops = 64;
    private readonly HashSet<string> _files = new(files, StringComparer.Ordinal);
    private readonly Dictionary<string, PythonModule?> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _byModulePath = new(StringComparer.Ordinal); // a/b → the files a.b can name

    /// <summary>A file's text, read once (null: unreadable, binary or too large).</summary>
    public string? Text(string file)
    {
        if (!_texts.TryGetValue(file, out var text))
        {
            _texts[file] = text = SymbolSources.Read(Path.Combine(root, file), maxFileSize);
        }
        return text;
    }

    public PythonModule? Load(string file)
    {
        if (!_modules.TryGetValue(file, out var module))
        {
            _modules[file] = module = Text(file) is { } text ? PythonModuleReader.Read(file, text) : null;
        }
        return module;
    }

    /// <summary>
    /// What <paramref name="path"/> stands for in <paramref name="file"/>; null when the file cannot be read again. A name
    /// the raw text cannot bind (a parameter, a local) is ruled out before the file is tokenized.
    /// </summary>
    public PyFound? Find(string file, string[] path) =>
        precheck.MayBind(file, path[0], Text) is not { } mayBind ? null
        : mayBind && Load(file) is { } module ? Lookup(module, path, 0)
        : PyFound.Fail($"{path[0]} is not a constant assigned or imported at the top level of {file}");

    /// <summary>What <paramref name="path"/> (<c>NAME</c>, <c>f.NAME</c>, <c>F.BETA.value</c>) stands for in <paramref name="module"/>.</summary>
    public PyFound Lookup(PythonModule module, string[] path, int hops)
    {
        var shown = string.Join('.', path);
        if (hops > MaxHops)
        {
            return PyFound.Fail($"{shown} refers back to itself or through too many names");
        }
        if (!module.Bindings.TryGetValue(path[0], out var bindings))
        {
            return module.StarImports.Select(s => Module(module, s)).FirstOrDefault(m => m.Module is { } t && t.Bindings.ContainsKey(path[0])) is { Module: { } star }
                ? Lookup(star, path, hops + 1)
                : PyFound.Fail($"{path[0]} is not a constant assigned or imported at the top level of {module.File}");
        }
        if (bindings.Count > 1)
        {
            var lines = string.Join(", ", bindings.Take(3).Select(b => module.Lines.Position(b.Offset).Line));
            return PyFound.Fail($"{path[0]} is bound more than once in {module.File} (lines {lines}), so it is not a constant");
        }
        var binding = bindings[0];
        if (binding.Import is var (spec, name) && name is not null)
        {
            // `from pkg import mod` names the submodule when there is one (the package's own binding of it is that import).
            if (Module(module, spec.EndsWith('.') ? spec + name : spec + "." + name) is { Module: { } submodule })
            {
                return path.Length > 1 ? Lookup(submodule, path[1..], hops + 1) : PyFound.Fail($"{path[0]} is a module, not a constant");
            }
            var target = Module(module, spec);
            return target.Module is null ? PyFound.Fail(target.Why!) : Lookup(target.Module, [name, .. path[1..]], hops + 1);
        }
        if (binding.Import is var (moduleSpec, _))
        {
            return Attribute(module, moduleSpec, path, hops);
        }
        if (binding.Enum is { } enumeration)
        {
            return Member(module, enumeration, path, hops);
        }
        if (binding.Expression is not { } expression)
        {
            return PyFound.Fail($"{path[0]} in {module.File} is not a constant string");
        }
        if (path.Length > 1)
        {
            return PyFound.Fail($"{shown}: {path[0]} is a constant, not a module or an enum");
        }
        var folded = Fold(module, expression, hops);
        return folded.Value is null ? PyFound.Fail(folded.Reason!) : new PyFound(folded.Value, module, binding, null);
    }

    /// <summary><c>m.a.NAME</c> where <c>m</c> is a module: NAME in the deepest module the path names.</summary>
    private PyFound Attribute(PythonModule from, string spec, string[] path, int hops)
    {
        var at = 1;
        while (at < path.Length - 1 && Module(from, spec + "." + path[at]) is { Module: not null })
        {
            spec += "." + path[at++];
        }
        var target = Module(from, spec);
        return target.Module is null ? PyFound.Fail(target.Why!)
            : at >= path.Length ? PyFound.Fail($"{string.Join('.', path)} is a module, not a constant")
            : Lookup(target.Module, path[at..], hops + 1);
    }

    /// <summary><c>F.BETA</c> (a string enum's member is a string), <c>F.BETA.value</c>, <c>F.BETA.name</c>.</summary>
    private PyFound Member(PythonModule module, PyEnum enumeration, string[] path, int hops)
    {
        var shown = string.Join('.', path);
        if (path.Length < 2 || !enumeration.Members.TryGetValue(path[1], out var member))
        {
            return PyFound.Fail(path.Length < 2 ? $"{shown} is an enum class, not a key" : $"{path[1]} is not a member of the enum {path[0]} in {module.File}");
        }
        if (path.Length == 3 && path[2] == "name")
        {
            return new PyFound(path[1], module, member, null);
        }
        if (!(path.Length == 3 && path[2] == "value") && !(path.Length == 2 && enumeration.IsString))
        {
            return PyFound.Fail($"{shown} is an enum member that is not a str (use .value)");
        }
        if (member.Expression is not { } expression)
        {
            return PyFound.Fail($"{path[1]} is assigned more than once in the enum {path[0]}");
        }
        var folded = Fold(module, expression, hops);
        return folded.Value is null ? PyFound.Fail(folded.Reason!) : new PyFound(folded.Value, module, member, null);
    }

    private Folded Fold(PythonModule module, Range expression, int hops) =>
        ConstantConcatenation.Fold(module.Tokens, expression, (ref int at, int end) => Term(module, module.Tokens, ref at, end, hops));

    /// <summary>A literal (adjacent ones join), an f-string, a parenthesised expression or a dotted name.</summary>
    private Folded Term(PythonModule module, List<Token> tokens, ref int at, int end, int hops)
    {
        var token = tokens[at];
        if (token.Kind is TokenKind.String or TokenKind.Interpolated)
        {
            var text = new System.Text.StringBuilder();
            for (; at < end && tokens[at].Kind is TokenKind.String or TokenKind.Interpolated; at++)
            {
                var piece = tokens[at].Kind == TokenKind.String ? new Folded(tokens[at].Text, null, null, []) : FString(module, tokens[at], hops);
                if (piece.Value is null)
                {
                    return piece;
                }
                text.Append(piece.Value);
            }
            return new Folded(text.ToString(), null, null, []);
        }
        if (token.Is('('))
        {
            var close = ConstantConcatenation.Close(tokens, at, end);
            var inner = ConstantConcatenation.Fold(tokens, (at + 1)..close, (ref int i, int e) => Term(module, tokens, ref i, e, hops));
            at = close + 1;
            return inner;
        }
        if (token.Kind == TokenKind.Identifier)
        {
            at = CSharpDeclarationReader.DottedName(tokens, at, out var dotted);
            if (at < end && (tokens[at].Is('(') || tokens[at].Is('[')))
            {
                return Folded.Fail($"its value calls or indexes {dotted}, so it is not a constant string expression");
            }
            var found = Lookup(module, dotted.Split('.'), hops + 1);
            return found.Value is null ? Folded.Fail(found.Why!) : new Folded(found.Value, null, null, []);
        }
        at = end;
        return Folded.Fail("its value is not a constant string expression");
    }

    private Folded FString(PythonModule module, Token token, int hops)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in token.Parts!)
        {
            var hole = part.IsHole ? PythonLexer.Tokenize(part.Text) : null;
            if (hole is not null && hole.Count > 0 && hole[^1].Is(';'))
            {
                hole.RemoveAt(hole.Count - 1);
            }
            if (hole is not null && hole.Any(t => t.Is(':') || t.Is('!')))
            {
                return Folded.Fail("an f-string hole has a format or a conversion");
            }
            var folded = hole is null ? new Folded(part.Text, null, null, []) : ConstantConcatenation.Fold(hole, 0..hole.Count, (ref int i, int e) => Term(module, hole, ref i, e, hops));
            if (folded.Value is null)
            {
                return folded;
            }
            text.Append(folded.Value);
        }
        return new Folded(text.ToString(), null, null, []);
    }

    /// <summary>The module <paramref name="spec"/> names from <paramref name="from"/>: relative (<c>.flags</c>, <c>..config</c>) or absolute.</summary>
    private (PythonModule? Module, string? Why) Module(PythonModule from, string spec)
    {
        var dots = spec.TakeWhile(c => c == '.').Count();
        var relative = spec[dots..].Replace('.', '/');
        List<string> candidates;
        if (dots > 0)
        {
            var directory = GoPath.DirectoryOf(from.File);
            for (var up = 1; up < dots; up++)
            {
                directory = GoPath.DirectoryOf(directory);
            }
            var stem = directory.Length == 0 ? relative : relative.Length == 0 ? directory : directory + "/" + relative;
            candidates = [.. new[] { stem + ".py", stem + "/__init__.py" }.Where(_files.Contains)];
        }
        else
        {
            if (!_byModulePath.TryGetValue(relative, out var matching))
            {
                _byModulePath[relative] = matching = [.. _files.Where(f => EndsWithModule(f, relative + ".py") || EndsWithModule(f, relative + "/__init__.py"))];
            }
            candidates = matching;
            if (candidates.Count > 1)
            {
                var near = candidates.Where(c => Under(from.File, c, relative)).ToList();
                candidates = near.Count > 0 ? near : candidates;
            }
        }
        if (candidates.Count != 1)
        {
            return (null, candidates.Count == 0
                ? $"module {spec} is not a file of the scanned tree"
                : $"module {spec} is ambiguous: {string.Join(", ", candidates.Order(StringComparer.Ordinal).Take(3))}");
        }
        return Load(candidates[0]) is { } module ? (module, null) : (null, $"{candidates[0]} could not be read");
    }

    private static bool EndsWithModule(string file, string tail) =>
        file == tail || (file.EndsWith(tail, StringComparison.Ordinal) && file[^(tail.Length + 1)] == '/');

    /// <summary>Whether the import root of <paramref name="candidate"/> (its path before the module's) holds <paramref name="importer"/>.</summary>
    private static bool Under(string importer, string candidate, string relative)
    {
        var root = candidate[..candidate.LastIndexOf(relative, StringComparison.Ordinal)];
        return importer.StartsWith(root, StringComparison.Ordinal);
    }
}
