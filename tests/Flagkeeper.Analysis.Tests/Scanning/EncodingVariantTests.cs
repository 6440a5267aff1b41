using System.Text;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// Exactness on every encoding (issue 14): the same usages planted in the same text, saved with a UTF-8 BOM,
/// as UTF-16 LE or BE, with CRLF or lone CR line endings, without a final newline, or with invalid UTF-8 on a
/// line of its own, give identical results: same keys, same line:column, same text. Each variant is a real file
/// in a temp folder, scanned by the real scanner.
/// </summary>
public class EncodingVariantTests
{
    // The SDK import is the first line, so a BOM in front of it would hide it from the import check.
    private const string Csharp =
        "using LaunchDarkly.Sdk.Server;\n" +
        "// note: plain comment\n" +
        "var on = _ld.BoolVariation(\"ld-key\", ctx, false);\n" +
        "/* isEnabled(\"hidden\")\n   still hidden */ if (flags.IsEnabled(\"über-flag\") && flags.IsEnabled(name)) {}\n" +
        "var beta = Environment.GetEnvironmentVariable(\"FEATURE_BETA\");\n" +
        "if (KILL_SWITCH_PAYMENTS) {} // flags.IsEnabled(\"nope\")\n" +
        "var last = flags.IsEnabled(\"last-line\");";

    private static readonly (int Line, int Column, string? Flag)[] CsharpExpected =
    [
        (3, 29, "ld-key"),
        (5, 41, "über-flag"),
        (5, 72, null),
        (6, 56, "BETA"),
        (7, 5, "KILL_SWITCH_PAYMENTS"),
        (8, 29, "last-line"),
    ];

    private const string TypeScript =
        "import { useFlags } from 'launchdarkly-react-client-sdk';\n" +
        "const a = isEnabled('one') && isEnabled(\n  'two'\n);\n" +
        "const s = '日本語 𝄞'; const b = process.env.FEATURE_THREE; // isEnabled('nope')\n" +
        "isEnabled(name);";

    private static readonly (int Line, int Column, string? Flag)[] TypeScriptExpected =
    [
        (2, 22, "one"),
        (3, 4, "two"),
        (5, 51, "THREE"),
        (6, 11, null),
    ];

    public static TheoryData<string, string> Variants() => new()
    {
        { "cs", "lf" }, { "cs", "crlf" }, { "cs", "cr" }, { "cs", "final-newline" }, { "cs", "bom" }, { "cs", "bom-crlf" }, { "cs", "bom-cr" },
        { "cs", "utf16le" }, { "cs", "utf16be" }, { "cs", "utf16le-crlf" }, { "cs", "invalid-utf8" },
        { "ts", "lf" }, { "ts", "crlf" }, { "ts", "cr" }, { "ts", "final-newline" }, { "ts", "bom" }, { "ts", "bom-crlf" },
        { "ts", "utf16le" }, { "ts", "utf16be-cr" }, { "ts", "invalid-utf8" },
    };

    /// <summary>The source saved as <paramref name="variant"/>: line endings first, then the encoding.</summary>
    private static byte[] Save(string source, string variant)
    {
        var text = variant.EndsWith("crlf", StringComparison.Ordinal) ? source.Replace("\n", "\r\n", StringComparison.Ordinal)
            : variant.EndsWith("-cr", StringComparison.Ordinal) || variant == "cr" ? source.Replace('\n', '\r')
            : variant == "final-newline" ? source + "\n"
            : source;
        if (variant.StartsWith("utf16le", StringComparison.Ordinal))
        {
            return [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
        }
        if (variant.StartsWith("utf16be", StringComparison.Ordinal))
        {
            return [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)];
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        if (variant.StartsWith("bom", StringComparison.Ordinal))
        {
            return [0xEF, 0xBB, 0xBF, .. bytes];
        }
        if (variant == "invalid-utf8")
        {
            // Invalid sequences on a line without usages: the comment of line 2 (C#), the tail of line 1 (TypeScript).
            var marker = Encoding.UTF8.GetBytes(source.StartsWith("using", StringComparison.Ordinal) ? "plain comment" : "sdk';");
            var at = bytes.AsSpan().IndexOf(marker) + marker.Length;
            return [.. bytes[..at], 0xFF, 0xC3, 0x28, 0x80, 0xED, 0xA0, 0x80, .. bytes[at..]];
        }
        return bytes;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_encoding_and_line_ending_gives_the_same_keys_lines_columns_and_text(string language, string variant)
    {
        var (source, expected) = language == "cs" ? (Csharp, CsharpExpected) : (TypeScript, TypeScriptExpected);
        var plain = ScanText("src/a." + language, source);
        Assert.True(plain.Errors.Count == 0, Describe(plain));
        Assert.Equal(expected, plain.Usages.Select(u => (u.Line, u.Column, u.Flag)));

        var result = ScanBytes("src/a." + language, Save(source, variant));

        Assert.True(result.Errors.Count == 0, Describe(result));
        Assert.Equal(1, result.Statistics.FilesScanned);
        Assert.True(plain.Usages.SequenceEqual(result.Usages), $"{variant}:\n{Describe(result)}\nexpected:\n{Describe(plain)}");
    }

    [Fact]
    public void An_sdk_import_on_the_first_line_of_a_bom_file_still_gates_its_shapes()
    {
        var bytes = (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("using LaunchDarkly.Sdk.Server;\nvar on = _ld.BoolVariation(\"k\", ctx, false);\n")];

        var usage = Single(ScanBytes("a.cs", bytes));

        Assert.Equal(("k", 2, 29, "launchdarkly-variation"), (usage.Flag, usage.Line, usage.Column, usage.Pattern));
    }

    [Fact]
    public void A_one_line_file_without_a_newline_is_matched()
    {
        var usage = Single(ScanText("a.ts", "isEnabled('k')"));

        Assert.Equal(("k", 1, 12, "isEnabled('k')"), (usage.Flag, usage.Line, usage.Column, usage.Text));
    }

    [Fact]
    public void A_utf16_file_is_scanned_not_counted_as_binary()
    {
        var bytes = (byte[])[.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("if (isEnabled('k')) {}\n")];

        var result = ScanBytes("a.ts", bytes);

        Assert.Equal(0, result.Statistics.BinaryFiles);
        Assert.Equal(("k", 1, 16), (Single(result).Flag, result.Usages[0].Line, result.Usages[0].Column));
    }

    [Fact]
    public void A_utf32_file_is_skipped_as_binary_and_counted()
    {
        var bytes = (byte[])[.. new UTF32Encoding(bigEndian: false, byteOrderMark: true).GetPreamble(), .. Encoding.UTF32.GetBytes("if (isEnabled('k')) {}\n")];

        var result = ScanBytes("a.ts", bytes);

        Assert.Empty(result.Usages);
        Assert.Equal(1, result.Statistics.BinaryFiles);
    }

    [Fact]
    public void Invalid_utf8_before_a_key_on_its_line_counts_one_column_per_invalid_sequence()
    {
        // FF, then C3 28 (a lead byte without its continuation, then '('), then 80: three U+FFFD, as editors show them.
        var bytes = (byte[])[.. "s = '"u8, 0xFF, 0xC3, 0x28, 0x80, .. "'; isEnabled('k')\n"u8];

        var usage = Single(ScanBytes("a.ts", bytes));

        Assert.Equal("s = '\uFFFD\uFFFD(\uFFFD'; isEnabled('k')".IndexOf("k'", StringComparison.Ordinal) + 1, usage.Column);
        Assert.Equal("s = '\uFFFD\uFFFD(\uFFFD'; isEnabled('k')", usage.Text);
    }
}
