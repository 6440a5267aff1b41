using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;

namespace Flagkeeper.Tests;

/// <summary>
/// The fast reader for plain registry YAML must give exactly the tree YamlDotNet gives (values, quoting,
/// styles and every position), and must decline, never guess, on anything outside its subset.
/// </summary>
public class PlainYamlReaderTests
{
    /// <summary>Plain registry YAML: the fast reader takes every one of these.</summary>
    public static TheoryData<string> Accepted => new()
    {
        "a: 1\n",
        "a: 1",
        "a:\n  b:\n  c: x   # hi\n  d: { e: 2, f: 1 }\n  g: []\n  h:\nz: \"q\"\n",
        "version: 1\nenvironments: [dev, prod]\nflags:\n",
        "version: 1\nflags:\n  x:\n    description: \"New checkout: one page\"   # c\n    owner: 'team''s'\n    enabled: false # off\n",
        "# head\n\n  # indented comment\nversion: 1 # v\n\nflags: # all of them\n  a-b.c_d:\n    tags: [ one , two,three ]\n    e: { p: { rollout: 5 } }\n",
        "k: value with spaces and it's, [brackets] {braces} and C#\n",
        "k: http://example.com/x?y=1\n",
        "svc:flag: 1\n",
        "k: ''\nl: \"\"\nm: []\nn: {}\n",
        "a:\n    deep:\n        deeper: 1\n    back: 2\nb: 3",
        "a: 1   \nb:    \nc: 2\n",
        "a: Ünïcödé ✓ 日本語\n",
        "a:\n  b: 1\n\n\n  # trailing comment\n",
        "e: { production: { enabled: true, rollout: 10 }, staging: { rollout: 100 } }  # c\n",
    };

    /// <summary>Outside the subset (or wrong): YamlDotNet reads these, and reports the errors.</summary>
    public static TheoryData<string> Declined => new()
    {
        "",
        "# only a comment\n",
        "---\na: 1\n",
        "a: 1\r\nb: 2\r\n",
        "a:\n\tb: 1\n",
        "a: &x 1\nb: *x\n",
        "a: !tag 1\n",
        "a:\n  - x\n  - y\n",
        "a:\n- x\n",
        "a: |\n  text\n",
        "a: >\n  text\n",
        "a: first line\n  continued\n",
        "a: \"escaped \\\" quote\"\n",
        "a: \"two\n  lines\"\n",
        "a: [x,\n  y]\n",
        "a: [x, y,]\n",
        "a: { b: }\n",
        "a: { b: 1, }\n",
        "a: [x: y]\n",
        "a: [[x]]\n",
        "a: b: c\n",
        "a: b:\n",
        "\"quoted key\": 1\n",
        "key with space: 1\n",
        "? complex\n: key\n",
        "a:\n    b: 1\n  c: 2\n",
        "  a: 1\nb: 2\n",
        "a: -5\n",
        "a: 1\n...\n",
        "- just\n- a list\n",
        "plain scalar\n",
        "a: \"x\"# no space\n",
        "a: 1\u2028b: 2\n",
        "a: x\u0085y\n",
        "a: \uD83D\uDE00\n",
        "a: 1\n  b: 2\n",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Plain_yaml_reads_to_the_same_tree_as_yamldotnet(string text)
    {
        Assert.True(PlainYamlReader.TryRead(text, DocumentLimits.Default, out var plain));

        AssertSameTree(YamlDotNetTree(text), plain);
    }

    [Theory]
    [MemberData(nameof(Declined))]
    public void Yaml_outside_the_subset_is_declined(string text)
    {
        Assert.False(PlainYamlReader.TryRead(text, DocumentLimits.Default, out var root));
        Assert.Null(root);
    }

    [Fact]
    public void The_sample_registries_read_plain_and_the_same()
    {
        var files = Directory.GetFiles(RepositoryPaths.Samples, "flags.y*ml", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.True(PlainYamlReader.TryRead(text, DocumentLimits.Default, out var plain), file);
            AssertSameTree(YamlDotNetTree(text), plain);
        }
    }

    [Fact]
    public void A_ten_thousand_flag_registry_reads_plain_and_the_same()
    {
        var text = LargeRegistry(10_000);

        Assert.True(PlainYamlReader.TryRead(text, DocumentLimits.Default, out var plain));

        AssertSameTree(YamlDotNetTree(text), plain);
    }

    [Fact]
    public void Nesting_beyond_the_limit_falls_back_so_yamldotnet_reports_it()
    {
        var limits = DocumentLimits.Default with { MaxDepth = 3 };

        Assert.True(PlainYamlReader.TryRead("a:\n  b: 1\n", limits, out _));
        Assert.False(PlainYamlReader.TryRead("a:\n  b:\n    c: 1\n", limits, out _));
        Assert.False(PlainYamlReader.TryRead("a: { b: { c: 1 } }\n", limits, out _));
    }

    [Fact]
    public void More_values_than_the_limit_fall_back_so_yamldotnet_reports_it()
    {
        var limits = DocumentLimits.Default with { MaxNodes = 5 };

        Assert.True(PlainYamlReader.TryRead("a: 1\nb: 2\n", limits, out _));
        Assert.False(PlainYamlReader.TryRead("a: 1\nb: 2\nc: 3\n", limits, out _));
    }

    /// <summary>A registry in the benchmark generator's full style: every construct a real registry uses.</summary>
    internal static string LargeRegistry(int flags)
    {
        var text = new StringBuilder("# Large registry\nversion: 1\nenvironments: [development, staging, production]\n\nflags:\n");
        for (var i = 0; i < flags; i++)
        {
            text.Append($"  # ---- flag {i} ----\n  flag-{i}:{(i % 20 == 0 ? "      # keep" : "")}\n")
                .Append(i % 6 == 0 ? $"    description: \"Flag {i}: phase 2\"\n" : $"    description: Flag number {i}\n")
                .Append($"    owner: team-{i % 50}\n    type: release\n    expires: 2027-01-01   # remove after launch\n")
                .Append($"    enabled: {(i % 3 == 0 ? "false" : "true")}\n    rollout: {i % 101}\n");
            if (i % 4 == 0)
            {
                text.Append("    environments:\n      production: { enabled: true, rollout: 5 }\n      staging:\n        rollout: 50\n");
            }
            if (i > 0 && i % 5 == 0)
            {
                text.Append($"    requires: [flag-{i - 1}]\n    aliases: [FLAG_{i}]\n    tags: [web, q{i % 4 + 1}]\n");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static DocNode? YamlDotNetTree(string text) =>
        YamlDocumentReader.ReadWithYamlDotNet("doc.yaml", text, DocumentLimits.Default, ErrorCodes.RegistrySyntax);

    internal static void AssertSameTree(DocNode? expected, DocNode? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Start, actual.Start);
        Assert.Equal(expected.End, actual.End);
        switch (expected)
        {
            case ScalarNode scalar:
                var other = (ScalarNode)actual;
                Assert.Equal(scalar.Value, other.Value);
                Assert.Equal(scalar.Quoted, other.Quoted);
                break;
            case SequenceNode sequence:
                var otherSequence = (SequenceNode)actual;
                Assert.Equal(sequence.Flow, otherSequence.Flow);
                Assert.Equal(sequence.Items.Count, otherSequence.Items.Count);
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    AssertSameTree(sequence.Items[i], otherSequence.Items[i]);
                }
                break;
            case MappingNode mapping:
                var otherMapping = (MappingNode)actual;
                Assert.Equal(mapping.Flow, otherMapping.Flow);
                Assert.Equal(mapping.Entries.Count, otherMapping.Entries.Count);
                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    AssertSameTree(mapping.Entries[i].Key, otherMapping.Entries[i].Key);
                    // The fast reader keeps keys inline: their text and start must answer as the node does.
                    Assert.Equal(mapping.Entries[i].KeyText, otherMapping.Entries[i].KeyText);
                    Assert.Equal(mapping.Entries[i].KeyStart, otherMapping.Entries[i].KeyStart);
                    AssertSameTree(mapping.Entries[i].Value, otherMapping.Entries[i].Value);
                }
                break;
        }
    }
}
