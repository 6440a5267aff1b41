namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Folds a constant string expression, <c>term + term + …</c>, for every language's symbol pass; what a term
/// is (a literal, a name, a conversion) is the language's, through <see cref="TermReader"/>.
/// </summary>
internal static class ConstantConcatenation
{
    /// <summary>Reads one term at <paramref name="at"/> and moves past it; a null value fails the whole expression.</summary>
    public delegate Folded TermReader(ref int at, int end);

    public static Folded Fold(List<Token> tokens, Range range, TermReader term)
    {
        var (start, end) = (range.Start.Value, range.End.Value);
        var text = new System.Text.StringBuilder();
        var missing = new List<string>();
        var at = start;
        while (at < end)
        {
            var piece = term(ref at, end);
            if (piece.Value is null)
            {
                return piece;
            }
            text.Append(piece.Value);
            missing.AddRange(piece.Missing);
            if (at < end && !tokens[at].Is('+'))
            {
                return Folded.Fail("its initializer is not a constant string expression");
            }
            at++;
        }
        return at == start ? Folded.Fail("its initializer is empty") : new Folded(text.ToString(), null, null, missing);
    }

    /// <summary>The index of the ')' that closes the '(' at <paramref name="open"/>, or <paramref name="end"/>.</summary>
    public static int Close(List<Token> tokens, int open, int end)
    {
        var depth = 0;
        for (var i = open; i < end; i++)
        {
            if (tokens[i].Is('('))
            {
                depth++;
            }
            else if (tokens[i].Is(')') && --depth == 0)
            {
                return i;
            }
        }
        return end;
    }
}
