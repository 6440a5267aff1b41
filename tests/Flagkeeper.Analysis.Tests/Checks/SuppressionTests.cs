using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Analysis.Checks.Sources;

namespace Flagkeeper.Analysis.Tests.Checks;

/// <summary><c>flagkeeper-ignore</c> comments and the source lines they are read from.</summary>
public class SuppressionTests
{
    private static Finding FindingAt(string file, int line, string rule = "dynamic-key") =>
        new(rule, "code", RuleSeverity.Error, "a message", "new-checkout", new SourceLocation(file, line, 1), null);

    // ------------------------------------------------------------------ one line

    [Theory]
    [InlineData("// flagkeeper-ignore")]
    [InlineData("x = f(key) // flagkeeper-ignore")]
    [InlineData("/* flagkeeper-ignore */")]
    [InlineData("# flagkeeper-ignore because legacy")]
    [InlineData("<!-- flagkeeper-ignore -->")]
    [InlineData("flagkeeper-ignore")]
    [InlineData("// flagkeeper-ignore.")]
    public void A_bare_marker_silences_every_rule(string line)
    {
        Assert.True(Suppressions.Silences(line, "dynamic-key"));
        Assert.True(Suppressions.Silences(line, "kill-switch-missing"));
    }

    [Theory]
    [InlineData("# flagkeeper-ignore: dynamic-key")]
    [InlineData("// flagkeeper-ignore:dynamic-key")]
    [InlineData("/* flagkeeper-ignore: dynamic-key */")]
    [InlineData("// flagkeeper-ignore: a-rule, dynamic-key")]
    [InlineData("// flagkeeper-ignore: a-rule dynamic-key")]
    [InlineData("// flagkeeper-ignore:\ta-rule,dynamic-key,other")]
    public void A_rule_list_silences_only_those_rules(string line)
    {
        Assert.True(Suppressions.Silences(line, "dynamic-key"));
        Assert.False(Suppressions.Silences(line, "unknown-flag"));
        Assert.False(Suppressions.Silences(line, "dynamic"));
    }

    [Fact]
    public void A_second_marker_on_the_line_is_also_read()
    {
        const string line = "// flagkeeper-ignore: a-rule  // flagkeeper-ignore: dynamic-key";
        Assert.True(Suppressions.Silences(line, "a-rule"));
        Assert.True(Suppressions.Silences(line, "dynamic-key"));
        Assert.False(Suppressions.Silences(line, "b-rule"));
    }

    [Theory]
    [InlineData("// flagkeeper-ignored")]
    [InlineData("// flagkeeper-ignore-next")]
    [InlineData("// flagkeeper-ignore_all")]
    [InlineData("// flagkeeper-ignore2")]
    [InlineData("// FLAGKEEPER-IGNORE")]
    [InlineData("// flagkeeper ignore")]
    [InlineData("// flagkeeper-ignore:")]
    [InlineData("// flagkeeper-ignore: dynamic-keys")]
    [InlineData("// flagkeeper-ignore: dynamic-key-other")]
    [InlineData("")]
    [InlineData("plain code")]
    public void Other_text_does_not_silence(string line)
    {
        Assert.False(Suppressions.Silences(line, "dynamic-key"));
    }

    [Fact]
    public void A_null_line_silences_nothing()
    {
        Assert.False(Suppressions.Silences((string?)null, "dynamic-key"));
    }

    [Fact]
    public void Every_known_rule_can_be_named_in_a_marker()
    {
        Assert.NotEmpty(RuleCatalog.AllRuleIds);
        Assert.All(RuleCatalog.AllRuleIds, rule =>
        {
            Assert.True(Suppressions.Silences($"// flagkeeper-ignore: {rule}", rule), rule);
            Assert.True(Suppressions.Silences($"// flagkeeper-ignore: other-rule, {rule}", rule), rule);
        });
    }

    // ------------------------------------------------------------------ located findings

    [Fact]
    public void A_marker_on_the_line_or_the_line_above_silences_a_finding_but_not_two_above()
    {
        using var dir = new TempDirectory();
        dir.Write("src/a.ts", "// flagkeeper-ignore\nconst x = 1;\nconst y = 2;\nconst z = f(k); // flagkeeper-ignore: dynamic-key\n");
        var lines = new SourceLines(dir.Path);

        Assert.True(Suppressions.Silences(lines, FindingAt("src/a.ts", 1)));
        Assert.True(Suppressions.Silences(lines, FindingAt("src/a.ts", 2)));
        Assert.False(Suppressions.Silences(lines, FindingAt("src/a.ts", 3)));
        Assert.True(Suppressions.Silences(lines, FindingAt("src/a.ts", 4)));
        Assert.False(Suppressions.Silences(lines, FindingAt("src/a.ts", 4, "unknown-flag")));
        Assert.True(Suppressions.Silences(lines, FindingAt("src/a.ts", 5))); // the line below the marker
        Assert.False(Suppressions.Silences(lines, FindingAt("src/a.ts", 6)));
    }

    [Fact]
    public void A_finding_without_a_location_or_line_or_file_is_not_silenced()
    {
        using var dir = new TempDirectory();
        dir.Write("src/a.ts", "// flagkeeper-ignore\n");
        var lines = new SourceLines(dir.Path);

        Assert.False(Suppressions.Silences(lines, FindingAt("src/a.ts", 1) with { Location = null }));
        Assert.False(Suppressions.Silences(lines, FindingAt("src/a.ts", 0)));
        Assert.False(Suppressions.Silences(lines, FindingAt("src/missing.ts", 1)));
    }

    [Fact]
    public void Crlf_files_are_read_line_by_line()
    {
        using var dir = new TempDirectory();
        dir.Write("a.cs", "one\r\n// flagkeeper-ignore: dynamic-key\r\nthree\r\n");
        var lines = new SourceLines(dir.Path);

        Assert.Equal("one", lines.Line("a.cs", 1));
        Assert.Equal("// flagkeeper-ignore: dynamic-key", lines.Line("a.cs", 2));
        Assert.Equal("three", lines.Line("a.cs", 3));
        Assert.True(Suppressions.Silences(lines, FindingAt("a.cs", 3)));
    }

    [Theory]
    [InlineData("bom")]
    [InlineData("cr")]
    [InlineData("utf16le")]
    [InlineData("utf16be")]
    public void Lines_of_bom_lone_cr_and_utf16_files_are_the_lines_the_scanner_counts(string variant)
    {
        const string text = "one\n// flagkeeper-ignore: dynamic-key\nthree\n";
        using var dir = new TempDirectory();
        dir.WriteBytes("a.cs", variant switch
        {
            "bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            "cr" => Encoding.UTF8.GetBytes(text.Replace('\n', '\r')),
            "utf16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
        });
        var lines = new SourceLines(dir.Path);

        Assert.Equal("one", lines.Line("a.cs", 1));
        Assert.Equal("// flagkeeper-ignore: dynamic-key", lines.Line("a.cs", 2));
        Assert.Equal("three", lines.Line("a.cs", 3));
        Assert.True(Suppressions.Silences(lines, FindingAt("a.cs", 3)));
    }

    [Fact]
    public void Out_of_range_lines_are_null()
    {
        using var dir = new TempDirectory();
        dir.Write("a.cs", "one\ntwo");
        var lines = new SourceLines(dir.Path);

        Assert.Null(lines.Line("a.cs", 0));
        Assert.Null(lines.Line("a.cs", -1));
        Assert.Equal("two", lines.Line("a.cs", 2));
        Assert.Null(lines.Line("a.cs", 3));
        Assert.Null(lines.Line("a.cs", int.MaxValue));
        Assert.Null(lines.Line("a.cs", int.MinValue));
    }

    [Fact]
    public void An_empty_or_missing_file_has_no_lines()
    {
        using var dir = new TempDirectory();
        dir.Write("empty.cs", "");
        var lines = new SourceLines(dir.Path);

        Assert.Null(lines.Line("empty.cs", 1));
        Assert.Null(lines.Line("missing.cs", 1));
        Assert.Null(lines.Line("no/such/folder/x.cs", 1));
    }

    [Fact]
    public void A_file_deleted_after_creation_has_no_lines()
    {
        using var dir = new TempDirectory();
        var full = dir.Write("gone.cs", "// flagkeeper-ignore\nx\n");
        File.Delete(full);
        var lines = new SourceLines(dir.Path);

        Assert.Null(lines.Line("gone.cs", 1));
        Assert.False(Suppressions.Silences(lines, FindingAt("gone.cs", 2)));
    }

    [Fact]
    public void A_file_is_read_once()
    {
        using var dir = new TempDirectory();
        var full = dir.Write("a.cs", "first\n");
        var lines = new SourceLines(dir.Path);

        Assert.Equal("first", lines.Line("a.cs", 1));
        File.Delete(full);
        Assert.Equal("first", lines.Line("a.cs", 1));
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_line()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["bom.cs"], "// flagkeeper-ignore\nx\n", new UTF8Encoding(true));
        var lines = new SourceLines(dir.Path);

        Assert.Equal("// flagkeeper-ignore", lines.Line("bom.cs", 1));
    }

    /// <summary>
    /// The scanner numbers lines by '\n' (SourceDecoder turns a lone CR into one), so a suppression must be read from the same line.
    /// Form feeds (page breaks in C, Python, Lisp sources), NEL and U+2028/U+2029 are not line breaks (a lone CR
    /// is: a classic Mac line ending, as the scanner counts it).
    /// </summary>
    [Theory]
    [InlineData("\f")]
    [InlineData("\u0085")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    public void Only_newlines_end_lines(string separator)
    {
        using var dir = new TempDirectory();
        dir.Write("a.c", $"int a;{separator}int b;\n// flagkeeper-ignore\nuse(key);\n");
        var lines = new SourceLines(dir.Path);

        Assert.Equal($"int a;{separator}int b;", lines.Line("a.c", 1));
        Assert.Equal("// flagkeeper-ignore", lines.Line("a.c", 2));
        Assert.Equal("use(key);", lines.Line("a.c", 3));
        Assert.False(Suppressions.Silences(lines, FindingAt("a.c", 1)));
    }
}
