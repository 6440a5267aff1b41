namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// A raw-text test, before any tokenizing, of whether a TypeScript or JavaScript file can bind a name the way the
/// module reader would: <c>const|let|var|enum NAME</c>, or NAME inside an <c>import … from</c> clause. It may say yes
/// wrongly (a match in a comment or string: the reader then decides); it never says no to a binding the reader finds.
/// </summary>
internal static class DeclarationText
{
    private static readonly string[] Keywords = ["const", "let", "var", "enum"];
    private const int MaxImportClause = 4_000; // characters from `import` to its `from`

    public static bool MayBind(string text, string name)
    {
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            if (IsWordAt(text, at, name.Length) && (AfterKeyword(text, at) || InImportClause(text, at)))
            {
                return true;
            }
        }
        return false;
    }

    internal static bool IsWordAt(string text, int at, int length) =>
        (at == 0 || !IsIdentifierPart(text[at - 1])) && (at + length >= text.Length || !IsIdentifierPart(text[at + length]));

    /// <summary><c>const NAME</c>: the word before the name (across whitespace) is a declaring keyword.</summary>
    private static bool AfterKeyword(string text, int at)
    {
        var end = at;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end == at)
        {
            return false;
        }
        var start = end;
        while (start > 0 && IsIdentifierPart(text[start - 1]))
        {
            start--;
        }
        var word = text.AsSpan(start, end - start);
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
    private static bool InImportClause(string text, int at)
    {
        var windowStart = Math.Max(0, at - MaxImportClause);
        var import = text.LastIndexOf("import", at, at - windowStart + 1, StringComparison.Ordinal);
        if (import < 0 || !IsWordAt(text, import, "import".Length))
        {
            return false;
        }
        var from = text.IndexOf("from", import, StringComparison.Ordinal);
        while (from >= 0 && !IsWordAt(text, from, "from".Length))
        {
            from = text.IndexOf("from", from + 1, StringComparison.Ordinal); // `fromDate` is a name, not the keyword
        }
        return from > at && text.IndexOf(';', import, at - import) < 0;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
