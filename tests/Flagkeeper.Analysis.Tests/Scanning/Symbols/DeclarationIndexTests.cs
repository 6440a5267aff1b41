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

    public static TheoryData<string> KotlinContents =>
    [
        "package shop\n\nconst val NEW_CHECKOUT = \"new-checkout\"\nobject Flags { const val SEARCH = \"s\" }\n",
        "const val interval = 3 // an interval NEW_CHECKOUT: \"val \" inside a word counts, as for the byte search\n",
        "class val NEW_CHECKOUT\nval  TWO_SPACES = 1\nval\tTABBED = 2\nprivate val Ünïcode = 3 // const\n",
        "class val NEW_CHECKOUT\nval  TWO_SPACES = 1\nval\tTABBED = 2\nprivate val Ünïcode = 3 // nothing fixed here\n",
        "object Flags { const val NEW_CHECKOUT_EXTRA = \"x\" } // a longer name starts with the short one\n",
        "\uFEFFconst val WITH_BOM = \"b\"\nval " + new string('N', 300) + " = 1\n",
        "fun main() = println(\"no constants at all\")\n",
    ];

    private static readonly string[] KotlinNames = ["NEW_CHECKOUT", "NEW_CHECKOUT_EXTRA", "SEARCH", "interval", "TWO_SPACES", "TABBED", "Ünïcode", "WITH_BOM", "Flags", "val", "Missing", new string('N', 128), new string('N', 200)];

    [Theory]
    [MemberData(nameof(KotlinContents))]
    [MemberData(nameof(Contents))]
    public void A_kotlin_index_answers_as_the_byte_search_for_every_value_and_type_name(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var tokens = DeclarationIndex.Extract(bytes, kotlin: true);
        Assert.NotNull(tokens);

        foreach (var name in KotlinNames.Concat(Names))
        {
            // A file without "const" declares no const val: the index need not send the pass to it.
            var valueBySearch = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(DeclarationIndex.ValueKeyword + name)) >= 0 && bytes.AsSpan().IndexOf("const"u8) >= 0;
            var valueByIndex = DeclarationIndex.IndexableValues([name]) is not { } values || DeclarationIndex.MayDeclare(tokens, values);
            Assert.True(valueBySearch == valueByIndex || (valueByIndex && DeclarationIndex.Indexable([name]) is null), $"val '{name}' in '{content}': search {valueBySearch}, index {valueByIndex}");

            // A value's name never answers for a type: "val" itself is the one name both can start with.
            var typeBySearch = DeclarationIndex.TypeKeywords.Union(DeclarationIndex.JvmTypeKeywords).Any(k => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(k + name)) >= 0);
            var typeByIndex = DeclarationIndex.Indexable([name]) is not { } types || DeclarationIndex.MayDeclare(tokens, types);
            Assert.True(typeBySearch == typeByIndex || (typeByIndex && (DeclarationIndex.Indexable([name]) is null || name == "val")),
                $"type '{name}' in '{content}': search {typeBySearch}, index {typeByIndex}");
        }
    }

    [Fact]
    public void Only_a_kotlin_index_of_a_file_with_const_holds_value_names()
    {
        var bytes = "const val NEW_CHECKOUT = 1\nclass Flags\n"u8.ToArray();

        Assert.Equal(["Flags"], DeclarationIndex.Extract(bytes)!);
        Assert.Equal(["Flags", "val NEW_CHECKOUT"], DeclarationIndex.Extract(bytes, kotlin: true)!);
        Assert.Equal(["Flags"], DeclarationIndex.Extract("val local = 1\nclass Flags\n"u8, kotlin: true)!); // no const: no const val
    }

    [Fact]
    public void A_name_the_index_cannot_answer_reads_the_file()
    {
        Assert.Null(DeclarationIndex.Indexable(["FeatureFlags", new string('N', 129)]));
        Assert.Null(DeclarationIndex.Indexable(["With-Dash"]));
        Assert.NotNull(DeclarationIndex.Indexable(["FeatureFlags", new string('N', 128)]));
        Assert.Null(DeclarationIndex.IndexableValues(["NEW_CHECKOUT", "With-Dash"]));
    }

    [Fact]
    public void A_file_not_searched_as_bytes_has_no_index()
    {
        Assert.Null(DeclarationIndex.Extract(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("class FeatureFlags {}")).ToArray()));
        Assert.Null(DeclarationIndex.Extract("class A {}\0binary"u8.ToArray()));
        Assert.Null(DeclarationIndex.Extract([]));
    }
}
