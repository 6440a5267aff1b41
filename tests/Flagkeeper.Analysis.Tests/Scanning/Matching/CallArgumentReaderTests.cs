using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Tests.Scanning.Matching;

/// <summary>
/// The call-argument reader answers exactly as the shared call-argument regex it stands in for: whether it matches,
/// each argument's span (the <c>a</c> captures) and the closing parenthesis, from any start, on any Latin-1 text.
/// </summary>
public class CallArgumentReaderTests
{
    private static readonly Regex Pattern = new(ShapeIndex.CallArgumentsPattern, ShapeIndex.PatternOptions);

    // Every character the pattern treats specially, Latin-1 whitespace of each kind, and ordinary ones.
    private const string Alphabet = "(),[]{}\"'`\\\n <>a\tb:\r\v\f\u0085\u00a0é";

    [Theory]
    [InlineData("('new-checkout')")]
    [InlineData("  <bool> ( \"k\", ctx )")]
    [InlineData("(\"a)\", 'x')")]
    [InlineData("(f(g(1)), [1, 2], {a: 1}, `t,\nu`)")]
    [InlineData("(a,,b)")]
    [InlineData("(\"unterminated, 'k')")]
    [InlineData("('esc\\'aped', \"x\\\ny\")")]
    [InlineData("<T>x('k')")]
    [InlineData("<a(b)>('k')")]
    [InlineData("")]
    [InlineData("(")]
    [InlineData("(])")]
    public void Reads_what_the_regex_matches(string text) => AssertSameAsRegex(text, 0);

    [Fact]
    public void Reads_what_the_regex_matches_on_random_text_from_random_starts()
    {
        var random = new Random(20261207);
        var chars = new char[48];
        for (var run = 0; run < 200_000; run++)
        {
            var length = random.Next(chars.Length + 1);
            for (var i = 0; i < length; i++)
            {
                // Mostly '(' up front, so most texts get past the opening parenthesis.
                chars[i] = i == 0 && random.Next(3) > 0 ? '(' : Alphabet[random.Next(Alphabet.Length)];
            }
            var text = new string(chars, 0, length);
            AssertSameAsRegex(text, random.Next(3) == 0 ? random.Next(length + 1) : 0);
        }
    }

    private static void AssertSameAsRegex(string text, int start)
    {
        var match = Pattern.Match(text, start);
        var arguments = new List<(int Start, int End)>();

        var read = CallArgumentReader.TryRead(text, start, arguments, out var close);

        var context = $"text {System.Text.Json.JsonSerializer.Serialize(text)} from {start}";
        Assert.True(match.Success == read, context);
        if (!read)
        {
            return;
        }
        var captures = match.Groups["a"].Captures.Select(c => (c.Index, c.Index + c.Length)).ToList();
        Assert.True(captures.SequenceEqual(arguments), $"{context}: regex {string.Join(' ', captures)}, reader {string.Join(' ', arguments)}");
        var regexClose = match.Groups["close"];
        Assert.True((regexClose.Success ? regexClose.Index : -1) == close, context);
    }
}
