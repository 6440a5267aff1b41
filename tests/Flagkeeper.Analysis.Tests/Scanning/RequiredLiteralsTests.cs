using System.Text;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Analysis.Tests.Scanning.Matching;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// The literals a custom pattern cannot match without (the custom patterns' prefilter). Wrong literals would
/// silently drop usages, so every extracted set is also checked against real matches of the real regex.
/// </summary>
public class RequiredLiteralsTests
{
    public static TheoryData<string, string[]> Extracted => new()
    {
        { @"Toggles\.Get\(\s*""(?<key>[A-Za-z0-9_-]+)""", ["Toggles.Get("] },
        { @"\b(?:IsOn|IsOff|Gate)\(""(?<key>[a-z-]+)""", ["IsOn(\"", "IsOff(\"", "Gate(\""] },
        { @"(?<key>[a-z-]+)\.enabled\b", [".enabled"] },
        { @"feature(?:Flag|Toggle)?\s*\(\s*'(?<key>[^']+)'", ["feature"] },
        { @"(?:use|with)Feature\(""(?<key>\w+)""\)", ["useFeature(\"", "withFeature(\""] },
        { @"x+FLAG_(?<key>[A-Z_]+)", ["FLAG_"] },
        { @"(?:abc){2}(?<key>\d+)", ["abc"] },
        { @"[\]\[]+flag:(?<key>[a-z]+)", ["flag:"] },
        { @"(?<=cfg\.)flag\((?<key>\w+)\)", ["flag("] },
        { @"drapeau\(""é(?<key>[a-z]+)""\)", ["drapeau(\"é"] },
        { @"(?:Toggle|)Get\(""(?<key>\w+)""", ["ToggleGet(\"", "Get(\""] },
        { @"a{2,3}bcd(?<key>\w+)", ["bcd"] },
        { @"\{\{flag (?<key>\w+)\}\}", ["{{flag "] },
    };

    public static TheoryData<string> Unknown => new()
    {
        @"(?i)toggles\.get\(""(?<key>\w+)""",           // inline options: the case of the text is not known
        @"(?<key>[a-z]+)",                                // no literal at all
        @"ab(?<key>\w+)",                                 // shorter than three characters
        @"\x54oggle\(""(?<key>\w+)""",                    // an escape this reader does not read
        @"(?:IsOn|[a-z]+)\(""(?<key>\w+)""|Flag(?<key>\w+)", // a branch with no literal of three characters
        @"(?:Toggles\.Get)?\(""(?<key>\w+)""",            // the only long literal is optional
        @"(unclosed",
    };

    [Theory]
    [MemberData(nameof(Extracted))]
    public void A_patterns_required_literals_are_read(string pattern, string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), RequiredLiterals.Of(pattern)!.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Unknown))]
    public void A_pattern_not_read_for_certain_has_no_literals_and_runs_on_every_file(string pattern)
    {
        Assert.Null(RequiredLiterals.Of(pattern));
    }

    [Theory]
    [MemberData(nameof(Extracted))]
    public void Every_match_of_the_real_regex_contains_one_of_the_literals(string pattern, string[] expected)
    {
        _ = expected;
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var matches = Samples.SelectMany(s => regex.Matches(s)).Select(m => m.Value).ToList();
        Assert.NotEmpty(matches);
        var literals = RequiredLiterals.Of(pattern)!;
        Assert.All(matches, m => Assert.Contains(literals, l => m.Contains(l, StringComparison.Ordinal)));
    }

    private static readonly string[] Samples =
    [
        "if (Toggles.Get(  \"new-checkout\")) {}",
        "IsOn(\"dark-mode\") || IsOff(\"beta\") || Gate(\"x-y\")",
        "when new-checkout.enabled then",
        "featureFlag ( 'a b' ); featureToggle('c'); feature('d')",
        "useFeature(\"one\") withFeature(\"two\")",
        "xxxFLAG_SOME_FLAG",
        "abcabc42",
        "[[]flag:abc",
        "cfg.flag(k1)",
        "drapeau(\"éclair\")",
        "ToggleGet(\"a\") Get(\"b\")",
        "aaabcdkey1",
        "{{flag banner}}",
    ];

    [Fact]
    public void A_file_without_the_literals_never_builds_or_runs_the_regex_and_one_with_them_does()
    {
        using var cache = new PatternCache();
        var config = FlagkeeperConfig.Default with { Patterns = [new CustomPattern("gates", @"\bIsOn\(""(?<key>[^""]+)""", [], 3)], SourcePath = "flagkeeper.yaml" };
        var (patterns, errors) = CustomPatterns.Compile(config, cache);
        Assert.Empty(errors);
        var matcher = new FileMatcher(ShapeIndex.ForConfig(config), cache, patterns);
        var csharp = LanguageCatalog.ForExtension(".cs")!;

        var without = Match(matcher, "class A { bool M() => Is0n(\"k\") || IsOff(\"k\"); }\n", csharp);
        Assert.Empty(without.Usages);
        Assert.False(patterns[0].IsBuilt);

        var with = Match(matcher, "class A { bool M() => IsOn(\"k\"); }\n", csharp);
        Assert.Equal("k", Assert.Single(with.Usages).Flag);
        Assert.True(patterns[0].IsBuilt);
    }

    private static RecordingSink Match(FileMatcher matcher, string content, Language language)
    {
        var sink = new RecordingSink();
        var bytes = Encoding.UTF8.GetBytes(content);
        matcher.Match(bytes, bytes.Length, "src/a.cs", language, sink);
        return sink;
    }

    [Fact]
    public void A_scan_finds_the_same_usages_with_the_literal_prefilter_as_the_regex_alone_finds()
    {
        using var dir = new TempDirectory();
        dir.Write("src/a.cs", "class A { void M() { if (IsOn(\"from-literal\")) {} } }\n");
        dir.Write("src/b.cs", "class B { void M() { if (Is0n(\"near-miss\")) {} } }\n");
        dir.Write("src/c.cs", "class C { void M() { var g = Gate(\"é-non-ascii\"); } }\n");
        const string pattern = @"\b(?:IsOn|Gate)\(""(?<key>[^""]+)""";
        var config = FlagkeeperConfig.Default with { Patterns = [new CustomPattern("gates", pattern, [], 3)], SourcePath = "flagkeeper.yaml" };

        var result = ScannerSpecSupport.Scan(dir.Path, config);

        Assert.NotNull(RequiredLiterals.Of(pattern));
        Assert.Equal([("src/a.cs", "from-literal"), ("src/c.cs", "é-non-ascii")], result.Usages.Select(u => (u.File, u.Flag!)));
    }
}
