namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>A key found for a Go name, with the constant that declares it, or why none was.</summary>
internal sealed record GoValue(string? Value, GoConstant? Declaration, string? Reason)
{
    public static GoValue Fail(string reason, GoConstant? declaration = null) => new(null, declaration, reason);
}

/// <summary>
/// Go's package-level string constants, looked up as the compiler would from one file: a bare name in the
/// file's package (its directory, test files only for a test file) or a dot import; <c>pkg.Name</c> through
/// the import the file names <c>pkg</c> (an alias, or the package clause of the imported directory). Values are
/// folded from literals, <c>+</c>, parentheses, conversions (<c>Feature("x")</c>) and other constants. A name
/// resolves only when every declaration it can mean has the same value.
/// </summary>
internal sealed class GoConstantTable(GoWorkspace workspace)
{
    private const int MaxDepth = 16;
    private static readonly HashSet<string> BuiltinFunctions = new(StringComparer.Ordinal) { "len", "cap", "real", "imag", "complex", "min", "max" };
    private readonly Dictionary<GoConstant, Folded> _values = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, (IReadOnlyList<GoFile> Files, string? Reason)> _packages = new(StringComparer.Ordinal);

    private readonly record struct Lookup(IReadOnlyList<GoConstant> Constants, string? Reason);

    /// <summary>The key <c>name</c> or <c>qualifier.name</c> stands for where <paramref name="from"/> uses it.</summary>
    public GoValue Resolve(GoFile from, string? qualifier, string name, int depth = 0)
    {
        var shown = qualifier is null ? name : qualifier + "." + name;
        var lookup = qualifier is null ? Unqualified(from, name) : Qualified(from, qualifier, name);
        if (lookup.Reason is not null)
        {
            return GoValue.Fail(lookup.Reason);
        }
        if (lookup.Constants.Count == 0)
        {
            return GoValue.Fail($"no constant string named '{shown}' was found");
        }
        var values = lookup.Constants.Select(c => (Constant: c, Folded: Value(c, depth + 1))).ToList();
        var failed = values.FirstOrDefault(v => v.Folded.Value is null);
        if (failed.Constant is not null)
        {
            return GoValue.Fail(failed.Folded.Reason!, failed.Constant);
        }
        if (values.Select(v => v.Folded.Value).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            var places = string.Join(", ", values.Take(3).Select(v => Place(v.Constant)));
            return GoValue.Fail($"'{shown}' is ambiguous: {values.Count} declarations with different values ({places})");
        }
        var first = values.OrderBy(v => v.Constant.Owner.File, StringComparer.Ordinal).ThenBy(v => v.Constant.Offset).First();
        return new GoValue(first.Folded.Value, first.Constant, null);
    }

    private static string Place(GoConstant constant)
    {
        var (line, column) = constant.Owner.Position(constant.Offset);
        return $"{constant.Owner.File}:{line}:{column}";
    }

    /// <summary>A bare name: the file's own package first, then its dot imports.</summary>
    private Lookup Unqualified(GoFile from, string name)
    {
        var own = workspace.Directory(from.Directory)
            .Where(f => f.Package == from.Package && (from.IsTest || !f.IsTest))
            .SelectMany(f => f.ConstantsNamed(name))
            .ToList();
        if (own.Count > 0)
        {
            return new Lookup(own, null);
        }
        foreach (var import in from.Imports.Where(i => i.Alias == "."))
        {
            var (files, _) = Package(import.Path);
            var found = Exported(files, name);
            if (found.Count > 0)
            {
                return new Lookup(found, null);
            }
        }
        return new Lookup([], null);
    }

    /// <summary><c>pkg.Name</c>: the import aliased <c>pkg</c>, else the unaliased import whose package is named <c>pkg</c>.</summary>
    private Lookup Qualified(GoFile from, string qualifier, string name)
    {
        if (from.Imports.FirstOrDefault(i => i.Alias == qualifier) is { } aliased)
        {
            var (files, reason) = Package(aliased.Path);
            return reason is null ? new Lookup(Exported(files, name), null) : new Lookup([], reason);
        }
        // Likely imports first (the last path element names the package by convention): others are read only when none is it.
        var unaliased = from.Imports.Where(i => i.Alias is null).OrderBy(i => ConventionalName(i) == qualifier ? 0 : 1).ToList();
        string? firstReason = null;
        foreach (var import in unaliased)
        {
            var (files, reason) = Package(import.Path);
            // A package none of whose files has a constant was not parsed: its conventional name stands for its package clause.
            if (reason is null && (files.Count > 0 ? files[0].Package : ConventionalName(import)) == qualifier)
            {
                return new Lookup(Exported(files, name), null);
            }
            if (ConventionalName(import) == qualifier)
            {
                firstReason ??= reason;
            }
        }
        return new Lookup([], firstReason ?? $"'{qualifier}' names no import of {from.File} whose package is in the scanned tree");
    }

    /// <summary>The package's name by convention: the last path element, or the one before a major version (<c>…/feature/v2</c>).</summary>
    private static string ConventionalName(GoImport import)
    {
        var elements = import.Path.Split('/');
        return elements.Length > 1 && elements[^1].Length > 1 && elements[^1][0] == 'v' && elements[^1][1..].All(char.IsAsciiDigit) ? elements[^2] : elements[^1];
    }

    /// <summary>The non-test files of the one directory that holds <paramref name="importPath"/>, or why there is none.</summary>
    private (IReadOnlyList<GoFile> Files, string? Reason) Package(string importPath)
    {
        if (!_packages.TryGetValue(importPath, out var package))
        {
            _packages[importPath] = package = FindPackage(importPath); // thousands of calls name the same few packages
        }
        return package;
    }

    private (IReadOnlyList<GoFile> Files, string? Reason) FindPackage(string importPath)
    {
        var directories = workspace.DirectoriesFor(importPath);
        if (directories.Count == 0)
        {
            return ([], $"package \"{importPath}\" is not in the scanned tree");
        }
        if (directories.Count > 1)
        {
            return ([], $"import \"{importPath}\" is ambiguous: {directories.Count} directories match it ({string.Join(", ", directories.Take(3))})");
        }
        var files = workspace.Directory(directories[0]).Where(f => !f.IsTest && f.Package.Length > 0).ToList();
        return (files, null);
    }

    private static List<GoConstant> Exported(IEnumerable<GoFile> files, string name) =>
        [.. files.SelectMany(f => f.ConstantsNamed(name)).Where(c => c.IsExported)];

    private Folded Value(GoConstant constant, int depth)
    {
        if (_values.TryGetValue(constant, out var known))
        {
            return known;
        }
        if (depth > MaxDepth)
        {
            return Folded.Fail($"'{constant.Name}' refers to itself through other constants");
        }
        var tokens = constant.Owner.Tokens;
        var folded = ConstantConcatenation.Fold(tokens, constant.Initializer, (ref int at, int end) => Term(constant.Owner, ref at, end, depth));
        return _values[constant] = folded;
    }

    /// <summary>A string literal, a parenthesised expression, a conversion <c>T(x)</c>, or a (qualified) constant name.</summary>
    private Folded Term(GoFile owner, ref int at, int end, int depth)
    {
        var tokens = owner.Tokens;
        var token = tokens[at];
        if (token.Kind == TokenKind.String)
        {
            at++;
            return new Folded(token.Text, null, null, []);
        }
        if (token.Is('('))
        {
            var close = ConstantConcatenation.Close(tokens, at, end);
            var inner = ConstantConcatenation.Fold(tokens, (at + 1)..close, (ref int i, int e) => Term(owner, ref i, e, depth));
            at = close + 1;
            return inner;
        }
        if (token.Kind != TokenKind.Identifier)
        {
            at = end;
            return Folded.Fail("its initializer is not a constant string expression");
        }
        if (token.Text == "iota")
        {
            at = end;
            return Folded.Fail("it is an iota constant, not a string");
        }
        string? qualifier = null;
        var name = token.Text;
        at++;
        if (at + 1 < end && tokens[at].Is('.') && tokens[at + 1].Kind == TokenKind.Identifier)
        {
            (qualifier, name) = (name, tokens[at + 1].Text);
            at += 2;
        }
        if (at < end && tokens[at].Is('('))
        {
            if (qualifier is null && BuiltinFunctions.Contains(name))
            {
                at = end;
                return Folded.Fail($"its initializer calls {name}, so it is not a string");
            }
            return Term(owner, ref at, end, depth); // a conversion, string(X) or Feature("x"): the value is the operand's
        }
        var resolved = Resolve(owner, qualifier, name, depth);
        return resolved.Value is null ? Folded.Fail(resolved.Reason!) : new Folded(resolved.Value, null, null, []);
    }
}
