namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Where the lexers collect a file's tokens: one list a thread reuses, copied out at the exact count. A list sized by
/// guess and grown by doubling allocated about twice the tokens, in arrays large enough for the large-object heap,
/// and was most of what the symbol pass allocated on a dense tree.
/// </summary>
internal static class TokenBuffer
{
    // A list this large is not kept: one huge file should not hold its memory for the rest of the run.
    private const int MaxKeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static List<Token>? t_spare;

    /// <summary>An empty list to add tokens to; hand it to <see cref="Complete"/> when done.</summary>
    public static List<Token> Start()
    {
        var list = t_spare ?? new List<Token>(1024);
        t_spare = null; // a Start while this list is out (lent, or a lexer inside a lexer) gets a list of its own
        return list;
    }

    /// <summary>The tokens in a list of their own, exactly as large as needed; <paramref name="buffer"/> goes back for the thread's next file.</summary>
    public static List<Token> Complete(List<Token> buffer)
    {
        var tokens = new List<Token>(buffer);
        Release(buffer);
        return tokens;
    }

    /// <summary>The thread's buffer, with the tokens a lexer put in it, lent until the returned value is disposed.</summary>
    public static LentTokens Lend(List<Token> buffer) => new(buffer);

    /// <summary>Gives back a buffer whose tokens were lent (a lexer's <c>TokenizeLent</c>) and are no longer read.</summary>
    public static void Release(List<Token> buffer)
    {
        buffer.Clear();
        if (buffer.Capacity <= MaxKeptCapacity)
        {
            t_spare = buffer;
        }
    }
}

/// <summary>
/// A file's tokens lent by a lexer's <c>TokenizeLent</c> from the thread's <see cref="TokenBuffer"/>: read them, keep
/// none (copy what must stay), and dispose to give the buffer back (<c>using var tokens = …</c>).
/// </summary>
internal readonly struct LentTokens(List<Token> list) : IDisposable
{
    public List<Token> List { get; } = list;

    public void Dispose() => TokenBuffer.Release(List);
}
