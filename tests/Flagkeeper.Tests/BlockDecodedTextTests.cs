using System.Text;
using Flagkeeper.Documents;

namespace Flagkeeper.Tests;

/// <summary>A large file decoded in blocks is exactly the text a whole read gives; anything unusual is left to the whole read.</summary>
public class BlockDecodedTextTests
{
    /// <summary>Text over several 64 KB blocks with two-, three- and four-byte characters across every block boundary.</summary>
    private static string LargeText()
    {
        var text = new StringBuilder();
        var line = 0;
        while (text.Length < 600_000)
        {
            text.Append("  flag-").Append(line++).Append(":\n    description: ");
            text.Append((line % 4) switch { 0 => "Zürich café", 1 => "日本語のフラグ", 2 => "rocket 🚀 launch", _ => "plain ascii" }).Append('\n');
        }
        return text.ToString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_large_file_decodes_to_the_text_of_a_whole_read(bool byteOrderMark)
    {
        using var dir = new TempDirectory();
        var text = LargeText();
        var path = dir["flags.yaml"];
        File.WriteAllText(path, text, new UTF8Encoding(byteOrderMark));

        Assert.Equal(text, Decoded(path));
        var (read, error) = DocumentReader.ReadFileText(path, "flags.yaml", DocumentLimits.Default);
        Assert.Null(error);
        Assert.Equal(text, read);
    }

    [Fact]
    public void Invalid_utf8_is_left_to_the_whole_read_which_reports_where()
    {
        using var dir = new TempDirectory();
        var bytes = Encoding.UTF8.GetBytes(LargeText());
        var bad = 300_001;
        while (bytes[bad] >= 0x80)
        {
            bad++;
        }
        bytes[bad] = 0xFF;
        var path = dir.WriteBytes("flags.yaml", bytes);

        Assert.Null(Decoded(path));
        var (text, error) = DocumentReader.ReadFileText(path, "flags.yaml", DocumentLimits.Default);
        Assert.Null(text);
        Assert.Contains("0xFF is not valid UTF-8", error!.Message, StringComparison.Ordinal);
        Assert.Equal(1 + Encoding.UTF8.GetString(bytes, 0, bad).Count(c => c == '\n'), error.Location!.Value.Line);
    }

    [Theory]
    [InlineData(0xC3)] // a two-byte character cut after its first byte
    [InlineData(0xF0)] // a four-byte character cut after its first byte
    public void A_character_cut_at_the_end_of_a_block_before_an_ascii_block_is_invalid(byte lead)
    {
        using var dir = new TempDirectory();
        // Blocks of plain ASCII are counted without decoding: the cut character must still be caught.
        var bytes = Encoding.ASCII.GetBytes(new string('a', 300_000));
        bytes[64 * 1024 - 1] = lead;
        var path = dir.WriteBytes("flags.yaml", bytes);

        Assert.Null(Decoded(path));
        var (text, error) = DocumentReader.ReadFileText(path, "flags.yaml", DocumentLimits.Default);
        Assert.Null(text);
        Assert.Contains("is not valid UTF-8", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ascii_file_decodes_to_the_text_of_a_whole_read()
    {
        using var dir = new TempDirectory();
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"flag-{i}: {{ enabled: true }}\n"));
        var path = dir.WriteBytes("flags.yaml", Encoding.ASCII.GetBytes(text));

        Assert.Equal(text, Decoded(path));
    }

    [Fact]
    public void Utf16_and_a_file_of_another_size_than_expected_are_left_to_the_whole_read()
    {
        using var dir = new TempDirectory();
        var utf16 = dir["utf16.yaml"];
        File.WriteAllText(utf16, LargeText(), new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        Assert.Null(Decoded(utf16));
        Assert.Contains("UTF-16", DocumentReader.ReadFileText(utf16, "utf16.yaml", DocumentLimits.Default).Error!.Message, StringComparison.Ordinal);

        var grown = dir.Write("grown.yaml", LargeText());
        using var handle = File.OpenHandle(grown);
        Assert.Null(BlockDecodedText.TryRead(handle, new FileInfo(grown).Length - 10));
        Assert.Null(BlockDecodedText.TryRead(handle, new FileInfo(grown).Length + 10));
    }

    private static string? Decoded(string path)
    {
        using var handle = File.OpenHandle(path);
        return BlockDecodedText.TryRead(handle, new FileInfo(path).Length);
    }
}
