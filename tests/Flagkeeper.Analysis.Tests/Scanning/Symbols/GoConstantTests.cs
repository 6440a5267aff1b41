using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The Go symbol pass on a small module written the way real ones are (typed feature-gate constants, a
/// package of flag names, aliased and dot imports): every call site carries its expected key in a
/// <c>// key: K</c> comment (or <c>// dynamic: reason words</c>), and the scan must find exactly those.
/// </summary>
public class GoConstantTests
{
    private const string GoMod = "module example.com/app\n\ngo 1.22\n";

    private const string Features = """
        // Package feature holds the gates.
        // const Fake = "commented-out"
        package feature

        import "example.com/app/featuregate"

        /*
        const (
        	Fake = "fake-in-block-comment"
        )
        */

        const (
        	// MachinePool enables machine pools.
        	MachinePool featuregate.Feature = "MachinePool"
        	Prefix                          = "shop."
        	Search                          = Prefix + "search"
        	Raw                             = `raw-key`
        	Escaped                         = "q\"d\x21\041\u00e9"
        	Converted                       = featuregate.Feature("converted-key")
        	Parenthesised                   = (Prefix + "paren")
        	First, Second                   = "first-key", "second-key"
        	NotAString                      = 3
        	Looped                          = Other
        	Other                           = Looped
        	FromGate                        = featuregate.Base + "-gate"
        )

        const Single = "single-flag"

        const (
        	Alpha = "repeat-key"
        	Beta
        )

        const (
        	Low featuregate.Level = iota
        	High
        )

        var Gates featuregate.MutableFeatureGate = featuregate.New()

        var defaultGates = map[featuregate.Feature]featuregate.FeatureSpec{
        	MachinePool: {Default: true, PreRelease: featuregate.Beta},
        }
        """;

    private const string FeaturesTest = """
        package feature

        const TestOnly = "test-only"

        func TestGate(t *testing.T) {
        	_ = Gates.Enabled(TestOnly) // key: test-only
        }
        """;

    private const string FeatureGate = """
        package featuregate

        type Feature string

        const Base = "base"
        """;

    private const string Other = """
        package other

        const Dotted = "dotted-key"
        const unexported = "hidden"
        """;

    private const string Main = """
        package main

        import (
        	"example.com/app/feature"
        	ld "github.com/launchdarkly/go-server-sdk/v7"
        )

        const local = "local-key"

        func main() {
        	client, _ := ld.MakeClient("sdk-key", 0)
        	if feature.Gates.Enabled(feature.MachinePool) { // key: MachinePool
        	}
        	client.BoolVariation(feature.Single, ctx, false) // key: single-flag
        	client.BoolVariation(feature.Search, ctx, false) // key: shop.search
        	client.BoolVariation(local, ctx, false) // key: local-key
        	client.BoolVariation(helperKey, ctx, false) // key: helper-key
        	client.BoolVariation(feature.Raw, ctx, false) // key: raw-key
        	client.BoolVariation(feature.Escaped, ctx, false) // key: q"d!!é
        	client.BoolVariation(feature.Converted, ctx, false) // key: converted-key
        	client.BoolVariation(feature.Parenthesised, ctx, false) // key: shop.paren
        	client.BoolVariation(feature.Second, ctx, false) // key: second-key
        	client.BoolVariation(feature.Beta, ctx, false) // key: repeat-key
        	client.BoolVariation(feature.FromGate, ctx, false) // key: base-gate
        	client.BoolVariation(feature.NotAString, ctx, false) // dynamic: not a constant string expression
        	client.BoolVariation(feature.High, ctx, false) // dynamic: iota
        	client.BoolVariation(feature.Looped, ctx, false) // dynamic: refers to itself
        	client.BoolVariation(feature.Missing, ctx, false) // dynamic: no constant string named 'feature.Missing'
        	client.BoolVariation(feature.TestOnly, ctx, false) // dynamic: no constant string named 'feature.TestOnly'
        	client.BoolVariation(feature.Fake, ctx, false) // dynamic: no constant string named 'feature.Fake'
        	client.BoolVariation(userKey, ctx, false) // dynamic: no constant string named 'userKey'
        	client.BoolVariation(ld.Something, ctx, false) // dynamic: is not in the scanned tree
        	client.BoolVariation(keyFor(user), ctx, false) // dynamic
        }
        """;

    private const string Helper = """
        package main

        const helperKey = "helper-key"
        """;

    private const string Aliased = """
        package web

        import (
        	gates "example.com/app/feature"
        	. "example.com/app/other"
        	_ "example.com/app/featuregate"
        	"example.com/app/noconst"
        )

        func handler() {
        	if gates.Gates.Enabled(gates.Single) { // key: single-flag
        	}
        	_ = utilfeature.DefaultFeatureGate.Enabled(Dotted) // key: dotted-key
        	_ = utilfeature.DefaultFeatureGate.Enabled(unexported) // dynamic: no constant string named 'unexported'
        	_ = utilfeature.DefaultFeatureGate.Enabled(feature.Single) // dynamic: names no import
        	_ = utilfeature.DefaultFeatureGate.Enabled(noconst.Nothing) // dynamic: no constant string named 'noconst.Nothing'
        }
        """;

    internal static readonly Dictionary<string, string> Files = new()
    {
        ["go.mod"] = GoMod,
        ["feature/features.go"] = Features,
        ["feature/features_test.go"] = FeaturesTest,
        ["featuregate/featuregate.go"] = FeatureGate,
        ["other/other.go"] = Other,
        ["cmd/app/main.go"] = Main,
        ["cmd/app/helper.go"] = Helper,
        ["web/handler.go"] = Aliased,
        ["noconst/noconst.go"] = "package noconst\n\nfunc F() {}\n",
    };

    [Fact]
    public void Every_call_site_has_the_key_written_beside_it_and_nothing_else_is_found()
    {
        var result = ScanFiles(Files);

        KeyExpectations.AssertFoundExactly(result, Files);
    }

    [Fact]
    public void A_resolved_usage_keeps_its_argument_position_and_says_where_the_constant_is_declared()
    {
        var result = ScanFiles(Files);

        var pool = result.Usages.Single(u => u.Flag == "MachinePool");
        var callLine = Line(Main, "feature.Gates.Enabled");
        Assert.Equal(("cmd/app/main.go", callLine, ColumnOf(Main.Split('\n')[callLine - 1], "feature.MachinePool"), "feature.MachinePool", "go-feature-gate"),
            (pool.File, pool.Line, pool.Column, pool.Argument, pool.Pattern));
        Assert.Equal(Declared("feature/features.go", Features, "MachinePool featuregate"), pool.DeclaredAt);
        Assert.Equal(Declared("feature/features.go", Features, "Search  "), result.Usages.Single(u => u.Flag == "shop.search").DeclaredAt);
        Assert.Equal(Declared("cmd/app/helper.go", Helper, "helperKey"), result.Usages.Single(u => u.Flag == "helper-key").DeclaredAt);
        Assert.Equal(Declared("other/other.go", Other, "Dotted"), result.Usages.Single(u => u.Flag == "dotted-key").DeclaredAt);
        Assert.Null(result.Usages.Single(u => u.Argument == "userKey").DeclaredAt);
    }

    [Fact]
    public void Two_directories_that_match_an_import_path_equally_leave_it_unresolved()
    {
        // No go.mod: directories match import paths by their trailing elements, and a/flags and b/flags tie.
        var result = ScanFiles(new()
        {
            ["a/flags/flags.go"] = "package flags\n\nconst Key = \"a-key\"\n",
            ["b/flags/flags.go"] = "package flags\n\nconst Key = \"b-key\"\n",
            ["svc/x.go"] = "package svc\n\nimport \"example.com/other/flags\"\n\nfunc f() { _ = FeatureGate.Enabled(flags.Key) }\n",
            ["svc/y.go"] = "package svc\n\nimport \"example.com/a/flags\"\n\nfunc g() { _ = FeatureGate.Enabled(flags.Key) }\n",
        });

        var x = result.Usages.Single(u => u.File == "svc/x.go");
        Assert.Equal(UsageKind.Dynamic, x.Kind);
        Assert.Contains("import \"example.com/other/flags\" is ambiguous: 2 directories match it (a/flags, b/flags)", x.Unresolved, StringComparison.Ordinal);
        Assert.Equal("a-key", result.Usages.Single(u => u.File == "svc/y.go").Flag); // a/flags matches two elements, b/flags one
    }

    [Fact]
    public void A_constant_declared_twice_with_different_values_is_ambiguous_and_with_the_same_value_is_not()
    {
        var result = ScanFiles(new()
        {
            ["flags/linux.go"] = "//go:build linux\n\npackage flags\n\nconst Key = \"linux-key\"\nconst Same = \"same\"\n",
            ["flags/windows.go"] = "//go:build windows\n\npackage flags\n\nconst Key = \"windows-key\"\nconst Same = \"same\"\n",
            ["flags/use.go"] = "package flags\n\nfunc f() {\n\t_ = FeatureGate.Enabled(Key)\n\t_ = FeatureGate.Enabled(Same)\n}\n",
        });

        var key = result.Usages.Single(u => u.Argument == "Key");
        Assert.Equal(UsageKind.Dynamic, key.Kind);
        Assert.Equal("'Key' is ambiguous: 2 declarations with different values (flags/linux.go:5:7, flags/windows.go:5:7)", key.Unresolved);
        Assert.Equal(new SourceLocation("flags/linux.go", 6, 7), result.Usages.Single(u => u.Argument == "Same").DeclaredAt);
    }

    [Theory]
    [InlineData("const K = \"unterminated\nconst Good = \"good\"\n")]
    [InlineData("const Good = \"good\"\n/* const K = \"never closed\n")]
    [InlineData("const Good = \"good\"\nconst K = `raw without end\n")]
    [InlineData("const ( Good = \"good\"; K = \n")]
    [InlineData("const Good = \"good\"\nconst ( ) ) } } const K = 'x\n")]
    [InlineData("const Good = \"good\"\nconst K = \"\\x\\u12\\777\"\nfunc ( { const K = \"inner\"\n")]
    public void Broken_source_never_stops_the_scan_and_keeps_what_it_can_read(string flags)
    {
        var result = ScanFiles(new()
        {
            ["flags/flags.go"] = "package flags\n\n" + flags,
            ["flags/use.go"] = "package flags\n\nfunc f() {\n\t_ = FeatureGate.Enabled(Good)\n\t_ = FeatureGate.Enabled(K)\n}\n",
        });

        Assert.Empty(result.Errors);
        Assert.Equal("good", result.Usages.Single(u => u.Argument == "Good").Flag);
        Assert.Single(result.Usages, u => u.Argument == "K");
    }

    [Fact]
    public void An_empty_file_a_file_without_a_package_and_a_huge_const_block_cost_nothing_else()
    {
        var block = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"\tK{i} = \"key-{i}\"\n"));
        var result = ScanFiles(new()
        {
            ["flags/empty.go"] = "",
            ["flags/nopackage.go"] = "const Orphan = \"orphan\"\n",
            ["flags/huge.go"] = "package flags\n\nconst (\n" + block + ")\n",
            ["flags/use.go"] = "package flags\n\nfunc f() {\n\t_ = FeatureGate.Enabled(K19999)\n\t_ = FeatureGate.Enabled(Orphan)\n}\n",
        });

        Assert.Empty(result.Errors);
        Assert.Equal("key-19999", result.Usages.Single(u => u.Argument == "K19999").Flag);
        Assert.Contains("no constant string named 'Orphan'", result.Usages.Single(u => u.Argument == "Orphan").Unresolved, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import \"example.com/app/flags\"\n\nfunc f() { _ = FeatureGate.Enabled(flags.Key) }\n")]
    [InlineData("import (\n\t\"example.com/app/flags\" // the header's last line\n)\n\ntype T struct{}\n\nfunc f() { _ = FeatureGate.Enabled(flags.Key) }\n")]
    [InlineData("import (\n/*\nfunc in a comment\n*/\n\t\"example.com/app/flags\"\n)\n\nfunc f() { _ = FeatureGate.Enabled(flags.Key) }\n")] // cut inside the comment: read whole
    [InlineData("import (\n\t\"example.com/app/flags\"\n)\nfunc f() { _ = FeatureGate.Enabled(flags.Key) }\n")]
    [InlineData("import \"example.com/app/flags\"\n\nfunc f() {\n\ts := `\nconst in a raw string`\n\t_ = FeatureGate.Enabled(flags.Key)\n}\n")] // has `const`: read whole
    public void A_call_file_is_decoded_up_to_its_header_when_that_is_all_it_needs_and_its_imports_are_always_found(string rest)
    {
        var result = ScanFiles(new()
        {
            ["go.mod"] = GoMod,
            ["flags/flags.go"] = "package flags\n\nconst Key = \"the-key\"\n",
            ["svc/use.go"] = "package svc\n\n" + rest,
        });

        Assert.Equal("the-key", result.Usages.Single(u => u.Argument == "flags.Key").Flag);
    }

    [Fact]
    public void A_literal_key_is_left_as_the_scan_found_it()
    {
        var result = ScanFiles(new()
        {
            ["flags/flags.go"] = "package flags\n\nconst Key = \"k\"\n",
            ["flags/use.go"] = "package flags\n\nfunc f() { _ = FeatureGate.Enabled(\"literal\") }\n",
        });

        var usage = Assert.Single(result.Usages);
        Assert.Equal(("literal", UsageKind.Usage, null), (usage.Flag, usage.Kind, usage.DeclaredAt));
    }

    private static ScanResult ScanFiles(Dictionary<string, string> files)
    {
        using var dir = new TempDirectory();
        foreach (var (path, text) in files)
        {
            dir.Write(path, text.Length == 0 || path.EndsWith(".mod", StringComparison.Ordinal) ? text : text + "\n");
        }
        return Scan(dir.Path);
    }

    private static int Line(string text, string needle) => text.Split('\n').ToList().FindIndex(l => l.Contains(needle, StringComparison.Ordinal)) + 1;

    private static SourceLocation Declared(string file, string text, string needle)
    {
        var line = Line(text, needle);
        return new SourceLocation(file, line, ColumnOf(text.Split('\n')[line - 1], needle));
    }
}
