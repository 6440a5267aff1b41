using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// A raw-text test, before any tokenizing, of whether a TypeScript or JavaScript file can bind a name the way the
/// module reader would: <c>const|let|var|enum NAME</c>, or NAME inside an <c>import … from</c> clause. It may say yes
/// wrongly (a match in a comment or string: the reader then decides); it never says no to a binding the reader finds.
/// It reads UTF-8 (<see cref="Utf8Chars"/>): a file's bytes, or a decoded text encoded again.
/// </summary>
internal static class DeclarationText
{
    private static readonly byte[][] Keywords = [.. new[] { "const", "let", "var", "enum" }.Select(Encoding.ASCII.GetBytes)];
    private const int MaxImportClause = 4_000; // characters from `import` to its `from`

    public static bool MayBind(ReadOnlySpan<char> text, string name) => Utf8Chars.OnText(text, utf8 => MayBind(utf8, name));

    /// <summary>The test on valid UTF-8.</summary>
    public static bool MayBind(ReadOnlySpan<byte> text, string name)
    {
        ReadOnlySpan<byte> bytes = Encoding.UTF8.GetBytes(name);
        for (var at = text.IndexOf(bytes); at >= 0; at = Utf8Chars.Find(text, bytes, at + 1))
        {
            if (IsWordAt(text, at, bytes.Length) && (AfterKeyword(text, at) || InImportClause(text, at)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The name at <paramref name="at"/> is a whole word (Java's identifiers have the same characters: letters, digits, '_' and '$').</summary>
    internal static bool IsWordAt(ReadOnlySpan<byte> text, int at, int length) =>
        (at == 0 || !IsIdentifierPart(Utf8Chars.Before(text, at))) && (at + length >= text.Length || !IsIdentifierPart(Utf8Chars.At(text, at + length)));

    /// <summary><c>const NAME</c>: the word before the name (across whitespace) is a declaring keyword.</summary>
    private static bool AfterKeyword(ReadOnlySpan<byte> text, int at)
    {
        var end = at;
        while (end > 0 && char.IsWhiteSpace(Utf8Chars.Before(text, end, out var start)))
        {
            end = start;
        }
        if (end == at)
        {
            return false;
        }
        var wordStart = end;
        while (wordStart > 0 && IsIdentifierPart(Utf8Chars.Before(text, wordStart, out var start)))
        {
            wordStart = start;
        }
        var word = text[wordStart..end];
        foreach (var keyword in Keywords)
        {
            if (word.SequenceEqual(keyword))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The name sits between an <c>import</c> and the next <c>from</c> (a default, named or namespace import).</summary>
    private static bool InImportClause(ReadOnlySpan<byte> text, int at)
    {
        var import = Utf8Chars.LastImport(text, at, MaxImportClause + 1);
        if (import < 0 || !IsWordAt(text, import, "import".Length))
        {
            return false;
        }
        var from = Utf8Chars.Find(text, "from"u8, import);
        while (from >= 0 && !IsWordAt(text, from, "from".Length))
        {
            from = Utf8Chars.Find(text, "from"u8, from + 1); // `fromDate` is a name, not the keyword
        }
        return from > at && text[import..at].IndexOf((byte)';') < 0;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
