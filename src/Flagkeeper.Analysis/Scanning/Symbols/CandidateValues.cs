namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// The rule every language's pass applies when a name has several declarations: it resolves only when all of them
/// fold to one value, and then to the first declaration by file and offset.
/// </summary>
internal static class CandidateValues
{
    /// <summary>
    /// The index in <paramref name="values"/> of the first that failed (its value null) or of the one that stands for all;
    /// -1 with the reason when they disagree.
    /// </summary>
    /// <param name="place">A declaration as <c>file:line:column</c>; <paramref name="order"/>: its file and offset.</param>
    public static (int Index, string? Ambiguity) Pick<T>(IReadOnlyList<(T Item, string? Value)> values, Func<T, (string File, int Offset)> order, Func<T, string> place, string shown)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Value is null)
            {
                return (i, null);
            }
        }
        if (values.Select(v => v.Value).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            var places = string.Join(", ", values.Take(3).Select(v => place(v.Item)));
            return (-1, $"'{shown}' is ambiguous: {values.Count} declarations with different values ({places})");
        }
        var first = Enumerable.Range(0, values.Count).OrderBy(i => order(values[i].Item).File, StringComparer.Ordinal).ThenBy(i => order(values[i].Item).Offset).First();
        return (first, null);
    }

    /// <summary>A declaration as messages show it: <c>file:line:column</c>.</summary>
    public static string Place(string file, (int Line, int Column) at) => $"{file}:{at.Line}:{at.Column}";
}
