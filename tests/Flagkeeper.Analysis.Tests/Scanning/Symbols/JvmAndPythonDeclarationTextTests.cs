using System.Text;
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
        Assert.True(JvmDeclarationText.MayBind(Encoding.UTF8.GetBytes(text), "KEY"));

    [Theory]
    [InlineData("boolean f(String KEY) { return isEnabled(KEY); }")]
    [InlineData("if (KEY == null) isEnabled(KEY);")]
    [InlineData("static final String KEYS = \"a\"; isEnabled(KEY);")]
    [InlineData("import com.shop.*;\nisEnabled(KEY);")]
    [InlineData("")]
    public void A_java_parameter_a_comparison_or_a_longer_name_does_not(string text) =>
        Assert.False(JvmDeclarationText.MayBind(Encoding.UTF8.GetBytes(text), "KEY"));

    // The bytes are asked what the decoded text would be: a letter before the name makes a longer name, any Unicode
    // space may stand before the '=', a lone '\r' ends a line, and a character outside the BMP (a surrogate pair in
    // the text) is not a letter.
    [Theory]
    [InlineData("static final String \u00e9KEY = \"a\";", false)]
    [InlineData("static final String KEY\u00e9 = \"a\";", false)]
    [InlineData("static final String KEY\u00a0= \"a\";", true)]
    [InlineData("static final String KEY\u3000\n= \"a\";", true)]
    [InlineData("class C {}\r  import static com.shop.Flags.KEY;", true)]
    [InlineData("class C {} // \u00e9\r\nimport static com.shop.Flags.KEY;", true)]
    [InlineData("static final String \U0001D400KEY = \"a\";", true)]
    public void Non_ascii_text_around_the_name_is_read_as_the_decoded_text_has_it(string text, bool expected) =>
        Assert.Equal(expected, JvmDeclarationText.MayBind(Encoding.UTF8.GetBytes(text), "KEY"));

    [Fact]
    public void A_lower_case_parameter_in_a_class_that_implements_an_interface_does_not() =>
        Assert.False(JvmDeclarationText.MayBind("class C implements Keys { boolean f(String key) { return isEnabled(key); } }"u8, "key"));

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
