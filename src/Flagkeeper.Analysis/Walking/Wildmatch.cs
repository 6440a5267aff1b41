namespace Flagkeeper.Analysis.Walking;

/// <summary>
/// Git's wildmatch (wildmatch.c), ported so ignore rules and globs behave exactly as git's do:
/// <c>*</c> and <c>?</c> never cross '/' in path mode, <c>**</c> between slashes spans folders,
/// <c>[...]</c> classes with ranges, <c>!</c>/<c>^</c> negation and <c>[:alpha:]</c>-style names,
/// and <c>\</c> escapes. Case-sensitive, like git on Linux.
/// </summary>
public static class Wildmatch
{
    private const int Match = 0;
    private const int NoMatch = 1;
    private const int AbortAll = -1;
    private const int AbortToStarStar = -2;

    /// <param name="pathName">True: '/' is special (git's WM_PATHNAME); false: '*' matches anything.</param>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool pathName) =>
        DoWild(pattern, 0, text, 0, pathName) == Match;

    private static int DoWild(ReadOnlySpan<char> pat, int p, ReadOnlySpan<char> text, int t, bool pathName)
    {
        for (; p < pat.Length; t++, p++)
        {
            var pCh = pat[p];
            if (t >= text.Length && pCh != '*')
            {
                return AbortAll;
            }
            var tCh = t < text.Length ? text[t] : '\0';
            switch (pCh)
            {
                case '\\':
                    p++;
                    if (p >= pat.Length || tCh != pat[p])
                    {
                        return NoMatch;
                    }
                    continue;
                case '?':
                    if (pathName && tCh == '/')
                    {
                        return NoMatch;
                    }
                    continue;
                case '*':
                {
                    bool matchSlash;
                    if (++p < pat.Length && pat[p] == '*')
                    {
                        var prevP = p - 2;
                        while (++p < pat.Length && pat[p] == '*') { }
                        if (!pathName)
                        {
                            matchSlash = true; // without path mode '**' is just '*'
                        }
                        else if ((prevP < 0 || pat[prevP] == '/') &&
                            (p >= pat.Length || pat[p] == '/' || (pat[p] == '\\' && p + 1 < pat.Length && pat[p + 1] == '/')))
                        {
                            // "**/" may match nothing: try the rest of the pattern right here.
                            if (p < pat.Length && pat[p] == '/' && DoWild(pat, p + 1, text, t, pathName) == Match)
                            {
                                return Match;
                            }
                            matchSlash = true;
                        }
                        else
                        {
                            matchSlash = !pathName;
                        }
                    }
                    else
                    {
                        matchSlash = !pathName;
                    }

                    if (p >= pat.Length)
                    {
                        // Trailing "**" matches everything; trailing "*" only up to the next slash.
                        return !matchSlash && text[t..].Contains('/') ? NoMatch : Match;
                    }
                    if (!matchSlash && pat[p] == '/')
                    {
                        // One star followed by a slash matches exactly the rest of this folder name.
                        var slash = text[t..].IndexOf('/');
                        if (slash < 0)
                        {
                            return NoMatch;
                        }
                        t += slash;
                        break; // the slash itself is consumed by the loop
                    }
                    while (true)
                    {
                        if (t >= text.Length)
                        {
                            break;
                        }
                        if (!IsGlobSpecial(pat[p]))
                        {
                            // Skip ahead to the next occurrence of the literal that follows the star.
                            var literal = pat[p];
                            while (t < text.Length && (matchSlash || text[t] != '/') && text[t] != literal)
                            {
                                t++;
                            }
                            if (t >= text.Length || text[t] != literal)
                            {
                                return NoMatch;
                            }
                        }
                        var matched = DoWild(pat, p, text, t, pathName);
                        if (matched != NoMatch)
                        {
                            if (!matchSlash || matched != AbortToStarStar)
                            {
                                return matched;
                            }
                        }
                        else if (!matchSlash && text[t] == '/')
                        {
                            return AbortToStarStar;
                        }
                        t++;
                    }
                    return AbortAll;
                }
                case '[':
                {
                    var result = MatchClass(pat, ref p, tCh, pathName);
                    if (result != Match)
                    {
                        return result;
                    }
                    continue;
                }
                default:
                    if (tCh != pCh)
                    {
                        return NoMatch;
                    }
                    continue;
            }
        }
        return t >= text.Length ? Match : NoMatch;
    }

    private static int MatchClass(ReadOnlySpan<char> pat, ref int p, char tCh, bool pathName)
    {
        p++;
        var pCh = p < pat.Length ? pat[p] : '\0';
        if (pCh == '^')
        {
            pCh = '!';
        }
        var negated = pCh == '!';
        if (negated)
        {
            p++;
            pCh = p < pat.Length ? pat[p] : '\0';
        }
        var prevCh = '\0';
        var matched = false;
        do
        {
            if (pCh == '\0')
            {
                return AbortAll;
            }
            if (pCh == '\\')
            {
                p++;
                pCh = p < pat.Length ? pat[p] : '\0';
                if (pCh == '\0')
                {
                    return AbortAll;
                }
                if (tCh == pCh)
                {
                    matched = true;
                }
            }
            else if (pCh == '-' && prevCh != '\0' && p + 1 < pat.Length && pat[p + 1] != ']')
            {
                p++;
                pCh = pat[p];
                if (pCh == '\\')
                {
                    p++;
                    pCh = p < pat.Length ? pat[p] : '\0';
                    if (pCh == '\0')
                    {
                        return AbortAll;
                    }
                }
                if (tCh <= pCh && tCh >= prevCh)
                {
                    matched = true;
                }
                pCh = '\0'; // so prevCh becomes 0: "a-c-e" is not a double range
            }
            else if (pCh == '[' && p + 1 < pat.Length && pat[p + 1] == ':')
            {
                var start = p += 2;
                while (p < pat.Length && pat[p] != ']')
                {
                    p++;
                }
                if (p >= pat.Length)
                {
                    return AbortAll;
                }
                var nameLength = p - start - 1;
                if (nameLength < 0 || pat[p - 1] != ':')
                {
                    // Not "[:name:]": treat the '[' as an ordinary member.
                    p = start - 2;
                    pCh = '[';
                    if (tCh == pCh)
                    {
                        matched = true;
                    }
                    prevCh = pCh;
                    p++;
                    pCh = p < pat.Length ? pat[p] : '\0';
                    if (pCh == ']')
                    {
                        break;
                    }
                    continue;
                }
                var className = pat.Slice(start, nameLength);
                bool? inClass = className switch
                {
                    "alnum" => char.IsAsciiLetterOrDigit(tCh),
                    "alpha" => char.IsAsciiLetter(tCh),
                    "blank" => tCh is ' ' or '\t',
                    "cntrl" => char.IsControl(tCh),
                    "digit" => char.IsAsciiDigit(tCh),
                    "graph" => tCh > ' ' && tCh < 127,
                    "lower" => char.IsAsciiLetterLower(tCh),
                    "print" => tCh >= ' ' && tCh < 127,
                    "punct" => tCh is > ' ' and < (char)127 && !char.IsAsciiLetterOrDigit(tCh),
                    "space" => tCh is ' ' or '\t' or '\n' or '\r' or '\v' or '\f',
                    "upper" => char.IsAsciiLetterUpper(tCh),
                    "xdigit" => char.IsAsciiHexDigit(tCh),
                    _ => null,
                };
                if (inClass is null)
                {
                    return AbortAll;
                }
                if (inClass.Value)
                {
                    matched = true;
                }
                pCh = '\0';
            }
            else if (tCh == pCh)
            {
                matched = true;
            }
            prevCh = pCh;
            p++;
            pCh = p < pat.Length ? pat[p] : '\0';
        }
        while (pCh != ']');

        if (matched == negated || (pathName && tCh == '/'))
        {
            return NoMatch;
        }
        return Match;
    }

    internal static bool IsGlobSpecial(char c) => c is '*' or '?' or '[' or '\\';

    internal static bool HasWildcard(ReadOnlySpan<char> pattern) => LiteralPrefixLength(pattern) < pattern.Length;

    /// <summary>How many characters the pattern starts with before its first wildcard or escape.</summary>
    internal static int LiteralPrefixLength(ReadOnlySpan<char> pattern)
    {
        var wildcard = pattern.IndexOfAny("*?[\\");
        return wildcard < 0 ? pattern.Length : wildcard;
    }
}
