using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>The Java and Kotlin symbol pass on broken source: the scan never stops, and what can be read still resolves.</summary>
public class JvmBrokenSourceTests
{
    [Theory]
    [InlineData(".java", "public static final String K = \"unterminated;\n")]
    [InlineData(".java", "/* never closed\n")]
    [InlineData(".java", "public static final String K = \"\\q\";\n")]
    [InlineData(".java", "public static final String K = ;\n } } } class { enum { , ; @")]
    [InlineData(".java", "enum E { A(, B")]
    [InlineData(".kt", "const val K = \"unterminated\n")]
    [InlineData(".kt", "const val K = \"${never closed\n")]
    [InlineData(".kt", "/* never /* closed */\n")]
    [InlineData(".kt", "const val K = \"\\q\"\n")]
    [InlineData(".kt", "const val K =\n } } } object { enum class { , ; @")]
    public void Broken_source_never_stops_the_scan_and_keeps_what_it_can_read(string extension, string broken)
    {
        var good = extension == ".java" ? "class Good { static final String GOOD = \"good\"; }" : "object Good { const val GOOD = \"good\" }";
        var result = KeyExpectations.ScanFixture(new Dictionary<string, string>
        {
            ["src/Good" + extension] = good,
            ["src/Bad" + extension] = (extension == ".java" ? "class Bad {\n" : "object Bad {\n") + broken,
            ["src/Use" + extension] = "class Use { void f() { unleash.isEnabled(Good.GOOD); unleash.isEnabled(Bad.K); } }",
        });

        Assert.Empty(result.Errors);
        Assert.Equal("good", result.Usages.Single(u => u.Argument == "Good.GOOD").Flag);
        Assert.Equal(UsageKind.Dynamic, result.Usages.Single(u => u.Argument == "Bad.K").Kind);
    }
}
