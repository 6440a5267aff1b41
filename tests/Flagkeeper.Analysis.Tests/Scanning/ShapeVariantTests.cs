using System.Text;
using Flagkeeper.Analysis.Configuration;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>More shapes and languages, suspected weak spots, and look-alike names that are not flags. Every expected line and column is written out or computed from the test's own input text.</summary>
public class ShapeVariantTests
{
    // ---------------------------------------------------------------- more shapes and languages

    [Theory]
    [InlineData("a.cs", "isEnabled(\"k\");")]
    [InlineData("a.cshtml", "@if (isEnabled(\"k\")) { }")]
    [InlineData("a.razor", "@if (isEnabled(\"k\")) { }")]
    [InlineData("a.ts", "isEnabled('k');")]
    [InlineData("a.tsx", "isEnabled('k');")]
    [InlineData("a.js", "isEnabled('k');")]
    [InlineData("a.jsx", "isEnabled('k');")]
    [InlineData("a.mjs", "isEnabled('k');")]
    [InlineData("a.cjs", "isEnabled('k');")]
    [InlineData("a.vue", "<div v-if=\"isEnabled('k')\"></div>")]
    [InlineData("a.svelte", "{#if isEnabled('k')}")]
    [InlineData("a.py", "is_enabled('k')")]
    [InlineData("a.go", "client.IsEnabled(\"k\")")]
    [InlineData("a.rb", "is_enabled('k')")]
    [InlineData("a.html.erb", "<% if is_enabled('k') %>")]
    [InlineData("a.java", "isEnabled(\"k\");")]
    [InlineData("a.kt", "isEnabled(\"k\")")]
    [InlineData("a.scala", "isEnabled(\"k\")")]
    [InlineData("a.swift", "isEnabled(\"k\")")]
    [InlineData("a.php", "$flags->isEnabled('k');")]
    [InlineData("a.rs", "flags.is_enabled(\"k\")")]
    [InlineData("A.TS", "isEnabled('k');")]
    public void Every_default_source_language_is_scanned(string file, string line)
    {
        var usage = Single(ScanText("src/" + file, line + "\n"));

        Assert.Equal("k", usage.Flag);
        var quoted = line.Contains("'k'", StringComparison.Ordinal) ? "'k'" : "\"k\"";
        Assert.Equal(ColumnOf(line, quoted) + 1, usage.Column);
    }

    [Fact]
    public void Csharp_verbatim_string_key_is_a_literal()
    {
        const string line = "if (flags.IsEnabled(@\"verbatim-key\")) {}";
        var usage = Single(ScanText("a.cs", line + "\n"));

        Assert.Equal(UsageKind.Usage, usage.Kind);
        Assert.Equal("verbatim-key", usage.Flag);
        Assert.Equal(ColumnOf(line, "verbatim"), usage.Column);
    }

    [Fact]
    public void Generic_type_arguments_and_optional_chaining_are_allowed()
    {
        const string content = "const a = flags?.isEnabled('opt');\nconst b = flags.isEnabled<Flags>('typed');\n";
        var result = ScanText("a.ts", content);

        Assert.Equal(["opt", "typed"], result.Usages.Select(u => u.Flag));
    }

    [Theory]
    [InlineData("<feature name=\"alpha,beta\">")]
    [InlineData("<feature name='alpha,beta'>")]
    [InlineData("<feature name=\"alpha , beta\" requirement=\"Any\">")]
    [InlineData("<feature negate=\"true\" name=\"alpha,beta\">")]
    public void Feature_tag_variants(string line)
    {
        var result = ScanText("a.cshtml", line + "\n");

        Assert.Equal(["alpha", "beta"], result.Usages.Select(u => u.Flag));
        Assert.Equal([ColumnOf(line, "alpha"), ColumnOf(line, "beta")], result.Usages.Select(u => u.Column));
    }

    [Fact]
    public void Feature_tag_spanning_lines_reports_the_value_line()
    {
        const string content = "<feature\n    requirement=\"All\"\n    name=\"first, second\">\n</feature>\n";
        var result = ScanText("a.cshtml", content);

        Assert.Equal([(3, 11, "first"), (3, 18, "second")], result.Usages.Select(u => (u.Line, u.Column, u.Flag)));
    }

    [Fact]
    public void Feature_tag_with_a_razor_expression_is_dynamic()
    {
        var usage = Single(ScanText("a.cshtml", "<feature name=\"@Model.FlagName\">\n"));

        Assert.Equal(UsageKind.Dynamic, usage.Kind);
        Assert.Null(usage.Flag);
        Assert.Equal("@Model.FlagName", usage.Argument);
    }

    [Fact]
    public void Split_and_statsig_take_the_second_argument_when_it_is_the_literal()
    {
        var config = FlagkeeperConfig.Default with { Sdks = ["split", "statsig"] };
        const string content =
            "t1 = client.getTreatment(userKey, 'second');\n" +
            "t2 = client.getTreatment('first');\n" +
            "g1 = statsig.checkGate(user, 'gate-two');\n" +
            "g2 = statsig.checkGate('gate-one');\n";

        var result = ScanText("a.js", content, config);

        Assert.Equal(["second", "first", "gate-two", "gate-one"], result.Usages.Select(u => u.Flag));
    }

    [Fact]
    public void Longest_env_prefix_wins_whatever_the_config_order()
    {
        var config = FlagkeeperConfig.Default with { EnvPrefixes = ["FEATURE_", "FEATURE_FLAG_"] };

        var usage = Single(ScanText("a.js", "x = process.env.FEATURE_FLAG_X;\n", config));

        Assert.Equal("X", usage.Flag);
    }

    [Fact]
    public void Long_lines_are_cut_to_240_characters_of_text()
    {
        var line = "if (isEnabled('long')) { " + new string('x', 400) + " }";
        var usage = Single(ScanText("a.ts", line + "\n"));

        Assert.Equal(line[..240], usage.Text);
    }

    [Fact]
    public void Crlf_bom_and_non_ascii_together()
    {
        var text = "// ü\r\nconst s = '€'; if (isEnabled('k')) {}\r\n";
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var usage = Single(ScannerSpecSupport.ScanBytes("a.ts", bytes));

        Assert.Equal(2, usage.Line);
        Assert.Equal("const s = '€'; if (isEnabled('k')) {}".IndexOf("k'", StringComparison.Ordinal) + 1, usage.Column);
        Assert.Equal("const s = '€'; if (isEnabled('k')) {}", usage.Text);
    }

    // ---------------------------------------------------------------- suspected weak spots

    [Fact]
    public void Go_interface_method_declaration_is_not_reported()
    {
        const string content = "type Flags interface {\n\tIsEnabled(key string) bool\n\tIsFeatureEnabled(name string) bool\n}\n";

        var result = ScanText("flags.go", content);

        Assert.True(result.Usages.Count == 0, Describe(result));
    }

    [Fact]
    public void Ternary_operand_at_line_start_followed_by_a_colon_is_still_a_call()
    {
        const string content = "const v = cond ?\n  isEnabled(name) :\n  false;\n";

        var usage = Single(ScanText("a.ts", content));

        Assert.Equal(UsageKind.Dynamic, usage.Kind);
        Assert.Equal("name", usage.Argument);
        Assert.Equal(2, usage.Line);
    }

    [Fact]
    public void Regex_literal_with_slashes_does_not_hide_a_call_after_it()
    {
        const string line = "const ok = /^https?:\\/\\//.test(url) && isEnabled('after-regex');";

        var usage = Single(ScanText("a.js", line + "\n"));

        Assert.Equal("after-regex", usage.Flag);
    }

    [Fact]
    public void Commented_out_argument_line_is_not_the_key()
    {
        const string content = "if (isEnabled(\n  // 'old-key',\n  'new-key'\n)) {}\n";

        var result = ScanText("a.ts", content);

        var usage = Single(result);
        Assert.True(usage.Flag == "new-key", Describe(result));
        Assert.Equal(3, usage.Line);
    }

    // ---------------------------------------------------------------- look-alikes

    [Theory]
    [InlineData("a.ts", "if (isEnabledFor('x')) {}")]
    [InlineData("a.ts", "if (myisEnabled('x')) {}")]
    [InlineData("a.ts", "const isEnabled = true;")]
    [InlineData("a.py", "is_enabled_flag = 1")]
    public void Look_alike_names_are_not_reported(string file, string line)
    {
        var result = ScanText(file, line + "\n");

        Assert.True(result.Usages.Count == 0, Describe(result));
    }
}
