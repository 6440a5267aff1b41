using System.Text;
using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The raw-text declaration tests on a file's UTF-8 bytes, beside non-ASCII text: a non-ASCII character next to the
/// name or a keyword counts as what it decodes to (a letter, a space, a symbol), so the bytes answer as the text does.
/// </summary>
public class Utf8DeclarationTextTests
{
    private const string Supplementary = "\U0001D49C"; // 𝒜: a letter, but two UTF-16 surrogates to the decoded text

    [Theory]
    [InlineData("// größe 日本語\nconst flag = 'a';", true)]
    [InlineData("/* → */ let flag = 'a';", true)]
    [InlineData("const\u00A0flag = 'a';", true)] // a no-break space is white space
    [InlineData("\u3000const flag = 'a';", true)]
    [InlineData("const éflag = 'a'; isEnabled(flag);", false)] // é is a letter: éflag is another name
    [InlineData("const flagé = 'a'; isEnabled(flag);", false)]
    [InlineData("éconst flag = 'a'; isEnabled(flag);", false)] // éconst is a name, not the keyword
    [InlineData("const → flag; isEnabled(flag);", false)]
    [InlineData("import { éfrom, flag } from './flags';", true)] // éfrom is a name, not the keyword
    [InlineData("import { a } éfrom './a'\nisEnabled(flag) // from", true)]
    [InlineData("import { flag }\u00A0from './flags';", true)]
    [InlineData("import { a }\u00A0from './a'; isEnabled(flag); // from", false)]
    [InlineData("import { " + Supplementary + "flag } from './flags';", true)] // the text sees a surrogate, not a letter
    [InlineData("const " + Supplementary + "flag = 'a';", false)]
    public void A_script_file_binds_the_name_in_its_bytes_as_in_its_text(string text, bool binds)
    {
        Assert.Equal(binds, DeclarationText.MayBind(Encoding.UTF8.GetBytes(text), "flag"));
        Assert.Equal(binds, DeclarationText.MayBind(text, "flag"));
    }

    [Theory]
    [InlineData("中", 3992, true)] // `flag` 4,000 characters after `import`: the last the text looks back
    [InlineData("中", 3993, false)]
    [InlineData(Supplementary, 1996, true)] // two characters each
    [InlineData(Supplementary, 1997, false)]
    public void A_script_import_clause_is_as_long_in_characters_whatever_their_bytes(string filler, int count, bool binds)
    {
        var text = "import " + string.Concat(Enumerable.Repeat(filler, count)) + " flag } from './flags';";

        Assert.Equal(binds, DeclarationText.MayBind(Encoding.UTF8.GetBytes(text), "flag"));
    }

    [Theory]
    [InlineData("# größe 日本語\nFLAG = 'a'", true)]
    [InlineData("x = 'é'\rFLAG = 'a'", true)] // a lone CR ends a line
    [InlineData("éFLAG = 'a'\nis_enabled(FLAG)", false)]
    [InlineData("FLAGé = 'a'\nis_enabled(FLAG)", false)]
    [InlineData("class\u00A0FLAG(str, Enum): pass", false)] // only spaces and tabs after `class`
    [InlineData("from flags import (é, FLAG)", true)] // é is a name
    [InlineData("from flags import (→, FLAG)", false)]
    [InlineData("from flags import (" + Supplementary + ", FLAG)", false)] // the text sees a surrogate, not a letter
    [InlineData("from flags import A, \\\r\n    FLAG", true)]
    [InlineData("from flags import A, \\\r\r    FLAG", false)] // the text's "\\\n\n": the second line end is not continued
    public void A_python_file_binds_the_name_in_its_bytes_as_in_its_text(string text, bool binds) =>
        Assert.Equal(binds, PythonDeclarationText.MayBind(Encoding.UTF8.GetBytes(text), "FLAG"));

    [Theory]
    [InlineData("中", 3991, true)] // `FLAG` at character 3,999: the last the text looks back from `import`
    [InlineData("中", 3992, false)]
    public void A_python_import_is_as_long_in_characters_whatever_their_bytes(string filler, int count, bool binds)
    {
        var text = "import " + string.Concat(Enumerable.Repeat(filler, count)) + " FLAG";

        Assert.Equal(binds, PythonDeclarationText.MayBind(Encoding.UTF8.GetBytes(text), "FLAG"));
        Assert.Equal(binds, PythonDeclarationText.MayBind(text, "FLAG"));
    }

    [Fact]
    public void A_non_ascii_name_is_searched_as_its_bytes()
    {
        Assert.True(DeclarationText.MayBind(Encoding.UTF8.GetBytes("const größe = 'a';"), "größe"));
        Assert.False(DeclarationText.MayBind(Encoding.UTF8.GetBytes("const xgröße = 'a'; isEnabled(größe);"), "größe"));
        Assert.True(PythonDeclarationText.MayBind(Encoding.UTF8.GetBytes("# ü\ngröße = 'a'"), "größe"));
    }
}
