using System.Text;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>Encodings and line endings: the same usages at the same line and column whatever the bytes around them. Every expected line and column is written out or computed from the test's own input text.</summary>
public class EncodingTests
{
    // ---------------------------------------------------------------- encodings and line endings

    private const string MixedContent =
        "import x from 'y';\n" +
        "/* isEnabled('hidden')\n   still a comment */\n" +
        "if (isEnabled('one') && isEnabled(\n  'two'\n)) {\n" +
        "  const v = process.env.FEATURE_THREE; // isEnabled('nope')\n" +
        "}\n" +
        "isEnabled(name);\n";

    private static readonly (int Line, int Column, string? Flag)[] MixedExpected =
    [
        (4, 16, "one"),
        (5, 4, "two"),
        (7, 33, "THREE"),
        (9, 11, null),
    ];

    [Fact]
    public void Lf_file_positions_are_as_written()
    {
        var result = ScanText("a.ts", MixedContent);

        Assert.Equal(MixedExpected, result.Usages.Select(u => (u.Line, u.Column, u.Flag)));
    }

    [Fact]
    public void Crlf_line_endings_give_the_same_lines_columns_and_text_as_lf()
    {
        var lf = ScanText("a.ts", MixedContent);
        var crlf = ScanText("a.ts", MixedContent.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(MixedExpected, crlf.Usages.Select(u => (u.Line, u.Column, u.Flag)));
        Assert.Equal(lf.Usages, crlf.Usages);
        Assert.All(crlf.Usages, u => Assert.DoesNotContain('\r', u.Text));
    }

    [Fact]
    public void Utf8_bom_does_not_shift_first_line_columns()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("isEnabled(\"k\") && isEnabled('m')\nisEnabled('n')\n")).ToArray();

        var result = ScannerSpecSupport.ScanBytes("a.ts", bytes);

        Assert.Equal([(1, 12, "k"), (1, 30, "m"), (2, 12, "n")], result.Usages.Select(u => (u.Line, u.Column, u.Flag)));
        Assert.Equal("isEnabled(\"k\") && isEnabled('m')", result.Usages[0].Text);
    }

    [Fact]
    public void Bom_file_with_a_comment_on_line_one_is_still_lexed()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("// isEnabled('hidden')\nisEnabled('n')\n")).ToArray();

        var result = ScannerSpecSupport.ScanBytes("a.ts", bytes);

        Assert.Equal([(2, 12, "n")], result.Usages.Select(u => (u.Line, u.Column, u.Flag)));
    }

    [Theory]
    [InlineData("const s = \"ü€𝄞\"; isEnabled(\"k\")")]
    [InlineData("const s = \"日本語\"; isEnabled(\"k\") && isEnabled(\"k\")")]
    [InlineData("/* 𝄞𝄞 */ isEnabled(\"k\")")]
    public void Non_ascii_text_before_the_call_gives_utf16_columns(string line)
    {
        var result = ScanText("a.ts", "// ß line one\n" + line + "\n");

        Assert.NotEmpty(result.Usages);
        var expected = new List<int>();
        for (var at = line.IndexOf("\"k\"", StringComparison.Ordinal); at >= 0; at = line.IndexOf("\"k\"", at + 1, StringComparison.Ordinal))
        {
            expected.Add(at + 2); // 1-based column of k, after the quote
        }
        Assert.Equal(expected, result.Usages.Select(u => u.Column));
        Assert.All(result.Usages, u => Assert.Equal(2, u.Line));
        Assert.All(result.Usages, u => Assert.Equal(line, u.Text));
    }

    [Fact]
    public void Non_ascii_column_example_from_the_brief()
    {
        const string line = "const s = \"ü€𝄞\"; isEnabled(\"k\")";
        var usage = Single(ScanText("a.ts", line + "\n"));

        // "const s = \"" is 11 units, ü and € 1 each, 𝄞 2 (a surrogate pair), then "\"; isEnabled(\"" 14: k is unit 30.
        Assert.Equal(30, usage.Column);
        Assert.Equal(line.IndexOf("\"k\"", StringComparison.Ordinal) + 2, usage.Column);
    }

    [Fact]
    public void Non_ascii_key_is_decoded_as_utf8()
    {
        const string line = "if (isEnabled('über-flag')) {}";
        var usage = Single(ScanText("a.ts", line + "\n"));

        Assert.Equal("über-flag", usage.Flag);
        Assert.Equal(ColumnOf(line, "über"), usage.Column);
        Assert.Equal(line, usage.Text);
    }

    [Fact]
    public void Invalid_utf8_before_the_call_does_not_break_matching()
    {
        var bytes = Encoding.ASCII.GetBytes("const junk = '").Concat(new byte[] { 0xFF, 0xFE, 0xC3, 0x28, 0x80 })
            .Concat(Encoding.ASCII.GetBytes("'; if (isEnabled('same-line')) {}\n"))
            .Concat(new byte[] { 0xC0, 0xAF, 0xED, 0xA0, 0x80, (byte)'\n' })
            .Concat(Encoding.ASCII.GetBytes("if (isEnabled('next-line')) {}\n"))
            .ToArray();

        var result = ScannerSpecSupport.ScanBytes("a.ts", bytes);

        Assert.True(result.Errors.Count == 0, Describe(result));
        Assert.Equal(["same-line", "next-line"], result.Usages.Select(u => u.Flag));
        Assert.Equal([1, 3], result.Usages.Select(u => u.Line));
        Assert.Equal(16, result.Usages[1].Column);
    }
}
