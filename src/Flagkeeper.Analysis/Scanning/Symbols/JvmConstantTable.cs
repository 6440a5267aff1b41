using System.Runtime.InteropServices;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>A key found for a JVM name, or why none was; <see cref="Needs"/> names what a later round searches the tree for.</summary>
internal sealed record JvmValue(string? Value, JvmConstant? Declaration, string? Reason, IReadOnlyCollection<string> Needs)
{
    public static JvmValue Fail(string reason, params string[] needs) => new(null, null, reason, needs);
}

/// <summary>
/// The Java and Kotlin constants of the files loaded so far, looked up as the compilers would: a bare name in the
/// enclosing types, then through static (Java) or member (Kotlin) imports and Kotlin's package top level; a qualified
/// name by the suffix of its type's full name, through imports and aliases. A name resolves only when every candidate
/// has the same value. <see cref="JvmValue.Needs"/> are <c>type:Name</c> (a type no loaded file declares) or
/// <c>val:Name</c> (a Kotlin top-level constant).
/// </summary>
internal sealed class JvmConstantTable
{
    private const int MaxDepth = 16;
    private readonly Dictionary<string, List<JvmConstant>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<JvmConstant, JvmValue> _values = new(ReferenceEqualityComparer.Instance);

    public void Add(JvmFile file)
    {
        foreach (var named in file.Constants.GroupBy(c => c.Name, StringComparer.Ordinal))
        {
            (CollectionsMarshal.GetValueRefOrAddDefault(_byName, named.Key, out _) ??= []).AddRange(named);
        }
    }

    /// <summary>The key <paramref name="name"/> stands for in <paramref name="file"/> inside type <paramref name="typePath"/>.</summary>
    public JvmValue Resolve(JvmFile file, string typePath, string[] name, bool enumMembersOnly, int depth = 0)
    {
        var shown = string.Join('.', name);
        var (candidates, needs) = Candidates(file, typePath, name);
        candidates = [.. candidates.Where(c => c.Kind == SymbolKind.EnumMember == enumMembersOnly)];
        if (candidates.Count == 0 && name.Length == 1 && file.Variables.Contains(name[0]))
        {
            return JvmValue.Fail($"'{shown}' is a parameter, a local or a field that is not a constant");
        }
        if (candidates.Count == 0)
        {
            return JvmValue.Fail(enumMembersOnly ? $"no enum entry named '{shown}' was found" : $"no constant string named '{shown}' was found", [.. needs]);
        }
        var values = candidates.Select(c => Value(c, depth + 1)).ToList();
        var (index, ambiguity) = CandidateValues.Pick([.. candidates.Zip(values, (c, v) => (c, v.Value))], c => (c.Owner.File, c.Offset), Place, shown);
        return index < 0 ? JvmValue.Fail(ambiguity!) : values[index] with { Declaration = candidates[index] };
    }

    private static string Place(JvmConstant constant) => CandidateValues.Place(constant.Owner.File, constant.Owner.Position(constant.Offset));

    private JvmValue Value(JvmConstant constant, int depth)
    {
        if (_values.TryGetValue(constant, out var known))
        {
            return known;
        }
        if (constant.Kind == SymbolKind.EnumMember)
        {
            return _values[constant] = new JvmValue(constant.Name, constant, null, []); // an entry's key is its name
        }
        if (depth > MaxDepth)
        {
            return JvmValue.Fail($"'{constant.Name}' refers to itself through other constants");
        }
        var folded = Fold(constant.Owner, constant.Owner.Tokens, constant.Initializer, constant.TypePath, depth);
        var value = new JvmValue(folded.Value, null, folded.Reason, folded.Missing);
        if (value.Needs.Count == 0)
        {
            _values[constant] = value; // a missing name may be declared in a file loaded later
        }
        return value;
    }

    /// <summary>Folds <c>"a" + B + "$C-d"</c> (parentheses allowed); anything else is not a constant string expression.</summary>
    private Folded Fold(JvmFile file, List<Token> tokens, Range range, string typePath, int depth) =>
        ConstantConcatenation.Fold(tokens, range, (ref int at, int end) => Term(file, tokens, ref at, end, typePath, depth));

    private Folded Term(JvmFile file, List<Token> tokens, ref int at, int end, string typePath, int depth)
    {
        var token = tokens[at];
        if (token.Kind is TokenKind.String or TokenKind.Interpolated)
        {
            at++;
            return token.Kind == TokenKind.String ? new Folded(token.Text, null, null, []) : Template(file, token, typePath, depth);
        }
        if (token.Is('('))
        {
            var close = ConstantConcatenation.Close(tokens, at, end);
            var inner = Fold(file, tokens, (at + 1)..close, typePath, depth);
            at = close + 1;
            return inner;
        }
        if (token.Kind == TokenKind.Identifier)
        {
            at = CSharpDeclarationReader.DottedName(tokens, at, out var dotted);
            var resolved = Resolve(file, typePath, dotted.Split('.'), enumMembersOnly: false, depth);
            return new Folded(resolved.Value, null, resolved.Reason, resolved.Needs);
        }
        at = end;
        return Folded.Fail("its initializer is not a constant string expression");
    }

    /// <summary>A Kotlin template: constant when every hole is.</summary>
    private Folded Template(JvmFile file, Token token, string typePath, int depth)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in token.Parts!)
        {
            if (!part.IsHole)
            {
                text.Append(part.Text);
                continue;
            }
            var hole = JvmLexer.Tokenize(part.Text, kotlin: false); // no line ends to insert inside a hole
            var folded = Fold(file, hole, 0..hole.Count, typePath, depth);
            if (folded.Value is null)
            {
                return folded;
            }
            text.Append(folded.Value);
        }
        return new Folded(text.ToString(), null, null, []);
    }

    private (List<JvmConstant> Found, List<string> Needs) Candidates(JvmFile file, string typePath, string[] name)
    {
        var all = _byName.GetValueOrDefault(name[^1]) ?? [];
        return name.Length == 1 ? Bare(file, typePath, name[0], all) : Qualified(file, name, all);
    }

    /// <summary><c>X</c>: the enclosing types, then imports naming it, then (Kotlin) the package's top level.</summary>
    private (List<JvmConstant>, List<string>) Bare(JvmFile file, string typePath, string name, List<JvmConstant> all)
    {
        var enclosing = all.Where(c => c.Owner == file && Encloses(c.TypePath, typePath)).ToList();
        if (enclosing.Count > 0 || file.Variables.Contains(name))
        {
            return (enclosing, []); // a parameter or local of that name hides imports and the package (the file, not its scopes, is asked)
        }
        var needs = new List<string>();
        var imported = Inherited(file, typePath, name, all, needs);
        foreach (var import in file.Imports.Where(i => i.IsStatic || file.IsKotlin))
        {
            var (owner, member) = import.IsWildcard ? (import.Path, name) : (Parent(import.Path), import.Path[(import.Path.LastIndexOf('.') + 1)..]);
            if (import.IsWildcard || import.LocalName == name)
            {
                imported.AddRange((_byName.GetValueOrDefault(member) ?? []).Where(c => c.FullType == owner));
                needs.Add("type:" + owner[(owner.LastIndexOf('.') + 1)..]);
                if (file.IsKotlin)
                {
                    needs.Add("val:" + member);
                }
            }
        }
        if (imported.Count > 0)
        {
            return (imported, []);
        }
        if (file.IsKotlin)
        {
            needs.Add("val:" + name);
            return ([.. all.Where(c => c.TypePath.Length == 0 && c.Owner.Package == file.Package)], needs);
        }
        return ([], needs);
    }

    /// <summary>Java: <c>X</c> declared in a type an enclosing type extends or implements (one level: a constants interface).</summary>
    private static List<JvmConstant> Inherited(JvmFile file, string typePath, string name, List<JvmConstant> all, List<string> needs)
    {
        var found = new List<JvmConstant>();
        for (var type = typePath; type.Length > 0; type = Parent(type))
        {
            foreach (var super in file.Supertypes.GetValueOrDefault(type) ?? [])
            {
                var (candidates, superNeeds) = Qualified(file, [.. super.Split('.'), name], all);
                found.AddRange(candidates);
                needs.AddRange(superNeeds);
            }
        }
        return found;
    }

    /// <summary><c>Q.X</c>: constants of a type whose full name ends in Q (after the file's imports), the visible ones first.</summary>
    private static (List<JvmConstant>, List<string>) Qualified(JvmFile file, string[] name, List<JvmConstant> all)
    {
        var qualifier = name[..^1].Where(s => s != "Companion").ToArray();
        var import = file.Imports.FirstOrDefault(i => !i.IsWildcard && i.LocalName == qualifier[0]);
        var full = import is null ? string.Join('.', qualifier) : string.Join('.', [import.Path, .. qualifier[1..]]);
        var needs = new List<string> { "type:" + full[(full.LastIndexOf('.') + 1)..] };
        var matching = all.Where(c => SameType(c.FullType, full)).ToList();
        if (matching.Count > 1)
        {
            var exact = matching.Where(c => c.FullType == full || (import is null && Visible(file, c, full))).ToList();
            matching = exact.Count > 0 ? exact : matching;
        }
        return (matching, needs);
    }

    /// <summary>A type <c>a.b.Flags</c> in the file's package, nested in a type of the file, or under a wildcard import.</summary>
    private static bool Visible(JvmFile file, JvmConstant constant, string qualifier) =>
        constant.FullType == Join(file.Package, qualifier)
        || file.Imports.Any(i => i.IsWildcard && !i.IsStatic && constant.FullType == i.Path + "." + qualifier);

    private static string Join(string package, string type) => package.Length == 0 ? type : package + "." + type;

    private static string Parent(string dotted) => dotted.LastIndexOf('.') is var dot and >= 0 ? dotted[..dot] : "";

    private static bool SameType(string fullType, string qualifier) =>
        fullType == qualifier || (fullType.EndsWith(qualifier, StringComparison.Ordinal) && fullType.Length > qualifier.Length && fullType[^(qualifier.Length + 1)] == '.');

    /// <summary>A member of <c>A</c> is visible by bare name inside <c>A</c> and <c>A.Nested</c>; a top-level one ("") everywhere in its file.</summary>
    private static bool Encloses(string declaring, string scope) =>
        declaring.Length == 0 || declaring == scope || scope.StartsWith(declaring + ".", StringComparison.Ordinal);
}
