using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// A raw-text test, before any tokenizing, of whether a Python file can bind a name at its top level the way the module
/// reader would: the name at a line's start (an assignment, <c>NAME: Final = …</c>), after <c>class</c>, or inside an
/// <c>import</c> statement. It may say yes wrongly (the reader then decides); it never says no to a binding the reader finds.
/// It reads UTF-8 (<see cref="Utf8Chars"/>): a file's bytes, where a lone CR ends a line as the decoded text's '\n' does,
/// or a decoded text encoded again.
/// </summary>
internal static class PythonDeclarationText
{
    private const int MaxImport = 4_000; // characters from `import` to a name it binds

    public static bool MayBind(string text, string name) => Utf8Chars.OnText(text, utf8 => MayBind(utf8, name));

    /// <summary>The test on valid UTF-8.</summary>
    public static bool MayBind(ReadOnlySpan<byte> text, string name)
    {
        ReadOnlySpan<byte> bytes = Encoding.UTF8.GetBytes(name);
        for (var at = text.IndexOf(bytes); at >= 0; at = Utf8Chars.Find(text, bytes, at + 1))
        {
            if (IsWordAt(text, at, bytes.Length) && (at == 0 || text[at - 1] is (byte)'\n' or (byte)'\r' || AfterWord(text, at, "class"u8) || InImport(text, at)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsWordAt(ReadOnlySpan<byte> text, int at, int length) =>
        (at == 0 || !IsNamePart(Utf8Chars.Before(text, at))) && (at + length >= text.Length || !IsNamePart(Utf8Chars.At(text, at + length)));

    private static bool AfterWord(ReadOnlySpan<byte> text, int at, ReadOnlySpan<byte> word)
    {
        var end = at;
        while (end > 0 && text[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }
        return end < at && end >= word.Length && text[(end - word.Length)..end].SequenceEqual(word) && IsWordAt(text, end - word.Length, word.Length);
    }

    /// <summary>Between an <c>import</c> and the name: only names, dots, commas, spaces and parentheses (line ends only inside them).</summary>
    private static bool InImport(ReadOnlySpan<byte> text, int at)
    {
        var import = Utf8Chars.LastImport(text, at, MaxImport);
        if (import < 0 || !IsWordAt(text, import, "import".Length))
        {
            return false;
        }
        var parenthesised = false;
        for (var i = import + "import".Length; i < at;)
        {
            var c = Utf8Chars.At(text, i, out var next);
            parenthesised |= c == '(';
            // A '\r' before a '\n' is a CRLF's; a lone one (only in a file's bytes) is a '\n' in the text.
            if (!(IsNamePart(c) || c is '.' or ',' or ' ' or '\t' or '(' or '\\'
                || (c is '\n' or '\r' && (parenthesised || text[i - 1] == '\\' || (text[i - 1] == '\r' && c == '\n')))))
            {
                return false;
            }
            i = next;
        }
        return true;
    }

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
