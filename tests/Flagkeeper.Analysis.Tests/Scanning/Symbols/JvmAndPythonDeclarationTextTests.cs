using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>The raw-text tests that spare tokenizing a Java or Python call file whose key argument cannot be a constant there.</summary>
public class JvmAndPythonDeclarationTextTests
{
    [Theory]
    [InlineData("static final String KEY = \"a\";")]
    [InlineData("static final String A = \"a\", KEY\n  = \"b\";")]
    [InlineData("import static com.shop.Flags.KEY;")]
    [InlineData("  import static com.shop.Flags.*;\nclass C { boolean f() { return isEnabled(KEY); } }")]
    [InlineData("class C extends Base implements Keys { boolean f() { return isEnabled(KEY); } }")]
    public void A_java_field_or_a_static_import_of_the_name_may_bind_it(string text) =>
        Assert.True(JvmDeclarationText.MayBind(text, "KEY"));

    [Theory]
    [InlineData("boolean f(String KEY) { return isEnabled(KEY); }")]
    [InlineData("if (KEY == null) isEnabled(KEY);")]
    [InlineData("static final String KEYS = \"a\"; isEnabled(KEY);")]
    [InlineData("import com.shop.*;\nisEnabled(KEY);")]
    [InlineData("")]
    public void A_java_parameter_a_comparison_or_a_longer_name_does_not(string text) =>
        Assert.False(JvmDeclarationText.MayBind(text, "KEY"));

    [Fact]
    public void A_lower_case_parameter_in_a_class_that_implements_an_interface_does_not() =>
        Assert.False(JvmDeclarationText.MayBind("class C implements Keys { boolean f(String key) { return isEnabled(key); } }", "key"));

    [Theory]
    [InlineData("KEY = \"a\"")]
    [InlineData("KEY: Final[str] = \"a\"")]
    [InlineData("class KEY(str, Enum):\n    A = \"a\"")]
    [InlineData("from flags import A, KEY")]
    [InlineData("from flags import (\n    A,\n    KEY,\n)")]
    [InlineData("import flags as KEY")]
    [InlineData("import flags, \\\n    KEY")]
    public void A_python_assignment_class_or_import_of_the_name_may_bind_it(string text) =>
        Assert.True(PythonDeclarationText.MayBind(text, "KEY"));

    [Theory]
    [InlineData("def f(KEY):\n    return is_enabled(KEY)")]
    [InlineData("    KEY = \"local\"\nis_enabled(KEY)")]
    [InlineData("KEYS = \"a\"\nis_enabled(KEY)")]
    [InlineData("from flags import A\nis_enabled(KEY)")]
    [InlineData("")]
    public void A_python_parameter_a_local_or_a_longer_name_does_not(string text) =>
        Assert.False(PythonDeclarationText.MayBind(text, "KEY"));
}
