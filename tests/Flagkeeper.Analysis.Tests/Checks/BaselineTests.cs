using System.Text;
using Flagkeeper.Analysis.Checks;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Tests.Checks;

/// <summary>Finding fingerprints, and the baseline file that accepts findings for now.</summary>
public class BaselineTests
{
    private static readonly DateOnly Created = new(2026, 3, 14);

    private static Finding Finding(string rule = "dynamic-key", string file = "src/a.ts", int line = 3, string? flag = "new-checkout", string? commit = null, string message = "a message") =>
        new(rule, "code", RuleSeverity.Error, message, flag, new SourceLocation(file, line, 5), commit);

    private static Finding WithPrint(Finding finding, string? lineText = "const x = isOn(key);") =>
        finding with { Fingerprint = Fingerprints.Of(finding, lineText) };

    // ------------------------------------------------------------------ fingerprints

    [Fact]
    public void A_fingerprint_is_stable_and_hex()
    {
        var a = Fingerprints.Of(Finding(), "const x = isOn(key);");
        var b = Fingerprints.Of(Finding(), "const x = isOn(key);");

        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{16}$", a);
    }

    [Fact]
    public void A_fingerprint_ignores_the_line_number_column_severity_and_whitespace()
    {
        var print = Fingerprints.Of(Finding(), "const x = isOn(key);");

        Assert.Equal(print, Fingerprints.Of(Finding(line: 300), "const x = isOn(key);"));
        Assert.Equal(print, Fingerprints.Of(Finding() with { Location = new SourceLocation("src/a.ts", 9, 40) }, "const x = isOn(key);"));
        Assert.Equal(print, Fingerprints.Of(Finding() with { Severity = RuleSeverity.Warning }, "const x = isOn(key);"));
        Assert.Equal(print, Fingerprints.Of(Finding(), "    const  x=isOn( key );\r"));
        Assert.Equal(print, Fingerprints.Of(Finding(), "\tconst x =\u00a0isOn(key);  "));
    }

    [Fact]
    public void A_fingerprint_differs_by_rule_file_flag_commit_and_line_text()
    {
        var print = Fingerprints.Of(Finding(), "const x = isOn(key);");
        string[] others =
        [
            Fingerprints.Of(Finding(rule: "unknown-flag"), "const x = isOn(key);"),
            Fingerprints.Of(Finding(file: "src/b.ts"), "const x = isOn(key);"),
            Fingerprints.Of(Finding(flag: "old-checkout"), "const x = isOn(key);"),
            Fingerprints.Of(Finding(flag: null), "const x = isOn(key);"),
            Fingerprints.Of(Finding(commit: "0123456789abcdef0123456789abcdef01234567"), "const x = isOn(key);"),
            Fingerprints.Of(Finding(), "const y = isOn(key);"),
            Fingerprints.Of(Finding(), null),
        ];
        Assert.All(others, other => Assert.NotEqual(print, other));
        Assert.Equal(others.Length, others.Distinct().Count());
    }

    [Fact]
    public void Without_line_text_the_message_counts()
    {
        var a = Fingerprints.Of(Finding(message: "one"), null);
        Assert.Equal(a, Fingerprints.Of(Finding(message: "one", line: 99), null));
        Assert.NotEqual(a, Fingerprints.Of(Finding(message: "two"), null));
        Assert.NotEqual(a, Fingerprints.Of(Finding(message: "one") with { Location = null }, null));
    }

    [Fact]
    public void Fields_do_not_run_into_each_other()
    {
        Assert.NotEqual(
            Fingerprints.Of(Finding(rule: "ab", file: "c"), "x"),
            Fingerprints.Of(Finding(rule: "a", file: "bc"), "x"));
    }

    [Fact]
    public void A_null_finding_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => Fingerprints.Of(null!, "x"));
    }

    // ------------------------------------------------------------------ write, load, filter

    private static List<Finding> SomeFindings() =>
    [
        WithPrint(Finding(file: "src/b.ts", line: 10)),
        WithPrint(Finding(rule: "unknown-flag", flag: "typo-flag")),
        WithPrint(Finding(flag: null, file: "src/c.py"), null),
        WithPrint(Finding(commit: "0123456789abcdef0123456789abcdef01234567", file: "src/d.cs", message: "ünïcödé <&> \"quoted\""), null),
        WithPrint(Finding() with { Location = null }, null),
    ];

    [Fact]
    public void A_written_baseline_hides_every_finding_it_was_written_from()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, Baseline.DefaultPath);
        var findings = SomeFindings();

        Baseline.Write(path, findings, Created);
        var baseline = Baseline.Load(path, Baseline.DefaultPath);
        var (fresh, baselined) = baseline.Filter(findings);

        Assert.Equal(findings.Count, baseline.Count);
        Assert.Empty(fresh);
        Assert.Equal(findings.Count, baselined);
        var text = File.ReadAllText(path);
        Assert.Contains("\"version\": 1", text, StringComparison.Ordinal);
        Assert.Contains("\"created\": \"2026-03-14\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.False(text.StartsWith('\uFEFF'));
    }

    [Fact]
    public void A_new_finding_and_a_moved_finding_are_told_apart()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, Baseline.DefaultPath);
        var old = WithPrint(Finding(line: 3));
        Baseline.Write(path, [old], Created);
        var baseline = Baseline.Load(path, "b");

        var moved = WithPrint(Finding(line: 30));
        var fresh = WithPrint(Finding(line: 31), "const y = isOn(other);");
        var (left, baselined) = baseline.Filter([moved, fresh]);

        Assert.Equal([fresh], left);
        Assert.Equal(1, baselined);
    }

    [Fact]
    public void Counts_are_a_multiset()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, Baseline.DefaultPath);
        var one = WithPrint(Finding(line: 3));
        var twin = WithPrint(Finding(line: 8));
        Assert.Equal(one.Fingerprint, twin.Fingerprint);

        Baseline.Write(path, [one], Created);
        var baseline = Baseline.Load(path, "b");
        var (fresh, baselined) = baseline.Filter([one, twin]);

        Assert.Single(fresh);
        Assert.Equal(1, baselined);

        Baseline.Write(path, [one, twin], Created);
        var both = Baseline.Load(path, "b");
        Assert.Equal(2, both.Count);
        Assert.Empty(both.Filter([one, twin]).New);
        Assert.Single(both.Filter([one, twin, twin]).New);
    }

    [Fact]
    public void Filtering_twice_gives_the_same_answer()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, Baseline.DefaultPath);
        var one = WithPrint(Finding());
        Baseline.Write(path, [one], Created);
        var baseline = Baseline.Load(path, "b");

        Assert.Empty(baseline.Filter([one]).New);
        Assert.Empty(baseline.Filter([one]).New);
        Assert.Equal(1, baseline.Count);
    }

    [Fact]
    public void A_missing_baseline_is_empty()
    {
        using var dir = new TempDirectory();
        var baseline = Baseline.Load(Path.Combine(dir.Path, ".flagkeeper/baseline.json"), "b");
        var findings = SomeFindings();

        Assert.Equal(0, baseline.Count);
        Assert.Equal(findings, baseline.Filter(findings).New);
        Assert.Equal(0, baseline.Filter(findings).Baselined);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, ".flagkeeper")));
    }

    [Fact]
    public void Write_creates_the_folder_and_leaves_no_temporary_files()
    {
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, ".flagkeeper");
        var path = Path.Combine(folder, "baseline.json");
        Assert.False(Directory.Exists(folder));

        Baseline.Write(path, SomeFindings(), Created);
        Baseline.Write(path, SomeFindings().Take(1), Created);

        Assert.Equal(["baseline.json"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.Equal(1, Baseline.Load(path, "b").Count);
    }

    [Fact]
    public void An_empty_baseline_round_trips()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, Baseline.DefaultPath);
        Baseline.Write(path, [], Created);
        Assert.Equal(0, Baseline.Load(path, "b").Count);
    }

    [Fact]
    public void The_written_order_does_not_depend_on_the_input_order()
    {
        using var dir = new TempDirectory();
        var a = Path.Combine(dir.Path, "a/baseline.json");
        var b = Path.Combine(dir.Path, "b/baseline.json");
        var findings = SomeFindings();

        Baseline.Write(a, findings, Created);
        Baseline.Write(b, Enumerable.Reverse(findings), Created);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void A_huge_valid_baseline_loads()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, Baseline.DefaultPath);
        var findings = Enumerable.Range(0, 100_000)
            .Select(i => WithPrint(Finding(file: $"src/f{i % 977}.ts", line: i + 1), $"isOn(key{i})"))
            .ToList();

        Baseline.Write(path, findings, Created);
        var baseline = Baseline.Load(path, "b");

        Assert.Equal(100_000, baseline.Count);
        Assert.Empty(baseline.Filter(findings).New);
    }

    // ------------------------------------------------------------------ malformed baselines

    private static void AssertRejectedAndUntouched(byte[] content)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, Baseline.DefaultPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);

        var ex = Assert.Throws<FlagkeeperException>(() => Baseline.Load(path, Baseline.DefaultPath));

        Assert.Equal("FK2005", ex.Error.Code);
        Assert.Contains(Baseline.DefaultPath, ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllBytes(path));
    }

    private static void AssertRejectedAndUntouched(string content) => AssertRejectedAndUntouched(Encoding.UTF8.GetBytes(content));

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("{\"findings\": []}")]
    [InlineData("{\"version\": 2, \"findings\": []}")]
    [InlineData("{\"version\": \"1\", \"findings\": []}")]
    [InlineData("{\"version\": 1.5, \"findings\": []}")]
    [InlineData("{\"version\": 1}")]
    [InlineData("{\"version\": 1, \"findings\": {}}")]
    [InlineData("{\"version\": 1, \"findings\": null}")]
    [InlineData("{\"version\": 1, \"findings\": \"none\"}")]
    [InlineData("{\"version\": 1, \"findings\": [{}]}")]
    [InlineData("{\"version\": 1, \"findings\": [{\"rule\": \"dynamic-key\"}]}")]
    [InlineData("{\"version\": 1, \"findings\": [{\"fingerprint\": 12345}]}")]
    [InlineData("{\"version\": 1, \"findings\": [{\"fingerprint\": null}]}")]
    [InlineData("{\"version\": 1, \"findings\": [{\"fingerprint\": \"\"}]}")]
    [InlineData("{\"version\": 1, \"findings\": [\"abc\"]}")]
    [InlineData("{\"version\": 1, \"findings\": [{\"fingerprint\": \"0123456789abcdef\"}, 7]}")]
    [InlineData("{\"version\": 1, \"findings\": [{\"fingerprint\": \"0123456789abcdef\"")]
    [InlineData("{\"version\": 1, \"findings\": [")]
    [InlineData("{\"version\": 1,")]
    [InlineData("{\"version\": 1, \"findings\": []} trailing")]
    [InlineData("{\"version\": 1, \"findings\": [],}")]
    [InlineData("{'version': 1, 'findings': []}")]
    public void A_malformed_baseline_is_rejected_and_left_as_it_is(string content)
    {
        AssertRejectedAndUntouched(content);
    }

    [Fact]
    public void A_too_long_fingerprint_is_rejected()
    {
        AssertRejectedAndUntouched($"{{\"version\": 1, \"findings\": [{{\"fingerprint\": \"{new string('a', 65)}\"}}]}}");
    }

    [Fact]
    public void Deeply_nested_json_is_rejected()
    {
        AssertRejectedAndUntouched(new string('[', 1000) + new string(']', 1000));
        AssertRejectedAndUntouched("{\"version\": 1, \"findings\": [{\"fingerprint\": \"ab\", \"x\": " + new string('[', 1000) + new string(']', 1000) + "}]}");
    }

    [Fact]
    public void A_too_large_file_is_rejected_without_reading_it()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "baseline.json");
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            stream.Write("{\"version\": 1, \"findings\": ["u8);
            stream.SetLength(70L * 1024 * 1024);
        }
        var before = File.GetLastWriteTimeUtc(path);

        var ex = Assert.Throws<FlagkeeperException>(() => Baseline.Load(path, "big.json"));

        Assert.Equal("FK2005", ex.Error.Code);
        Assert.Contains("big.json", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(70L * 1024 * 1024, new FileInfo(path).Length);
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Invalid_utf8_outside_strings_is_rejected()
    {
        AssertRejectedAndUntouched([0xFF, 0xFE, 0x00, 0x7B]);
        AssertRejectedAndUntouched([.. "{\"version\": 1, "u8, 0xC3, 0x28, .. "\"findings\": []}"u8]);
    }

    [Fact]
    public void Invalid_utf8_inside_a_fingerprint_is_rejected()
    {
        AssertRejectedAndUntouched([.. "{\"version\": 1, \"findings\": [{\"fingerprint\": \"ab"u8, 0xC3, 0x28, 0xFF, .. "\"}]}"u8]);
    }

    [Fact]
    public void Invalid_utf8_inside_a_property_name_is_rejected()
    {
        AssertRejectedAndUntouched([.. "{\"version\": 1, \"findings\": [{\"fingerprint\": \"ab\", \""u8, 0xED, 0xA0, 0x80, .. "\": 1}]}"u8]);
    }

    [Fact]
    public void A_byte_order_mark_does_not_make_a_baseline_invalid()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "baseline.json");
        File.WriteAllText(path, "{\"version\": 1, \"findings\": [{\"fingerprint\": \"0123456789abcdef\"}]}", new UTF8Encoding(true));

        Assert.Equal(1, Baseline.Load(path, "b").Count);
    }

    [Fact]
    public void Comments_are_not_accepted()
    {
        AssertRejectedAndUntouched("// accepted\n{\"version\": 1, \"findings\": []}");
    }

    [Fact]
    public void A_folder_in_place_of_the_file_is_treated_as_missing()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "baseline.json");
        Directory.CreateDirectory(path);

        Assert.Equal(0, Baseline.Load(path, "b").Count);
    }
}
