using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>Where the key is read from a call: quotes, whitespace and line breaks, several usages on one line, attribute and tag keys, Ruby symbols, dynamic keys and declarations. Every expected line and column is written out or computed from the test's own input text.</summary>
public class KeyArgumentTests
{
    // ---------------------------------------------------------------- quotes

    [Theory]
    [InlineData("if (isEnabled(\"double-q\")) {}", "double-q")]
    [InlineData("if (isEnabled('single-q')) {}", "single-q")]
    [InlineData("if (isEnabled(`back-q`)) {}", "back-q")]
    public void Double_single_and_backtick_quotes_give_the_literal_key(string line, string key)
    {
        var usage = Single(ScanText("src/a.ts", line + "\n"));

        Assert.Equal(UsageKind.Usage, usage.Kind);
        Assert.Equal(key, usage.Flag);
        Assert.Equal("is-enabled", usage.Pattern);
        Assert.Equal("src/a.ts", usage.File);
        Assert.Equal(1, usage.Line);
        Assert.Equal(ColumnOf(line, key), usage.Column);
        Assert.Equal(line, usage.Text);
        Assert.Null(usage.Argument);
    }

    [Fact]
    public void Backtick_with_interpolation_is_dynamic()
    {
        const string line = "if (isEnabled(`x_${y}`)) {}";
        var usage = Single(ScanText("a.ts", line + "\n"));

        Assert.Equal(UsageKind.Dynamic, usage.Kind);
        Assert.Null(usage.Flag);
        Assert.Equal("`x_${y}`", usage.Argument);
        Assert.Equal(ColumnOf(line, "`x_"), usage.Column);
    }

    // ---------------------------------------------------------------- whitespace and line breaks

    [Fact]
    public void Line_breaks_between_call_and_argument_report_the_key_line()
    {
        const string content = "const a = 1;\nif (isEnabled(\n   \"k\"\n)) {}\n";
        var usage = Single(ScanText("a.ts", content));

        Assert.Equal("k", usage.Flag);
        Assert.Equal(3, usage.Line);
        Assert.Equal(5, usage.Column);
    }

    [Theory]
    [InlineData("a.ts", "if (isEnabled (  'spaced'  )) {}")]
    [InlineData("a.ts", "if (isEnabled\t(\t'spaced')) {}")]
    [InlineData("a.cs", "if (flags.IsEnabled( \"spaced\" )) {}")]
    [InlineData("a.py", "if is_enabled(  'spaced' ):")]
    public void Whitespace_around_the_argument_is_allowed(string file, string line)
    {
        var usage = Single(ScanText(file, line + "\n"));

        Assert.Equal("spaced", usage.Flag);
        Assert.Equal(ColumnOf(line, "spaced"), usage.Column);
    }

    [Fact]
    public void Line_break_before_the_parenthesis_and_between_arguments_is_allowed()
    {
        const string content = "const on = client.getBooleanValue\n  (\n    'multi',\n    false\n  );\n";
        var usage = Single(ScanText("a.ts", content));

        Assert.Equal("multi", usage.Flag);
        Assert.Equal("openfeature-value", usage.Pattern);
        Assert.Equal(3, usage.Line);
        Assert.Equal(6, usage.Column);
    }

    // ---------------------------------------------------------------- several usages on one line

    [Fact]
    public void Several_usages_on_one_line_each_get_their_own_column()
    {
        const string line = "a = isEnabled(\"x\") && isEnabled(\"y\")";
        var result = ScanText("a.ts", line + "\n");

        Assert.True(result.Usages.Count == 2, Describe(result));
        Assert.Equal(["x", "y"], result.Usages.Select(u => u.Flag));
        Assert.Equal([ColumnOf(line, "\"x\"") + 1, ColumnOf(line, "\"y\"") + 1], result.Usages.Select(u => u.Column));
        Assert.Equal([16, 34], result.Usages.Select(u => u.Column));
        Assert.All(result.Usages, u => Assert.Equal(1, u.Line));
    }

    [Fact]
    public void Different_shapes_on_one_line_are_all_reported()
    {
        const string line = "if (isEnabled('a') || process.env.FEATURE_B || KILL_SWITCH_C || useFlag('d')) {}";
        var result = ScanText("a.tsx", line + "\n");

        Assert.Equal(["a", "B", "KILL_SWITCH_C", "d"], result.Usages.Select(u => u.Flag));
        Assert.Equal(["is-enabled", "env-process", "kill-switch", "use-flag"], result.Usages.Select(u => u.Pattern));
        Assert.Equal([ColumnOf(line, "a'"), ColumnOf(line, "B "), ColumnOf(line, "KILL_"), ColumnOf(line, "d'")], result.Usages.Select(u => u.Column));
    }

    [Fact]
    public void Same_key_twice_on_one_line_is_reported_twice()
    {
        const string line = "if (isEnabled('k') && !isEnabled('k')) {}";
        var result = ScanText("a.ts", line + "\n");

        Assert.Equal(["k", "k"], result.Usages.Select(u => u.Flag));
        Assert.Equal([ColumnOf(line, "k'"), ColumnOf(line, "k'", 2)], result.Usages.Select(u => u.Column));
    }

    // ---------------------------------------------------------------- attributes and tags

    [Fact]
    public void FeatureGate_with_requirement_type_reports_every_string_argument()
    {
        const string line = "[FeatureGate(RequirementType.Any, \"a\", \"b\")]";
        var result = ScanText("Controllers/HomeController.cs", "public class C {\n    " + line + "\n    public void M() {}\n}\n");

        Assert.Equal(["a", "b"], result.Usages.Select(u => u.Flag));
        Assert.All(result.Usages, u => Assert.Equal("msfm-feature-gate", u.Pattern));
        Assert.All(result.Usages, u => Assert.Equal(2, u.Line));
        Assert.Equal([4 + ColumnOf(line, "\"a\"") + 1, 4 + ColumnOf(line, "\"b\"") + 1], result.Usages.Select(u => u.Column));
        Assert.All(result.Usages, u => Assert.Equal(UsageKind.Usage, u.Kind));
    }

    [Fact]
    public void Feature_tag_reports_each_comma_separated_name_with_its_own_column()
    {
        const string line = "<feature name=\"a, b\">";
        var result = ScanText("Views/Home/Index.cshtml", "<div>\n" + line + "\n  <p>x</p>\n</feature>\n");

        Assert.Equal(["a", "b"], result.Usages.Select(u => u.Flag));
        Assert.All(result.Usages, u => Assert.Equal("msfm-feature-tag", u.Pattern));
        Assert.All(result.Usages, u => Assert.Equal(2, u.Line));
        Assert.Equal([16, 19], result.Usages.Select(u => u.Column));
        Assert.Equal([ColumnOf(line, "a,"), ColumnOf(line, "b\"")], result.Usages.Select(u => u.Column));
    }

    [Theory]
    [InlineData("if Feature.enabled?(:k)", "k")]
    [InlineData("if Feature.enabled?(:new_nav, user)", "new_nav")]
    [InlineData("return if Feature.disabled? :legacy", "legacy")]
    [InlineData("if Flipper.enabled?(:search)", "search")]
    public void Ruby_symbol_key_is_the_symbol_name(string line, string key)
    {
        var usage = Single(ScanText("app/models/user.rb", line + "\n"));

        Assert.Equal(key, usage.Flag);
        Assert.Equal(UsageKind.Usage, usage.Kind);
        Assert.Equal(ColumnOf(line, ":" + key) + 1, usage.Column);
    }

    // ---------------------------------------------------------------- dynamic keys

    [Theory]
    [InlineData("a.ts", "if (isEnabled(name)) {}", "name")]
    [InlineData("a.ts", "if (isEnabled(\"a\" + b)) {}", "\"a\" + b")]
    [InlineData("a.ts", "if (isEnabled(`x_${y}`)) {}", "`x_${y}`")]
    [InlineData("a.ts", "if (isEnabled(flags.names[i])) {}", "flags.names[i]")]
    [InlineData("a.py", "if is_enabled(key):", "key")]
    [InlineData("a.cs", "if (flags.IsEnabled(Name)) {}", "Name")]
    [InlineData("a.cs", "if (catalog.IsEnabled(Name)) {}", "Name")]
    [InlineData("a.go", "v, _ := client.BooleanValue(ctx, flagName, false, ec)", "flagName")]
    [InlineData("a.py", "if waffle.flag_is_active(request, flag_name):", "flag_name")]
    [InlineData("a.rb", "if Feature.enabled?(flag_name, user)", "flag_name")]
    [InlineData("a.cshtml", "<feature name=\"@Model.Flag\">", "@Model.Flag")]
    public void Non_literal_keys_are_dynamic_with_their_argument_text(string file, string line, string argument)
    {
        var usage = Single(ScanText(file, line + "\n"));

        Assert.Equal(UsageKind.Dynamic, usage.Kind);
        Assert.Null(usage.Flag);
        Assert.Equal(argument, usage.Argument);
        Assert.Equal(ColumnOf(line, argument), usage.Column);
        Assert.Equal(line, usage.Text);
    }

    // ---------------------------------------------------------------- declarations

    [Theory]
    [InlineData("a.ts", "export function isEnabled(key: string): boolean {\n  return store.has(key);\n}\n")]
    [InlineData("a.ts", "function isEnabled(key: string) {\n  return true;\n}\n")]
    [InlineData("a.js", "async function isFeatureEnabled(key) {\n  return true;\n}\n")]
    [InlineData("a.py", "def is_enabled(key):\n    return key in FLAGS\n")]
    [InlineData("a.cs", "public class Flags\n{\n    public bool IsEnabled(string key)\n    {\n        return true;\n    }\n}\n")]
    [InlineData("a.cs", "public interface IFlags\n{\n    bool IsEnabled(string key);\n    Task<bool> IsEnabledAsync(string key);\n}\n")]
    [InlineData("a.go", "func IsEnabled(key string) bool {\n\treturn true\n}\n")]
    [InlineData("a.go", "func (c *Client) IsEnabled(key string) bool {\n\treturn true\n}\n")]
    [InlineData("a.ts", "export class Flags {\n  isEnabled(key: string): boolean {\n    return true;\n  }\n}\n")]
    [InlineData("a.ts", "export class Flags {\n  public async isEnabled(key: string) {\n    return true;\n  }\n}\n")]
    public void Declarations_of_flag_functions_are_not_reported(string file, string content)
    {
        var result = ScanText(file, content);

        Assert.True(result.Usages.Count == 0, Describe(result));
    }

    [Theory]
    [InlineData("a.cs", "class L : ILogger\n{\n    bool ILogger.IsEnabled(LogLevel logLevel) => true;\n}\n")]
    [InlineData("a.cs", "if (_logger.IsEnabled(level)) {}\n")]
    [InlineData("a.cs", "if (logger?.IsEnabled(minimum) == true) {}\n")]
    [InlineData("a.cs", "if (Log.IsEnabled(level)) {}\n")]
    [InlineData("a.cs", "if (this.requestLogger.IsEnabled(l)) {}\n")]
    [InlineData("a.cs", "if (logger.IsEnabled(LogLevel.Debug)) {}\n")]
    public void Logging_IsEnabled_calls_and_ILogger_implementations_are_not_flags(string file, string content)
    {
        var result = ScanText(file, content);

        Assert.True(result.Usages.Count == 0, Describe(result));
    }

    [Theory]
    [InlineData("a.ts", "function check(name: string) {\n  return isEnabled(name);\n}\n", 2, "name")]
    [InlineData("a.cs", "public bool Check(string name)\n{\n    if (!flags.IsEnabled(name)) return false;\n    return true;\n}\n", 3, "name")]
    [InlineData("a.cs", "public bool Check(string name)\n{\n    return IsEnabled(name);\n}\n", 3, "name")]
    [InlineData("a.cs", "bool Check(string name) => IsEnabled(name);\n", 1, "name")]
    [InlineData("a.py", "def check(name):\n    return is_enabled(name)\n", 2, "name")]
    [InlineData("a.go", "func Check(name string) bool {\n\treturn client.IsEnabled(name)\n}\n", 2, "name")]
    public void Calls_with_a_variable_next_to_declarations_are_dynamic(string file, string content, int line, string argument)
    {
        var usage = Single(ScanText(file, content));

        Assert.Equal(UsageKind.Dynamic, usage.Kind);
        Assert.Null(usage.Flag);
        Assert.Equal(argument, usage.Argument);
        Assert.Equal(line, usage.Line);
    }

    [Fact]
    public void A_wrapper_declaration_and_its_literal_callers_in_one_file()
    {
        const string content = "export function isEnabled(key: string): boolean {\n  return client.isEnabled(key);\n}\n\nif (isEnabled('real')) {}\n";
        var result = ScanText("a.ts", content);

        Assert.Equal([(2, UsageKind.Dynamic, (string?)null), (5, UsageKind.Usage, "real")], result.Usages.Select(u => (u.Line, u.Kind, u.Flag)));
    }
}
