using System.Text;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Tests.Scanning.Matching;

/// <summary>
/// A usage's line text kept as ASCII bytes is exactly the text the string way gives (decode, trim every white-space
/// character, cut at 240): for every ASCII character at either end of a line, around the length limit, and for lines
/// that are not ASCII, which stay strings.
/// </summary>
public class LineTextTests
{
    private static string Reference(string line)
    {
        var text = line.Trim();
        return text.Length > FileText.MaxTextLength ? text[..FileText.MaxTextLength] : text;
    }

    private static LineText Of(string file, int offset)
    {
        var bytes = Encoding.UTF8.GetBytes(file);
        var text = new FileText();
        text.Load(bytes, bytes.Length);
        return text.LineText(offset);
    }

    public static TheoryData<int> AsciiCharacters() => [.. Enumerable.Range(0, 128).Where(c => c != '\n')];

    [Theory]
    [MemberData(nameof(AsciiCharacters))]
    public void Any_ascii_character_at_either_end_gives_the_string_ways_text(int character)
    {
        var c = (char)character;
        var line = $"{c}{c} isEnabled('k') {c}{c}";

        var text = Of($"first\n{line}\nlast\n", 6 + line.IndexOf('k', StringComparison.Ordinal));

        Assert.Equal(Reference(line), text.Decoded);
    }

    [Theory]
    [InlineData(239)]
    [InlineData(240)]
    [InlineData(241)]
    [InlineData(600)]
    public void Long_lines_are_cut_where_the_string_way_cuts_them(int length)
    {
        var line = "  isEnabled('k') " + new string('x', length - 17) + "  ";

        var text = Of(line, 14);

        Assert.Equal(Reference(line), text.Decoded);
        Assert.Equal(length <= 240 + 2, text.Text is null); // kept as bytes only when no cut is needed
    }

    [Theory]
    [InlineData("\u00a0isEnabled('k')\u00a0")] // no-break spaces: white space to Trim, not ASCII
    [InlineData("\u3000 isEnabled('k') caf\u00e9")]
    [InlineData("isEnabled('k') \U0001F600")]
    public void Lines_that_are_not_ascii_stay_strings_and_are_trimmed_the_same(string line)
    {
        var text = Of(line + "\n", line.IndexOf('k', StringComparison.Ordinal));

        Assert.NotNull(text.Text);
        Assert.Equal(Reference(line), text.Text);
    }
}
