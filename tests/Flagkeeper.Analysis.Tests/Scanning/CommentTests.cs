using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>Usages inside comments are not reported; comment markers inside strings hide nothing. Every expected line and column is written out or computed from the test's own input text.</summary>
public class CommentTests
{
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
}
