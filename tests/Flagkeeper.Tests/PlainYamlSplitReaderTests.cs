using System.Text;
using Flagkeeper.Documents;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Tests;

/// <summary>
/// A registry read in parts in parallel must be exactly the registry read whole: the same tree (values, marks,
/// node count), the same flags and the same errors in the same order; and a text not laid out for parts is left
/// to the whole read.
/// </summary>
public class PlainYamlSplitReaderTests
{
    /// <summary>Registries in the shapes real ones take: comments and blank lines between flags, nested environments, flow lists, keys after the flags.</summary>
    public static TheoryData<string, int> Layouts => new()
    {
        { Registry(40, head: "version: 1\nenvironments: [dev, prod]\n", tail: ""), 2 },
        { Registry(40, head: "# the registry\n\nversion: 1\n", tail: "\n# after the flags\nenvironments: [dev]\n"), 3 },
        { Registry(97, head: "", tail: "version: 1\n"), 5 },
        { Registry(7, head: "version: 1 # v\n", tail: ""), 8 },
        { Registry(64, head: "version: 1\n", tail: "", indent: 4), 4 },
        { Registry(30, head: "version: 1\n", tail: "", flagsLine: "flags:   # every flag\n"), 3 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Parts_read_to_the_tree_of_the_whole_read(string text, int parts)
    {
        Assert.True(PlainYamlReader.TryRead(text, DocumentLimits.Default, out var whole, out var wholeNodes));

        var split = PlainYamlSplitReader.TryRead(text, "flags", parts, DocumentLimits.Default, entries => entries.Count);

        Assert.NotNull(split);
        Assert.True(split.Parts.Length > 1, "the text was not cut into parts");
        Assert.Equal(((MappingNode)whole!).Find("flags")!.Value is MappingNode m ? m.Entries.Count : -1, split.Parts.Sum());
        PlainYamlReaderTests.AssertSameTree(whole, split.Root);
        Assert.Equal(wholeNodes, split.Nodes);
    }

    /// <summary>Not laid out for parts, or outside the fast reader's subset: null, and the whole read decides.</summary>
    public static TheoryData<string> NotSplit => new()
    {
        "version: 1\nflags: {}\n",
        "version: 1\nflags:\n",
        "version: 1\nflags:\n# only a comment\n",
        "version: 1\nflags:",
        "---\nversion: 1\nflags:\n  a:\n    owner: t\n",
        "  version: 1\nflags:\n  a:\n    owner: t\n",
        "version: 1\nflags:\n  a:\n    owner: t\r\n",
        "version: 1\nflags:\n  a:\n    tags:\n      - x\n  b:\n    owner: t\n",
        "version: 1\nflags:\n  a:\n    owner: t\n b:\n    owner: t\n",
        "version: 1\nflags:#no space\n  a:\n    owner: t\n",
        "version: |\n  1\nflags:\n  a:\n    owner: t\n",
    };

    [Theory]
    [MemberData(nameof(NotSplit))]
    public void Texts_not_laid_out_for_parts_are_left_to_the_whole_read(string text)
    {
        Assert.Null(PlainYamlSplitReader.TryRead(text, "flags", 3, DocumentLimits.Default, entries => entries.Count));
    }

    [Fact]
    public void A_part_that_declines_sends_the_whole_text_to_the_whole_read()
    {
        var text = Registry(30, head: "version: 1\n", tail: "").Replace("  flag-0026:\n", "  flag-0026:\n    notes: &anchor x\n", StringComparison.Ordinal);

        Assert.Null(PlainYamlSplitReader.TryRead(text, "flags", 4, DocumentLimits.Default, entries => entries.Count));
        var whole = RegistryReader.Read("/r/flags.yaml", "flags.yaml", text, null, keepSource: false, parts: 1);
        var split = RegistryReader.Read("/r/flags.yaml", "flags.yaml", text, null, keepSource: false, parts: 4);
        Assert.Contains(split.Errors, e => e.Message.Contains("unknown field 'notes'", StringComparison.Ordinal));
        Assert.Equal(whole.Errors.Select(e => e.ToString()), split.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_node_limit_counts_every_part()
    {
        var text = Registry(50, head: "version: 1\n", tail: "");
        Assert.True(PlainYamlReader.TryRead(text, DocumentLimits.Default, out _, out var nodes));

        Assert.NotNull(PlainYamlSplitReader.TryRead(text, "flags", 4, DocumentLimits.Default with { MaxNodes = nodes }, e => 0));
        Assert.Null(PlainYamlSplitReader.TryRead(text, "flags", 4, DocumentLimits.Default with { MaxNodes = nodes - 1 }, e => 0));
    }

    [Fact]
    public void A_registry_read_in_parts_binds_the_same_flags_and_errors_in_the_same_order()
    {
        // Errors in every part: unknown fields, wrong types, a flag that is not a mapping, a key repeated across parts.
        var text = Registry(200, head: "version: 1\nenvironments: [dev, prod]\n", tail: "")
            .Replace("  flag-0011:\n", "  flag-0011:\n    colour: red\n", StringComparison.Ordinal)
            .Replace("  flag-0091:\n", "  flag-0091:\n    default: maybe\n", StringComparison.Ordinal)
            .Replace("  flag-0151:\n", "  flag-0151: just text\n  flag-0151b:\n", StringComparison.Ordinal)
            .Replace("  flag-0199:\n", "  flag-0003:\n", StringComparison.Ordinal);

        var whole = RegistryReader.Read("/r/flags.yaml", "flags.yaml", text, null, keepSource: true, parts: 1);
        var split = RegistryReader.Read("/r/flags.yaml", "flags.yaml", text, null, keepSource: true, parts: 4);

        Assert.Equal(3, whole.Errors.Count);
        Assert.Equal(whole.Errors.Select(e => e.ToString()), split.Errors.Select(e => e.ToString()));
        Assert.Equal(whole.PlainNodes, split.PlainNodes);
        // Read in chunks, the flags' tree is gone with each chunk.
        Assert.Null(split.Document);

        var fixedText = text.Replace("    colour: red\n", "", StringComparison.Ordinal).Replace("    default: maybe\n", "", StringComparison.Ordinal)
            .Replace("  flag-0151: just text\n", "", StringComparison.Ordinal);
        var wholeRead = RegistryReader.Read("/r/flags.yaml", "flags.yaml", fixedText, null, keepSource: false, parts: 1);
        Assert.Empty(wholeRead.Errors);
        var wholeOk = wholeRead.Registry!;
        var splitOk = RegistryReader.Read("/r/flags.yaml", "flags.yaml", fixedText, null, keepSource: false, parts: 4).Registry!;
        Assert.Equal(wholeOk.Flags.Select(Describe), splitOk.Flags.Select(Describe));
        // Kept for an edit, each read says where every entry of `flags:` is, and alike (the repeated key's entry too).
        var wholeKept = RegistryReader.Read("/r/flags.yaml", "flags.yaml", fixedText, null, keepSource: true, parts: 1);
        var splitKept = RegistryReader.Read("/r/flags.yaml", "flags.yaml", fixedText, null, keepSource: true, parts: 4);
        var lines = wholeKept.Registry!.Source!.Lines!;
        Assert.Equal(lines.KeyStarts, splitKept.Registry!.Source!.Lines!.KeyStarts);
        Assert.Equal(lines.End, splitKept.Registry.Source.Lines.End);
        Assert.Equal(fixedText.Length, lines.End);
        Assert.Equal(wholeOk.Flags.Count + 1, lines.KeyStarts.Length);
        Assert.Equal(wholeOk.DuplicateKeys, splitOk.DuplicateKeys);
        Assert.Single(splitOk.DuplicateKeys);
    }

    [Fact]
    public void A_read_only_load_in_many_chunks_with_reused_nodes_binds_what_the_whole_read_binds()
    {
        // Over 20 chunks: each thread's arena fills the same nodes chunk after chunk; errors sit in early and late chunks
        // (their messages quote values read from reused nodes) and a field of every kind and shape is bound.
        var text = Registry(2500, head: "version: 1\nenvironments: [dev, prod]\n", tail: "")
            .Replace("  flag-0011:\n", "  flag-0011:\n    colour: red\n", StringComparison.Ordinal)
            .Replace("  flag-2391:\n", "  flag-2391:\n    default: maybe\n", StringComparison.Ordinal)
            .Replace("  flag-2451:\n", "  flag-2451: [a, b]\n  flag-2451b:\n", StringComparison.Ordinal)
            .Replace("  flag-2499:\n", "  flag-1003:\n", StringComparison.Ordinal);
        Assert.True(text.Length > 20 * PlainYamlSplitReader.DroppedChunkChars, "the text is too small for many chunks");

        var whole = RegistryReader.Read("/r/flags.yaml", "flags.yaml", text, null, keepSource: false, parts: 1);
        var chunked = RegistryReader.Read("/r/flags.yaml", "flags.yaml", text, null, keepSource: false, parts: 2);

        Assert.Equal(3, whole.Errors.Count);
        Assert.Equal(whole.Errors.Select(e => e.ToString()), chunked.Errors.Select(e => e.ToString()));
        Assert.Null(chunked.Document);

        var fixedText = text.Replace("    colour: red\n", "", StringComparison.Ordinal).Replace("    default: maybe\n", "", StringComparison.Ordinal)
            .Replace("  flag-2451: [a, b]\n", "", StringComparison.Ordinal);
        var wholeOk = RegistryReader.Read("/r/flags.yaml", "flags.yaml", fixedText, null, keepSource: false, parts: 1).Registry!;
        var chunkedOk = RegistryReader.Read("/r/flags.yaml", "flags.yaml", fixedText, null, keepSource: false, parts: 2).Registry!;
        Assert.Equal(wholeOk.Flags.Select(Describe), chunkedOk.Flags.Select(Describe));
        Assert.Equal(wholeOk.DuplicateKeys, chunkedOk.DuplicateKeys);
        Assert.Single(chunkedOk.DuplicateKeys);
    }

    [Fact]
    public void A_registry_read_in_parts_for_an_edit_of_every_flag_keeps_the_tree_a_whole_read_has()
    {
        var text = Registry(600, head: "version: 1\nenvironments: [dev, prod]\n", tail: "");
        var whole = RegistryReader.Read("/r/flags.yaml", "flags.yaml", text, null, keepSource: true, parts: 1);
        var split = RegistryReader.Read("/r/flags.yaml", "flags.yaml", text, null, keepSource: true, parts: 4, keepTree: true);

        Assert.Empty(split.Errors);
        Assert.Equal(whole.Registry!.Flags.Select(Describe), split.Registry!.Flags.Select(Describe));
        // The tree an edit plans against: every flag's entry, with the marks of the whole read.
        var wholeFlags = (MappingNode)((MappingNode)whole.Document!).Find("flags")!.Value;
        var splitFlags = (MappingNode)((MappingNode)split.Document!).Find("flags")!.Value;
        Assert.Same(split.Document, split.Registry.Source!.Document);
        Assert.Equal(600, splitFlags.Entries.Count);
        Assert.Equal(wholeFlags.Entries.Select(e => (e.KeyText, e.KeyStart, e.Value.Start, e.Value.End)),
            splitFlags.Entries.Select(e => (e.KeyText, e.KeyStart, e.Value.Start, e.Value.End)));
        Assert.Equal(whole.Registry.Source!.Lines!.KeyStarts, split.Registry.Source.Lines!.KeyStarts);
    }

    [Fact]
    public void Registries_worth_chunking_are_read_in_chunks_whatever_the_cores_and_small_ones_whole()
    {
        Assert.Equal(1, RegistryReader.SplitParts(RegistryReader.SplitThreshold - 1));
        Assert.True(RegistryReader.SplitParts(RegistryReader.SplitThreshold) >= 2);
        Assert.True(RegistryReader.SplitParts(10 * RegistryReader.SplitThreshold) >= 2 * Environment.ProcessorCount);
    }

    private static string Describe(FlagDefinition f) =>
        string.Join('|', f.Key, f.Location, f.Description, f.Owner, f.TypeText, f.ExpiresText, f.Enabled, f.Default, f.Rollout,
            string.Join(',', f.Environments.Select(e => $"{e.Name}:{e.Enabled}:{e.Rollout}:{e.Location}")),
            string.Join(',', f.Requires.Select(r => $"{r.Key}@{r.Location}")), string.Join(',', f.Aliases), string.Join(',', f.Tags),
            f.CreatedText, f.Task, string.Join(',', f.FieldLocations.Select(l => $"{l.Key}@{l.Value}")));

    /// <summary><paramref name="count"/> flags in varied shapes between <paramref name="head"/> and <paramref name="tail"/>.</summary>
    private static string Registry(int count, string head, string tail, int indent = 2, string flagsLine = "flags:\n")
    {
        var pad = new string(' ', indent);
        var text = new StringBuilder(head).Append(flagsLine);
        for (var i = 0; i < count; i++)
        {
            if (i % 7 == 3)
            {
                text.Append("# a comment at the root's column between flags\n\n");
            }
            if (i % 11 == 5)
            {
                text.Append(pad).Append("# an indented comment\n   \n");
            }
            text.Append(pad).Append($"flag-{i:D4}:").Append(i % 5 == 0 ? "   # trailing\n" : "\n");
            var field = pad + pad;
            text.Append(field).Append(i % 3 == 0 ? $"description: \"Flag {i}: quoted\"\n" : $"description: plain text for {i}\n");
            text.Append(field).Append(i % 4 == 0 ? "owner: 'team''s'\n" : "owner: payments\n");
            text.Append(field).Append("type: release\n").Append(field).Append("expires: 2027-01-31\n");
            text.Append(field).Append($"enabled: {(i % 2 == 0 ? "true" : "false")}\n");
            if (i % 3 == 1)
            {
                text.Append(field).Append($"rollout: {i % 100}\n").Append(field).Append("tags: [a, 'b', c]\n");
            }
            if (i % 4 == 2)
            {
                text.Append(field).Append("environments:\n").Append(field).Append(pad).Append("prod:\n")
                    .Append(field).Append(pad).Append(pad).Append("rollout: 5\n")
                    .Append(field).Append(pad).Append("dev: { enabled: true }\n");
            }
            if (i > 0 && i % 9 == 0)
            {
                text.Append(field).Append($"requires: [flag-{i - 1:D4}]\n");
            }
        }
        return text.Append(tail).ToString();
    }
}
