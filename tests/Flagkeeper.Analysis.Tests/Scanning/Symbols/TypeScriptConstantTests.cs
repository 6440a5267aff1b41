using Flagkeeper.Analysis.Scanning.Usages;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The TypeScript and JavaScript symbol pass on a small app written the way real ones are: every call site carries its
/// expected key in a <c>// key: K</c> comment (or <c>// dynamic: reason words</c>), and the scan must find exactly those.
/// </summary>
public class TypeScriptConstantTests
{
    private const string Flags = """
        // export const Flags = { NewCheckout: 'commented-out' };
        const PREFIX = 'shop.';
        const pattern = /'not a string/g;
        export const Flags = {
          NewCheckout: 'new-checkout',
          'dark-mode': "dark-mode",
          Search: PREFIX + 'search',
          Banner: `${PREFIX}banner`,
          Nested: { Deep: 'deep-key' },
          Count: 3,
          method() { return 'x'; },
          ...others,
        } as const;
        export enum F { Beta = 'beta', Gamma = "gamma", Numeric = 1 }
        export const SINGLE: string = 'single-flag', SECOND = 'second-flag';
        export const ESCAPED = 'tab\tthere \u{1F600}';
        const A = B;
        const B = A;
        export { A as Loop };
        export default { DefaultKey: 'default-key' };
        """;

    private const string Barrel = """
        export * from './flags';
        export { Flags as AllFlags } from './flags';
        """;

    private const string OtherFlags = """
        export const Flags = { NewCheckout: 'other-checkout' };
        """;

    private const string Checkout = """
        import { Flags, F, SINGLE as S, ESCAPED, Loop } from '../config/flags';
        import * as cfg from '../config';
        import defaults from '../config/flags.js';
        import { AllFlags } from '../config/index';
        import { Missing } from '../config/flags';
        import { Something } from 'some-package';
        const local = 'local-key'
        const twice = 'one'; function f() { const twice = 'two'; }
        if (unleash.isEnabled(Flags.NewCheckout)) {} // key: new-checkout
        unleash.isEnabled(Flags['dark-mode']); // key: dark-mode
        unleash.isEnabled(Flags.Search); // key: shop.search
        unleash.isEnabled(Flags.Banner); // key: shop.banner
        unleash.isEnabled(Flags.Nested.Deep); // key: deep-key
        unleash.isEnabled(F.Beta); // key: beta
        unleash.isEnabled(S); // key: single-flag
        unleash.isEnabled(ESCAPED); // key: tab	there 😀
        unleash.isEnabled(cfg.SECOND); // key: second-flag
        unleash.isEnabled(cfg.Flags.NewCheckout); // key: new-checkout
        unleash.isEnabled(AllFlags.NewCheckout); // key: new-checkout
        unleash.isEnabled(defaults.DefaultKey); // key: default-key
        unleash.isEnabled(local); // key: local-key
        unleash.isEnabled(Flags.Count); // dynamic: not a constant string
        unleash.isEnabled(F.Numeric); // dynamic: numeric enum member
        unleash.isEnabled(Flags.Nope); // dynamic: Nope is not a member
        unleash.isEnabled(Missing); // dynamic: does not export Missing
        unleash.isEnabled(Something); // dynamic: names no single file
        unleash.isEnabled(userKey); // dynamic: userKey is not a constant declared or imported
        unleash.isEnabled(twice); // dynamic: declared 2 times
        unleash.isEnabled(Loop); // dynamic: refers back to itself
        unleash.isEnabled(getKey()); // dynamic
        """;

    private const string Aliased = """
        import { Flags } from '@/config/flags';
        import { Flags as Either } from '@/flags';
        export const Page = () => { const on = useFlag(Flags.NewCheckout); return on; }; // key: new-checkout
        useFlag(Either.NewCheckout); // dynamic: names no single file
        """;

    internal static readonly Dictionary<string, string> Files = new()
    {
        ["src/config/flags.ts"] = Flags,
        ["src/config/index.ts"] = Barrel,
        ["src/other/flags.ts"] = OtherFlags,
        ["src/app/checkout.ts"] = Checkout,
        ["src/app/page.tsx"] = Aliased,
    };

    [Fact]
    public void Every_call_site_has_the_key_written_beside_it_and_nothing_else_is_found()
    {
        var result = KeyExpectations.ScanFixture(Files);

        KeyExpectations.AssertFoundExactly(result, Files);
    }

    [Theory]
    [MemberData(nameof(KeyExpectations.Encodings), MemberType = typeof(KeyExpectations))]
    public void A_file_is_checked_for_a_binding_alike_whether_read_as_utf8_bytes_or_decoded(string variant)
    {
        // UTF-8 files are checked in pooled buffers before any decoding; every other file is decoded first.
        var result = KeyExpectations.ScanEncoded("app.ts",
            "import { unleash } from './client';\nconst K = 'bound-key';\nunleash.isEnabled(K);\n" +
            "export function f(userKey: string) { return unleash.isEnabled(userKey); }\n", "//", variant);

        Assert.Equal("bound-key", Assert.Single(result.Usages, u => u.Argument == "K").Flag);
        var local = Assert.Single(result.Usages, u => u.Argument == "userKey");
        Assert.Equal(UsageKind.Dynamic, local.Kind);
        Assert.Equal("userKey is not a constant declared or imported in app.ts", local.Unresolved);
    }

    [Fact]
    public void A_resolved_usage_keeps_its_argument_and_says_where_the_value_is_declared()
    {
        var result = KeyExpectations.ScanFixture(Files);

        var search = result.Usages.Single(u => u.Flag == "shop.search");
        Assert.Equal("Flags.Search", search.Argument);
        var line = Flags.Split('\n').ToList().FindIndex(l => l.Contains("Search:", StringComparison.Ordinal)) + 1;
        Assert.Equal(new Flagkeeper.Diagnostics.SourceLocation("src/config/flags.ts", line, 3), search.DeclaredAt);
        Assert.Equal("src/config/flags.ts", result.Usages.Single(u => u.Flag == "default-key").DeclaredAt?.File);
        Assert.Null(result.Usages.Single(u => u.Argument == "userKey").DeclaredAt);
    }

    [Theory]
    [InlineData("const K = 'unterminated;\nunleash.isEnabled(K);")]
    [InlineData("const K = `never ${ closed;\nunleash.isEnabled(K);")]
    [InlineData("/* open comment\nconst K = 'k'; unleash.isEnabled(K);")]
    [InlineData("export const F = { A: { B: { C: ")]
    [InlineData("enum E { A = , B } unleash.isEnabled(E.A);")]
    [InlineData("import { from ; export { ; export * as ; const = 'x'; unleash.isEnabled(K);")]
    [InlineData("const K = a / b / 'c'; unleash.isEnabled(K);")]
    [InlineData("")]
    public void Broken_source_never_stops_the_scan(string source)
    {
        var result = ScanText("src/a.ts", source + "\n");

        Assert.Empty(result.Errors);
        Assert.True(result.Usages.Count <= 1, Describe(result));
        Assert.All(result.Usages, u => Assert.True(u.Kind == UsageKind.Dynamic || u.Flag is not null, Describe(result)));
    }

    [Fact]
    public void A_deep_object_and_a_long_concatenation_resolve_without_blowing_the_stack()
    {
        var deep = "export const F = " + string.Concat(Enumerable.Repeat("{ a: ", 2000)) + "'k'" + new string('}', 2000) + ";\n";
        var chain = "const C0 = 'x';\n" + string.Concat(Enumerable.Range(1, 400).Select(i => $"const C{i} = C{i - 1} + 'x';\n"));

        var result = ScanText("src/a.ts", deep + chain + "unleash.isEnabled(C400);\nunleash.isEnabled(C10);\n");

        Assert.Empty(result.Errors);
        Assert.Equal("xxxxxxxxxxx", result.Usages.Single(u => u.Argument == "C10").Flag);
        Assert.Contains("refers back to itself or through too many names", result.Usages.Single(u => u.Argument == "C400").Unresolved); // past the hop limit
    }
}
