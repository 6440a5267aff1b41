namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// The literal texts a custom pattern cannot match without: a set such that every match contains one of them
/// (ripgrep's "required literals", on a small scale). <c>\b(?:IsOn|IsOff)\("(?&lt;key&gt;[a-z-]+)"</c> needs
/// <c>IsOn("</c> or <c>IsOff("</c>; a file with neither is skipped without running the regex. Only what is
/// understood for certain is used: a pattern with inline options (<c>(?i)</c>), an escape this reader does not
/// know, or a branch without a literal of <see cref="MinimumLength"/> characters gives null, and then the
/// pattern runs on every file as before.
/// </summary>
internal static class RequiredLiterals
{
    /// <summary>Shorter literals are in almost every file: they would only add a search.</summary>
    public const int MinimumLength = 3;

    private const string ZeroWidthOrClassEscapes = "bBAzZGdDwWsS";

    /// <summary>A run multiplied by groups stops growing here (and ends, as a set of its own).</summary>
    private const int MaxAlternatives = 256;

    /// <returns>The literals (every match contains at least one), or null when none can be told for certain.</returns>
    public static IReadOnlyList<string>? Of(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            var reader = new Reader(pattern);
            var (set, _) = reader.Alternation();
            return reader.AtEnd && set is not null && set.All(s => s.Length >= MinimumLength) ? [.. set.Distinct(StringComparer.Ordinal)] : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>A recursive-descent reading of .NET regex syntax that keeps, per sequence, its best required set.</summary>
    private sealed class Reader(string pattern)
    {
        private int _at;

        public bool AtEnd => _at == pattern.Length;

        /// <summary>
        /// branch ('|' branch)*: a match contains one of the union of the branches' sets (null if a branch has none);
        /// Exact: every text the alternation can match, when each branch is plain literal text.
        /// </summary>
        public (List<string>? Set, List<string>? Exact) Alternation()
        {
            var union = new List<string>();
            var exact = new List<string>();
            var (complete, allExact) = (true, true);
            while (true)
            {
                var (set, texts) = Sequence();
                complete &= set is not null;
                allExact &= texts is not null;
                union.AddRange(set ?? []);
                exact.AddRange(texts ?? []);
                if (_at < pattern.Length && pattern[_at] == '|')
                {
                    _at++;
                    continue;
                }
                return (complete ? union : null, allExact ? exact : null);
            }
        }

        /// <summary>
        /// Atoms up to '|' or ')'. Runs of literal text (a plain group's alternatives multiply a run: <c>(?:use|with)Feature</c>
        /// is <c>useFeature</c> or <c>withFeature</c>) and required groups each give a set; the best is kept.
        /// </summary>
        private (List<string>? Set, List<string>? Exact) Sequence()
        {
            List<string>? best = null;
            List<string> run = [""];
            var exact = true;
            void EndRun()
            {
                if (run.All(s => s.Length > 0))
                {
                    best = Better(best, run);
                }
                run = [""];
            }

            while (_at < pattern.Length && pattern[_at] is not ('|' or ')'))
            {
                var (literal, group) = Atom();
                var (minimum, quantified) = Quantifier();
                if (!quantified && literal is { } c)
                {
                    run = [.. run.Select(s => s + c)];
                    continue;
                }
                if (!quantified && group.Exact is { } texts && run.Count * texts.Count <= MaxAlternatives)
                {
                    run = [.. run.SelectMany(s => texts.Select(t => s + t))];
                    continue;
                }
                exact = false;
                EndRun();
                if (minimum > 0)
                {
                    best = Better(best, literal is { } once ? [once.ToString()] : group.Set);
                }
            }
            var whole = exact ? run : null;
            EndRun();
            return (best, whole);
        }

        /// <summary>The set whose shortest literal is longer (fewer false hits); the other when one is null.</summary>
        private static List<string>? Better(List<string>? a, List<string>? b) =>
            a is null ? b : b is null ? a : b.Min(s => s.Length) > a.Min(s => s.Length) ? b : a;

        /// <summary>One atom: a literal character, or a group's sets (none for a class, '.', an anchor or a lookaround).</summary>
        private (char? Literal, (List<string>? Set, List<string>? Exact) Group) Atom()
        {
            var c = pattern[_at++];
            switch (c)
            {
                case '\\':
                    return (Escape(), default);
                case '[':
                    SkipClass();
                    return (null, default);
                case '.' or '^' or '$':
                    return (null, default);
                case '(':
                    return (null, Group());
                case '*' or '+' or '?':
                    throw new NotSupportedException(); // a quantifier with nothing before it: let the regex say so
                default:
                    return (c, default);
            }
        }

        private (List<string>? Set, List<string>? Exact) Group()
        {
            var capturesOrPlain = true;
            if (_at < pattern.Length && pattern[_at] == '?')
            {
                var rest = pattern.AsSpan(_at);
                if (rest.StartsWith("?:"))
                {
                    _at += 2;
                }
                else if (rest.StartsWith("?<") && !rest.StartsWith("?<=") && !rest.StartsWith("?<!"))
                {
                    _at = pattern.IndexOf('>', _at) is var close and > 0 ? close + 1 : throw new NotSupportedException();
                }
                else if (rest.StartsWith("?'"))
                {
                    _at = pattern.IndexOf('\'', _at + 2) is var close and > 0 ? close + 1 : throw new NotSupportedException();
                }
                else if (rest.StartsWith("?=") || rest.StartsWith("?!") || rest.StartsWith("?<=") || rest.StartsWith("?<!"))
                {
                    _at += rest[1] == '<' ? 3 : 2;
                    capturesOrPlain = false; // a lookaround consumes nothing: its text need not be in the match
                }
                else
                {
                    throw new NotSupportedException(); // inline options, atomic and conditional groups: not read here
                }
            }
            var sets = Alternation();
            if (_at >= pattern.Length || pattern[_at] != ')')
            {
                throw new NotSupportedException();
            }
            _at++;
            return capturesOrPlain ? sets : default;
        }

        /// <summary>The character an escape stands for, or null for a class, an anchor or a back-reference.</summary>
        private char? Escape()
        {
            if (_at >= pattern.Length)
            {
                throw new NotSupportedException();
            }
            var c = pattern[_at++];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return c; // \. \( \\ \" and the like: the character itself
            }
            if (ZeroWidthOrClassEscapes.Contains(c))
            {
                return null;
            }
            switch (c)
            {
                case 'n': return '\n';
                case 't': return '\t';
                case 'r': return '\r';
                case 'f': return '\f';
                case 'v': return '\v';
                case 'e': return '\u001b';
                case 'a': return '\a';
                case 'p' or 'P' when _at < pattern.Length && pattern[_at] == '{':
                    _at = pattern.IndexOf('}', _at) is var close and > 0 ? close + 1 : throw new NotSupportedException();
                    return null;
                default:
                    throw new NotSupportedException(); // \x41, \u0041, \cX, \0, \1, \k<name>: not read here
            }
        }

        private void SkipClass()
        {
            var depth = 1;
            if (_at < pattern.Length && pattern[_at] == '^')
            {
                _at++;
            }
            if (_at < pattern.Length && pattern[_at] == ']')
            {
                _at++; // a ']' first is a literal member
            }
            while (_at < pattern.Length && depth > 0)
            {
                var c = pattern[_at++];
                if (c == '\\')
                {
                    _at++;
                }
                else if (c == '[' && _at >= 2 && pattern[_at - 2] == '-')
                {
                    depth++; // a subtraction: [a-z-[aeiou]]
                }
                else if (c == ']')
                {
                    depth--;
                }
            }
            if (depth > 0)
            {
                throw new NotSupportedException();
            }
        }

        /// <summary>A quantifier after an atom, if any: its minimum count (1 when there is none).</summary>
        private (int Minimum, bool Quantified) Quantifier()
        {
            if (_at >= pattern.Length)
            {
                return (1, false);
            }
            int minimum;
            switch (pattern[_at])
            {
                case '*' or '?':
                    minimum = 0;
                    _at++;
                    break;
                case '+':
                    minimum = 1;
                    _at++;
                    break;
                case '{' when Counted(out var count, out var length):
                    minimum = count;
                    _at += length;
                    break;
                default:
                    return (1, false);
            }
            if (_at < pattern.Length && pattern[_at] is '?' or '+')
            {
                _at++; // lazy (or possessive, which .NET refuses anyway)
            }
            return (minimum, true);
        }

        /// <summary>{n}, {n,} or {n,m} at the current position; anything else is a literal '{' in .NET.</summary>
        private bool Counted(out int minimum, out int length)
        {
            minimum = 0;
            var i = _at + 1;
            var digits = i;
            while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
            {
                i++;
            }
            length = 0;
            if (i == digits || !int.TryParse(pattern.AsSpan(digits, i - digits), out minimum))
            {
                return false;
            }
            if (i < pattern.Length && pattern[i] == ',')
            {
                i++;
                while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
                {
                    i++;
                }
            }
            if (i >= pattern.Length || pattern[i] != '}')
            {
                return false;
            }
            length = i + 1 - _at;
            return true;
        }
    }
}
