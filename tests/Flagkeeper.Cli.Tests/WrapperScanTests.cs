using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// The real CLI on trees with wrapper methods (a method whose body checks one constant key): their calls are usages
/// of that key, <c>via</c> the wrapper, in C# and Go, with the <c>wrappers:</c> configuration and the caches.
/// </summary>
public class WrapperScanTests
{
    private const string Service =
        "namespace Gallery;\n" +
        "public class FeatureFlagService\n" +
        "{\n" +
        "    private const string Prefix = \"Gallery.\";\n" +
        "    private const string SearchFlight = Prefix + \"Search\";\n" +
        "    public bool IsSearchEnabled(User u) => _client.IsEnabled(SearchFlight, u);\n" +
        "    public bool IsUploadEnabled(User u)\n" +
        "    {\n" +
        "        return _client.IsEnabled(\"Gallery.Upload\", u);\n" +
        "    }\n" +
        "    public bool IsEitherEnabled(User u) => _client.IsEnabled(\"a\", u) || _client.IsEnabled(\"b\", u);\n" +
        "    public void Render() { if (_client.IsEnabled(\"render\")) { Draw(); } }\n" +
        "}\n";

    private const string Home =
        "class Home\n" +
        "{\n" +
        "    void Index(FeatureFlagService featureFlagService, User user)\n" +
        "    {\n" +
        "        // featureFlagService.IsSearchEnabled(user) in a comment\n" +
        "        var s = \"IsSearchEnabled(user)\";\n" +
        "        if (featureFlagService.IsSearchEnabled(user)) { }\n" +
        "        if (!featureFlagService.IsUploadEnabled(user) && IsEitherEnabled(user)) { Render(); }\n" +
        "    }\n" +
        "}\n";

    internal sealed record Found(string? Flag, string Kind, string File, int Line, int Column, string? Via, string? ViaAt, string? Unresolved);

    internal static List<Found> Scan(string root, params string[] extra)
    {
        var result = CliRunner.Run(root, ["scan", ".", "--format", "json", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("usages").EnumerateArray().Select(u =>
        {
            var via = u.GetProperty("via");
            return new Found(u.GetProperty("flag").GetString(), u.GetProperty("kind").GetString()!, u.GetProperty("file").GetString()!,
                u.GetProperty("line").GetInt32(), u.GetProperty("column").GetInt32(),
                via.ValueKind == JsonValueKind.Null ? null : via.GetProperty("name").GetString(),
                via.ValueKind == JsonValueKind.Null ? null : $"{via.GetProperty("file").GetString()}:{via.GetProperty("line").GetInt32()}:{via.GetProperty("column").GetInt32()}",
                u.GetProperty("unresolved").GetString());
        }).ToList();
    }

    private static TempDirectory ServiceTree()
    {
        var dir = new TempDirectory();
        dir.Write("src/FeatureFlagService.cs", Service);
        dir.Write("src/Home.cs", Home);
        return dir;
    }

    [Fact]
    public void Calls_of_expression_and_block_bodied_wrappers_in_other_files_are_usages_of_their_folded_keys()
    {
        using var dir = ServiceTree();

        var usages = Scan(dir.Path, "--no-cache");

        var calls = usages.Where(u => u.File == "src/Home.cs").ToList();
        Assert.Equal(
            [
                new Found("Gallery.Search", "usage", "src/Home.cs", 7, 32, "IsSearchEnabled", "src/FeatureFlagService.cs:6:17", null),
                new Found("Gallery.Upload", "usage", "src/Home.cs", 8, 33, "IsUploadEnabled", "src/FeatureFlagService.cs:7:17", null),
            ],
            calls);
        // The wrappers' own checks stay as they are, without via.
        Assert.Contains(usages, u => u is { File: "src/FeatureFlagService.cs", Line: 6, Flag: "Gallery.Search", Via: null });
        Assert.Contains(usages, u => u is { File: "src/FeatureFlagService.cs", Line: 9, Flag: "Gallery.Upload", Via: null });
    }

    [Fact]
    public void A_method_with_two_keys_or_one_that_only_contains_a_check_is_not_a_wrapper()
    {
        using var dir = ServiceTree();

        var usages = Scan(dir.Path, "--no-cache");

        Assert.DoesNotContain(usages, u => u.Via is "IsEitherEnabled" or "Render");
        Assert.DoesNotContain(usages, u => u.File == "src/Home.cs" && u.Line == 8 && u.Column > 33);
        Assert.Equal(7, usages.Count);
    }

    [Fact]
    public void The_json_of_a_call_names_the_constant_and_the_wrapper_and_the_text_report_says_through_which()
    {
        using var dir = ServiceTree();

        var json = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--no-cache"]);
        var text = CliRunner.Run(dir.Path, ["scan", ".", "--no-cache"]);

        SchemaFiles.AssertValid(SchemaFiles.Scan, json.Stdout, "scan");
        var call = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("usages").EnumerateArray().Single(u => u.GetProperty("file").GetString() == "src/Home.cs" && u.GetProperty("line").GetInt32() == 7);
        Assert.Equal("SearchFlight", call.GetProperty("argument").GetString());
        Assert.Equal(5, call.GetProperty("declaredAt").GetProperty("line").GetInt32());
        Assert.Equal("if (featureFlagService.IsSearchEnabled(user)) { }", call.GetProperty("text").GetString());
        Assert.Contains("src/Home.cs:7:32  Gallery.Search  (is-enabled, via SearchFlight at src/FeatureFlagService.cs:5, through IsSearchEnabled at src/FeatureFlagService.cs:6)", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrappers_of_one_name_with_different_keys_make_their_calls_dynamic_naming_the_method()
    {
        using var dir = new TempDirectory();
        dir.Write("src/A.cs", "class A { public bool IsNewUi() => _c.IsEnabled(\"ui-a\"); }\n");
        dir.Write("src/B.cs", "class B { public bool IsNewUi() => _c.IsEnabled(\"ui-b\"); }\n");
        dir.Write("src/C.cs", "class C { public bool IsOther() => _c.IsEnabled(\"ui-a\"); }\n");
        dir.Write("src/Page.cs", "class Page { void Show(A a, C c) { if (a.IsNewUi()) { } if (c.IsOther()) { } } }\n");

        var calls = Scan(dir.Path, "--no-cache").Where(u => u.File == "src/Page.cs").ToList();

        Assert.Equal(2, calls.Count);
        Assert.Equal(("dynamic", null, null), (calls[0].Kind, calls[0].Flag, calls[0].Via));
        Assert.Contains("'IsNewUi'", calls[0].Unresolved, StringComparison.Ordinal);
        Assert.Contains("'ui-a' at src/A.cs:1", calls[0].Unresolved, StringComparison.Ordinal);
        Assert.Contains("'ui-b' at src/B.cs:1", calls[0].Unresolved, StringComparison.Ordinal);
        Assert.Equal(("usage", "ui-a", "IsOther"), (calls[1].Kind, calls[1].Flag, calls[1].Via));
    }

    [Fact]
    public void A_wrapper_named_like_the_sdk_method_it_calls_does_not_double_the_sdk_calls()
    {
        using var dir = new TempDirectory();
        dir.Write("src/Flags.cs", "class Flags { public bool IsEnabled() => _c.IsEnabled(\"only\"); }\n");
        dir.Write("src/Use.cs", "class Use { void M(Flags f, Client c) { f.IsEnabled(); c.IsEnabled(\"other\"); } }\n");

        var usages = Scan(dir.Path, "--no-cache").Where(u => u.File == "src/Use.cs").ToList();

        Assert.Equal([("only", "IsEnabled"), ("other", null)], usages.Select(u => (u.Flag, u.Via)));
    }

    [Fact]
    public void Go_methods_and_functions_that_return_one_gate_check_make_their_calls_usages()
    {
        using var dir = new TempDirectory();
        dir.Write("go.mod", "module example.com/app\n");
        dir.Write("feature/features.go", "package feature\n\nconst (\n\tPrefix = \"shop.\"\n\tSearch = Prefix + \"search\"\n\tMachinePool = \"MachinePool\"\n)\n");
        dir.Write("feature/gates.go",
            "package feature\n\ntype Checker struct{}\n\n" +
            "func (r *Checker) IsPoolEnabled() bool { return Gates.Enabled(MachinePool) }\n\n" +
            "func SearchOn() bool {\n\treturn Gates.Enabled(Search)\n}\n\n" +
            "func Both() bool {\n\treturn Gates.Enabled(Search) && Gates.Enabled(MachinePool)\n}\n\n" +
            "type Pools interface {\n\tIsPoolEnabled() bool\n}\n");
        dir.Write("cmd/main.go",
            "package main\n\nimport \"example.com/app/feature\"\n\nfunc main() {\n\tc := &feature.Checker{}\n" +
            "\tif c.IsPoolEnabled() && feature.SearchOn() {\n\t\t// feature.SearchOn() in a comment\n\t}\n\t_ = feature.Both()\n}\n");

        var calls = Scan(dir.Path, "--no-cache").Where(u => u.File == "cmd/main.go").ToList();

        Assert.Equal(
            [
                new Found("MachinePool", "usage", "cmd/main.go", 7, 7, "IsPoolEnabled", "feature/gates.go:5:19", null),
                new Found("shop.search", "usage", "cmd/main.go", 7, 34, "SearchOn", "feature/gates.go:7:6", null),
            ],
            calls);
    }

    [Fact]
    public void Configuration_includes_a_method_by_name_pattern_whatever_its_body_and_excludes_one_by_name()
    {
        using var dir = new TempDirectory();
        dir.Write("src/Flags.cs",
            "class Flags\n{\n" +
            "    public bool IsRenderEnabled() { var on = _c.IsEnabled(\"render\"); Log(on); return on; }\n" +
            "    public bool IsSearchEnabled() => _c.IsEnabled(\"search\");\n" +
            "    public bool IsTwoEnabled() { Log(); return _c.IsEnabled(\"a\") && _c.IsEnabled(\"b\"); }\n" +
            "}\n");
        dir.Write("src/Page.cs", "class Page { void Show(Flags f) { if (f.IsRenderEnabled() && f.IsSearchEnabled() && f.IsTwoEnabled()) { } } }\n");
        var before = Scan(dir.Path, "--no-cache").Where(u => u.File == "src/Page.cs").Select(u => (u.Flag, u.Via)).ToList();
        dir.Write("flagkeeper.yaml", "wrappers:\n  include: ['Is*Enabled']\n  exclude: [IsSearchEnabled]\n");

        var after = Scan(dir.Path, "--no-cache").Where(u => u.File == "src/Page.cs").Select(u => (u.Flag, u.Via)).ToList();

        Assert.Equal([("search", "IsSearchEnabled")], before);
        Assert.Equal([("render", "IsRenderEnabled")], after); // IsTwoEnabled matches but checks two keys
    }

    [Fact]
    public void An_included_method_is_found_in_a_file_where_no_check_is_returned()
    {
        // The scan reads a file again for wrappers only when a check may be returned; include rules lift that.
        using var dir = new TempDirectory();
        dir.Write("src/Flags.cs", "class Flags\n{\n    public bool IsRenderEnabled() { var on = _c.IsEnabled(\"render\"); Log(on); return on; }\n}\n");
        dir.Write("src/Page.cs", "class Page { void Show(Flags f) { if (f.IsRenderEnabled()) { } } }\n");
        var before = Scan(dir.Path, "--no-cache").Where(u => u.File == "src/Page.cs").ToList();
        dir.Write("flagkeeper.yaml", "wrappers:\n  include: [IsRenderEnabled]\n");

        var after = Scan(dir.Path).Where(u => u.File == "src/Page.cs").Select(u => (u.Flag, u.Via)).ToList();

        Assert.Empty(before);
        Assert.Equal([("render", "IsRenderEnabled")], after);
    }

    [Fact]
    public void An_unknown_field_under_wrappers_is_an_error_with_a_suggestion()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "wrappers:\n  exclud: [IsOn]\n");

        var result = CliRunner.Run(dir.Path, ["scan", "."]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown field 'exclud' in wrappers; did you mean 'exclude'?", result.ToString(), StringComparison.Ordinal);
    }

    private static readonly DateTime Past = new(2024, 1, 15, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>The service and its caller, last written long ago: a later scan takes them from the scan cache.</summary>
    private static TempDirectory AgedServiceTree()
    {
        var dir = new TempDirectory();
        File.SetLastWriteTimeUtc(dir.Write("src/FeatureFlagService.cs", Service), Past);
        File.SetLastWriteTimeUtc(dir.Write("src/Home.cs", Home), Past);
        return dir;
    }

    /// <summary>The <c>--stats</c> table's row for the wrapper cache.</summary>
    private static string WrapperCacheRow(CliResult result) =>
        Assert.Single(result.Stderr.Split('\n'), line => line.Contains("cache wrapper-cache", StringComparison.Ordinal));

    [Fact]
    public void A_warm_scan_of_an_unchanged_tree_takes_the_calls_from_the_wrapper_cache_and_cache_clear_deletes_it()
    {
        using var dir = AgedServiceTree();

        var cold = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--no-cache"]);
        var first = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--stats"]);
        var warm = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--stats"]);

        var usages = JsonDocument.Parse(cold.Stdout).RootElement.GetProperty("usages").GetRawText();
        Assert.Contains("IsSearchEnabled", usages, StringComparison.Ordinal);
        Assert.Equal(usages, JsonDocument.Parse(first.Stdout).RootElement.GetProperty("usages").GetRawText());
        Assert.Equal(usages, JsonDocument.Parse(warm.Stdout).RootElement.GetProperty("usages").GetRawText());
        Assert.Contains("0 hits / 1 misses", WrapperCacheRow(first), StringComparison.Ordinal);
        Assert.Contains("1 hits / 0 misses", WrapperCacheRow(warm), StringComparison.Ordinal);
        Assert.Contains("deleted .flagkeeper/cache/wrappers-v1.bin", CliRunner.Run(dir.Path, ["cache", "clear", "."]).Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(dir[".flagkeeper/cache/wrappers-v1.bin"]));
    }

    [Fact]
    public void A_damaged_wrapper_cache_is_a_warning_and_the_calls_are_found_again()
    {
        using var dir = AgedServiceTree();
        var cached = Scan(dir.Path);
        dir.WriteBytes(".flagkeeper/cache/wrappers-v1.bin", [1, 2, 3]);

        var result = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json"]);

        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Contains(json.GetProperty("errors").EnumerateArray(), e =>
            e.GetProperty("code").GetString() == "FK8001" && e.GetProperty("message").GetString()!.Contains("wrapper cache", StringComparison.Ordinal));
        Assert.Equal(cached, Scan(dir.Path));
        Assert.Equal(2, cached.Count(u => u.Via is not null));
    }

    [Fact]
    public void A_warm_scan_sees_a_new_call_in_a_file_without_wrappers_and_a_changed_wrappers_section()
    {
        using var dir = AgedServiceTree();
        Assert.Equal(2, Scan(dir.Path).Count(u => u.Via is not null));
        File.SetLastWriteTimeUtc(dir.Write("src/Other.cs", "class Other { bool M(FeatureFlagService s) => s.IsUploadEnabled(null); }\n"), Past);

        var added = Scan(dir.Path);
        dir.Write("flagkeeper.yaml", "wrappers:\n  exclude: [IsUploadEnabled]\n");
        var excluded = Scan(dir.Path);

        Assert.Contains(added, u => u is { File: "src/Other.cs", Flag: "Gallery.Upload", Via: "IsUploadEnabled" });
        Assert.Equal(["IsSearchEnabled"], excluded.Where(u => u.Via is not null).Select(u => u.Via));
    }

    [Fact]
    public void A_warm_scan_after_the_wrappers_key_changed_reports_the_new_key_at_calls_in_unchanged_files()
    {
        using var dir = AgedServiceTree();
        Assert.Contains(Scan(dir.Path), u => u is { File: "src/Home.cs", Flag: "Gallery.Search", Via: "IsSearchEnabled" });
        // Same size, later time: the scan cache reads it again, Home.cs comes from the cache.
        File.SetLastWriteTimeUtc(dir.Write("src/FeatureFlagService.cs", Service.Replace("+ \"Search\"", "+ \"Browse\"", StringComparison.Ordinal)), Past.AddHours(1));

        var warm = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json"]);
        var usages = Scan(dir.Path);

        Assert.True(JsonDocument.Parse(warm.Stdout).RootElement.GetProperty("stats").GetProperty("cache").GetProperty("hits").GetInt32() >= 1, warm.Stdout);
        Assert.Contains(usages, u => u is { File: "src/Home.cs", Line: 7, Flag: "Gallery.Browse", Via: "IsSearchEnabled" });
        Assert.DoesNotContain(usages, u => u.Flag == "Gallery.Search");
    }

    [Fact]
    public void A_call_without_a_receiver_counts_in_the_wrappers_own_file_or_go_package_only()
    {
        using var dir = new TempDirectory();
        dir.Write("src/Flags.cs", "class Flags\n{\n    bool IsOn() => _c.IsEnabled(\"on\");\n    void M() { if (IsOn()) { } }\n}\n");
        dir.Write("src/Other.cs", "class Other\n{\n    bool IsOn() => _ready;\n    void M() { if (IsOn()) { } }\n}\n");
        dir.Write("go.mod", "module example.com/app\n");
        dir.Write("feature/gates.go", "package feature\n\nfunc IsOn() bool { return Gates.Enabled(\"go-on\") }\n");
        dir.Write("feature/use.go", "package feature\n\nfunc run() {\n\tif IsOn() {\n\t}\n}\n");
        dir.Write("cmd/main.go", "package main\n\nfunc IsOn() bool { return true }\n\nfunc main() {\n\t_ = IsOn()\n}\n");

        var calls = Scan(dir.Path, "--no-cache").Where(u => u.Via is not null).Select(u => (u.File, u.Line, u.Flag)).ToList();

        Assert.Equal([("feature/use.go", 4, "go-on"), ("src/Flags.cs", 4, "on")], calls);
    }
}
