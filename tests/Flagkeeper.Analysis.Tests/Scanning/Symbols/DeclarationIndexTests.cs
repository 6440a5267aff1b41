using System.Text;
using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The declaration index must answer exactly as the byte search it replaces: "does the file contain
/// '&lt;keyword&gt; &lt;name&gt;'" for every keyword, in raw bytes, substring matches included.
/// </summary>
public class DeclarationIndexTests
{
    public static TheoryData<string> Contents =>
    [
        "namespace Shop;\npublic static class FeatureFlags { public const string A = \"a\"; }\n",
        "class FeatureFlagsExtra {} // a longer name starts with the short one\n",
        "// subclass FeatureFlags in a comment still counts, as for the byte search\n",
        "public enum  MyFlags { A } /* two spaces: no match */ record struct Point(int X);\n",
        "interface IFlags {} struct Ünïcode {} class Flag_2 {} class\tTabbed {}\n",
        "\uFEFFclass WithBom {}\n",
        "class class FeatureFlags {} enum",
        "no declarations at all\n",
        "class " + new string('N', 300) + " {}\n",
    ];

    private static readonly string[] Names = ["FeatureFlags", "FeatureFlagsExtra", "MyFlags", "Point", "IFlags", "Ünïcode", "Flag_2", "Tabbed", "WithBom", "Feature", "Missing", new string('N', 128), new string('N', 200)];

    [Theory]
    [MemberData(nameof(Contents))]
    public void The_index_answers_as_the_byte_search_for_every_name(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var tokens = DeclarationIndex.Extract(bytes);
        Assert.NotNull(tokens);

        foreach (var name in Names)
        {
            var bySearch = DeclarationIndex.TypeKeywords.Any(k => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(k + name)) >= 0);
            var byIndex = DeclarationIndex.Indexable([name]) is not { } names || DeclarationIndex.MayDeclare(tokens, names);
            Assert.True(bySearch == byIndex || (byIndex && DeclarationIndex.Indexable([name]) is null), $"'{name}' in '{content}': search {bySearch}, index {byIndex}");
        }
    }

    [Fact]
    public void A_name_the_index_cannot_answer_reads_the_file()
    {
        Assert.Null(DeclarationIndex.Indexable(["FeatureFlags", new string('N', 129)]));
        Assert.Null(DeclarationIndex.Indexable(["With-Dash"]));
        Assert.NotNull(DeclarationIndex.Indexable(["FeatureFlags", new string('N', 128)]));
    }

    [Fact]
    public void A_file_not_searched_as_bytes_has_no_index()
    {
        Assert.Null(DeclarationIndex.Extract(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("class FeatureFlags {}")).ToArray()));
        Assert.Null(DeclarationIndex.Extract("class A {}\0binary"u8.ToArray()));
        Assert.Null(DeclarationIndex.Extract([]));
    }
}
