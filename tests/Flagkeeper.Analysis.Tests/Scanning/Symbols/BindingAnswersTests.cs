using System.Text;
using Flagkeeper.Analysis.Scanning.Symbols;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// What the scan answers of the symbol passes' questions while it has a file's bytes: the answer the pass would find
/// reading the file, and none where the pass would decide otherwise (UTF-16, invalid UTF-8).
/// </summary>
public class BindingAnswersTests
{
    private static Usage Dynamic(string file, string argument) => new(file, 3, 5, UsageKind.Dynamic, null, "is-enabled", "x", argument);

    [Theory]
    [InlineData("src/a.ts", "const flagName = 'beta';\nclient.isEnabled(flagName);\n", "flagName", true)]
    [InlineData("src/a.ts", "function f(flagName: string) { return client.isEnabled(flagName); }\n", "flagName", false)]
    [InlineData("src/a.ts", "import { Flags } from './flags';\nclient.isEnabled(Flags.Beta);\n", "Flags.Beta", true)]
    [InlineData("src/a.py", "FLAG = 'beta'\nclient.is_enabled(FLAG)\n", "FLAG", true)]
    [InlineData("src/a.py", "def f(flag):\n    return client.is_enabled(flag)\n", "flag", false)]
    [InlineData("src/A.java", "class A { static final String FLAG = \"beta\"; boolean b() { return client.isEnabled(FLAG); } }\n", "FLAG", true)]
    [InlineData("src/A.java", "class A { boolean b(String flagName) { return client.isEnabled(flagName); } }\n", "flagName", false)]
    public void The_scan_answers_as_the_pass_would_reading_the_file(string file, string source, string argument, bool expected)
    {
        var usage = Dynamic(file, argument);
        var (name, check) = KeyResolver.BindingQuestion(usage)!.Value;
        var answers = new BindingAnswers();

        answers.Record(file, Encoding.UTF8.GetBytes(source), [usage]);

        Assert.True(answers.TryGet(file, name, out var mayBind));
        Assert.Equal(expected, mayBind);
        Assert.Equal(check(Encoding.UTF8.GetBytes(source), name), mayBind);
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_is_answered_from_its_text()
    {
        var answers = new BindingAnswers();
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("const flagName = 'beta';\nclient.isEnabled(flagName);\n")];

        answers.Record("src/a.ts", bytes, [Dynamic("src/a.ts", "flagName")]);

        Assert.True(answers.TryGet("src/a.ts", "flagName", out var mayBind) && mayBind);
    }

    [Fact]
    public void Utf16_and_invalid_utf8_files_get_no_answer_so_the_pass_reads_them()
    {
        var answers = new BindingAnswers();
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("client.isEnabled(flagName);\n")];
        byte[] invalid = [.. Encoding.UTF8.GetBytes("client.isEnabled(flagName); // "), 0xC3, 0x28, (byte)'\n'];

        answers.Record("src/u.ts", utf16, [Dynamic("src/u.ts", "flagName")]);
        answers.Record("src/i.ts", invalid, [Dynamic("src/i.ts", "flagName")]);

        Assert.False(answers.TryGet("src/u.ts", "flagName", out _));
        Assert.False(answers.TryGet("src/i.ts", "flagName", out _));
    }

    [Fact]
    public void Usages_no_pass_asks_about_get_no_answer()
    {
        var answers = new BindingAnswers();
        var literal = new Usage("src/a.ts", 1, 1, UsageKind.Usage, "beta", "is-enabled", "x");

        answers.Record("src/a.ts", "client.isEnabled('beta');\n"u8, [literal, Dynamic("src/a.rb", "flag_name"), Dynamic("src/a.ts", "getFlag()")]);

        Assert.False(answers.TryGet("src/a.ts", "beta", out _));
        Assert.False(answers.TryGet("src/a.rb", "flag_name", out _));
        Assert.False(answers.TryGet("src/a.ts", "getFlag", out _));
    }

    public static TheoryData<string> GoCallFiles =>
    [
        "package shop\n\nimport (\n\t\"example.com/flags\"\n\tff \"example.com/other\"\n)\n\nfunc F() bool { return client.IsEnabled(flagName) }\n",
        "package shop\n\nimport . \"example.com/flags\"\n\nconst Beta = \"beta\"\n\nfunc F() bool { return client.IsEnabled(Beta) }\n",
        "package shop\n\n/* a comment that hides\nfunc inside it */\nimport \"example.com/flags\"\n\nvar x = 1\n",
        "package shop // no declaration at a line start after this\nimport \"example.com/flags\"",
    ];

    [Theory]
    [MemberData(nameof(GoCallFiles))]
    public void A_go_call_file_parsed_from_the_scans_bytes_is_the_file_the_pass_would_read(string source)
    {
        var parsed = GoWorkspace.ParseCallFile("shop/a.go", Encoding.UTF8.GetBytes(source));
        var whole = GoDeclarationReader.Read("shop/a.go", source);

        Assert.NotNull(parsed);
        Assert.Equal(whole.Package, parsed.Package);
        Assert.Equal(whole.Imports, parsed.Imports);
        Assert.Equal(whole.Constants.Select(c => (c.Name, c.Offset)), parsed.Constants.Select(c => (c.Name, c.Offset)));
    }

    [Fact]
    public void A_go_call_file_whose_bytes_are_not_its_text_is_left_to_the_pass()
    {
        const string Source = "package shop\n\nfunc F() bool { return client.IsEnabled(flagName) }\n";
        var answers = new BindingAnswers();

        answers.Record("shop/bom.go", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Source)], [Dynamic("shop/bom.go", "flagName")]);
        answers.Record("shop/cr.go", Encoding.UTF8.GetBytes(Source.Replace('\n', '\r')), [Dynamic("shop/cr.go", "flagName")]);
        answers.Record("shop/plain.go", Encoding.UTF8.GetBytes(Source), [Dynamic("shop/plain.go", "flagName")]);
        answers.Record("shop/literal.go", Encoding.UTF8.GetBytes(Source), [new Usage("shop/literal.go", 3, 5, UsageKind.Usage, "beta", "is-enabled", "x")]);

        Assert.Null(answers.GoCallFile("shop/bom.go"));
        Assert.Null(answers.GoCallFile("shop/cr.go"));
        Assert.Equal("shop", answers.GoCallFile("shop/plain.go")?.Package);
        Assert.Null(answers.GoCallFile("shop/literal.go")); // no dynamic call: not a call file
    }

    [Fact]
    public void Only_a_bare_name_in_a_java_file_is_asked_of_its_bytes()
    {
        var answers = new BindingAnswers();

        answers.Record("src/A.java", "class A {}\n"u8, [Dynamic("src/A.java", "Flags.BETA"), Dynamic("src/A.java", "Feature.BETA.name()")]);
        answers.Record("src/B.kt", "class B\n"u8, [Dynamic("src/B.kt", "flagName")]); // Kotlin: a name may come from the package, so it is read

        Assert.False(answers.TryGet("src/A.java", "Flags", out _));
        Assert.False(answers.TryGet("src/A.java", "Feature", out _));
        Assert.False(answers.TryGet("src/B.kt", "flagName", out _));
    }

    [Theory]
    [InlineData("pkg/a.go", "package pkg\n\nfunc F() {}\n", true)]
    [InlineData("pkg/a.go", "package pkg\n\nconst Beta = \"beta\"\n", false)]
    [InlineData("pkg/a.go", "package pkg\n\n// no constants here\n", false)] // "constants" holds the bytes: the pass reads it, as before
    [InlineData("pkg/a.ts", "export function f() {}\n", false)] // not a Go file
    public void The_scan_tells_the_go_pass_which_files_hold_no_const(string file, string source, bool lacks)
    {
        var answers = new BindingAnswers();

        answers.Record(file, Encoding.UTF8.GetBytes(source), []);

        Assert.Equal(lacks, answers.LacksGoConstants(file));
    }

    [Fact]
    public void A_utf16_go_file_is_left_to_the_go_pass()
    {
        var answers = new BindingAnswers();
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("package pkg\n")];

        answers.Record("pkg/u.go", utf16, []);

        Assert.False(answers.LacksGoConstants("pkg/u.go"));
    }
}
