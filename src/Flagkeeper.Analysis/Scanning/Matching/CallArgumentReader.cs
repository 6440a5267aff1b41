using System.Buffers;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Reads what the shared call-argument regex (<c>ShapeIndex.CallArgumentsPattern</c>) matches, without a
/// <see cref="System.Text.RegularExpressions.Match"/>: most usages of a dense tree go through that one pattern, and its
/// match, groups and one capture object per argument were the scan's largest allocation after the windows.
/// <para>
/// The pattern needs no backtracking, so one forward pass gives its answer: after the optional generic arguments and
/// the '(' everything is optional, so the regex keeps the longest run of items; and each item is decided by its first
/// character (an ordinary character, a string, or a bracketed group), which either closes as the regex would close it
/// or ends the argument there. A test compares this reader with the regex on random text.
/// </para>
/// </summary>
internal static class CallArgumentReader
{
    private static readonly SearchValues<char> GenericArgumentsEnd = SearchValues.Create("<>()");

    /// <summary>
    /// From <paramref name="start"/>: optional whitespace and <c>&lt;…&gt;</c>, whitespace, '(' and the arguments.
    /// </summary>
    /// <param name="arguments">Cleared, then each argument's raw span (the regex's <c>a</c> captures), in order.</param>
    /// <param name="close">The ')' that ends the list, or -1 when the arguments stop before one.</param>
    /// <returns>False when there is no '(' (the regex does not match).</returns>
    public static bool TryRead(string text, int start, List<(int Start, int End)> arguments, out int close)
    {
        arguments.Clear();
        close = -1;
        var at = SkipGenericArguments(text, start);
        at = SkipWhitespace(text, at);
        if (at >= text.Length || text[at] != '(')
        {
            return false;
        }
        at++;
        var end = ArgumentEnd(text, at);
        if (end > at)
        {
            arguments.Add((at, end));
            at = end;
            while (at < text.Length && text[at] == ',' && ArgumentEnd(text, at + 1) is var next && next > at + 1)
            {
                arguments.Add((at + 1, next));
                at = next;
            }
        }
        if (at < text.Length && text[at] == ')')
        {
            close = at;
        }
        return true;
    }

    /// <summary>Past <c>\s*&lt;[^&lt;&gt;()]*&gt;</c> when that is there, else <paramref name="at"/>.</summary>
    private static int SkipGenericArguments(string text, int at)
    {
        var open = SkipWhitespace(text, at);
        if (open >= text.Length || text[open] != '<')
        {
            return at;
        }
        var close = text.AsSpan(open + 1).IndexOfAny(GenericArgumentsEnd);
        return close >= 0 && text[open + 1 + close] == '>' ? open + 1 + close + 1 : at;
    }

    /// <summary>The end of the longest argument at <paramref name="at"/>: <paramref name="at"/> itself when none starts there.</summary>
    private static int ArgumentEnd(string text, int at)
    {
        while (at < text.Length && ItemEnd(text, at) is var next && next > at)
        {
            at = next;
        }
        return at;
    }

    /// <summary>The end of the one item of an argument at <paramref name="at"/>, or <paramref name="at"/> when none matches.</summary>
    private static int ItemEnd(string text, int at) => text[at] switch
    {
        ',' or ')' or ']' or '}' => at,
        '"' or '\'' => QuotedEnd(text, at, text[at]),
        '`' => text.IndexOf('`', at + 1) is var tick and >= 0 ? tick + 1 : at,
        '(' => ParenthesisedEnd(text, at),
        '[' => ClosedBy(text, at, '[', ']'),
        '{' => ClosedBy(text, at, '{', '}'),
        _ => at + 1,
    };

    /// <summary><c>"(?:[^"\\\n]|\\.)*"</c> (or with '): escapes skip any character but a newline.</summary>
    private static int QuotedEnd(string text, int at, char quote)
    {
        for (var i = at + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == quote)
            {
                return i + 1;
            }
            if (c == '\n' || (c == '\\' && (i + 1 >= text.Length || text[i + 1] == '\n')))
            {
                return at;
            }
            if (c == '\\')
            {
                i++;
            }
        }
        return at;
    }

    /// <summary><c>\((?:[^()]|\([^()]*\))*\)</c>: one level of nested parentheses, strings not minded.</summary>
    private static int ParenthesisedEnd(string text, int at)
    {
        for (var i = at + 1; i < text.Length; i++)
        {
            if (text[i] == ')')
            {
                return i + 1;
            }
            if (text[i] == '(')
            {
                var inner = text.AsSpan(i + 1).IndexOfAny('(', ')');
                if (inner < 0 || text[i + 1 + inner] != ')')
                {
                    return at;
                }
                i += 1 + inner;
            }
        }
        return at;
    }

    /// <summary><c>\[[^\[\]]*\]</c> and <c>\{[^{}]*\}</c>: no nesting.</summary>
    private static int ClosedBy(string text, int at, char open, char close)
    {
        var next = text.AsSpan(at + 1).IndexOfAny(open, close);
        return next >= 0 && text[at + 1 + next] == close ? at + 1 + next + 1 : at;
    }

    /// <summary>Past <c>\s*</c>: the text is Latin-1 (bytes widened), where the regex's \s is <see cref="char.IsWhiteSpace(char)"/>.</summary>
    private static int SkipWhitespace(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }
        return at;
    }
}
