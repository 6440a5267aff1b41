namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// A raw-text test, before any tokenizing, of whether a Java file can bind a bare name to a constant: the name before
/// an <c>=</c> (a field with its initializer), on an <c>import</c> line, any static wildcard import, or an UPPER_CASE name in a
/// class that extends or implements a type (which may declare it). It may say yes wrongly
/// (a local, a comment: the reader then decides); it never says no to a binding the reader finds. A parameter, the
/// usual dynamic key, is ruled out without reading the file's declarations.
/// </summary>
internal static class JvmDeclarationText
{
    public static bool MayBind(string text, string name)
    {
        if (text.Contains(".*", StringComparison.Ordinal) && text.Contains("import static", StringComparison.Ordinal))
        {
            return true;
        }
        if (IsConstantStyle(name) && (text.Contains("implements", StringComparison.Ordinal) || text.Contains("extends", StringComparison.Ordinal)))
        {
            return true; // a constant an interface declares is inherited; parameters are not written in UPPER_CASE
        }
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            if (DeclarationText.IsWordAt(text, at, name.Length) && (BeforeAssignment(text, at + name.Length) || OnImportLine(text, at)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsConstantStyle(string name) => name.Any(char.IsUpper) && !name.Any(char.IsLower);

    private static bool BeforeAssignment(string text, int end)
    {
        while (end < text.Length && char.IsWhiteSpace(text[end]))
        {
            end++;
        }
        return end < text.Length && text[end] == '=' && (end + 1 >= text.Length || text[end + 1] != '=');
    }

    private static bool OnImportLine(string text, int at)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        while (start < at && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        return string.CompareOrdinal(text, start, "import", 0, 6) == 0;
    }
}
