using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Tests.Walking;

public partial class IgnoreRulesTests
{
    // =====================================================================================
    // 6. Wildmatch: cases from git's t/t3070-wildmatch.sh (case-sensitive columns).
    // =====================================================================================

    /// <summary>(text, pattern, match with WM_PATHNAME ("wildmatch"), match without it ("pathmatch")).</summary>
    private static readonly (string Text, string Pattern, bool PathName, bool NoPathName)[] T3070 =
    [
        // Basic wildmatch features
        ("foo", "foo", true, true),
        ("foo", "bar", false, false),
        ("", "", true, true),
        ("foo", "???", true, true),
        ("foo", "??", false, false),
        ("foo", "*", true, true),
        ("foo", "f*", true, true),
        ("foo", "*f", false, false),
        ("foo", "*foo*", true, true),
        ("foobar", "*ob*a*r*", true, true),
        ("aaaaaaabababab", "*ab", true, true),
        ("foo*", @"foo\*", true, true),
        ("foobar", @"foo\*bar", false, false),
        (@"f\oo", @"f\\oo", true, true),
        ("ball", "*[al]?", true, true),
        ("ten", "[ten]", false, false),
        ("ten", "**[!te]", true, true),
        ("ten", "**[!ten]", false, false),
        ("ten", "t[a-g]n", true, true),
        ("ten", "t[!a-g]n", false, false),
        ("ton", "t[!a-g]n", true, true),
        ("ton", "t[^a-g]n", true, true),
        ("a]b", "a[]]b", true, true),
        ("a-b", "a[]-]b", true, true),
        ("a]b", "a[]-]b", true, true),
        ("aab", "a[]-]b", false, false),
        ("aab", "a[]a-]b", true, true),
        ("]", "]", true, true),

        // Extended slash-matching features
        ("foo/baz/bar", "foo*bar", false, true),
        ("foo/baz/bar", "foo**bar", false, true),
        ("foobazbar", "foo**bar", true, true),
        ("foo/baz/bar", "foo/**/bar", true, true),
        ("foo/baz/bar", "foo/**/**/bar", true, false),
        ("foo/b/a/z/bar", "foo/**/bar", true, true),
        ("foo/b/a/z/bar", "foo/**/**/bar", true, true),
        ("foo/bar", "foo/**/bar", true, false),
        ("foo/bar", "foo/**/**/bar", true, false),
        ("foo/bar", "foo?bar", false, true),
        ("foo/bar", "foo[/]bar", false, true),
        ("foo/bar", "foo[^a-z]bar", false, true),
        ("foo/bar", "f[^eiu][^eiu][^eiu][^eiu][^eiu]r", false, true),
        ("foo-bar", "f[^eiu][^eiu][^eiu][^eiu][^eiu]r", true, true),
        ("foo", "**/foo", true, false),
        ("XXX/foo", "**/foo", true, true),
        ("bar/baz/foo", "**/foo", true, true),
        ("bar/baz/foo", "*/foo", false, true),
        ("foo/bar/baz", "**/bar*", false, true),
        ("deep/foo/bar/baz", "**/bar/*", true, true),
        ("deep/foo/bar/baz/", "**/bar/*", false, true),
        ("deep/foo/bar/baz/", "**/bar/**", true, true),
        ("deep/foo/bar", "**/bar/*", false, false),
        ("deep/foo/bar/", "**/bar/**", true, true),
        ("foo/bar/baz", "**/bar**", false, true),
        ("foo/bar/baz/x", "*/bar/**", true, true),
        ("deep/foo/bar/baz/x", "*/bar/**", false, true),
        ("deep/foo/bar/baz/x", "**/bar/*/*", true, true),

        // Various additional tests
        ("acrt", "a[c-c]st", false, false),
        ("acrt", "a[c-c]rt", true, true),
        ("]", "[!]-]", false, false),
        ("a", "[!]-]", true, true),
        ("", @"\", false, false),
        (@"\", @"\", false, false),
        (@"XXX/\", @"*/\", false, false),
        (@"XXX/\", @"*/\\", true, true),
        ("foo", "foo", true, true),
        ("@foo", "@foo", true, true),
        ("foo", "@foo", false, false),
        ("[ab]", @"\[ab]", true, true),
        ("[ab]", "[[]ab]", true, true),
        ("[ab]", "[[:]ab]", true, true),
        ("[ab]", "[[::]ab]", false, false),
        ("[ab]", "[[:digit]ab]", true, true),
        ("[ab]", @"[\[:]ab]", true, true),
        ("?a?b", @"\??\?b", true, true),
        ("abc", @"\a\b\c", true, true),
        ("foo", "", false, false),
        ("foo/bar/baz/to", "**/t[o]", true, true),

        // Character class tests
        ("a1B", "[[:alpha:]][[:digit:]][[:upper:]]", true, true),
        ("a", "[[:digit:][:upper:][:space:]]", false, false),
        ("A", "[[:digit:][:upper:][:space:]]", true, true),
        ("1", "[[:digit:][:upper:][:space:]]", true, true),
        ("1", "[[:digit:][:upper:][:spaci:]]", false, false),
        (" ", "[[:digit:][:upper:][:space:]]", true, true),
        (".", "[[:digit:][:upper:][:space:]]", false, false),
        (".", "[[:digit:][:punct:][:space:]]", true, true),
        ("5", "[[:xdigit:]]", true, true),
        ("f", "[[:xdigit:]]", true, true),
        ("D", "[[:xdigit:]]", true, true),
        ("_", "[[:alnum:][:alpha:][:blank:][:cntrl:][:digit:][:graph:][:lower:][:print:][:punct:][:space:][:upper:][:xdigit:]]", true, true),
        (".", "[^[:alnum:][:alpha:][:blank:][:cntrl:][:digit:][:lower:][:space:][:upper:][:xdigit:]]", true, true),
        ("5", "[a-c[:digit:]x-z]", true, true),
        ("b", "[a-c[:digit:]x-z]", true, true),
        ("y", "[a-c[:digit:]x-z]", true, true),
        ("q", "[a-c[:digit:]x-z]", false, false),

        // Additional tests, including some malformed wildmatch patterns
        ("]", @"[\\-^]", true, true),
        ("[", @"[\\-^]", false, false),
        ("-", @"[\-_]", true, true),
        ("]", @"[\]]", true, true),
        (@"\]", @"[\]]", false, false),
        (@"\", @"[\]]", false, false),
        ("ab", "a[]b", false, false),
        ("a[]b", "a[]b", false, false),
        ("ab[", "ab[", false, false),
        ("ab", "[!", false, false),
        ("ab", "[-", false, false),
        ("-", "[-]", true, true),
        ("-", "[a-", false, false),
        ("-", "[!a-", false, false),
        ("-", "[--A]", true, true),
        ("5", "[--A]", true, true),
        (" ", "[ --]", true, true),
        ("$", "[ --]", true, true),
        ("-", "[ --]", true, true),
        ("0", "[ --]", false, false),
        ("-", "[---]", true, true),
        ("-", "[------]", true, true),
        ("j", "[a-e-n]", false, false),
        ("-", "[a-e-n]", true, true),
        ("a", "[!------]", true, true),
        ("[", "[]-a]", false, false),
        ("^", "[]-a]", true, true),
        ("^", "[!]-a]", false, false),
        ("[", "[!]-a]", true, true),
        ("^", "[a^bc]", true, true),
        ("-b]", "[a-]b]", true, true),
        (@"\", @"[\]", false, false),
        (@"\", @"[\\]", true, true),
        (@"\", @"[!\\]", false, false),
        ("G", @"[A-\\]", true, true),
        ("aaabbb", "b*a", false, false),
        ("aabcaa", "*ba*", false, false),
        (",", "[,]", true, true),
        (",", @"[\\,]", true, true),
        (@"\", @"[\\,]", true, true),
        ("-", "[,-.]", true, true),
        ("+", "[,-.]", false, false),
        ("-.]", "[,-.]", false, false),
        ("2", @"[\1-\3]", true, true),
        ("3", @"[\1-\3]", true, true),
        ("4", @"[\1-\3]", false, false),
        (@"\", @"[[-\]]", true, true),
        ("[", @"[[-\]]", true, true),
        ("]", @"[[-\]]", true, true),
        ("-", @"[[-\]]", false, false),

        // Test recursion
        ("-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1", "-*-*-*-*-*-*-12-*-*-*-m-*-*-*", true, true),
        ("-adobe-courier-bold-o-normal--12-120-75-75-X-70-iso8859-1", "-*-*-*-*-*-*-12-*-*-*-m-*-*-*", false, false),
        ("-adobe-courier-bold-o-normal--12-120-75-75-/-70-iso8859-1", "-*-*-*-*-*-*-12-*-*-*-m-*-*-*", false, false),
        ("XXX/adobe/courier/bold/o/normal//12/120/75/75/m/70/iso8859/1", "XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*", true, true),
        ("XXX/adobe/courier/bold/o/normal//12/120/75/75/X/70/iso8859/1", "XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*", false, false),
        ("abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txt", "**/*a*b*g*n*t", true, true),
        ("abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txtz", "**/*a*b*g*n*t", false, false),
        ("foo", "*/*/*", false, false),
        ("foo/bar", "*/*/*", false, false),
        ("foo/bba/arr", "*/*/*", true, true),
        ("foo/bb/aa/rr", "*/*/*", false, true),
        ("foo/bb/aa/rr", "**/**/**", true, true),
        ("abcXdefXghi", "*X*i", true, true),
        ("ab/cXd/efXg/hi", "*X*i", false, true),
        ("ab/cXd/efXg/hi", "*/*X*/*/*i", true, true),
        ("ab/cXd/efXg/hi", "**/*X*/**/*i", true, true),

        // Extra pathmatch tests
        ("foo", "fo", false, false),
        ("foo/bar", "foo/bar", true, true),
        ("foo/bar", "foo/*", true, true),
        ("foo/bba/arr", "foo/*", false, true),
        ("foo/bba/arr", "foo/**", true, true),
        ("foo/bba/arr", "foo*", false, true),
        ("foo/bba/arr", "foo**", false, true),
        ("foo/bba/arr", "foo/*arr", false, true),
        ("foo/bba/arr", "foo/**arr", false, true),
        ("foo/bba/arr", "foo/*z", false, false),
        ("foo/bba/arr", "foo/**z", false, false),
        ("foo/bar", "foo?bar", false, true),
        ("foo/bar", "foo[/]bar", false, true),
        ("foo/bar", "foo[^a-z]bar", false, true),
        ("ab/cXd/efXg/hi", "*Xg*i", false, true),

        // Extra case-sensitivity tests (case-sensitive columns)
        ("a", "[A-Z]", false, false),
        ("A", "[A-Z]", true, true),
        ("A", "[a-z]", false, false),
        ("a", "[a-z]", true, true),
        ("a", "[[:upper:]]", false, false),
        ("A", "[[:upper:]]", true, true),
        ("A", "[[:lower:]]", false, false),
        ("a", "[[:lower:]]", true, true),
        ("A", "[B-Za]", false, false),
        ("a", "[B-Za]", true, true),
        ("A", "[B-a]", false, false),
        ("a", "[B-a]", true, true),
        ("z", "[Z-y]", false, false),
        ("Z", "[Z-y]", true, true),
    ];

    public static TheoryData<string, string, bool> PathNameCases
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            // t3070 repeats a few cases in different sections; each distinct case is one row.
            foreach (var (text, pattern, expected, _) in T3070.Distinct())
            {
                data.Add(text, pattern, expected);
            }
            return data;
        }
    }

    public static TheoryData<string, string, bool> NoPathNameCases
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (var (text, pattern, _, expected) in T3070.Distinct())
            {
                data.Add(text, pattern, expected);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PathNameCases))]
    public void Wildmatch_pathname_mode_matches_git_t3070(string text, string pattern, bool expected) =>
        Assert.Equal(expected, Wildmatch.IsMatch(pattern, text, pathName: true));

    [Theory]
    [MemberData(nameof(NoPathNameCases))]
    public void Wildmatch_non_pathname_mode_matches_git_t3070(string text, string pattern, bool expected) =>
        Assert.Equal(expected, Wildmatch.IsMatch(pattern, text, pathName: false));

    [Theory]
    [InlineData("foo", "foo", true)]
    [InlineData("foo/bar", "foo", false)]
    [InlineData("a/b/c.cs", "**/*.cs", true)]
    [InlineData("c.cs", "**/*.cs", true)]
    [InlineData("a/b/c.cs", "*.cs", false)]
    [InlineData("a/b", "a/**/b", true)]
    [InlineData("a/x/y/b", "a/**/b", true)]
    [InlineData("a/b/", "a/**", true)]
    [InlineData("a", "a/**", false)]
    [InlineData("a/b", "a/*", true)]
    [InlineData("a/b/c", "a/*", false)]
    public void Wildmatch_pathname_mode_basics(string text, string pattern, bool expected) =>
        Assert.Equal(expected, Wildmatch.IsMatch(pattern, text, pathName: true));
}
