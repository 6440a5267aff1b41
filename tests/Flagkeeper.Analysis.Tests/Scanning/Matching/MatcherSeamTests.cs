using System.Text;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Diagnostics;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning.Matching;

/// <summary>A sink that keeps every call, in the order the matcher made them.</summary>
internal sealed class RecordingSink : IUsageSink
{
    public List<Usage> Usages { get; } = [];
    public List<FlagkeeperError> Errors { get; } = [];
    public int Markers { get; private set; }
    public int Incompletes { get; private set; }
    public int ReturnedChecks { get; private set; }

    public void Add(Usage usage) => Usages.Add(usage);
    public void SuppressionMarker() => Markers++;
    public void Incomplete() => Incompletes++;
    public void ReturnedCheck() => ReturnedChecks++;
    public void Error(FlagkeeperError error) => Errors.Add(error);
}

/// <summary>The matcher at its own seam: bytes and a language in, calls on a sink out; no walk, no files, no cache.</summary>
public class FileMatcherSeamTests
{
    private static readonly Language TypeScript = LanguageCatalog.ForExtension(".ts")!;

    private static RecordingSink Match(string content, Language? language = null, FlagkeeperConfig? config = null, string file = "src/a.ts")
    {
        config ??= FlagkeeperConfig.Default;
        using var cache = new PatternCache();
        var (patterns, errors) = CustomPatterns.Compile(config, cache);
        Assert.Empty(errors);
        var sink = new RecordingSink();
        var bytes = Encoding.UTF8.GetBytes(content);
        new FileMatcher(ShapeIndex.ForConfig(config), cache, patterns).Match(bytes, bytes.Length, file, language ?? TypeScript, sink);
        return sink;
    }

    [Fact]
    public void Usages_reach_the_sink_with_file_line_column_pattern_and_text()
    {
        var sink = Match("const a = 1;\nif (isEnabled('k')) {}\n");

        var usage = Assert.Single(sink.Usages);
        Assert.Equal(new Usage("src/a.ts", 2, 16, UsageKind.Usage, "k", "is-enabled", "if (isEnabled('k')) {}"), usage);
        Assert.Equal(0, sink.Markers);
        Assert.Equal(0, sink.Incompletes);
    }

    [Fact]
    public void The_suppression_marker_is_reported_to_the_sink_once_per_file_not_as_a_usage()
    {
        var sink = Match("// flagkeeper-ignore flag-lint\nif (isEnabled('k')) {}\n");

        Assert.Equal(1, sink.Markers);
        Assert.Equal("k", Assert.Single(sink.Usages).Flag);
    }

    [Fact]
    public void A_key_found_by_a_shape_and_a_custom_pattern_is_reported_once()
    {
        var config = FlagkeeperConfig.Default with { Patterns = [new CustomPattern("mine", "isEnabled\\('(?<key>[a-z]+)'\\)", [], 1)] };

        var sink = Match("if (isEnabled('k')) {}\n", config: config);

        Assert.Equal("is-enabled", Assert.Single(sink.Usages).Pattern);
    }

    [Fact]
    public void A_custom_pattern_that_times_out_makes_the_file_incomplete_and_reports_the_error()
    {
        var config = FlagkeeperConfig.Default with { Patterns = [new CustomPattern("backref", @"(?<key>(a+)+)\1b", [], 1)], SourcePath = "flagkeeper.yaml" };

        var sink = Match(new string('a', 50_000) + "\nif (isEnabled('k')) {}\n", config: config);

        Assert.Equal(1, sink.Incompletes);
        Assert.Equal("FK6002", Assert.Single(sink.Errors).Code);
        Assert.Equal("k", Assert.Single(sink.Usages).Flag); // the shapes still ran
    }

    [Fact]
    public void A_matcher_reused_for_a_second_file_forgets_the_first()
    {
        using var cache = new PatternCache();
        var matcher = new FileMatcher(ShapeIndex.ForConfig(FlagkeeperConfig.Default), cache, []);
        var first = Encoding.UTF8.GetBytes("isEnabled('a'); isEnabled('b'); isEnabled('c');\n");
        var second = Encoding.UTF8.GetBytes("isEnabled('a');\n");
        matcher.Match(first, first.Length, "one.ts", TypeScript, new RecordingSink());

        var sink = new RecordingSink();
        matcher.Match(second, second.Length, "two.ts", TypeScript, sink);

        Assert.Equal([("two.ts", 1, 12, "a")], sink.Usages.Select(u => (u.File, u.Line, u.Column, u.Flag)));
    }
}

/// <summary>The prefilter alone: which trigger words become candidates.</summary>
public class PrefilterTests
{
    private static (List<Candidate> Candidates, bool Marker) Find(string text, string extension = ".ts")
    {
        var candidates = new List<Candidate>();
        var marker = new Prefilter(ShapeIndex.ForConfig(FlagkeeperConfig.Default)).Find(text, LanguageCatalog.ForExtension(extension)!, candidates);
        return (candidates, marker);
    }

    [Fact]
    public void Trigger_names_become_candidates_with_their_identifier_span()
    {
        const string text = "x = flags.isEnabled('k'); y = notAFlag(1);";

        var (candidates, marker) = Find(text);

        var candidate = Assert.Single(candidates);
        Assert.Equal("isEnabled", text[candidate.Start..candidate.End]);
        Assert.NotNull(candidate.Shapes);
        Assert.False(marker);
    }

    [Fact]
    public void Prefixed_identifiers_become_candidates_with_their_prefix()
    {
        const string text = "if (KILL_SWITCH_PAYMENTS) {}";

        var candidate = Assert.Single(Find(text).Candidates);

        Assert.Equal("KILL_SWITCH_PAYMENTS", text[candidate.Start..candidate.End]);
        Assert.Null(candidate.Shapes);
        Assert.Equal("KILL_SWITCH_", candidate.Prefix);
    }

    [Fact]
    public void A_php_variable_named_like_a_trigger_is_not_a_candidate()
    {
        Assert.Empty(Find("<?php $isEnabled = true; ?>", ".php").Candidates);
    }

    [Fact]
    public void The_suppression_marker_is_found_and_is_not_a_candidate()
    {
        var (candidates, marker) = Find("// flagkeeper-ignore\n");

        Assert.True(marker);
        Assert.Empty(candidates);
    }
}

/// <summary>Per-language argument reading: literal keys and what makes an argument dynamic.</summary>
public class ArgumentReaderTests
{
    private static string? Key(string argument, string extension)
    {
        var key = StringLiterals.Key(argument, 0, argument.Length, LanguageCatalog.ForExtension(extension)!);
        return key is { } k ? argument.Substring(k.Start, k.Length) : null;
    }

    [Theory]
    [InlineData("'k'", ".ts", "k")]
    [InlineData("\"k\"", ".ts", "k")]
    [InlineData("`k`", ".ts", "k")]
    [InlineData("`k-${x}`", ".ts", null)]
    [InlineData("\"a\\\"b\"", ".ts", null)]
    [InlineData("name", ".ts", null)]
    [InlineData(":beta?", ".rb", "beta?")]
    [InlineData(":beta", ".ts", null)]
    [InlineData("\"k-#{x}\"", ".rb", null)]
    [InlineData("@\"k\"", ".cs", "k")]
    [InlineData("@\"k\"", ".ts", null)]
    [InlineData("\"k-$x\"", ".kt", null)]
    [InlineData("\"k-$x\"", ".ts", "k-$x")]
    [InlineData("'k-$x'", ".php", "k-$x")]
    public void A_literal_key_is_read_by_the_language_s_string_rules(string argument, string extension, string? key)
    {
        Assert.Equal(key, Key(argument, extension));
    }

    [Fact]
    public void Arguments_are_trimmed_of_whitespace_and_comments_and_a_comment_only_argument_is_dropped()
    {
        const string text = "f( /* a */ 'one' // note\n, // 'old'\n , 'two' )";
        var match = Regex.Match(text, @"\((?:(?<a>[^,)]*),?)*\)");

        List<(int Start, int End)> args = [(0, 1), (2, 3)]; // a list used before: cleared first

        var raw = match.Groups["a"].Captures.Select(c => (c.Index, c.Index + c.Length)).ToList();
        Arguments.Read(text, raw, LanguageCatalog.ForExtension(".ts")!, args);

        Assert.Equal(["'one'", "'two'"], args.Select(a => text[a.Start..a.End]));
    }
}

/// <summary>Positions: byte offsets to 1-based lines and UTF-16 columns, and the trimmed line text.</summary>
public class FileTextTests
{
    private static (FileText Text, byte[] Bytes) Load(byte[] bytes)
    {
        var text = new FileText();
        text.Load(bytes, bytes.Length);
        return (text, bytes);
    }

    [Fact]
    public void Columns_count_utf16_units_and_lines_count_newlines()
    {
        var (text, bytes) = Load(Encoding.UTF8.GetBytes("a\n  \"𝄞ü\" k\n"));
        var k = Array.LastIndexOf(bytes, (byte)'k');

        Assert.Equal((2, 9), text.Position(k));
        Assert.Equal("\"𝄞ü\" k", text.LineText(k).Decoded);
        Assert.Equal("k", text.Decode(k, 1));
    }

    [Theory]
    [InlineData(" \t\v\f if (k) {} \r", "if (k) {}")]
    [InlineData("\u00a0\u2003 k \u0085", "k")] // Unicode blanks, which are not bytes of one: trimmed as text
    [InlineData("k", "k")]
    public void A_line_s_text_is_trimmed_of_every_kind_of_blank(string line, string expected)
    {
        var (text, bytes) = Load(Encoding.UTF8.GetBytes("first\n" + line + "\nlast"));

        Assert.Equal(expected, text.LineText(Array.IndexOf(bytes, (byte)'k')).Decoded);
    }

    [Fact]
    public void A_long_line_s_text_is_cut_to_240_characters()
    {
        var (text, _) = Load(Encoding.UTF8.GetBytes(new string('x', 500)));

        Assert.Equal(FileText.MaxTextLength, text.LineText(10).Decoded.Length);
    }

    [Fact]
    public void Positions_are_the_same_in_any_order_of_offsets()
    {
        // Lines are counted from the previous offset asked about; the custom patterns ask for earlier offsets after the shapes.
        var bytes = Encoding.UTF8.GetBytes("first\nsecond line\n\n  größe(\"k\")\nlast");
        var offsets = Enumerable.Range(0, bytes.Length).ToArray();
        var expected = offsets.Select(o => CountedFromTheStart(bytes, o)).ToArray();
        var random = new Random(7);

        foreach (var order in new[] { offsets, offsets.Reverse().ToArray(), offsets.OrderBy(_ => random.Next()).ToArray(), [.. offsets, .. offsets] })
        {
            var (text, _) = Load(bytes);
            Assert.Equal(order.Select(o => expected[o]), order.Select(text.Position));
        }
    }

    [Fact]
    public void A_reused_text_forgets_the_previous_file_s_lines()
    {
        var (text, _) = Load(Encoding.UTF8.GetBytes("a\nb\nc\nd\n"));
        Assert.Equal((4, 1), text.Position(6));

        var second = Encoding.UTF8.GetBytes("x\ny\n");
        text.Load(second, second.Length);

        Assert.Equal((2, 1), text.Position(2));
    }

    private static (int Line, int Column) CountedFromTheStart(byte[] bytes, int offset)
    {
        var before = bytes.AsSpan(0, offset);
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(bytes, lineStart, offset - lineStart) + 1);
    }
}
