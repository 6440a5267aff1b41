using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using static Flagkeeper.Tests.TestRegistries;

namespace Flagkeeper.Tests;

/// <summary>
/// The YAML and JSON readers: the positions they record (1-based line and column, 0-based
/// character index), what they accept, and the located errors they give for broken text.
/// </summary>
public class DocumentReaderTests
{
    private const string NestedYaml = "version: 1\nflags:\n  a:\n    owner: \"x y\"\n";

    private static MappingNode Root(DocumentReadResult read)
    {
        Assert.Null(read.Error);
        return Assert.IsType<MappingNode>(read.Root);
    }

    private static DocNode ValueAt(MappingNode map, params string[] path)
    {
        DocNode node = map;
        foreach (var key in path)
        {
            var entry = Assert.IsType<MappingNode>(node).Find(key);
            Assert.NotNull(entry);
            node = entry.Value;
        }
        return node;
    }

    [Fact]
    public void Yaml_value_position_has_one_based_line_and_column_and_zero_based_index()
    {
        var owner = Assert.IsType<ScalarNode>(ValueAt(Root(ReadYaml(NestedYaml)), "flags", "a", "owner"));

        Assert.Equal("x y", owner.Value);
        Assert.True(owner.Quoted);
        Assert.Equal(new DocMark(Index: 34, Line: 4, Column: 12), owner.Start);
        Assert.Equal('"', NestedYaml[owner.Start.Index]);
    }

    [Fact]
    public void Yaml_first_character_of_the_text_is_line_1_column_1_index_0()
    {
        var root = Root(ReadYaml(NestedYaml));

        Assert.Equal(new DocMark(0, 1, 1), root.Entries[0].Key.Start);
        Assert.Equal(new DocMark(0, 1, 1), root.Start);
    }

    [Fact]
    public void Yaml_key_position_points_at_the_key()
    {
        var flags = Assert.IsType<MappingNode>(ValueAt(Root(ReadYaml(NestedYaml)), "flags"));
        var key = flags.Entries[0].Key;

        Assert.Equal("a", key.Value);
        Assert.Equal(new DocMark(20, 3, 3), key.Start);
    }

    [Fact]
    public void Yaml_scalar_start_and_end_index_span_exactly_its_text()
    {
        var owner = ValueAt(Root(ReadYaml(NestedYaml)), "flags", "a", "owner");

        Assert.Equal("\"x y\"", NestedYaml[owner.Start.Index..owner.End.Index]);
    }

    [Theory]
    [InlineData("{\"a\": {\"b\": 1}, \"c\": [1, [2]]}")]
    [InlineData("{\"a\": {\"b\": 1}, \"c\": [1, [2]]}\n")]
    public void Yaml_and_json_spans_of_flow_collections_both_include_the_closing_bracket(string text)
    {
        // The same text is valid YAML and JSON; the editor inserts at End.Index, so both readers must agree.
        foreach (var root in new[] { Root(ReadYaml(text)), Root(ReadJson(text)) })
        {
            var inner = root.Entries[0].Value;
            var list = Assert.IsType<SequenceNode>(root.Entries[1].Value);
            Assert.Equal("{\"b\": 1}", text[inner.Start.Index..inner.End.Index]);
            Assert.Equal("[1, [2]]", text[list.Start.Index..list.End.Index]);
            Assert.Equal("[2]", text[list.Items[1].Start.Index..list.Items[1].End.Index]);
        }
    }

    [Fact]
    public void Yaml_crlf_line_breaks_count_two_characters_in_the_index()
    {
        const string text = "a: 1\r\nb: 2\r\n";
        var b = Root(ReadYaml(text)).Entries[1];

        Assert.Equal(new DocMark(6, 2, 1), b.Key.Start);
        Assert.Equal("2", text[b.Value.Start.Index..b.Value.End.Index]);
    }

    [Fact]
    public void Json_value_on_line_3_has_its_line_and_column()
    {
        const string text = "{\n  \"name\": \"x\",\n  \"count\": 42\n}\n";
        var count = Assert.IsType<ScalarNode>(ValueAt(Root(ReadJson(text)), "count"));

        Assert.Equal("42", count.Value);
        Assert.False(count.Quoted);
        Assert.Equal(3, count.Start.Line);
        Assert.Equal(12, count.Start.Column);
        Assert.Equal(text.IndexOf("42", StringComparison.Ordinal), count.Start.Index);
    }

    [Fact]
    public void Json_key_position_points_at_its_opening_quote()
    {
        const string text = "{\n  \"name\": \"x\",\n  \"count\": 42\n}\n";
        var key = Root(ReadJson(text)).Entries[1].Key;

        Assert.Equal("count", key.Value);
        Assert.Equal(new DocMark(text.IndexOf("\"count\"", StringComparison.Ordinal), 3, 3), key.Start);
    }

    [Fact]
    public void Json_columns_and_index_count_characters_not_utf8_bytes()
    {
        // "é" and "ü" are two bytes each in UTF-8 but one UTF-16 character.
        const string text = "{\"é\": \"ü\", \"n\": 5}";
        var n = ValueAt(Root(ReadJson(text)), "n");

        Assert.Equal(text.IndexOf('5', StringComparison.Ordinal), n.Start.Index);
        Assert.Equal(n.Start.Index + 1, n.Start.Column);
        Assert.Equal(1, n.Start.Line);
    }

    [Fact]
    public void Json_with_comments_and_trailing_commas_is_accepted()
    {
        const string text = """
            {
              // a line comment
              "a": 1, /* a block comment */
              "b": [true, null,],
            }
            """;
        var root = Root(ReadJson(text));

        Assert.Equal(["a", "b"], root.Entries.Select(e => e.Key.Value));
        var list = Assert.IsType<SequenceNode>(root.Entries[1].Value);
        Assert.Equal(2, list.Items.Count);
        Assert.True(Assert.IsType<ScalarNode>(list.Items[1]).IsNull);
    }

    [Fact]
    public void Json_strings_are_quoted_and_literals_are_not()
    {
        var root = Root(ReadJson("{\"s\": \"true\", \"b\": true}"));

        Assert.True(Assert.IsType<ScalarNode>(root.Entries[0].Value).Quoted);
        Assert.False(Assert.IsType<ScalarNode>(root.Entries[1].Value).Quoted);
    }

    public static TheoryData<string, int, int> YamlSyntaxErrors => new()
    {
        // text, line, column of the error
        { "a: 1\n  b: 2\n", 2, 4 },                           // a second mapping indented under a scalar: at "b:"'s colon
        { "a: 'unterminated\nb: 2\n", 1, 4 },                 // unterminated quote: at the opening quote
        { "a: \"abc\nb: 1\n", 1, 4 },                         // multi-line double-quoted scalar with bad indentation
        { "a: b: c\n", 1, 5 },                                // mapping inside a plain scalar
        { "flags:\n  a:\n    tags:\n    - x\n   - y\n", 5, 4 }, // a list item outdented below its list
        { "[1, 2\n", 2, 1 },                                  // unclosed flow list at the end of the text
        { "a:\n\tb: 1\n", 2, 1 },                              // a tab used as indentation: at the tab
    };

    [Theory]
    [MemberData(nameof(YamlSyntaxErrors))]
    public void Yaml_syntax_error_is_FK3001_at_the_problem(string text, int line, int column)
    {
        var read = ReadYaml(text);

        Assert.Null(read.Root);
        Assert.NotNull(read.Error);
        Assert.Equal("FK3001", read.Error.Code);
        Assert.Equal(new SourceLocation("doc.yaml", line, column), read.Error.Location);
        Assert.False(string.IsNullOrWhiteSpace(read.Error.Message));
    }

    public static TheoryData<string, int, int> JsonSyntaxErrors => new()
    {
        { "{\n  \"a\": 1\n  \"b\": 2\n}\n", 3, 3 },      // missing comma: at the next key
        { "{\n  \"a\": 1,\n  \"b\": ]\n}\n", 3, 8 },     // a value cannot start with ']'
        { "{\n  \"a\": \"abc\n}\n", 2, 12 },              // a raw line break inside a string
        { "{\n  \"a\": 1,\n", 3, 1 },                    // unclosed object: at the end of the text
        { "{\"a\": 1} x", 1, 10 },                       // content after the value
    };

    [Theory]
    [MemberData(nameof(JsonSyntaxErrors))]
    public void Json_syntax_error_is_FK3001_at_the_problem(string text, int line, int column)
    {
        var read = ReadJson(text);

        Assert.Null(read.Root);
        Assert.NotNull(read.Error);
        Assert.Equal("FK3001", read.Error.Code);
        Assert.Equal(new SourceLocation("doc.json", line, column), read.Error.Location);
        Assert.DoesNotContain("LineNumber", read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_errors_use_the_descriptor_the_caller_passes()
    {
        var yaml = DocumentReader.Read("c.yaml", "a: 'x\n", DocumentFormat.Yaml, DocumentLimits.Default, ErrorCodes.ConfigSyntax);
        var json = DocumentReader.Read("c.json", "{", DocumentFormat.Json, DocumentLimits.Default, ErrorCodes.ConfigSyntax);

        Assert.Equal("FK1001", yaml.Error?.Code);
        Assert.Equal("FK1001", json.Error?.Code);
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n")]
    [InlineData("a: {b: 1\nc: 2\n")]
    public void Yaml_unclosed_flow_collection_before_another_key_is_a_syntax_error_not_an_exception(string text)
    {
        var read = ReadYaml(text);

        Assert.Equal("FK3001", read.Error?.Code);
        Assert.Equal(1, read.Error?.Location?.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# only a comment\n# and another\n")]
    public void Empty_yaml_has_no_root_and_no_error(string text)
    {
        var read = ReadYaml(text);

        Assert.Null(read.Root);
        Assert.Null(read.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t\n")]
    public void Empty_json_has_no_root_and_no_error(string text)
    {
        var read = ReadJson(text);

        Assert.Null(read.Root);
        Assert.Null(read.Error);
    }

    [Fact]
    public void A_second_yaml_document_is_an_error_at_its_start()
    {
        var read = ReadYaml("a: 1\n---\nb: 2\n");

        Assert.Null(read.Root);
        Assert.Equal("FK3001", read.Error?.Code);
        Assert.Equal(new SourceLocation("doc.yaml", 2, 1), read.Error?.Location);
        Assert.Contains("one YAML document", read.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_explicit_yaml_document_is_fine()
    {
        var root = Root(ReadYaml("---\na: 1\n...\n"));

        Assert.Equal("a", Assert.Single(root.Entries).Key.Value);
    }

    [Fact]
    public void Yaml_alias_resolves_to_the_anchored_node()
    {
        var root = Root(ReadYaml("a: &x [1, 2]\nb: *x\n"));

        Assert.Same(root.Entries[0].Value, root.Entries[1].Value);
    }

    [Fact]
    public void Yaml_alias_to_an_undefined_anchor_is_an_error_at_the_alias()
    {
        var read = ReadYaml("a: 1\nb: *nowhere\n");

        Assert.Equal("FK3001", read.Error?.Code);
        Assert.Equal(new SourceLocation("doc.yaml", 2, 4), read.Error?.Location);
        Assert.Contains("nowhere", read.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_message_has_no_parser_position_prefix()
    {
        var read = ReadYaml("a: 'x\n");

        Assert.DoesNotContain("(Line:", read.Error?.Message, StringComparison.Ordinal);
        Assert.StartsWith("doc.yaml:1:4: ", read.Error?.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("(FK3001)", read.Error?.ToString(), StringComparison.Ordinal);
    }
}
