using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Loading;

namespace Flagkeeper.Tests;

/// <summary>
/// The leaner registry load: scalars that keep a one-line end as an index, keys kept inline in their entries,
/// error places joined only for a message, the pooled file buffer. Each must give exactly what the full
/// forms gave: positions, texts, messages.
/// </summary>
public class CompactTreeTests
{
    private static DocNode Read(string text) =>
        DocumentReader.Read("doc.yaml", text, DocumentFormat.Yaml, DocumentLimits.Default, ErrorCodes.RegistrySyntax).Root!;

    private static MappingEntry Entry(DocNode root, int index) => ((MappingNode)root).Entries[index];

    [Fact]
    public void A_one_line_scalar_ends_on_its_line_after_its_text()
    {
        var value = (ScalarNode)Entry(Read("a: hello\nb: 'it''s'\n"), 0).Value;
        var quoted = (ScalarNode)Entry(Read("a: hello\nb: 'it''s'\n"), 1).Value;

        Assert.Equal(new DocMark(3, 1, 4), value.Start);
        Assert.Equal(new DocMark(8, 1, 9), value.End);
        Assert.False(value.Quoted);
        Assert.Equal(new DocMark(12, 2, 4), quoted.Start);
        Assert.Equal(new DocMark(19, 2, 11), quoted.End);
        Assert.True(quoted.Quoted);
        Assert.Equal("it's", quoted.Value);
    }

    [Theory]
    [InlineData("a: |\n  one\n  two\nb: x\n", "one\ntwo\n", 3)]
    [InlineData("a: \"two\n  lines\"\nb: x\n", "two lines", 2)]
    [InlineData("a: first\n  second\nb: x\n", "first second", 2)]
    public void A_scalar_over_several_lines_keeps_its_whole_end(string text, string value, int endLine)
    {
        var scalar = (ScalarNode)Entry(Read(text), 0).Value;

        Assert.Equal(value, scalar.Value);
        Assert.Equal(1, scalar.Start.Line);
        Assert.Equal(endLine, scalar.End.Line);
        // The next key starts after the scalar's end: the editor splices [Start, End) and must not eat it.
        Assert.True(scalar.End.Index <= text.IndexOf("b: x", StringComparison.Ordinal));
    }

    [Fact]
    public void An_inline_key_gives_the_node_its_entry_describes()
    {
        var root = Read("flag-a:\n  owner: team # c\n");
        Assert.True(PlainYamlReader.TryRead("flag-a:\n  owner: team # c\n", DocumentLimits.Default, out _));
        var flag = Entry(root, 0);
        var owner = ((MappingNode)flag.Value).Entries[0];

        Assert.Equal("flag-a", flag.KeyText);
        Assert.Equal(new DocMark(0, 1, 1), flag.KeyStart);
        Assert.Equal("flag-a", flag.Key.Value);
        Assert.Equal(new DocMark(0, 1, 1), flag.Key.Start);
        Assert.Equal(new DocMark(6, 1, 7), flag.Key.End);
        Assert.False(flag.Key.Quoted);
        Assert.Equal(new DocMark(10, 2, 3), owner.KeyStart);
        Assert.Equal(new DocMark(15, 2, 8), owner.Key.End);
    }

    [Fact]
    public void A_key_read_by_YamlDotNet_answers_the_same_through_its_node()
    {
        // An anchor makes the fast reader decline: YamlDotNet reads it, with a quoted key.
        var root = Read("\"quoted key\": &x 1\nb: *x\n");
        var entry = Entry(root, 0);

        Assert.Equal("quoted key", entry.KeyText);
        Assert.Equal(entry.Key.Start, entry.KeyStart);
        Assert.True(entry.Key.Quoted);
        Assert.Same(entry.Key, entry.Key);
    }

    [Fact]
    public void Error_places_in_environments_read_as_before()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", """
            version: 1
            flags:
              a:
                owner: [x]
                environments:
                  production: 5
                  staging: { rolout: 5 }
              b:
                environments: [x]
            """);

        var messages = RegistryReader.ReadFile(path, "flags.yaml").Errors.Select(e => $"{e.Location}: {e.Message}").ToList();

        Assert.Equal(
        [
            "flags.yaml:4:12: flag 'a': owner must be a text value, found a list",
            "flags.yaml:6:19: flag 'a': environment 'production' must be a mapping, found '5'",
            "flags.yaml:7:18: unknown field 'rolout' in flag 'a': environment 'staging'; did you mean 'rollout'?",
            "flags.yaml:9:19: flag 'b': environments must be a mapping, found a list",
        ], messages);
    }

    [Fact]
    public void Field_locations_enumerate_as_a_dictionary_of_the_flag_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", "version: 1\nflags:\n  a:\n    owner: o\n    rollout: 5\n");

        var flag = RegistryReader.ReadFile(path, "reg/flags.yaml").Registry!.Flags.Single();

        Assert.Equal(["owner", "rollout"], flag.FieldLocations.Keys);
        Assert.Equal(
            [new SourceLocation("reg/flags.yaml", 4, 12), new SourceLocation("reg/flags.yaml", 5, 14)],
            flag.FieldLocations.Values);
        Assert.Equal(new SourceLocation("reg/flags.yaml", 5, 14), flag.FieldLocations["rollout"]);
        Assert.Equal(2, flag.FieldLocations.Count);
        Assert.Equal("owner", flag.FieldLocations.First().Key);
    }

    [Fact]
    public void A_smaller_file_after_a_larger_one_reads_only_its_own_bytes()
    {
        using var dir = new TempDirectory();
        var large = dir.Write("large.yaml", "version: 1\n" + new string('#', 200_000) + "\n");
        var small = dir.Write("small.yaml", "version: 1\n");

        Assert.Equal(200_012, DocumentReader.ReadFileText(large, "large.yaml", DocumentLimits.Default).Text!.Length);
        Assert.Equal("version: 1\n", DocumentReader.ReadFileText(small, "small.yaml", DocumentLimits.Default).Text);
    }

    [Fact]
    public void Invalid_utf8_after_a_larger_file_is_located_in_its_own_bytes()
    {
        using var dir = new TempDirectory();
        dir.Write("large.yaml", new string('a', 100_000));
        DocumentReader.ReadFileText(Path.Combine(dir.Path, "large.yaml"), "large.yaml", DocumentLimits.Default);
        var bad = dir.WriteBytes("flags.yaml", [.. Encoding.UTF8.GetPreamble(), .. "a: 1\nb: "u8.ToArray(), 0xFF, (byte)'\n']);

        var (text, error) = DocumentReader.ReadFileText(bad, "flags.yaml", DocumentLimits.Default);

        Assert.Null(text);
        Assert.Equal(new SourceLocation("flags.yaml", 2, 4), error!.Location);
        Assert.Contains("0xFF", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4090)]
    [InlineData(65_530)]
    [InlineData(200_000)]
    public void A_file_holds_its_text_only_when_every_byte_matches(int padding)
    {
        using var dir = new TempDirectory();
        // An emoji (a surrogate pair, four UTF-8 bytes) straddling a 4 KB or a 64 KB block, or far past the first block.
        var text = "a: " + new string('x', padding) + "\U0001F600 and Ünïcödé\n";
        var plain = dir.Write("plain.yaml", text);
        var withBom = dir.WriteBytes("bom.yaml", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var longer = dir.Write("longer.yaml", text + "b: 1\n");
        var changed = dir.Write("changed.yaml", text.Replace('x', 'y'));
        var invalid = dir.WriteBytes("invalid.yaml", [.. Encoding.UTF8.GetBytes(text)[..^1], 0xFF]);
        var limits = DocumentLimits.Default;

        Assert.True(DocumentReader.FileHoldsText(plain, text, limits));
        Assert.True(DocumentReader.FileHoldsText(withBom, text, limits));
        Assert.False(DocumentReader.FileHoldsText(longer, text, limits));
        Assert.False(DocumentReader.FileHoldsText(plain, text + "b: 1\n", limits));
        Assert.False(DocumentReader.FileHoldsText(changed, text, limits));
        Assert.False(DocumentReader.FileHoldsText(invalid, text, limits));
        Assert.False(DocumentReader.FileHoldsText(Path.Combine(dir.Path, "missing.yaml"), text, limits));
        Assert.False(DocumentReader.FileHoldsText(plain, text, limits with { MaxBytes = 100 }));
    }
}
