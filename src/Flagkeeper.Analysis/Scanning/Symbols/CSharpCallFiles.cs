using System.Collections.Concurrent;
using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Which C# files of dynamic calls the symbol pass reads and tokenizes. Most dynamic keys are parameters
/// (<c>IsEnabledAsync(flagName)</c>) or names of types no file declares; reading such a call's file tells the pass
/// nothing, because its lookup finds no candidate either way. So a call file is read only when its raw bytes may
/// matter by themselves (<see cref="FirstRead"/>), and after a pass, when what the pass looked up shows that it may
/// (<see cref="NeededAfter"/>): then the pass runs again with it, so the outcome is the one of reading every call file.
/// </summary>
internal sealed class CSharpCallFiles
{
    private static readonly byte[] UsingStatic = "using static"u8.ToArray();

    private readonly string _root;
    private readonly long _maxFileSize;
    private readonly ILookup<string, string[]> _namesByFile;
    private readonly Dictionary<string, SymbolSource> _sources;
    private readonly HashSet<string> _callNames;
    private readonly BindingAnswers _scanned;

    /// <param name="calls">Each call's file (root-relative, a .cs file) and the name its key argument gives.</param>
    /// <param name="sources">The C# files of the walk, with their declaration index.</param>
    /// <param name="scanned">What the scan already found in the call files it read (<see cref="CSharpCallFileFacts"/>): those are not read again to ask.</param>
    public CSharpCallFiles(string root, long maxFileSize, IEnumerable<(string File, string[] Name)> calls, IReadOnlyCollection<SymbolSource> sources, BindingAnswers scanned)
    {
        _root = root;
        _scanned = scanned;
        _maxFileSize = maxFileSize;
        _namesByFile = calls.ToLookup(c => c.File, c => c.Name, StringComparer.Ordinal);
        _sources = sources.ToDictionary(s => s.Path, StringComparer.Ordinal);
        _callNames = _namesByFile.SelectMany(f => f).Where(n => n.Length == 1).Select(n => n[0]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The call files whose bytes may matter by themselves: they may declare a constant some call names, they
    /// <c>using static</c> a type a bare name may come from, or they alias a qualified name's first part.
    /// A file that cannot be tested on its bytes (not UTF-8) is read. The files are tested on all cores.
    /// </summary>
    public HashSet<string> FirstRead()
    {
        var callNames = Utf8(_callNames);
        var read = new ConcurrentBag<string>();
        Parallel.ForEach(_namesByFile, calls =>
        {
            var aliasNames = calls.Where(n => n.Length > 1).Select(n => n[0]).ToList();
            var hasBare = calls.Any(n => n.Length == 1);
            var matters = Ask(calls.Key,
                facts => facts.MayAssignConstant(_callNames) || (hasBare && facts.HasUsingStatic) || facts.MayAssignAlias(aliasNames),
                content => CSharpDeclarationBytes.MayAssign(content, callNames, CSharpDeclarationBytes.ConstantKeywords)
                    || (hasBare && content.IndexOf(UsingStatic) >= 0)
                    || CSharpDeclarationBytes.MayAssign(content, Utf8(aliasNames), CSharpDeclarationBytes.AliasKeywords));
            if (matters is not false)
            {
                read.Add(calls.Key);
            }
        });
        return new HashSet<string>(read, StringComparer.Ordinal);
    }

    /// <summary>
    /// The call files not in <paramref name="read"/> that a pass's lookups show may matter: a call in it names something a
    /// read file declares (its scope then decides), or it may declare a type looked up (and not searched for by the
    /// pass's rounds) or a constant named in an initializer.
    /// </summary>
    public List<string> NeededAfter(SymbolTable table, IReadOnlySet<string> read, IReadOnlySet<string> searchedTypes)
    {
        var types = table.TypesLookedUp.Except(searchedTypes).ToList();
        var indexable = DeclarationIndex.Indexable(types);
        var initializerNameList = table.NamesLookedUp.Except(_callNames).ToList();
        var initializerNames = Utf8(initializerNameList);
        var needed = new List<string>();
        foreach (var calls in _namesByFile)
        {
            if (read.Contains(calls.Key))
            {
                continue;
            }
            if (calls.Any(n => table.Declares(n[^1]))
                || (types.Count > 0 && (indexable is null || _sources.GetValueOrDefault(calls.Key)?.Declarations is not { } declarations || DeclarationIndex.MayDeclare(declarations, indexable)))
                || (initializerNames.Count > 0 && Ask(calls.Key, facts => facts.MayAssignConstant(initializerNameList),
                    content => CSharpDeclarationBytes.MayAssign(content, initializerNames, CSharpDeclarationBytes.ConstantKeywords)) is not false))
            {
                needed.Add(calls.Key);
            }
        }
        return needed;
    }

    /// <summary>
    /// A question about a call file: of what the scan recorded of it (<see cref="CSharpCallFileFacts"/>), else of its
    /// bytes, read again; null when those cannot be tested (not UTF-8: the file is read).
    /// </summary>
    private bool? Ask(string file, Func<CSharpCallFileFacts, bool> ofFacts, Utf8Check ofBytes) =>
        _scanned.CSharpCallFile(file) is { } facts ? ofFacts(facts) : SymbolSources.CheckUtf8(Path.Combine(_root, file), _maxFileSize, ofBytes);

    private static List<byte[]> Utf8(IEnumerable<string> names) => [.. names.Distinct(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes)];
}
