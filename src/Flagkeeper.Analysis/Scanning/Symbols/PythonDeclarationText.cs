namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// A raw-text test, before any tokenizing, of whether a Python file can bind a name at its top level the way the module
/// reader would: the name at a line's start (an assignment, <c>NAME: Final = …</c>), after <c>class</c>, or inside an
/// <c>import</c> statement. It may say yes wrongly (the reader then decides); it never says no to a binding the reader finds.
/// </summary>
internal static class PythonDeclarationText
{
    private const int MaxImport = 4_000; // characters from `import` to a name it binds

    public static bool MayBind(string text, string name)
    {
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            if (IsWordAt(text, at, name.Length) && (at == 0 || text[at - 1] == '\n' || AfterWord(text, at, "class") || InImport(text, at)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsWordAt(string text, int at, int length) =>
        (at == 0 || !IsNamePart(text[at - 1])) && (at + length >= text.Length || !IsNamePart(text[at + length]));

    private static bool AfterWord(string text, int at, string word)
    {
        var end = at;
        while (end > 0 && text[end - 1] is ' ' or '\t')
        {
            end--;
        }
        return end < at && end >= word.Length && string.CompareOrdinal(text, end - word.Length, word, 0, word.Length) == 0
            && IsWordAt(text, end - word.Length, word.Length);
    }

    /// <summary>Between an <c>import</c> and the name: only names, dots, commas, spaces and parentheses (line ends only inside them).</summary>
    private static bool InImport(string text, int at)
    {
        var import = text.LastIndexOf("import", at, Math.Min(at + 1, MaxImport), StringComparison.Ordinal);
        if (import < 0 || !IsWordAt(text, import, "import".Length))
        {
            return false;
        }
        var parenthesised = false;
        for (var i = import + "import".Length; i < at; i++)
        {
            var c = text[i];
            parenthesised |= c == '(';
            if (!(IsNamePart(c) || c is '.' or ',' or ' ' or '\t' or '(' or '\\' || (c is '\n' or '\r' && (parenthesised || text[i - 1] is '\\' or '\r'))))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
