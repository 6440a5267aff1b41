using System.Text;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Analysis.Tests.Scanning.Matching;

namespace Flagkeeper.Analysis.Tests.Scanning.Wrappers;

/// <summary>
/// The scan's note that a usage may sit in a returned expression: the wrapper pass reads again only the files
/// that have one, so a miss here is a wrapper the scan never finds.
/// </summary>
public class ReturnedExpressionTests
{
    /// <summary><paramref name="source"/> with '|' where the key starts.</summary>
    private static bool MayHold(string source)
    {
        var at = source.IndexOf('|', StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(source.Remove(at, 1));
        return ReturnedExpression.MayHold(bytes, Encoding.UTF8.GetByteCount(source[..at]));
    }

    [Theory]
    [InlineData("class C { bool IsX() => c.IsEnabled(\"|x\"); }")]
    [InlineData("class C { bool IsX() { return c.IsEnabled(\"|x\"); } }")]
    [InlineData("class C { bool IsX()\n    {\n        return\n            c.IsEnabled(\"|x\");\n    }\n}")]
    [InlineData("class C {\n    [Obsolete]\n    public async Task<bool> IsX() =>\n        await c.IsEnabledAsync(Flags.|X);\n}")]
    [InlineData("func IsX(c *Client) bool { return c.Bool(ctx, \"|x\", false) }")]
    [InlineData("func (s *S) IsX() bool {\n\treturn s.client.BoolVariation(\"|x\", user, false)\n}")]
    [InlineData("bool IsX() => c.IsEnabled(\"|x\");")] // the first line of the file
    public void A_check_that_is_returned_may_be_a_wrapper(string source) => Assert.True(MayHold(source));

    [Theory]
    [InlineData("void Render() { if (c.IsEnabled(\"|x\")) { Draw(); } }")]
    [InlineData("int Total() { return sum; }\n\n[FeatureGate(\"|x\")]\npublic IActionResult Index() { return View(); }")] // a return above, in another statement
    [InlineData("void Run() { var on = c.IsEnabled(\"|x\"); }")]
    [InlineData("func Run() {\n\tif c.Bool(ctx, \"|x\", false) {\n\t\treturn\n\t}\n}")]
    [InlineData("c.IsEnabled(\"|x\")")]
    public void A_check_in_any_other_statement_is_not(string source) => Assert.False(MayHold(source));

    [Fact]
    public void A_statement_longer_than_the_look_back_counts_as_maybe()
    {
        var longCall = "void M() { Call(" + new string(' ', 5000) + "c.IsEnabled(\"|x\")); }";
        Assert.True(MayHold(longCall));
    }

    [Theory]
    [InlineData("class C { bool IsX() => c.IsEnabled(\"x\"); void Run() { if (c.IsEnabled(\"y\")) { } } }", 1)]
    [InlineData("class C { void Run() { if (c.IsEnabled(\"y\")) { } } }", 0)]
    public void The_matcher_tells_the_sink_once_per_file(string source, int expected)
    {
        var config = FlagkeeperConfig.Default;
        using var cache = new PatternCache();
        var (patterns, _) = CustomPatterns.Compile(config, cache);
        var sink = new RecordingSink();
        var bytes = Encoding.UTF8.GetBytes(source);
        new FileMatcher(ShapeIndex.ForConfig(config), cache, patterns).Match(bytes, bytes.Length, "src/C.cs", LanguageCatalog.ForExtension(".cs")!, sink);

        Assert.NotEmpty(sink.Usages);
        Assert.Equal(expected, sink.ReturnedChecks);
    }
}
