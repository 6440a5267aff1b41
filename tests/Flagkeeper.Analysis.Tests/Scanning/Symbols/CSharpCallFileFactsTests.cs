using System.Text;
using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// What the scan records of a C# call file must answer every name exactly as the byte test it replaces
/// (<see cref="CSharpDeclarationBytes.MayAssign"/> on the file), for constants and aliases, or say yes (then the file is read).
/// </summary>
public class CSharpCallFileFactsTests
{
    private static readonly string[] Names = ["K", "A", "J", "F", "Flags", "x", "a", "b", "K2", "XK", "using", "const", "\u00e9K", "@class", "Caf\u00e9", ""];

    public static TheoryData<string> Sources =>
    [
        "const string K = \"k\";",
        "private static readonly string K=\"k\";",
        "const string A = \"x\",\n    K = \"k\";",
        "const string K // the key\n = \"k\";",
        "var K = 1; const int J = 2;",
        "if (K == x) return; const string J = \"\";",
        "static string K => \"k\";",
        "const string K2 = \"k\"; const string XK = \"k\";",
        "const string \u00e9K = \"k\";",
        "using F = Shop.Flags;\nusing static Shop.Flags;\nusing Flags = Other;",
        "x /= 2; a >= b; a != b; a <= b; readonly int a=1; const int b\u00e9\t= 2;",
        "=K\r\nconst K\r\n=\r\nK/",
        "// const string K = \"in a comment\";\nclass C { const string Caf\u00e9 = \"c\"; }",
        "",
    ];

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_facts_answer_as_the_byte_test_for_every_name(string source) => AssertSameAnswers(Encoding.UTF8.GetBytes(source));

    [Fact]
    public void The_facts_answer_as_the_byte_test_on_random_statements()
    {
        string[] pieces = ["const", "readonly", "using", "static", "string", "K", "A", "x", "Flags", "=", "==", "=>", ">=", "/", "//", "/*", ";", " ", "\n", "\t", "\"", "'", "\u00e9", "(", ")", ".", ",", "1"];
        var random = new Random(15);
        for (var file = 0; file < 2_000; file++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(0, 40); i > 0; i--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
                if (random.Next(3) == 0)
                {
                    text.Append(' ');
                }
            }
            AssertSameAnswers(Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    [Fact]
    public void A_statement_of_many_assignments_is_read_once_not_once_per_word()
    {
        // A generated initializer: 60,000 assignments and no ';'. Read again from its start for every word, this is
        // 1.8 billion byte reads; once, it is a megabyte.
        var text = new StringBuilder("readonly Table t = new() { ");
        for (var i = 0; i < 60_000; i++)
        {
            text.Append("Entry").Append(i).Append(" = ").Append(i).Append(", ");
        }
        var content = Encoding.UTF8.GetBytes(text.Append('}').ToString());

        var facts = CSharpCallFileFacts.Of(content);

        Assert.True(facts.MayAssignConstant(["Entry0"]));
        Assert.True(facts.MayAssignConstant(["Entry59999"]));
        Assert.False(facts.MayAssignConstant(["Entry60000"]));
        Assert.False(facts.MayAssignAlias(["Entry59999"]));
        Assert.Equal(CSharpDeclarationBytes.MayAssign(content, ["Entry59999"u8.ToArray()], CSharpDeclarationBytes.ConstantKeywords), facts.MayAssignConstant(["Entry59999"]));
    }

    [Fact]
    public void A_word_longer_than_the_stack_buffer_is_recorded_whole()
    {
        var longName = "K" + new string('x', 400);
        var content = Encoding.UTF8.GetBytes($"const string {longName} = \"k\"; using A{longName} = Shop.Flags;");

        var facts = CSharpCallFileFacts.Of(content);

        Assert.True(facts.MayAssignConstant([longName]));
        Assert.False(facts.MayAssignConstant([longName[..300]]));
        Assert.True(facts.MayAssignAlias(["A" + longName]));
    }

    private static void AssertSameAnswers(byte[] content)
    {
        var facts = CSharpCallFileFacts.Of(content);
        Assert.Equal(content.AsSpan().IndexOf("using static"u8) >= 0, facts.HasUsingStatic);
        foreach (var name in Names)
        {
            var asciiWord = name.Length > 0 && name.All(c => c == '_' || char.IsAsciiLetterOrDigit(c));
            var constant = name.Length > 0 && CSharpDeclarationBytes.MayAssign(content, [Encoding.UTF8.GetBytes(name)], CSharpDeclarationBytes.ConstantKeywords);
            var alias = name.Length > 0 && CSharpDeclarationBytes.MayAssign(content, [Encoding.UTF8.GetBytes(name)], CSharpDeclarationBytes.AliasKeywords);
            var shown = Encoding.UTF8.GetString(content);
            if (asciiWord)
            {
                Assert.True(constant == facts.MayAssignConstant([name]), $"constant '{name}' in '{shown}': byte test {constant}");
                Assert.True(alias == facts.MayAssignAlias([name]), $"alias '{name}' in '{shown}': byte test {alias}");
            }
            else
            {
                Assert.True(facts.MayAssignConstant([name]) && facts.MayAssignAlias([name]), $"'{name}' is not one ASCII word: the file is read");
            }
        }
    }
}
