namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// A test on a C# file's raw UTF-8 bytes, before any decoding or tokenizing, of whether it can assign a name the way
/// a declaration does: the name, a whole word, before <c>=</c> (not <c>==</c> or <c>=&gt;</c>) or a comment, in a
/// statement that holds one of the given keywords (<c>const</c>, <c>readonly</c>; <c>using</c> for an alias). It may
/// say yes wrongly (a local, a comment); it never says no to what the declaration reader finds.
/// </summary>
internal static class CSharpDeclarationBytes
{
    /// <summary>The keywords a string constant's statement holds (<c>const string K = …</c>, <c>static readonly string K = …</c>).</summary>
    public static readonly byte[][] ConstantKeywords = ["const"u8.ToArray(), "readonly"u8.ToArray()];

    /// <summary>The keyword of an alias (<c>using F = Shop.FeatureFlags;</c>).</summary>
    public static readonly byte[][] AliasKeywords = ["using"u8.ToArray()];

    /// <summary>Whether <paramref name="content"/> may assign one of <paramref name="names"/> (UTF-8) in a statement holding one of <paramref name="keywords"/>.</summary>
    public static bool MayAssign(ReadOnlySpan<byte> content, IEnumerable<byte[]> names, byte[][] keywords)
    {
        foreach (var name in names)
        {
            for (var at = content.IndexOf(name); at >= 0; at = Utf8Chars.Find(content, name, at + 1))
            {
                if (IsWordAt(content, at, name.Length) && BeforeAssignment(content, at + name.Length) && InStatementWith(content, at, keywords))
                {
                    return true;
                }
            }
        }
        return false;
    }

    // A byte of a multi-byte character counts as a separator: that finds more words, never fewer.
    private static bool IsWordAt(ReadOnlySpan<byte> content, int at, int length) =>
        (at == 0 || !IsAsciiNamePart(content[at - 1])) && (at + length >= content.Length || !IsAsciiNamePart(content[at + length]));

    /// <summary>An <c>=</c> that is not <c>==</c> or <c>=&gt;</c>, or a comment (which may hide one), after spaces.</summary>
    private static bool BeforeAssignment(ReadOnlySpan<byte> content, int end)
    {
        while (end < content.Length && IsSkippedBeforeAssignment(content[end]))
        {
            end++;
        }
        if (end >= content.Length)
        {
            return false;
        }
        return content[end] == '/' || (content[end] == '=' && (end + 1 >= content.Length || content[end + 1] is not ((byte)'=' or (byte)'>')));
    }

    /// <summary>
    /// Whether the statement around the name, from the <c>;</c> before it, holds a keyword. A quote or a slash there
    /// may mean the <c>;</c> was in a string or a comment (<c>const string A = "a;b", K = …</c>): that says yes too.
    /// </summary>
    private static bool InStatementWith(ReadOnlySpan<byte> content, int at, byte[][] keywords)
    {
        var statement = content[(content[..at].LastIndexOf((byte)';') + 1)..at];
        return statement.IndexOfAny((byte)'"', (byte)'\'', (byte)'/') >= 0 || HasKeyword(statement, 0, keywords);
    }

    /// <summary>Whether a keyword starts at or after <paramref name="from"/> in <paramref name="statement"/>, as a whole word of it.</summary>
    internal static bool HasKeyword(ReadOnlySpan<byte> statement, int from, byte[][] keywords)
    {
        foreach (var keyword in keywords)
        {
            for (var i = Utf8Chars.Find(statement, keyword, from); i >= 0; i = Utf8Chars.Find(statement, keyword, i + 1))
            {
                if (IsWordAt(statement, i, keyword.Length))
                {
                    return true;
                }
            }
        }
        return false;
    }

    internal static bool IsAsciiNamePart(byte b) => b == '_' || char.IsAsciiLetterOrDigit((char)b);

    /// <summary>What may stand between a name and its <c>=</c>: a space, or a byte of a multi-byte character.</summary>
    internal static bool IsSkippedBeforeAssignment(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v' || b >= 0x80;
}
