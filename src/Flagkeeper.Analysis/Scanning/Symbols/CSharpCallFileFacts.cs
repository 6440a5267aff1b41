using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// What <see cref="CSharpCallFiles"/> asks of a C# call file's raw bytes, answered for every name at once while the
/// scan has the bytes: which words <see cref="CSharpDeclarationBytes.MayAssign"/> would find assigned in a statement
/// with <c>const</c> or <c>readonly</c> (a constant) or with <c>using</c> (an alias), and whether the file holds
/// <c>using static</c>. The questions themselves name every call's name in the tree, which the scan does not know yet
/// while it reads one file; with these the pass no longer opens each call file again to ask them.
/// </summary>
internal sealed class CSharpCallFileFacts
{
    private static readonly byte[] UsingStatic = "using static"u8.ToArray();
    private const int MaxWordOnStack = 256; // a longer word is made a string to be looked up

    private readonly HashSet<string> _constants = new(StringComparer.Ordinal);
    private readonly HashSet<string> _aliases = new(StringComparer.Ordinal);

    private CSharpCallFileFacts(bool hasUsingStatic) => HasUsingStatic = hasUsingStatic;

    public bool HasUsingStatic { get; }

    /// <summary>
    /// The facts of a file's UTF-8 bytes (its BOM dropped, as <see cref="SymbolSources.CheckUtf8(ReadOnlySpan{byte}, Utf8Check)"/>
    /// gives them). A word is a name when <c>MayAssign</c> finds it at that place: a whole ASCII word, then only
    /// spaces or non-ASCII bytes, then <c>/</c> or an <c>=</c> that is not <c>==</c> or <c>=&gt;</c>; so every
    /// <c>=</c> and <c>/</c> is looked at once, and the word before it, if any, tested as <c>MayAssign</c> tests it.
    /// </summary>
    public static CSharpCallFileFacts Of(ReadOnlySpan<byte> content)
    {
        var facts = new CSharpCallFileFacts(content.IndexOf(UsingStatic) >= 0);
        // Words are looked up as characters: a string is made only for a word not seen before in the file.
        var constants = facts._constants.GetAlternateLookup<ReadOnlySpan<char>>();
        var aliases = facts._aliases.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> word = stackalloc char[MaxWordOnStack];
        var statement = new StatementSoFar();
        for (var at = content.IndexOfAny((byte)'=', (byte)'/'); at >= 0; at = Next(content, at))
        {
            if (content[at] == '=' && at + 1 < content.Length && content[at + 1] is (byte)'=' or (byte)'>')
            {
                continue;
            }
            var end = at;
            while (end > 0 && CSharpDeclarationBytes.IsSkippedBeforeAssignment(content[end - 1]))
            {
                end--;
            }
            var start = end;
            while (start > 0 && CSharpDeclarationBytes.IsAsciiNamePart(content[start - 1]))
            {
                start--;
            }
            if (start == end)
            {
                continue;
            }
            statement.ReadTo(content, start);
            var isConstant = statement.HasQuoteOrSlash || statement.HasConstantKeyword;
            var isAlias = statement.HasQuoteOrSlash || statement.HasAliasKeyword;
            if (!isConstant && !isAlias)
            {
                continue;
            }
            // The bytes are ASCII name characters (IsAsciiNamePart): each is its character.
            scoped ReadOnlySpan<char> chars;
            if (end - start <= word.Length)
            {
                Ascii.ToUtf16(content[start..end], word, out var written);
                chars = word[..written];
            }
            else
            {
                chars = Encoding.ASCII.GetString(content[start..end]);
            }
            if (isConstant)
            {
                constants.Add(chars);
            }
            if (isAlias)
            {
                aliases.Add(chars);
            }
        }
        return facts;
    }

    /// <summary>What <c>MayAssign(content, names, ConstantKeywords)</c> answers on the file's bytes.</summary>
    public bool MayAssignConstant(IEnumerable<string> names) => MayAssign(names, _constants);

    /// <summary>What <c>MayAssign(content, names, AliasKeywords)</c> answers on the file's bytes.</summary>
    public bool MayAssignAlias(IEnumerable<string> names) => MayAssign(names, _aliases);

    // A name that is not one ASCII word (non-ASCII letters, a verbatim @) cannot be told from the words: say yes, so the file is read.
    private static bool MayAssign(IEnumerable<string> names, HashSet<string> assigned) =>
        names.Any(name => !IsAsciiWord(name) || assigned.Contains(name));

    private static bool IsAsciiWord(string name) => name.Length > 0 && name.All(c => c < 0x80 && CSharpDeclarationBytes.IsAsciiNamePart((byte)c));

    /// <summary>
    /// What <c>InStatementWith</c> sees before a word, kept as the words come in file order: the statement so far is
    /// read once, not again from its <c>;</c> for every word (a long statement of many assignments, such as a
    /// generated initializer, would otherwise cost its length squared). What it holds only grows until the next <c>;</c>.
    /// </summary>
    private struct StatementSoFar
    {
        private const int LongestKeyword = 8; // "readonly": one found across the last boundary is searched again

        private int _start; // after the statement's ';'
        private int _readTo;

        public bool HasQuoteOrSlash { get; private set; }

        public bool HasConstantKeyword { get; private set; }

        public bool HasAliasKeyword { get; private set; }

        /// <param name="at">A word's start, past every earlier one's.</param>
        public void ReadTo(ReadOnlySpan<byte> content, int at)
        {
            var from = _readTo;
            if (content[_readTo..at].LastIndexOf((byte)';') is var semicolon and >= 0)
            {
                _start = from = _readTo + semicolon + 1;
                HasQuoteOrSlash = HasConstantKeyword = HasAliasKeyword = false;
            }
            var statement = content[_start..at];
            var searchFrom = Math.Max(0, from - _start - LongestKeyword);
            HasQuoteOrSlash |= content[from..at].IndexOfAny((byte)'"', (byte)'\'', (byte)'/') >= 0;
            HasConstantKeyword = HasConstantKeyword || CSharpDeclarationBytes.HasKeyword(statement, searchFrom, CSharpDeclarationBytes.ConstantKeywords);
            HasAliasKeyword = HasAliasKeyword || CSharpDeclarationBytes.HasKeyword(statement, searchFrom, CSharpDeclarationBytes.AliasKeywords);
            _readTo = at;
        }
    }

    private static int Next(ReadOnlySpan<byte> content, int at)
    {
        var next = content[(at + 1)..].IndexOfAny((byte)'=', (byte)'/');
        return next < 0 ? -1 : at + 1 + next;
    }
}
