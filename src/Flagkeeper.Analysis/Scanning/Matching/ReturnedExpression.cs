namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Whether a usage may sit in a returned expression: its statement, back to the nearest <c>;</c>, <c>{</c> or
/// <c>}</c>, holds <c>return</c> or <c>=&gt;</c>. A wrapper method's one check always does
/// (<c>bool IsX() =&gt; c.IsEnabled("x");</c>, <c>{ return c.Bool("x") }</c>), so the wrapper pass reads again only
/// the files where one does, and learns that here, while the file is in memory. A brace before the key in the same
/// call (<c>c.IsEnabled(new Ctx { … }, "x")</c>) hides it; SDKs take the key first.
/// </summary>
internal static class ReturnedExpression
{
    /// <summary>How far back a statement is looked at; a longer one counts as "maybe".</summary>
    private const int Reach = 2048;

    public static bool MayHold(ReadOnlySpan<byte> text, int keyOffset)
    {
        var from = Math.Max(0, keyOffset - Reach);
        var before = text[from..keyOffset];
        var boundary = before.LastIndexOfAny((byte)';', (byte)'{', (byte)'}');
        if (boundary < 0 && from > 0)
        {
            return true;
        }
        var statement = before[(boundary + 1)..];
        return statement.IndexOf("return"u8) >= 0 || statement.IndexOf("=>"u8) >= 0;
    }
}
