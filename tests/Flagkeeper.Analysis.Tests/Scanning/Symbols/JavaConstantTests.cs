using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The Java symbol pass on a small service written the way real ones are (a constants class with nested classes, an
/// interface of keys, an enum, static imports, two classes of one name in different packages): every call site carries
/// its expected key in a <c>// key: K</c> comment (or <c>// dynamic: reason words</c>), and the scan must find exactly those.
/// </summary>
public class JavaConstantTests
{
    private const string Flags = """"
        package com.shop.flags;

        // public static final String NEW_CHECKOUT = "commented-out";
        /* public static final String SEARCH = "in-a-block-comment"; */
        public final class Flags {
            public static final String PREFIX = "shop.";
            public static final String NEW_CHECKOUT = PREFIX + "new-checkout";
            public static final String SEARCH = (PREFIX + "search") + "-v2";
            static final java.lang.String LEGACY = "legacy";
            public static String MUTABLE = "mutable";
            public final String instance = "instance";
            public static final int LIMIT = 3;
            public static final String FROM_KEYS = Keys.BETA + "-x";
            public static final String LOOP_A = LOOP_B;
            public static final String LOOP_B = LOOP_A;
            public static final String TEXT = """
                block""";
            private static final Map<String, String> BY_NAME = Map.of("a", "b");

            private Flags() {}

            static String describe() {
                final String NOT_A_FIELD = "local";
                return NOT_A_FIELD + "{";
            }

            public static final class Checkout {
                public static final String EXPRESS = PREFIX + "express";
                @Deprecated(since = "2")
                public static final String ONE_CLICK = "one-click", TWO_CLICK = "two-click";
            }
        }
        """";

    private const string Keys = """
        package com.shop.flags;

        public interface Keys {
            String BETA = "beta";
            String ESCAPED = "tab\tquote\"\u00e9";
            boolean enabled(String key);
        }
        """;

    private const string Feature = """
        package com.shop.flags;

        public enum Feature implements HasCode {
            @Deprecated DARK_MODE("dm"),
            WISHLIST {
                @Override public String code() { return "w"; }
            },
            RECOMMENDATIONS;

            public static final String SUFFIX = "-feature";
            Feature() {}
            Feature(String code) {}
        }

        enum Mode {
            FAST, SLOW;

            @Override
            public String toString() { return name().toLowerCase(); }
        }

        enum Tier { GOLD { @Override public String toString() { return "gold"; } }, SILVER }
        """;

    private const string Checkout = """
        package com.shop.checkout;

        import com.launchdarkly.sdk.server.LDClient;
        import com.shop.flags.Flags;
        import com.shop.flags.Keys;
        import com.shop.flags.Feature;
        import com.shop.a.Limits;
        import static com.shop.flags.Flags.NEW_CHECKOUT;
        import static com.shop.flags.Flags.Checkout.*;

        public class CheckoutService {
            private static final String LOCAL = "checkout.local";
            private final LDClient client;

            boolean run(LDContext ctx, String key) {
                boolean a = client.boolVariation(Flags.NEW_CHECKOUT, ctx, false); // key: shop.new-checkout
                boolean b = client.boolVariation(NEW_CHECKOUT, ctx, false); // key: shop.new-checkout
                boolean c = client.boolVariation(EXPRESS, ctx, false); // key: shop.express
                boolean d = client.boolVariation(Flags.Checkout.TWO_CLICK, ctx, false); // key: two-click
                boolean e = client.boolVariation(com.shop.flags.Flags.SEARCH, ctx, false); // key: shop.search-v2
                boolean f = client.boolVariation(LOCAL, ctx, false); // key: checkout.local
                boolean g = client.boolVariation(Keys.BETA, ctx, false); // key: beta
                boolean h = client.boolVariation(Feature.DARK_MODE.name(), ctx, false); // key: DARK_MODE
                boolean i = client.boolVariation(Feature.WISHLIST.toString(), ctx, false); // key: WISHLIST
                boolean j = client.boolVariation(Flags.FROM_KEYS, ctx, false); // key: beta-x
                boolean k = client.boolVariation(Limits.KEY, ctx, false); // key: limit-a
                boolean l = client.boolVariation(key, ctx, false); // dynamic: 'key' is a parameter, a local or a field that is not a constant
                boolean m = client.boolVariation(Flags.MUTABLE, ctx, false); // dynamic: no constant string named 'Flags.MUTABLE'
                boolean n = client.boolVariation(Flags.LOOP_A, ctx, false); // dynamic: refers to itself
                boolean o = client.boolVariation(Flags.LIMIT, ctx, false); // dynamic: no constant string named 'Flags.LIMIT'
                boolean p = client.boolVariation(Flags.TEXT, ctx, false); // dynamic: not a constant string expression
                boolean q = client.boolVariation(Feature.DARK_MODE, ctx, false); // dynamic: no constant string named 'Feature.DARK_MODE'
                boolean r = client.boolVariation(Feature.GONE.name(), ctx, false); // dynamic: no enum entry named 'Feature.GONE'
                boolean s = client.boolVariation(com.shop.flags.Mode.FAST.name(), ctx, false); // key: FAST
                boolean t = client.boolVariation(com.shop.flags.Mode.FAST.toString(), ctx, false); // dynamic: 'com.shop.flags.Mode.FAST' is an entry of an enum that overrides toString()
                boolean u = client.boolVariation(com.shop.flags.Tier.SILVER.toString(), ctx, false); // dynamic: overrides toString(), so its string is not its name
                return a;
            }

            static class Nested {
                boolean x(Unleash unleash) {
                    return unleash.isEnabled(LOCAL); // key: checkout.local
                }
            }
        }
        """;

    private const string Pricing = """
        package com.shop.other;

        import dev.openfeature.sdk.Client;
        import com.shop.flags.*;

        class PricingService extends BaseService<Keys> implements Keys, Comparable<PricingService> {
            interface Local { String KEY = "pricing.local"; }

            boolean on(Client client, Unleash unleash, String flagKey) {
                String computed = flagKey + "-x";
                client.getBooleanValue(Limits.KEY, false); // dynamic: 'Limits.KEY' is ambiguous: 2 declarations
                unleash.isEnabled(flagKey); // dynamic: 'flagKey' is not a constant declared or imported in src/main/java/com/shop/other/PricingService.java
                unleash.isEnabled(computed); // dynamic: 'computed' is a parameter, a local or a field that is not a constant
                unleash.isEnabled(BETA); // key: beta
                unleash.isEnabled(NOT_THERE); // dynamic: no constant string named 'NOT_THERE'
                client.getStringValue(Flags.LEGACY, "x"); // key: legacy
                unleash.isEnabled(Local.KEY); // key: pricing.local
                return unleash.isEnabled(Flags.Checkout.ONE_CLICK); // key: one-click
            }
        }
        """;

    internal static readonly Dictionary<string, string> Files = new()
    {
        ["src/main/java/com/shop/flags/Flags.java"] = Flags,
        ["src/main/java/com/shop/flags/Keys.java"] = Keys,
        ["src/main/java/com/shop/flags/Feature.java"] = Feature,
        ["src/main/java/com/shop/a/Limits.java"] = "package com.shop.a;\n\npublic class Limits { public static final String KEY = \"limit-a\"; }",
        ["src/main/java/com/shop/b/Limits.java"] = "package com.shop.b;\n\npublic class Limits { public static final String KEY = \"limit-b\"; }",
        ["src/main/java/com/shop/checkout/CheckoutService.java"] = Checkout,
        ["src/main/java/com/shop/other/PricingService.java"] = Pricing,
    };

    [Fact]
    public void Every_call_site_resolves_to_the_key_its_comment_names_and_no_other_usage_is_found()
    {
        var result = KeyExpectations.ScanFixture(Files);

        KeyExpectations.AssertFoundExactly(result, Files);
    }

    [Fact]
    public void A_resolved_usage_keeps_its_argument_and_says_where_the_value_is_declared()
    {
        var result = KeyExpectations.ScanFixture(Files);

        var viaImport = result.Usages.Single(u => u.Argument == "NEW_CHECKOUT");
        Assert.Equal(new SourceLocation("src/main/java/com/shop/flags/Flags.java", 7, 32), viaImport.DeclaredAt);
        Assert.Equal(new SourceLocation("src/main/java/com/shop/flags/Flags.java", 30, 61), result.Usages.Single(u => u.Flag == "two-click").DeclaredAt);
        Assert.Equal(new SourceLocation("src/main/java/com/shop/flags/Feature.java", 4, 17), result.Usages.Single(u => u.Flag == "DARK_MODE").DeclaredAt);
        Assert.Equal(new SourceLocation("src/main/java/com/shop/checkout/CheckoutService.java", 12, 33), result.Usages.First(u => u.Flag == "checkout.local").DeclaredAt);
        Assert.Null(result.Usages.Single(u => u.Argument == "key").DeclaredAt);
    }

    [Fact]
    public void Escapes_in_a_literal_are_read_as_java_reads_them()
    {
        var result = KeyExpectations.ScanFixture(new Dictionary<string, string>(Files)
        {
            ["src/main/java/com/shop/Use.java"] = "package com.shop;\nclass Use { boolean f() { return unleash.isEnabled(com.shop.flags.Keys.ESCAPED); } }",
        });

        Assert.Equal("tab\tquote\"\u00e9", result.Usages.Single(u => u.File == "src/main/java/com/shop/Use.java").Flag);
    }
}
