using Flagkeeper.Analysis.Scanning.Symbols;
using Flagkeeper.Analysis.Scanning.Wrappers;

namespace Flagkeeper.Analysis.Tests.Scanning.Wrappers;

/// <summary>What the C# and Go wrapper readers take for a declaration with a body, and for a call of a name.</summary>
public class WrapperSyntaxTests
{
    private static readonly CSharpWrapperSyntax CSharp = new();
    private static readonly GoWrapperSyntax Go = new();

    private static List<MethodBody> Methods(IWrapperSyntax syntax, string text) => Lent(syntax, text, tokens => syntax.Methods(tokens).ToList());

    private static List<string> Calls(IWrapperSyntax syntax, string text) =>
        Lent(syntax, text, tokens => syntax.Calls(tokens, new HashSet<string> { "IsX" }).Select(c => text[c.NameOffset..c.End]).ToList());

    private static T Lent<T>(IWrapperSyntax syntax, string text, Func<List<Token>, T> read)
    {
        using var tokens = syntax.TokenizeLent(text);
        return read(tokens.List);
    }

    [Theory]
    [InlineData("bool IsX(User u) => c.IsEnabled(\"x\", u);", true)]
    [InlineData("public bool IsX() { return c.IsEnabled(\"x\"); }", true)]
    [InlineData("Task<bool> IsX() => c.IsEnabledAsync(\"x\");", true)]
    [InlineData("bool? IsX<T>() where T : class => null;", false)] // a generic method: not read
    [InlineData("bool IsX() { Log(); return c.IsEnabled(\"x\"); }", false)]
    [InlineData("void IsX() => c.IsEnabled(\"x\");", false)]
    [InlineData("public async Task IsX() { return; }", false)]
    [InlineData("public IsX(Client c) { _on = c.IsEnabled(\"x\"); }", false)] // a constructor
    public void A_csharp_method_returns_one_expression_only_when_it_returns_a_value_and_its_body_is_one_return(string text, bool returnsOne)
    {
        var methods = Methods(CSharp, text);

        Assert.Equal(returnsOne, methods.Any(m => m.Name == "IsX" && m.ReturnsOneExpression));
    }

    [Fact]
    public void A_csharp_body_spans_its_braces_or_its_expression_up_to_the_semicolon()
    {
        const string text = "class C { bool IsX() => Any(x => { return c.IsEnabled(\"x\"); }); int Y() { if (a) { } return 1; } }";

        var methods = Methods(CSharp, text);

        Assert.Equal(["IsX", "Y"], methods.Select(m => m.Name));
        Assert.Equal("Any(x => { return c.IsEnabled(\"x\"); })", text[methods[0].BodyStart..methods[0].BodyEnd]);
        Assert.Equal("{ if (a) { } return 1; }", text[methods[1].BodyStart..methods[1].BodyEnd]);
        Assert.True(methods[1].ReturnsOneExpression is false);
    }

    [Theory]
    [InlineData("if (s.IsX(u)) { }", "IsX(u)")]
    [InlineData("var a = !IsX();", "IsX()")]
    [InlineData("return IsX(a, (b));", "IsX(a, (b))")]
    [InlineData("await IsX();", "IsX()")]
    [InlineData("list.Where(u => IsX(u));", "IsX(u)")]
    [InlineData("var on = ready ? IsX() : false;", "IsX()")]
    [InlineData("s?.IsX();", "IsX()")]
    public void A_csharp_call_is_a_name_with_arguments_after_anything_but_a_type(string text, string call) =>
        Assert.Equal([call], Calls(CSharp, text));

    [Theory]
    [InlineData("bool IsX(User u) => true;")]
    [InlineData("Task<bool> IsX();")]
    [InlineData("bool? IsX() => null;")]
    [InlineData("var x = new IsX();")]
    [InlineData("// s.IsX(u)\nvar t = \"IsX()\";")]
    [InlineData("var f = IsX;")]
    public void A_csharp_declaration_a_constructor_call_a_comment_a_string_or_a_method_group_is_not_a_call(string text) =>
        Assert.Empty(Calls(CSharp, text));

    [Fact]
    public void Go_functions_and_methods_with_a_result_and_one_return_are_wrapper_shaped()
    {
        const string text = "package f\n\nfunc (r *T) IsX() bool { return Gates.Enabled(X) }\n\nfunc IsY() (bool) {\n\treturn Gates.Enabled(Y)\n}\n\n" +
            "func IsZ() {\n\tGates.Enabled(Z)\n}\n\nfunc IsW() bool {\n\tlog()\n\treturn Gates.Enabled(W)\n}\n\nvar f = func() bool { return true }\n";

        var methods = Methods(Go, text);

        Assert.Equal([("IsX", true), ("IsY", true), ("IsZ", false), ("IsW", false)], methods.Select(m => (m.Name, m.ReturnsOneExpression)));
    }

    [Theory]
    [InlineData("if c.IsX() {\n}\n", 1)]
    [InlineData("ok := IsX() && b\n", 1)]
    [InlineData("func IsX() bool { return true }\n", 0)]
    [InlineData("func (r *T) IsX() bool { return true }\n", 0)]
    [InlineData("type I interface {\n\tIsX() bool\n}\n", 0)]
    [InlineData("// c.IsX()\ns := \"IsX()\"\n", 0)]
    public void A_go_call_is_not_a_declaration_an_interface_method_a_comment_or_a_string(string text, int calls) =>
        Assert.Equal(calls, Calls(Go, text).Count);
}
