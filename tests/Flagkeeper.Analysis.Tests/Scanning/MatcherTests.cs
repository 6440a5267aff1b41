using System.Text;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>Runs the real <see cref="Scanner"/> over real files in a temp folder (no scan cache).</summary>
internal static class ScannerSpecSupport
{
    public static ScanResult Scan(string root, FlagkeeperConfig? config = null, bool useCache = false)
    {
        using var patterns = new PatternCache();
        using var monitor = new PerformanceMonitor();
        return new Scanner(config ?? FlagkeeperConfig.Default, patterns, monitor).Scan(root, new ScanOptions { UseCache = useCache });
    }

    /// <summary>Scans a folder holding one file with <paramref name="content"/> (UTF-8, no BOM).</summary>
    public static ScanResult ScanText(string relative, string content, FlagkeeperConfig? config = null)
    {
        using var dir = new TempDirectory();
        dir.Write(relative, content);
        return Scan(dir.Path, config);
    }

    public static ScanResult ScanBytes(string relative, byte[] content, FlagkeeperConfig? config = null)
    {
        using var dir = new TempDirectory();
        dir.WriteBytes(relative, content);
        return Scan(dir.Path, config);
    }

    public static string Describe(IEnumerable<Usage> usages) =>
        "usages:\n" + string.Join("\n", usages.Select(u => $"  {u.File}:{u.Line}:{u.Column} {u.Kind} flag={u.Flag ?? "<null>"} ({u.Pattern}) arg={u.Argument ?? "<null>"} text={u.Text}"));

    public static string Describe(ScanResult result) =>
        Describe(result.Usages) + "\nerrors:\n" + string.Join("\n", result.Errors.Select(e => "  " + e));
}

/// <summary>
/// The matcher's rules from the issue ("Which usages" and "Which files"): quotes, whitespace,
/// several usages per line, attribute and tag keys, Ruby symbols, environment variables, kill
/// switches, dynamic keys, declarations, comments, encodings, binary/large/unscanned files, ordering.
/// Every expected line and column is written out or computed from the test's own input text.
/// </summary>
public class MatcherTests
{
    private static ScanResult ScanText(string relative, string content, FlagkeeperConfig? config = null) =>
        ScannerSpecSupport.ScanText(relative, content, config);

    private static string Describe(ScanResult result) => ScannerSpecSupport.Describe(result);

    /// <summary>The 1-based UTF-16 column of the first occurrence of <paramref name="needle"/> in <paramref name="line"/>.</summary>
    private static int ColumnOf(string line, string needle, int occurrence = 1)
    {
        var at = -1;
        for (var i = 0; i < occurrence; i++)
        {
            at = line.IndexOf(needle, at + 1, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{needle}' not in '{line}'");
        }
        return at + 1;
    }

    private static Usage Single(ScanResult result)
    {
        Assert.True(result.Usages.Count == 1, Describe(result));
        return result.Usages[0];
    }

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

    // ---------------------------------------------------------------- environment variables

    [Theory]
    [InlineData("NEXT_PUBLIC_FEATURE_X")]
    [InlineData("VITE_FEATURE_FLAG_X")]
    [InlineData("REACT_APP_FEATURE_X")]
    [InlineData("VITE_FEATURE_X")]
    [InlineData("FEATURE_FLAG_X")]
    [InlineData("FEATURE_X")]
    public void Env_var_with_each_default_prefix_has_the_longest_prefix_stripped(string name)
    {
        var line = $"const on = process.env.{name} === 'true';";
        var usage = Single(ScanText("a.js", line + "\n"));

        Assert.Equal("X", usage.Flag);
        Assert.Equal("env-process", usage.Pattern);
        Assert.Equal(ColumnOf(line, "X ==="), usage.Column);
    }

    [Theory]
    [InlineData("a.ts", "if (import.meta.env.VITE_FEATURE_FLAG_SEARCH) {}", "SEARCH", "env-import-meta")]
    [InlineData("a.ts", "if (import.meta.env.VITE_FEATURE_SEARCH) {}", "SEARCH", "env-import-meta")]
    [InlineData("a.ts", "const x = process.env['FEATURE_FLAG_DARK'];", "DARK", "env-process")]
    [InlineData("a.py", "on = os.getenv(\"FEATURE_FLAG_BETA\")", "BETA", "env-python")]
    [InlineData("a.py", "on = os.environ[\"FEATURE_BETA\"]", "BETA", "env-python")]
    [InlineData("a.py", "on = os.environ.get('FEATURE_BETA', '0')", "BETA", "env-python")]
    [InlineData("a.cs", "var on = Environment.GetEnvironmentVariable(\"FEATURE_EXPORT\");", "EXPORT", "env-dotnet")]
    [InlineData("a.go", "if os.Getenv(\"FEATURE_FAST\") == \"1\" {", "FAST", "env-other")]
    public void Env_var_shapes_in_each_language(string file, string line, string key, string pattern)
    {
        var usage = Single(ScanText(file, line + "\n"));

        Assert.Equal(key, usage.Flag);
        Assert.Equal(pattern, usage.Pattern);
        Assert.Equal(UsageKind.Usage, usage.Kind);
    }

    [Theory]
    [InlineData("const env = process.env.NODE_ENV;")]
    [InlineData("const url = process.env.API_URL;")]
    [InlineData("const x = process.env.FEATURES_X;")]
    [InlineData("const x = FEATURE_X;")]
    public void Env_var_without_a_prefix_or_outside_an_env_read_is_not_reported(string line)
    {
        var result = ScanText("a.js", line + "\n");

        Assert.True(result.Usages.Count == 0, Describe(result));
    }

    [Fact]
    public void Custom_env_prefixes_from_config_replace_the_defaults()
    {
        var config = FlagkeeperConfig.Default with { EnvPrefixes = ["MYAPP_FLAG_", "MYAPP_"] };
        const string content = "a = process.env.MYAPP_FLAG_BETA;\nb = process.env.MYAPP_GAMMA;\nc = process.env.FEATURE_X;\n";

        var result = ScanText("a.js", content, config);

        Assert.Equal(["BETA", "GAMMA"], result.Usages.Select(u => u.Flag));
        Assert.Equal([1, 2], result.Usages.Select(u => u.Line));
    }

    // ---------------------------------------------------------------- kill switches

    [Theory]
    [InlineData("a.ts", "if (config.KILL_SWITCH_PAYMENTS) { return; }")]
    [InlineData("a.go", "if KILL_SWITCH_PAYMENTS {")]
    [InlineData("a.py", "if settings.KILL_SWITCH_PAYMENTS:")]
    [InlineData("a.java", "if (Switches.KILL_SWITCH_PAYMENTS) return;")]
    public void Kill_switch_identifier_is_its_own_key(string file, string line)
    {
        var usage = Single(ScanText(file, line + "\n"));

        Assert.Equal("KILL_SWITCH_PAYMENTS", usage.Flag);
        Assert.Equal("kill-switch", usage.Pattern);
        Assert.Equal(ColumnOf(line, "KILL_SWITCH_"), usage.Column);
    }

    // ---------------------------------------------------------------- dynamic keys

    [Theory]
    [InlineData("a.ts", "if (isEnabled(name)) {}", "name")]
    [InlineData("a.ts", "if (isEnabled(\"a\" + b)) {}", "\"a\" + b")]
    [InlineData("a.ts", "if (isEnabled(`x_${y}`)) {}", "`x_${y}`")]
    [InlineData("a.ts", "if (isEnabled(flags.names[i])) {}", "flags.names[i]")]
    [InlineData("a.py", "if is_enabled(key):", "key")]
    [InlineData("a.cs", "if (flags.IsEnabled(Name)) {}", "Name")]
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

    // ---------------------------------------------------------------- comments

    [Theory]
    [InlineData("a.ts", "// if (isEnabled('commented')) {}\nif (isEnabled('live')) {}\n", 2)]
    [InlineData("a.ts", "const a = 1; // isEnabled('commented')\nif (isEnabled('live')) {}\n", 2)]
    [InlineData("a.py", "# if is_enabled('commented'):\nif is_enabled('live'):\n", 2)]
    [InlineData("a.py", "x = 1  # is_enabled('commented')\nif is_enabled('live'):\n", 2)]
    [InlineData("a.rb", "# Feature.enabled?(:commented)\nif Feature.enabled?(:live)\n", 2)]
    [InlineData("a.ts", "/*\n * if (isEnabled('commented')) {}\n * isEnabled('commented2')\n */\nif (isEnabled('live')) {}\n", 5)]
    [InlineData("a.ts", "/* isEnabled('commented') */ if (isEnabled('live')) {}\n", 1)]
    [InlineData("a.cs", "/* IsEnabled(\"commented\")\n   IsEnabled(\"commented\") */\nif (IsEnabled(\"live\")) {}\n", 3)]
    [InlineData("a.vue", "<template>\n<!-- <div v-if=\"isEnabled('commented')\"> -->\n<div v-if=\"isEnabled('live')\"></div>\n</template>\n", 3)]
    [InlineData("a.cshtml", "<!--\n@if (flags.IsEnabled(\"commented\")) { }\n-->\n@if (flags.IsEnabled(\"live\")) { }\n", 4)]
    [InlineData("a.cshtml", "@* @if (flags.IsEnabled(\"commented\")) { } *@\n@if (flags.IsEnabled(\"live\")) { }\n", 2)]
    [InlineData("a.cshtml", "@*\n<feature name=\"commented\">\n*@\n<feature name=\"live\">\n", 4)]
    [InlineData("a.php", "# isEnabled('commented')\n// isEnabled('commented')\nif (isEnabled('live')) {}\n", 3)]
    [InlineData("a.go", "// client.IsEnabled(\"commented\")\nif client.IsEnabled(\"live\") {\n", 2)]
    public void Usages_inside_comments_are_not_reported(string file, string content, int liveLine)
    {
        var result = ScanText(file, content);

        var usage = Single(result);
        Assert.Equal("live", usage.Flag);
        Assert.Equal(liveLine, usage.Line);
    }

    [Theory]
    [InlineData("a.ts", "const u = \"http://x\"; if (isEnabled('live')) {}")]
    [InlineData("a.ts", "const u = 'http://x/*'; if (isEnabled('live')) {}")]
    [InlineData("a.ts", "const u = `http://x`; if (isEnabled('live')) {}")]
    [InlineData("a.py", "u = \"a#b\"; ok = is_enabled('live')")]
    [InlineData("a.cs", "var u = @\"http://x\"; if (IsEnabled(\"live\")) {}")]
    [InlineData("a.go", "u := \"http://x\"; if client.IsEnabled(\"live\") {")]
    public void Comment_markers_inside_strings_do_not_hide_a_real_call(string file, string line)
    {
        var usage = Single(ScanText(file, line + "\n"));

        Assert.Equal("live", usage.Flag);
        Assert.Equal(ColumnOf(line, "live"), usage.Column);
    }

    // ---------------------------------------------------------------- encodings and line endings

    private const string MixedContent =
        "import x from 'y';\n" +
        "/* isEnabled('hidden')\n   still a comment */\n" +
        "if (isEnabled('one') && isEnabled(\n  'two'\n)) {\n" +
        "  const v = process.env.FEATURE_THREE; // isEnabled('nope')\n" +
        "}\n" +
        "isEnabled(name);\n";

    private static readonly (int Line, int Column, string? Flag)[] MixedExpected =
    [
        (4, 16, "one"),
        (5, 4, "two"),
        (7, 33, "THREE"),
        (9, 11, null),
    ];

    [Fact]
    public void Lf_file_positions_are_as_written()
    {
        var result = ScanText("a.ts", MixedContent);

        Assert.Equal(MixedExpected, result.Usages.Select(u => (u.Line, u.Column, u.Flag)));
    }

    [Fact]
    public void Crlf_line_endings_give_the_same_lines_columns_and_text_as_lf()
    {
        var lf = ScanText("a.ts", MixedContent);
        var crlf = ScanText("a.ts", MixedContent.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(MixedExpected, crlf.Usages.Select(u => (u.Line, u.Column, u.Flag)));
        Assert.Equal(lf.Usages, crlf.Usages);
        Assert.All(crlf.Usages, u => Assert.DoesNotContain('\r', u.Text));
    }

    [Fact]
    public void Utf8_bom_does_not_shift_first_line_columns()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("isEnabled(\"k\") && isEnabled('m')\nisEnabled('n')\n")).ToArray();

        var result = ScannerSpecSupport.ScanBytes("a.ts", bytes);

        Assert.Equal([(1, 12, "k"), (1, 30, "m"), (2, 12, "n")], result.Usages.Select(u => (u.Line, u.Column, u.Flag)));
        Assert.Equal("isEnabled(\"k\") && isEnabled('m')", result.Usages[0].Text);
    }

    [Fact]
    public void Bom_file_with_a_comment_on_line_one_is_still_lexed()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("// isEnabled('hidden')\nisEnabled('n')\n")).ToArray();

        var result = ScannerSpecSupport.ScanBytes("a.ts", bytes);

        Assert.Equal([(2, 12, "n")], result.Usages.Select(u => (u.Line, u.Column, u.Flag)));
    }

    [Theory]
    [InlineData("const s = \"ü€𝄞\"; isEnabled(\"k\")")]
    [InlineData("const s = \"日本語\"; isEnabled(\"k\") && isEnabled(\"k\")")]
    [InlineData("/* 𝄞𝄞 */ isEnabled(\"k\")")]
    public void Non_ascii_text_before_the_call_gives_utf16_columns(string line)
    {
        var result = ScanText("a.ts", "// ß line one\n" + line + "\n");

        Assert.NotEmpty(result.Usages);
        var expected = new List<int>();
        for (var at = line.IndexOf("\"k\"", StringComparison.Ordinal); at >= 0; at = line.IndexOf("\"k\"", at + 1, StringComparison.Ordinal))
        {
            expected.Add(at + 2); // 1-based column of k, after the quote
        }
        Assert.Equal(expected, result.Usages.Select(u => u.Column));
        Assert.All(result.Usages, u => Assert.Equal(2, u.Line));
        Assert.All(result.Usages, u => Assert.Equal(line, u.Text));
    }

    [Fact]
    public void Non_ascii_column_example_from_the_brief()
    {
        const string line = "const s = \"ü€𝄞\"; isEnabled(\"k\")";
        var usage = Single(ScanText("a.ts", line + "\n"));

        // "const s = \"" is 11 units, ü and € 1 each, 𝄞 2 (a surrogate pair), then "\"; isEnabled(\"" 14: k is unit 30.
        Assert.Equal(30, usage.Column);
        Assert.Equal(line.IndexOf("\"k\"", StringComparison.Ordinal) + 2, usage.Column);
    }

    [Fact]
    public void Non_ascii_key_is_decoded_as_utf8()
    {
        const string line = "if (isEnabled('über-flag')) {}";
        var usage = Single(ScanText("a.ts", line + "\n"));

        Assert.Equal("über-flag", usage.Flag);
        Assert.Equal(ColumnOf(line, "über"), usage.Column);
        Assert.Equal(line, usage.Text);
    }

    [Fact]
    public void Invalid_utf8_before_the_call_does_not_break_matching()
    {
        var bytes = Encoding.ASCII.GetBytes("const junk = '").Concat(new byte[] { 0xFF, 0xFE, 0xC3, 0x28, 0x80 })
            .Concat(Encoding.ASCII.GetBytes("'; if (isEnabled('same-line')) {}\n"))
            .Concat(new byte[] { 0xC0, 0xAF, 0xED, 0xA0, 0x80, (byte)'\n' })
            .Concat(Encoding.ASCII.GetBytes("if (isEnabled('next-line')) {}\n"))
            .ToArray();

        var result = ScannerSpecSupport.ScanBytes("a.ts", bytes);

        Assert.True(result.Errors.Count == 0, Describe(result));
        Assert.Equal(["same-line", "next-line"], result.Usages.Select(u => u.Flag));
        Assert.Equal([1, 3], result.Usages.Select(u => u.Line));
        Assert.Equal(16, result.Usages[1].Column);
    }

    // ---------------------------------------------------------------- binary, large and unscanned files

    [Fact]
    public void File_with_nul_in_first_8_KiB_is_skipped_as_binary_and_counted()
    {
        using var dir = new TempDirectory();
        dir.WriteBytes("blob.ts", Encoding.ASCII.GetBytes("if (isEnabled('in-binary')) {}\n").Concat(new byte[] { 0, 1, 2, 3 }).ToArray());
        var late = new byte[8191 + 32];
        Array.Fill(late, (byte)'x');
        late[8191] = 0; // the last byte of the first 8 KiB
        Encoding.ASCII.GetBytes("\nisEnabled('late-bin')\n").CopyTo(late, 0);
        dir.WriteBytes("late.ts", late);
        dir.Write("text.ts", "if (isEnabled('in-text')) {}\n");

        var result = ScannerSpecSupport.Scan(dir.Path);

        Assert.Equal(["in-text"], result.Usages.Select(u => u.Flag));
        Assert.Equal(2, result.Statistics.BinaryFiles);
        Assert.Equal(1, result.Statistics.FilesScanned);
        Assert.True(result.Statistics.FilesSkipped >= 2, $"FilesSkipped = {result.Statistics.FilesSkipped}");
    }

    [Fact]
    public void Nul_after_the_first_8_KiB_does_not_make_a_file_binary()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[8192 + 100];
        Array.Fill(bytes, (byte)' ');
        Encoding.ASCII.GetBytes("if (isEnabled('text-flag')) {}\n").CopyTo(bytes, 0);
        bytes[8192] = 0;
        dir.WriteBytes("mostly-text.ts", bytes);

        var result = ScannerSpecSupport.Scan(dir.Path);

        Assert.Equal(["text-flag"], result.Usages.Select(u => u.Flag));
        Assert.Equal(0, result.Statistics.BinaryFiles);
        Assert.Equal(1, result.Statistics.FilesScanned);
    }

    [Fact]
    public void File_larger_than_max_file_size_is_skipped_and_counted()
    {
        using var dir = new TempDirectory();
        var config = FlagkeeperConfig.Default with { MaxFileSize = 1000 };
        dir.Write("big.ts", "if (isEnabled('too-big')) {}\n" + new string(' ', 1200) + "\n");
        dir.Write("at-limit.ts", ("if (isEnabled('at-limit')) {}\n" + new string(' ', 1000)).Substring(0, 1000));
        dir.Write("small.ts", "if (isEnabled('small')) {}\n");

        var result = ScannerSpecSupport.Scan(dir.Path, config);

        Assert.Equal(["at-limit", "small"], result.Usages.Select(u => u.Flag));
        Assert.Equal(1, result.Statistics.LargeFiles);
        Assert.Equal(2, result.Statistics.FilesScanned);
        Assert.Equal(1, result.Statistics.FilesSkipped);
    }

    [Fact]
    public void Markdown_is_not_scanned_unless_configured()
    {
        using var dir = new TempDirectory();
        dir.Write("README.md", "Call `isEnabled('from-docs')` to check a flag.\n");
        dir.Write("docs/guide.md", "isEnabled('guide')\n");
        dir.Write("src/a.ts", "isEnabled('from-code');\n");

        var byDefault = ScannerSpecSupport.Scan(dir.Path);
        var withDot = ScannerSpecSupport.Scan(dir.Path, FlagkeeperConfig.Default with { ScanExtensions = [".md"] });
        var withoutDot = ScannerSpecSupport.Scan(dir.Path, FlagkeeperConfig.Default with { ScanExtensions = ["md"] });

        Assert.Equal(["from-code"], byDefault.Usages.Select(u => u.Flag));
        Assert.Equal(1, byDefault.Statistics.FilesScanned);
        Assert.Equal([("README.md", "from-docs"), ("docs/guide.md", "guide"), ("src/a.ts", "from-code")], withDot.Usages.Select(u => (u.File, u.Flag)));
        Assert.Equal(withDot.Usages, withoutDot.Usages);
    }

    [Fact]
    public void Data_files_are_not_scanned_by_default()
    {
        using var dir = new TempDirectory();
        dir.Write("config/settings.yaml", "check: isEnabled('in-yaml')\n");
        dir.Write("data.json", "{ \"x\": \"isEnabled('in-json')\" }\n");
        dir.Write("a.ts", "isEnabled('in-code');\n");

        var result = ScannerSpecSupport.Scan(dir.Path);

        Assert.Equal(["in-code"], result.Usages.Select(u => u.Flag));
    }

    // ---------------------------------------------------------------- ordering and paths

    [Fact]
    public void Output_is_sorted_by_file_line_and_column_with_slash_paths()
    {
        using var dir = new TempDirectory();
        dir.Write("b.ts", "isEnabled('b1');\n");
        dir.Write("a/z.ts", "isEnabled('az1');\n");
        dir.Write("a.ts", "\n\nisEnabled('a3');\nx = isEnabled('a4a') || isEnabled('a4b');\nisEnabled('a5');\n");
        dir.Write("a/b/c.py", "is_enabled('abc')\n");
        for (var i = 0; i < 20; i++)
        {
            dir.Write($"many/f{i:D2}.ts", $"isEnabled('m{i:D2}');\n");
        }

        var result = ScannerSpecSupport.Scan(dir.Path);

        var expected = new List<(string, int, int, string)>
        {
            ("a.ts", 3, 12, "a3"),
            ("a.ts", 4, 16, "a4a"),
            ("a.ts", 4, 36, "a4b"),
            ("a.ts", 5, 12, "a5"),
            ("a/b/c.py", 1, 13, "abc"),
            ("a/z.ts", 1, 12, "az1"),
            ("b.ts", 1, 12, "b1"),
        };
        for (var i = 0; i < 20; i++)
        {
            expected.Add(($"many/f{i:D2}.ts", 1, 12, $"m{i:D2}"));
        }
        Assert.Equal(expected, result.Usages.Select(u => (u.File, u.Line, u.Column, u.Flag!)));
    }

    [Fact]
    public void Scanning_twice_gives_identical_output()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 30; i++)
        {
            dir.Write($"d{i % 3}/f{i}.ts", $"isEnabled('k{i}'); isEnabled(v{i});\nprocess.env.FEATURE_E{i};\n");
        }

        var first = ScannerSpecSupport.Scan(dir.Path);
        var second = ScannerSpecSupport.Scan(dir.Path);

        Assert.Equal(90, first.Usages.Count);
        Assert.Equal(first.Usages, second.Usages);
    }

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
