using System.Text;
using Flagkeeper.Documents;
using Flagkeeper.Editing;
using Flagkeeper.Registry;

namespace Flagkeeper.Tests;

/// <summary>
/// An edited text kept as the original and its replacements answers every question (the whole text, its common start and
/// end with the original, any slice) as the whole string would, and is written to a file byte for byte as that string.
/// </summary>
public class EditedTextTests
{
    private static string Applied(string original, IReadOnlyList<EditedText.Replacement> replacements)
    {
        var text = new StringBuilder();
        var from = 0;
        foreach (var replacement in replacements)
        {
            text.Append(original, from, replacement.Start - from).Append(replacement.Text);
            from = replacement.End;
        }
        return text.Append(original, from, original.Length - from).ToString();
    }

    private static int SuffixLength(string a, string b)
    {
        var same = 0;
        while (same < Math.Min(a.Length, b.Length) && a[^(same + 1)] == b[^(same + 1)])
        {
            same++;
        }
        return same;
    }

    private static void AssertAsString(string original, params EditedText.Replacement[] replacements)
    {
        var expected = Applied(original, replacements);
        var edited = new EditedText(original, replacements);
        var prefix = original.AsSpan().CommonPrefixLength(expected);

        Assert.Equal(expected.Length, edited.Length);
        Assert.Equal(prefix, edited.CommonPrefixLength());
        var most = Math.Min(original.Length, expected.Length) - prefix;
        Assert.Equal(Math.Min(SuffixLength(original, expected), most), edited.CommonSuffixLength(most));
        Assert.Equal(expected == original, edited.SameAsOriginal);
        for (var start = 0; start <= expected.Length; start += 3)
        {
            Assert.Equal(expected[start..], edited.Slice(start, expected.Length));
            Assert.Equal(expected[..start], edited.Slice(0, start));
        }
        Assert.Equal(expected, string.Concat(edited.Parts().Select(p => p.Part.ToString())));
        Assert.Equal(expected, edited.Text);
    }

    [Fact]
    public void Replacements_read_as_the_string_they_make()
    {
        const string original = "version: 1\nflags:\n  a:\n    rollout: 30\n  b:\n    rollout: 30\n";
        AssertAsString(original, new EditedText.Replacement(31, 33, "42"));
        AssertAsString(original, new EditedText.Replacement(36, 36, "    enabled: true\n"));
        AssertAsString(original, new EditedText.Replacement(18, 36, ""));
        AssertAsString(original, new EditedText.Replacement(0, 0, "# top\n"), new EditedText.Replacement(original.Length, original.Length, "  c:\n"));
        AssertAsString(original); // no replacement
        AssertAsString(original, new EditedText.Replacement(31, 33, "30")); // the same text again
        AssertAsString(original, new EditedText.Replacement(31, 31, "3"), new EditedText.Replacement(31, 32, "")); // a character moved back and forth
        AssertAsString(original, new EditedText.Replacement(0, original.Length, "x"));
    }

    [Fact]
    public void Random_replacements_of_a_repetitive_text_read_as_the_string_they_make()
    {
        // Repeated lines make the common start and end run past the replacements.
        var original = string.Concat(Enumerable.Repeat("  f:\n    rollout: 30\n", 20));
        var random = new Random(7);
        string[] pieces = ["", "  f:\n", "30", "3", "\n", "    rollout: 30\n", "x"];
        for (var round = 0; round < 300; round++)
        {
            var cuts = Enumerable.Range(0, random.Next(0, 4) * 2).Select(_ => random.Next(0, original.Length + 1)).Order().ToList();
            var replacements = new List<EditedText.Replacement>();
            for (var i = 0; i < cuts.Count; i += 2)
            {
                replacements.Add(new(cuts[i], cuts[i + 1], pieces[random.Next(pieces.Length)]));
            }
            AssertAsString(original, [.. replacements]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Many_small_parts_are_written_in_full_blocks_as_the_bytes_of_the_whole(bool byteOrderMark)
    {
        // An edit of every flag: 20,000 parts, some splitting a surrogate pair, some multi-byte characters across block ends.
        var parts = new List<ReadOnlyMemory<char>>();
        var whole = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            var unchanged = $"  flag-{i}:\n    owner: é日\uD83D";
            var replaced = $"\uDE00\n    enabled: {(i % 2 == 0 ? "false" : "true")}\n";
            parts.Add(unchanged.AsMemory());
            parts.Add(replaced.AsMemory());
            whole.Append(unchanged).Append(replaced);
        }
        var stream = new WriteCountingStream();

        AtomicFile.WriteUtf8(stream, parts, byteOrderMark);

        var expected = (byteOrderMark ? Encoding.UTF8.Preamble.ToArray() : []).Concat(Encoding.UTF8.GetBytes(whole.ToString())).ToArray();
        Assert.Equal(expected, stream.ToArray());
        // One write per 64 KB block (a write per part was 20,000 system calls).
        Assert.InRange(stream.Writes, 1, (expected.Length / (60 * 1024)) + 1);
    }

    private sealed class WriteCountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }
    }

    [Fact]
    public void A_text_written_in_parts_is_the_bytes_of_the_whole_even_with_a_character_split_between_parts()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", "old\n");
        // U+1F600 is two UTF-16 units; the parts split it.
        ReadOnlyMemory<char>[] parts = ["a: x\uD83D".AsMemory(), "\uDE00y\n".AsMemory(), new string('z', 100_000).AsMemory()];

        using (var replacement = AtomicFile.Prepare(path, parts, byteOrderMark: true))
        {
            replacement.Commit();
        }

        Assert.Equal([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("a: x\U0001F600y\n" + new string('z', 100_000))], File.ReadAllBytes(path));
    }

    [Fact]
    public void An_edit_s_source_tells_whether_a_file_holds_it_without_building_the_whole_text()
    {
        using var dir = new TempDirectory();
        const string original = "version: 1\nflags:\n  a:\n    rollout: 30\n";
        var edited = new EditedText(original, [new(31, 33, "42")]);
        var written = dir.Write("flags.yaml", edited.Text);
        var other = dir.Write("other.yaml", original);
        var longer = dir.Write("longer.yaml", edited.Text + "\n");
        // A part boundary inside a surrogate pair is answered "no" (the caller then reads the file again), never wrongly "yes".
        var split = new EditedText("a: x\uD83D\uDE00\n", [new(5, 5, "")]);
        var splitFile = dir.Write("split.yaml", split.Text);

        Assert.True(new RegistrySource(new EditedText(original, [new(31, 33, "42")]), null, 0).IsIn(written, Documents.DocumentLimits.Default));
        Assert.False(new RegistrySource(edited, null, 0).IsIn(other, Documents.DocumentLimits.Default));
        Assert.False(new RegistrySource(edited, null, 0).IsIn(longer, Documents.DocumentLimits.Default));
        Assert.True(new RegistrySource(original, null, 0).IsIn(other, Documents.DocumentLimits.Default));
        Assert.False(new RegistrySource(split, null, 0).IsIn(splitFile, Documents.DocumentLimits.Default));
    }

    [Fact]
    public void A_source_of_many_small_parts_is_compared_with_the_file_across_blocks()
    {
        using var dir = new TempDirectory();
        // 20,000 replacements with two-byte characters: parts and blocks end in the middle of one another.
        var original = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"  f{i}:\n    enabled: true\n"));
        var replacements = new List<EditedText.Replacement>();
        for (var at = original.IndexOf("true", StringComparison.Ordinal); at >= 0; at = original.IndexOf("true", at + 4, StringComparison.Ordinal))
        {
            replacements.Add(new(at, at + 4, "fälsé"));
        }
        var edited = new EditedText(original, replacements);
        var text = edited.Text;
        var written = dir.Write("flags.yaml", text);
        var middle = text.IndexOf("fälsé", text.Length / 2, StringComparison.Ordinal);
        var changedInTheMiddle = dir.Write("middle.yaml", text[..middle] + "falsé" + text[(middle + 5)..]);
        var changedAtTheEnd = dir.Write("end.yaml", text[..^3] + "X" + text[^2..]);
        var shorter = dir.Write("shorter.yaml", text[..^1]);

        Assert.True(new RegistrySource(edited, null, 0).IsIn(written, Documents.DocumentLimits.Default));
        Assert.False(new RegistrySource(edited, null, 0).IsIn(changedInTheMiddle, Documents.DocumentLimits.Default));
        Assert.False(new RegistrySource(edited, null, 0).IsIn(changedAtTheEnd, Documents.DocumentLimits.Default));
        Assert.False(new RegistrySource(edited, null, 0).IsIn(shorter, Documents.DocumentLimits.Default));
    }
}
