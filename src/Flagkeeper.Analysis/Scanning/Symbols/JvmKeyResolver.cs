using System.Collections.Concurrent;
using System.Text;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The symbol pass for Java and Kotlin: a dynamic usage whose key argument names a constant (<c>Flags.NEW_CHECKOUT</c>,
/// <c>NEW_CHECKOUT</c> through a static import, <c>Feature.BETA.name()</c>, a Kotlin <c>const val</c>) becomes a usage of
/// its value, with where it is declared. It reads the files of those calls, then only the files whose raw text can
/// declare a type (or Kotlin top-level constant) a name needs. A name it cannot resolve, or resolves to several values,
/// stays dynamic with the reason.
/// </summary>
internal sealed class JvmKeyResolver : IKeyResolver
{
    private const int MaxRounds = 4;

    private sealed record Reference(int Index, string[] Name, bool EnumMemberOnly, bool ViaToString = false);

    public bool ReadsFrom(string file) => JvmFile.IsJava(file) || JvmFile.IsKotlinFile(file);

    public bool IsCandidate(Usage usage) => usage is { Kind: UsageKind.Dynamic, Argument: not null } && ReadsFrom(usage.File);

    /// <summary>A bare name in a Java file: may the file's raw text bind it (<see cref="JvmDeclarationText.MayBind"/>)? No: it is ruled out unread.</summary>
    public (string Name, BindingCheck Check)? BindingQuestion(Usage usage) =>
        IsCandidate(usage) && JvmFile.IsJava(usage.File) && Parse(usage.Argument!) is { Name: [var name] } ? (name, JvmDeclarationText.MayBind) : null;

    public void Resolve(string root, Usage[] usages, int[] dynamic, IEnumerable<SymbolSource> sourceFiles, long maxFileSize, BindingAnswers scanned)
    {
        var references = KeyReferences.Find(usages, dynamic, ReadsFrom, (index, argument) => Parse(argument) is { } parsed ? parsed with { Index = index } : null);
        if (references.Count == 0)
        {
            return;
        }
        var files = sourceFiles as IReadOnlyCollection<SymbolSource> ?? [.. sourceFiles];
        var table = new JvmConstantTable();
        var loaded = new Dictionary<string, JvmFile>(StringComparer.Ordinal);
        var results = new JvmValue?[references.Count];
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var searched = new HashSet<string>(StringComparer.Ordinal);
        var toRead = references.Select(r => usages[r.Index].File).Distinct(StringComparer.Ordinal).ToList();
        var byFile = references.ToLookup(r => usages[r.Index].File, StringComparer.Ordinal);
        var ruledOut = new ConcurrentDictionary<int, bool>(); // usages whose bare name the raw text of a Java call file cannot bind
        // A call file is parsed unless each reference in it is a bare name in Java that the file's raw text cannot bind;
        // those are ruled out unread. mayBind answers for one name, or null when it cannot (then the bytes are asked).
        bool? Wanted(string file, Func<string, bool?> mayBind)
        {
            var ruledOutHere = new List<int>();
            var wanted = false;
            foreach (var reference in byFile[file])
            {
                var answer = reference.Name.Length == 1 && JvmFile.IsJava(file) ? mayBind(reference.Name[0]) : true;
                if (answer is null)
                {
                    return null;
                }
                wanted |= answer.Value;
                if (!answer.Value)
                {
                    ruledOutHere.Add(reference.Index);
                }
            }
            foreach (var index in ruledOutHere)
            {
                ruledOut[index] = true;
            }
            return wanted;
        }
        bool WantedByBytes(string file, ReadOnlySpan<byte> text)
        {
            var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var reference in byFile[file].Where(r => r.Name.Length == 1))
            {
                answers[reference.Name[0]] = JvmDeclarationText.MayBind(text, reference.Name[0]);
            }
            return Wanted(file, name => answers[name]) is not false;
        }
        bool? WantedAsScanned(string file) => Wanted(file, name => scanned.TryGet(file, name, out var mayBind) ? mayBind : null);
        for (var round = 0; round <= MaxRounds; round++)
        {
            foreach (var file in Load(root, toRead, round == 0 ? null : needed, maxFileSize, round == 0 ? WantedByBytes : null, round == 0 ? WantedAsScanned : null))
            {
                loaded[file.File] = file;
                table.Add(file);
            }
            searched.UnionWith(needed);
            needed.Clear();
            for (var r = 0; r < references.Count; r++)
            {
                var usage = usages[references[r].Index];
                results[r] = ruledOut.ContainsKey(references[r].Index) ? JvmValue.Fail($"'{references[r].Name[0]}' is not a constant declared or imported in {usage.File}")
                    : loaded.TryGetValue(usage.File, out var from)
                    ? ToStringChecked(references[r], table.Resolve(from, from.TypeAt(from.OffsetOf(usage.Line, usage.Column)), references[r].Name, references[r].EnumMemberOnly))
                    : JvmValue.Fail("its file could not be read again");
                needed.UnionWith(results[r]!.Needs);
            }
            needed.ExceptWith(searched); // searched for once: not in the tree
            if (needed.Count == 0)
            {
                break;
            }
            toRead = Unread(files, loaded, needed);
        }

        for (var r = 0; r < references.Count; r++)
        {
            var usage = usages[references[r].Index];
            usages[references[r].Index] = results[r] is { Value: { Length: > 0 } key } result
                ? usage with { Kind = UsageKind.Usage, Flag = key, DeclaredAt = Location(result.Declaration) }
                : usage with { Unresolved = results[r]!.Reason ?? "its value is empty" };
        }
    }

    /// <summary><c>X</c>, <c>A.B.X</c>, and an enum entry's name: <c>E.X.name()</c>, <c>E.X.toString()</c>, Kotlin's <c>E.X.name</c>.</summary>
    private static Reference? Parse(string argument)
    {
        if (KeyReferences.StartsWithLiteral(argument))
        {
            return null;
        }
        var tokens = JvmLexer.Tokenize(argument.Trim(), kotlin: false);
        if (tokens.Count == 0 || tokens[0].Kind != TokenKind.Identifier)
        {
            return null;
        }
        var end = CSharpDeclarationReader.DottedName(tokens, 0, out var dotted);
        var parts = dotted.Split('.');
        var call = end == tokens.Count - 2 && tokens[^2].Is('(') && tokens[^1].Is(')');
        if (parts.Length >= 3 && ((call && parts[^1] is "name" or "toString") || (end == tokens.Count && parts[^1] == "name")))
        {
            return new Reference(0, parts[..^1], EnumMemberOnly: true, ViaToString: call && parts[^1] == "toString");
        }
        return end == tokens.Count ? new Reference(0, parts, EnumMemberOnly: false) : null;
    }

    /// <summary><c>E.X.toString()</c> is the entry's name only when the enum does not override <c>toString()</c>.</summary>
    private static JvmValue ToStringChecked(Reference reference, JvmValue value) =>
        reference.ViaToString && value.Declaration is { } entry && entry.Owner.OverridesToString.Contains(entry.TypePath)
            ? JvmValue.Fail($"'{string.Join('.', reference.Name)}' is an entry of an enum that overrides toString(), so its string is not its name")
            : value;

    private static SourceLocation? Location(JvmConstant? constant) =>
        constant?.Owner.Position(constant.Offset) is { } at ? new SourceLocation(constant.Owner.File, at.Line, at.Column) : null;

    /// <summary>Whether a file is worth parsing, from its text as UTF-8 bytes.</summary>
    private delegate bool WantedFile(string file, ReadOnlySpan<byte> text);

    /// <summary>Reads and parses, in parallel, the files whose raw bytes can declare one of <paramref name="needs"/> (null: every file given).</summary>
    /// <param name="wanted">Whether a file is worth parsing (null: every one); asked of a UTF-8 file's bytes before it is decoded.</param>
    /// <param name="wantedAsScanned">The same answer from what the scan found, or null when it cannot tell (then <paramref name="wanted"/> reads the file).</param>
    private static List<JvmFile> Load(string root, IEnumerable<string> files, IReadOnlySet<string>? needs, long maxFileSize, WantedFile? wanted = null,
        Func<string, bool?>? wantedAsScanned = null)
    {
        var needles = needs?.SelectMany(Needles).Select(Encoding.UTF8.GetBytes).ToArray();
        var found = new ConcurrentBag<JvmFile>();
        Parallel.ForEach(files, file =>
        {
            var path = Path.Combine(root, file);
            var asked = wanted is null ? true : wantedAsScanned?.Invoke(file) ?? SymbolSources.CheckUtf8(path, maxFileSize, bytes => wanted(file, bytes));
            if (asked is not false && SymbolSources.Read(path, maxFileSize, needles) is { } text && (asked is true || Utf8Chars.OnText(text, utf8 => wanted!(file, utf8))))
            {
                found.Add(JvmDeclarationReader.Read(file, text));
            }
        });
        return [.. found.OrderBy(f => f.File, StringComparer.Ordinal)];
    }

    /// <summary>What a declaring file's raw text holds: <c>class Flags</c> (or another type keyword), <c>val X</c>.</summary>
    private static IEnumerable<string> Needles(string need) =>
        need.StartsWith("type:", StringComparison.Ordinal)
            ? DeclarationIndex.JvmTypeKeywords.Select(k => k + need[5..])
            : [DeclarationIndex.ValueKeyword + need[4..]];

    /// <summary>
    /// The files a round searches: not read yet, and able to declare a need, as far as the declaration index the scan
    /// made tells: a type, or (a <c>val:</c> need, a Kotlin top-level constant) a <c>val</c> in a Kotlin file: a Java file declares none.
    /// </summary>
    private static List<string> Unread(IReadOnlyCollection<SymbolSource> files, Dictionary<string, JvmFile> loaded, HashSet<string> needs)
    {
        var typeNeeds = needs.Where(n => n.StartsWith("type:", StringComparison.Ordinal)).Select(n => n[5..]).ToList();
        var types = typeNeeds.Count > 0 ? DeclarationIndex.Indexable(typeNeeds) : null;
        var valueNeeds = needs.Where(n => n.StartsWith("val:", StringComparison.Ordinal)).Select(n => n[4..]).ToList();
        var values = valueNeeds.Count > 0 ? DeclarationIndex.IndexableValues(valueNeeds) : null;
        return [.. files
            .Where(f => !loaded.ContainsKey(f.Path)
                && ((typeNeeds.Count > 0 && MayDeclare(f, types))
                    || (valueNeeds.Count > 0 && JvmFile.IsKotlinFile(f.Path) && MayDeclare(f, values))))
            .Select(f => f.Path)];

        // Null names or no index: the file is read, and its bytes answer.
        static bool MayDeclare(SymbolSource file, string[]? names) =>
            names is null || file.Declarations is null || DeclarationIndex.MayDeclare(file.Declarations, names);
    }
}
