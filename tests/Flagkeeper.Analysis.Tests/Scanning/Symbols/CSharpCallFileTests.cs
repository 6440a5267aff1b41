using System.Text;
using Flagkeeper.Analysis.Scanning.Symbols;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The C# pass reads a call's file only when its bytes may matter, or when a first pass shows that they may. Each
/// fixture has a call file the byte test alone would leave unread although reading it changes an outcome: the keys
/// written beside the calls are what reading every call file gives.
/// </summary>
public class CSharpCallFileTests
{
    private const string ParameterCall = "public bool Check(IFeatureManager fm, string flagName) => fm.IsEnabledAsync(flagName).Result; // dynamic: no constant";

    [Fact]
    public void A_constant_folded_from_a_partial_part_whose_only_call_takes_a_parameter()
    {
        Dictionary<string, string> files = new()
        {
            ["src/Checkout.cs"] = $$"""
                namespace Shop;
                public partial class Checkout
                {
                    private const string Prefix = "shop.";
                    {{ParameterCall}}
                }
                """,
            ["src/Checkout.Search.cs"] = """
                namespace Shop;
                public partial class Checkout
                {
                    private const string Search = Prefix + "search";
                    public bool B(IFeatureManager fm) => fm.IsEnabledAsync(Search).Result; // key: shop.search
                }
                """,
        };

        KeyExpectations.AssertFoundExactly(KeyExpectations.ScanFixture(files), files);
    }

    [Fact]
    public void A_second_type_of_the_same_name_in_a_call_file_makes_a_folded_name_ambiguous()
    {
        Dictionary<string, string> files = new()
        {
            ["src/One.cs"] = """
                using One;
                using Two;
                namespace One { public static class Flags { public const string X = "one-x"; } }
                namespace Three
                {
                    public class E
                    {
                        private const string K = Flags.X;
                        public bool M(IFeatureManager fm) => fm.IsEnabledAsync(K).Result; // dynamic: ambiguous
                    }
                }
                """,
            ["src/Two.cs"] = $$"""
                namespace Two
                {
                    public static class Flags { public const string X = "two-x"; }
                    public class G
                    {
                        {{ParameterCall}}
                    }
                }
                """,
        };

        KeyExpectations.AssertFoundExactly(KeyExpectations.ScanFixture(files), files);
    }

    [Fact]
    public void An_enum_member_through_using_static_from_a_call_file_that_declares_the_enum()
    {
        Dictionary<string, string> files = new()
        {
            ["src/Web.cs"] = """
                using static Shop.Modes;
                namespace Web;
                public class I { public bool M(IFeatureManager fm) => fm.IsEnabledAsync(Gamma).Result; } // key: Gamma
                """,
            ["src/Modes.cs"] = $$"""
                namespace Shop;
                public enum Modes { Beta, Gamma }
                public class J
                {
                    {{ParameterCall}}
                }
                """,
            ["src/Self.cs"] = """
                using static Self.Kinds;
                namespace Self;
                public enum Kinds { Alpha }
                public class K { public bool M(IFeatureManager fm) => fm.IsEnabledAsync(Alpha).Result; } // key: Alpha
                """,
        };

        KeyExpectations.AssertFoundExactly(KeyExpectations.ScanFixture(files), files);
    }

    [Fact]
    public void An_alias_a_string_with_a_semicolon_and_a_comment_before_the_equals_sign()
    {
        Dictionary<string, string> files = new()
        {
            ["src/Flags.cs"] = """
                namespace Shop.Features;
                public static class FeatureFlags { public const string NewCheckout = "new-checkout"; }
                """,
            ["src/Aliased.cs"] = """
                using Toggles = Shop.Features.FeatureFlags;
                namespace Web;
                public class H { public bool M(IFeatureManager fm) => fm.IsEnabledAsync(Toggles.NewCheckout).Result; } // key: new-checkout
                """,
            ["src/Declarators.cs"] = """
                public class S
                {
                    private const string A = "a;b", K = "k";
                    public bool M(IFeatureManager fm) => fm.IsEnabledAsync(K).Result; // key: k
                }
                """,
            ["src/Commented.cs"] = """
                public class T
                {
                    private const string C /* the key */ = "c";
                    public bool N(IFeatureManager fm) => fm.IsEnabledAsync(C).Result; // key: c
                }
                """,
        };

        KeyExpectations.AssertFoundExactly(KeyExpectations.ScanFixture(files), files);
    }

    [Fact]
    public void A_call_file_in_UTF_16_is_read_since_its_bytes_cannot_be_searched()
    {
        const string Source = """
            public class U
            {
                private const string K = "utf16-key";
                public bool M(IFeatureManager fm) => fm.IsEnabledAsync(K).Result; // key: utf16-key
            }
            """;
        using var dir = new TempDirectory();
        dir.WriteBytes("src/U.cs", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Source + "\n")]);

        var result = Scan(dir.Path);

        KeyExpectations.AssertFoundExactly(result, new Dictionary<string, string> { ["src/U.cs"] = Source });
    }

    [Theory]
    [InlineData("const string K = \"k\";", true)]
    [InlineData("private static readonly string K=\"k\";", true)]
    [InlineData("const string A = \"x\",\n    K = \"k\";", true)]
    [InlineData("const string K // the key\n = \"k\";", true)]
    [InlineData("var K = 1; const int J = 2;", false)] // a local: no keyword in its statement
    [InlineData("if (K == x) return; const string J = \"\";", false)]
    [InlineData("static string K => \"k\";", false)] // a property: no '='
    [InlineData("const string K2 = \"k\"; const string XK = \"k\";", false)] // not the word K
    [InlineData("const string \u00e9K = \"k\";", true)] // a non-ASCII byte before counts as a separator: yes, wrongly but safely
    [InlineData("", false)]
    public void The_byte_test_says_yes_to_every_declaration_of_the_name(string source, bool expected) =>
        Assert.Equal(expected, CSharpDeclarationBytes.MayAssign(Encoding.UTF8.GetBytes(source), [Encoding.UTF8.GetBytes("K")], CSharpDeclarationBytes.ConstantKeywords));
}
