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

    public static bool MayBind(ReadOnlySpan<char> text, string name)
    {
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = Next(text, name, at))
        {
            if (IsWordAt(text, at, name.Length) && (AfterKeyword(text, at) || InImportClause(text, at)))
            {
                return true;
            }
        }
        return false;
    }

    private static int Next(ReadOnlySpan<char> text, string name, int at)
    {
        var next = text[(at + 1)..].IndexOf(name, StringComparison.Ordinal);
        return next < 0 ? -1 : at + 1 + next;
    }

    internal static bool IsWordAt(ReadOnlySpan<char> text, int at, int length) =>
        (at == 0 || !IsIdentifierPart(text[at - 1])) && (at + length >= text.Length || !IsIdentifierPart(text[at + length]));

    /// <summary><c>const NAME</c>: the word before the name (across whitespace) is a declaring keyword.</summary>
    private static bool AfterKeyword(ReadOnlySpan<char> text, int at)
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
        var word = text[start..end];
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
    private static bool InImportClause(ReadOnlySpan<char> text, int at)
    {
        var windowStart = Math.Max(0, at - MaxImportClause);
        // The last "import" within [windowStart, at] (ending by `at`), as string.LastIndexOf(value, at, count) finds it.
        var import = text[windowStart..(at + 1)].LastIndexOf("import", StringComparison.Ordinal);
        if (import < 0 || !IsWordAt(text, import += windowStart, "import".Length))
        {
            return false;
        }
        var from = Find(text, "from", import);
        while (from >= 0 && !IsWordAt(text, from, "from".Length))
        {
            from = Find(text, "from", from + 1); // `fromDate` is a name, not the keyword
        }
        return from > at && text[import..at].IndexOf(';') < 0;
    }

    private static int Find(ReadOnlySpan<char> text, string value, int start)
    {
        var found = text[start..].IndexOf(value, StringComparison.Ordinal);
        return found < 0 ? -1 : start + found;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
