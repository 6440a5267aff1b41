using Flagkeeper.Analysis.Languages;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Reads a call's arguments out of their raw spans (a shape regex's <c>a</c> captures), by the language's comment syntax:
/// whitespace and comments trimmed from both ends, a trailing line comment dropped (minding quotes), and an
/// argument that is only a comment (a commented-out line inside the call) dropped. Offsets are into
/// <c>text</c>, the regex input.
/// </summary>
internal static class Arguments
{
    /// <param name="args">Cleared and filled: one list per matcher, not one per call.</param>
    public static void Read(string text, List<(int Start, int End)> raw, Language language, List<(int Start, int End)> args)
    {
        args.Clear();
        // Indexed loops throughout: a foreach over an IReadOnlyList allocates an enumerator, and CutTrailingLineComment
        // would make one per character of every argument of every call.
        for (var c = 0; c < raw.Count; c++)
        {
            var (s, e) = Trim(text, raw[c].Start, raw[c].End);
            while (s < e && SkipComment(text, s, e, language) is var after && after > s)
            {
                (s, e) = Trim(text, after, e);
            }
            if (s < e)
            {
                e = CutTrailingLineComment(text, s, e, language);
                args.Add((s, e));
            }
        }
    }

    public static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        return (start, end);
    }

    /// <summary>The offset past a comment starting at <paramref name="at"/>, or <paramref name="at"/> when none starts there.</summary>
    private static int SkipComment(string text, int at, int end, Language language)
    {
        var rest = text.AsSpan(at, end - at);
        var lineComments = language.LineComments;
        for (var m = 0; m < lineComments.Count; m++)
        {
            if (rest.StartsWith(lineComments[m], StringComparison.Ordinal))
            {
                var newline = rest.IndexOf('\n');
                return newline < 0 ? end : at + newline + 1;
            }
        }
        var blockComments = language.BlockComments;
        for (var b = 0; b < blockComments.Count; b++)
        {
            var block = blockComments[b];
            if (rest.StartsWith(block.Open, StringComparison.Ordinal))
            {
                var close = rest[block.Open.Length..].IndexOf(block.Close, StringComparison.Ordinal);
                return close < 0 ? end : at + block.Open.Length + close + block.Close.Length;
            }
        }
        return at;
    }

    /// <summary>Drops a line comment that follows the argument (<c>'k' // old name</c>), minding quotes.</summary>
    private static int CutTrailingLineComment(string text, int start, int end, Language language)
    {
        var quote = '\0';
        var lineComments = language.LineComments;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
                continue;
            }
            if (c is '"' or '\'' or '`')
            {
                quote = c;
                continue;
            }
            for (var m = 0; m < lineComments.Count; m++)
            {
                if (text.AsSpan(i).StartsWith(lineComments[m], StringComparison.Ordinal))
                {
                    return Trim(text, start, i).End;
                }
            }
        }
        return end;
    }
}
