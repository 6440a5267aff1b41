using Flagkeeper.Analysis.Languages;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// A language's literal keys: quoted strings without escapes or interpolation, C#'s verbatim <c>@"k"</c>, and
/// Ruby's <c>:symbol</c>. Anything else in a key position is dynamic.
/// </summary>
internal static class StringLiterals
{
    /// <summary>The key inside a literal spanning exactly [start, end) of <paramref name="text"/>; null when the argument is anything else.</summary>
    public static (int Start, int Length)? Key(string text, int start, int end, Language language)
    {
        if (end - start < 2)
        {
            return null;
        }
        var first = text[start];
        if (first == ':' && language.Family.HasFlag(LanguageFamily.Ruby))
        {
            for (var i = start + 1; i < end; i++)
            {
                if (!Identifiers.IsPart(text[i]) && !(i == end - 1 && text[i] is '?' or '!'))
                {
                    return null;
                }
            }
            return (start + 1, end - start - 1);
        }
        if (first == '@' && language.VerbatimStrings)
        {
            start++;
            first = text[start];
        }
        if (first is not ('"' or '\'' or '`') || text[end - 1] != first || end - start < 3)
        {
            return null;
        }
        var inner = text.AsSpan(start + 1, end - start - 2);
        if (inner.IndexOfAny(first, '\\', '\n') >= 0 || IsInterpolated(inner, first, language))
        {
            return null;
        }
        return (start + 1, inner.Length);
    }

    /// <summary>Interpolation makes a string dynamic: JS `${x}`, Ruby "#{x}", Kotlin, Scala and PHP "$x" / "${x}" / "{$x}".</summary>
    private static bool IsInterpolated(ReadOnlySpan<char> inner, char quote, Language language)
    {
        if (quote == '`')
        {
            return inner.Contains("${", StringComparison.Ordinal);
        }
        if (quote != '"')
        {
            return false;
        }
        if (language.Family.HasFlag(LanguageFamily.Ruby))
        {
            return inner.Contains("#{", StringComparison.Ordinal);
        }
        if (language.Id is "kotlin" or "php" or "scala")
        {
            var dollar = inner.IndexOf('$');
            return dollar >= 0 && dollar + 1 < inner.Length && (inner[dollar + 1] == '{' || char.IsAsciiLetter(inner[dollar + 1]) || inner[dollar + 1] == '_');
        }
        return false;
    }
}
