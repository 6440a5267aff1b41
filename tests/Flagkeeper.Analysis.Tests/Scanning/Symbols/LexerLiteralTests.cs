using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The lexers' string values, for plain literals (a slice of the file) and for those with escapes, templates or a line
/// end before the quote (built character by character): the two ways must agree on every case at their border.
/// And the token lists a thread reuses: what one read keeps is never changed by the next.
/// </summary>
public class LexerLiteralTests
{
    public static TheoryData<string, string, string?> Literals => new()
    {
        // language, source, the value of its first string token (null: no string token)
        { "cs", "x = \"plain\";", "plain" },
        { "cs", "x = \"\";", "" },
        { "cs", "x = \"tab\\tin\";", "tab\tin" },
        { "cs", "x = \"quote \\\" inside\";", "quote \" inside" },
        { "cs", "x = @\"c:\\dir\";", "c:\\dir" },
        { "cs", "x = \"unterminated\ny\";", "unterminated" },
        { "java", "x = \"plain\";", "plain" },
        { "java", "x = \"a\\nb\";", "a\nb" },
        { "java", "x = \"unterminated\ny\";", null },
        { "kt", "x = \"plain\"", "plain" },
        { "kt", "x = \"price: \\$5\"", "price: $5" },
        { "kt", "x = \"lone $ sign\"", "lone $ sign" },
        { "kt", "x = \"unterminated\ny\"", null },
        { "ts", "x = 'single'", "single" },
        { "ts", "x = \"double's\"", "double's" },
        { "ts", "x = 'it\\'s'", "it's" },
        { "ts", "x = 'unterminated\ny", null },
        { "py", "x = 'single'", "single" },
        { "py", "x = \"a\\x41\"", "aA" },
        { "py", "x = ''", "" },
        { "py", "x = r'raw\\n'", "raw\\n" },
        { "py", "x = 'unterminated\ny'", null },
        { "go", "x := \"plain\"", "plain" },
        { "go", "x := \"a\\u0041\"", "aA" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void A_literal_has_its_value_whether_plain_or_escaped(string language, string source, string? value)
    {
        var strings = Tokenize(language, source).Where(t => t.Kind == TokenKind.String).ToList();

        Assert.Equal(value, strings.Count > 0 ? strings[0].Text : null);
    }

    [Fact]
    public void Tokens_kept_from_one_read_stay_as_they_are_after_the_thread_reads_again()
    {
        var kept = CSharpLexer.Tokenize("const string A = \"a\";");
        var lent = CSharpLexer.TokenizeLent("class Other { int x; int y; }");
        var keptWhileLent = CSharpLexer.Tokenize("B");
        lent.Dispose();
        _ = CSharpLexer.Tokenize("enum E { One, Two, Three }");

        Assert.Equal(["const", "string", "A", "=", "a", ";"], kept.Select(t => t.Text));
        Assert.Equal(["B"], keptWhileLent.Select(t => t.Text));
        Assert.NotSame(lent.List, keptWhileLent);
    }

    private static List<Token> Tokenize(string language, string source) => language switch
    {
        "cs" => CSharpLexer.Tokenize(source),
        "java" => JvmLexer.Tokenize(source, kotlin: false),
        "kt" => JvmLexer.Tokenize(source, kotlin: true),
        "ts" => TypeScriptLexer.Tokenize(source),
        "py" => PythonLexer.Tokenize(source),
        _ => GoLexer.Tokenize(source),
    };
}
