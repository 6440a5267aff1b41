using Flagkeeper.Analysis.Languages;
using Flagkeeper.Analysis.Scanning.Symbols;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>The symbol passes run side by side, each writing only its own usages: no usage may be two languages' candidate.</summary>
public class KeyResolverLanguageTests
{
    public static TheoryData<string> Extensions => [.. LanguageCatalog.All.SelectMany(l => l.Extensions).Distinct(StringComparer.OrdinalIgnoreCase)];

    [Theory]
    [MemberData(nameof(Extensions))]
    public void A_dynamic_usage_is_a_candidate_of_one_language_at_most(string extension)
    {
        foreach (var argument in new[] { "FLAG", "Flags.NewCheckout", "nameof(Flags.Beta)", "Feature.BETA.name()", "feature.Gate" })
        {
            var usage = new Usage("src/file" + extension, 1, 1, UsageKind.Dynamic, null, "p", "x", argument);

            Assert.InRange(KeyResolver.CandidateLanguages(usage), 0, 1);
        }
    }

    [Fact]
    public void The_languages_with_passes_each_take_their_own_files()
    {
        var taken = new[] { ".cs", ".go", ".ts", ".java", ".kt", ".py" }
            .Select(e => KeyResolver.CandidateLanguages(new Usage("src/file" + e, 1, 1, UsageKind.Dynamic, null, "p", "x", "Flags.NewCheckout")));

        Assert.All(taken, count => Assert.Equal(1, count));
    }

    [Theory]
    [InlineData("\"new-checkout\"", true)]
    [InlineData("  'beta' + region", true)]
    [InlineData("`async_${region}`", true)]
    [InlineData("42", true)]
    [InlineData("flagName", false)]
    [InlineData("Flags.NewCheckout", false)]
    [InlineData("f\"express_{region}\"", false)] // a Python f-string starts with a name character: Python's own check rules it out
    [InlineData("@\"verbatim\"", false)]
    [InlineData("/* a comment */ FLAG", false)]
    [InlineData("", false)]
    public void An_argument_starting_with_a_literal_is_known_without_tokenizing(string argument, bool literal) =>
        Assert.Equal(literal, KeyReferences.StartsWithLiteral(argument));

    [Fact]
    public void The_passes_walk_only_the_dynamic_usages_with_an_argument()
    {
        Usage[] usages =
        [
            new("a.cs", 1, 1, UsageKind.Usage, "k", "p", "x", "\"k\""),
            new("a.cs", 2, 1, UsageKind.Dynamic, null, "p", "x", "Flags.K"),
            new("b.go", 1, 1, UsageKind.Dynamic, null, "p", "x", null),
            new("c.ts", 3, 1, UsageKind.Dynamic, null, "p", "x", "flag"),
        ];

        Assert.Equal([1, 3], KeyReferences.Dynamic(usages));
    }
}
