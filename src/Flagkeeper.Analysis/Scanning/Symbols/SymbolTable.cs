namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>A key found for a name, or why none was: <see cref="Missing"/> lists type names no loaded file declares.</summary>
internal sealed record Folded(string? Value, Symbol? Declaration, string? Reason, IReadOnlyCollection<string> Missing)
{
    public static Folded Fail(string reason, params string[] missing) => new(null, null, reason, missing);
}

/// <summary>Where a name is looked up from: a file, and the namespace and type around the reference.</summary>
internal readonly record struct LookupScope(FileSymbols? File, string Namespace, string TypePath);

/// <summary>
/// The C# constants of the files loaded so far, looked up as C# would: a bare name in the enclosing types
/// (partial types across files included) or a <c>using static</c> type; a qualified name by the suffix of
/// its type's full name, through <c>using</c> aliases, preferring the namespaces in scope when several
/// types share a name. A name resolves only when every candidate has the same value.
/// </summary>
internal sealed class SymbolTable
{
    private const int MaxDepth = 16;
    private readonly Dictionary<string, List<Symbol>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Symbol, Folded> _values = new(ReferenceEqualityComparer.Instance);

    /// <summary>Every bare name looked up so far, from a call or from an initializer.</summary>
    public HashSet<string> NamesLookedUp { get; } = new(StringComparer.Ordinal);

    /// <summary>Every type a lookup so far could find a member in: a qualified name's type, a <c>using static</c> type of the file a bare name is looked up from.</summary>
    public HashSet<string> TypesLookedUp { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a loaded file declares a constant or an enum member of that name.</summary>
    public bool Declares(string name) => _byName.ContainsKey(name);

    public void Add(FileSymbols file)
    {
        foreach (var symbol in file.Symbols)
        {
            if (!_byName.TryGetValue(symbol.Name, out var list))
            {
                _byName[symbol.Name] = list = [];
            }
            list.Add(symbol);
        }
    }

    /// <summary>The key a dotted name stands for in <paramref name="scope"/>.</summary>
    public Folded Resolve(IReadOnlyList<string> name, LookupScope scope, bool enumMembersOnly = false, int depth = 0)
    {
        var shown = string.Join('.', name);
        var candidates = Candidates(name, scope);
        if (enumMembersOnly)
        {
            candidates = candidates.Where(c => c.Kind == SymbolKind.EnumMember).ToList();
        }
        if (candidates.Count == 0)
        {
            // What a later round searches the tree for: the declaring type of a qualified name.
            return name.Count > 1
                ? Folded.Fail($"no constant string or enum member named '{shown}' was found", name[^2])
                : Folded.Fail($"no constant string or enum member named '{shown}' was found");
        }
        var values = candidates.Select(c => Value(c, depth + 1)).ToList();
        var (index, ambiguity) = CandidateValues.Pick([.. candidates.Zip(values, (c, v) => (c, v.Value))], c => (c.Owner.File, c.Offset), Place, shown);
        return index < 0 ? Folded.Fail(ambiguity!) : values[index] with { Declaration = candidates[index] };
    }

    public static string Place(Symbol symbol) => CandidateValues.Place(symbol.Owner.File, symbol.Owner.Position(symbol.Offset));

    /// <summary>An enum member's name, or a string constant's initializer folded.</summary>
    private Folded Value(Symbol symbol, int depth)
    {
        if (symbol.Kind == SymbolKind.EnumMember)
        {
            return new Folded(symbol.Name, symbol, null, []);
        }
        if (_values.TryGetValue(symbol, out var known))
        {
            return known;
        }
        if (depth > MaxDepth)
        {
            return Folded.Fail($"'{symbol.Name}' refers to itself through other constants");
        }
        var scope = new LookupScope(symbol.Owner, symbol.Namespace, symbol.TypePath);
        var folded = Fold(symbol.Owner.Tokens, symbol.Initializer, scope, depth);
        if (folded.Missing.Count == 0)
        {
            _values[symbol] = folded; // a missing name may be declared in a file loaded later
        }
        return folded;
    }

    /// <summary>Folds <c>"a" + B + $"{C}d" + nameof(E)</c>; anything else is not a constant string expression.</summary>
    public Folded Fold(List<Token> tokens, Range range, LookupScope scope, int depth) =>
        ConstantConcatenation.Fold(tokens, range, (ref int at, int end) => Term(tokens, ref at, end, scope, depth));

    private Folded Term(List<Token> tokens, ref int at, int end, LookupScope scope, int depth)
    {
        var token = tokens[at];
        if (token.Kind == TokenKind.String)
        {
            at++;
            return new Folded(token.Text, null, null, []);
        }
        if (token.Kind == TokenKind.Interpolated)
        {
            at++;
            return Interpolation(token, scope, depth);
        }
        if (token.Is('('))
        {
            var close = ConstantConcatenation.Close(tokens, at, end);
            var inner = Fold(tokens, (at + 1)..close, scope, depth);
            at = close + 1;
            return inner;
        }
        if (token.IsWord("nameof") && at + 1 < end && tokens[at + 1].Is('('))
        {
            var close = ConstantConcatenation.Close(tokens, at + 1, end);
            var last = close - 1;
            at = close + 1;
            return last > 0 && tokens[last].Kind == TokenKind.Identifier ? new Folded(tokens[last].Text, null, null, []) : Folded.Fail("nameof of something that is not a name");
        }
        if (token.Kind == TokenKind.Identifier)
        {
            var next = CSharpDeclarationReader.DottedName(tokens, at, out var dotted);
            at = next;
            var name = dotted.Replace("global::", "", StringComparison.Ordinal).Split('.');
            var resolved = Resolve(name, scope, depth: depth);
            return resolved.Declaration?.Kind == SymbolKind.EnumMember
                ? Folded.Fail($"'{dotted}' is an enum member, not a string")
                : resolved with { Declaration = null };
        }
        at = end;
        return Folded.Fail("its initializer is not a constant string expression");
    }

    private Folded Interpolation(Token token, LookupScope scope, int depth)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in token.Parts!)
        {
            if (!part.IsHole)
            {
                text.Append(part.Text);
                continue;
            }
            var hole = CSharpLexer.Tokenize(part.Text);
            if (hole.Any(t => t.Is(':') || t.Is(',')))
            {
                return Folded.Fail("an interpolation hole has a format or an alignment");
            }
            var folded = Fold(hole, 0..hole.Count, scope, depth);
            if (folded.Value is null)
            {
                return folded;
            }
            text.Append(folded.Value);
        }
        return new Folded(text.ToString(), null, null, []);
    }

    private List<Symbol> Candidates(IReadOnlyList<string> name, LookupScope scope)
    {
        RecordLookup(name, scope);
        if (!_byName.TryGetValue(name[^1], out var all))
        {
            return [];
        }
        if (name.Count == 1)
        {
            var enclosing = all.Where(s => s.Kind == SymbolKind.StringConstant && s.Namespace == scope.Namespace && Encloses(s.TypePath, scope.TypePath)).ToList();
            if (enclosing.Count > 0 || scope.File is null)
            {
                return enclosing;
            }
            return all.Where(s => scope.File.StaticImports.Any(i => SameType(s.FullType, i))).ToList();
        }
        var qualifier = string.Join('.', name.Take(name.Count - 1));
        if (scope.File is not null && scope.File.Aliases.TryGetValue(name[0], out var target))
        {
            qualifier = string.Join('.', new[] { target }.Concat(name.Skip(1).Take(name.Count - 2)));
        }
        var matching = all.Where(s => SameType(s.FullType, qualifier)).ToList();
        if (matching.Count > 1 && scope.File is not null)
        {
            var visible = matching.Where(s => InScope(s.Namespace, scope)).ToList();
            return visible.Count > 0 ? visible : matching;
        }
        return matching;
    }

    /// <summary>What a file not loaded could declare for this lookup (the pass loads such files and looks again).</summary>
    private void RecordLookup(IReadOnlyList<string> name, LookupScope scope)
    {
        if (name.Count == 1)
        {
            NamesLookedUp.Add(name[0]);
            foreach (var import in scope.File?.StaticImports ?? [])
            {
                TypesLookedUp.Add(import[(import.LastIndexOf('.') + 1)..]);
            }
            return;
        }
        TypesLookedUp.Add(name[^2]);
        if (name.Count == 2 && scope.File is not null && scope.File.Aliases.TryGetValue(name[0], out var target))
        {
            TypesLookedUp.Add(target[(target.LastIndexOf('.') + 1)..]);
        }
    }

    /// <summary>A type <c>A.B.Flags</c> is named <c>Flags</c>, <c>B.Flags</c> or <c>A.B.Flags</c>.</summary>
    private static bool SameType(string fullType, string qualifier) =>
        fullType == qualifier || (fullType.EndsWith(qualifier, StringComparison.Ordinal) && fullType[^(qualifier.Length + 1)] == '.');

    /// <summary>A member of type <c>A</c> is visible by bare name inside <c>A</c> and <c>A.Nested</c>.</summary>
    private static bool Encloses(string declaring, string scope) =>
        declaring.Length > 0 && (declaring == scope || scope.StartsWith(declaring + ".", StringComparison.Ordinal));

    private static bool InScope(string ns, LookupScope scope) =>
        ns.Length == 0 || ns == scope.Namespace || scope.Namespace.StartsWith(ns + ".", StringComparison.Ordinal) || scope.File!.Imports.Contains(ns);
}
