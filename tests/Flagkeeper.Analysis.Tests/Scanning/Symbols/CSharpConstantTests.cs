using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The C# symbol pass on a small service written the way real ones are: every call site carries its expected
/// key in a <c>// key: K</c> comment (or <c>// dynamic: reason words</c>), and the scan must find exactly those.
/// </summary>
public class CSharpConstantTests
{
    private const string Flags = """"
        // public const string NewCheckout = "commented-out";
        namespace Shop.Features;

        public static class FeatureFlags
        {
            public const string NewCheckout = "new-checkout";
            public const string Prefix = "shop.";
            public const string Search = Prefix + "search";
            public static readonly string Banner = $"{Prefix}banner";
            public const string Verbatim = @"verbatim-""key""", Brace = "{";
            public const string Raw = """raw-key""";
            public const string Named = nameof(Named);
            public const string Escaped = "tab\there";
            internal static class Nested { public const string Deep = "deep-key"; }
            public const int NotAString = 3;
        }

        public enum MyFeatureFlags
        {
            Beta,
            [Obsolete("old")] DarkMode = 2,
        }
        """";

    private const string Billing = """
        namespace Billing
        {
            public static class FeatureFlags { public const string NewCheckout = "billing-checkout"; }
        }
        """;

    private const string Controller = """
        using Shop.Features;
        using static Shop.Features.FeatureFlags;
        using F = Shop.Features.FeatureFlags;

        namespace Shop.Web;

        public partial class CheckoutController
        {
            private const string LocalKey = "local-key";
            private const string Combined = FeatureFlags.Prefix + "combined";
            private const string Shared = Common.Base + "-shared";
            private const string Loop = Other;
            private const string Other = Loop;

            [FeatureGate(FeatureFlags.NewCheckout)] // key: new-checkout
            public async Task<bool> A(IFeatureManager featureManager, string userKey)
            {
                if (await featureManager.IsEnabledAsync(FeatureFlags.Search)) { } // key: shop.search
                if (await featureManager.IsEnabledAsync(nameof(MyFeatureFlags.Beta))) { } // key: Beta
                if (await featureManager.IsEnabledAsync(MyFeatureFlags.DarkMode.ToString())) { } // key: DarkMode
                if (await featureManager.IsEnabledAsync(LocalKey)) { } // key: local-key
                if (await featureManager.IsEnabledAsync(Combined)) { } // key: shop.combined
                if (await featureManager.IsEnabledAsync(Banner)) { } // key: shop.banner
                if (await featureManager.IsEnabledAsync(F.Verbatim)) { } // key: verbatim-"key"
                if (await featureManager.IsEnabledAsync(global::Shop.Features.FeatureFlags.Raw)) { } // key: raw-key
                if (await featureManager.IsEnabledAsync(FeatureFlags.Nested.Deep)) { } // key: deep-key
                if (await featureManager.IsEnabledAsync(FeatureFlags.Named)) { } // key: Named
                if (await featureManager.IsEnabledAsync(FeatureFlags.Escaped)) { } // key: tab	here
                if (await featureManager.IsEnabledAsync(Shared)) { } // key: common-shared
                if (await featureManager.IsEnabledAsync(userKey)) { } // dynamic: no constant
                if (await featureManager.IsEnabledAsync(Loop)) { } // dynamic: refers to itself
                if (await featureManager.IsEnabledAsync(FeatureFlags.NotAString)) { } // dynamic: no constant
                if (await featureManager.IsEnabledAsync(GetName())) { } // dynamic
                return true;
            }
        }
        """;

    // A constant another constant uses, in a file that no call site mentions: found in a second round.
    private const string Common = """
        namespace Shop.Web;
        internal static class Common { public const string Base = "common"; }
        """;

    private const string ControllerPart = """
        namespace Shop.Web;

        public partial class CheckoutController
        {
            public bool B(IFeatureManager fm) => fm.IsEnabledAsync(LocalKey).Result; // key: local-key
        }
        """;

    private const string Elsewhere = """
        namespace Elsewhere;

        public class Other
        {
            public bool C(IFeatureManager fm) => fm.IsEnabledAsync(FeatureFlags.NewCheckout).Result; // dynamic: ambiguous
            public bool D(IFeatureManager fm) => fm.IsEnabledAsync(Billing.FeatureFlags.NewCheckout).Result; // key: billing-checkout
        }
        """;

    private const string View = """
        <feature name="@Shop.Features.FeatureFlags.NewCheckout"><p>new</p></feature> @* key: new-checkout *@
        """;

    internal static readonly Dictionary<string, string> Files = new()
    {
        ["src/Features/Flags.cs"] = Flags,
        ["src/Billing/Flags.cs"] = Billing,
        ["src/Web/CheckoutController.cs"] = Controller,
        ["src/Web/CheckoutController.Part.cs"] = ControllerPart,
        ["src/Web/Common.cs"] = Common,
        ["src/Elsewhere/Other.cs"] = Elsewhere,
        ["src/Views/Home.cshtml"] = View,
    };

    [Fact]
    public void Every_call_site_has_the_key_written_beside_it_and_nothing_else_is_found()
    {
        var result = KeyExpectations.ScanFixture(Files);

        KeyExpectations.AssertFoundExactly(result, Files);
    }

    [Fact]
    public void A_resolved_usage_keeps_its_argument_and_says_where_the_constant_is_declared()
    {
        var result = KeyExpectations.ScanFixture(Files);

        var search = result.Usages.Single(u => u.Flag == "shop.search");
        Assert.Equal("FeatureFlags.Search", search.Argument);
        var line = Flags.Split('\n').ToList().FindIndex(l => l.Contains("string Search", StringComparison.Ordinal)) + 1;
        Assert.Equal(new Flagkeeper.Diagnostics.SourceLocation("src/Features/Flags.cs", line, ColumnOf(Flags.Split('\n')[line - 1], "Search")), search.DeclaredAt);
        var beta = result.Usages.Single(u => u.Flag == "Beta");
        Assert.Equal("src/Features/Flags.cs", beta.DeclaredAt?.File);
        Assert.Null(result.Usages.Single(u => u.Argument == "userKey").DeclaredAt);
    }

    [Theory]
    [InlineData("class A { const string K = \"unterminated; bool X(IFeatureManager f) => f.IsEnabledAsync(K).Result; }")]
    [InlineData("class A { { { const string K = \"k\"; bool X(IFeatureManager f) => f.IsEnabledAsync(K).Result;")]
    [InlineData("} } } class A { const string K = $\"{ ; bool X(IFeatureManager f) => f.IsEnabledAsync(K).Result; }")]
    [InlineData("enum E { [ A, B } class C { bool X(IFeatureManager f) => f.IsEnabledAsync(E.A).Result; }")]
    [InlineData("class A { const string K = \"\"\"\n  raw\n without end; bool X(IFeatureManager f) => f.IsEnabledAsync(K).Result; }")]
    public void Broken_source_never_stops_the_scan(string source)
    {
        var result = ScanText("src/a.cs", source + "\n");

        Assert.Empty(result.Errors);
        Assert.True(result.Usages.Count <= 1, Describe(result));
    }
}
