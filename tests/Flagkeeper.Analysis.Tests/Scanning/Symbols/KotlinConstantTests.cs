using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The Kotlin symbol pass on a small service written the way real ones are (top-level <c>const val</c>s, an <c>object</c>
/// with a nested object, a companion object, string templates, aliased and wildcard imports, one name in two packages):
/// every call site carries its expected key in a <c>// key: K</c> comment, and the scan must find exactly those.
/// </summary>
public class KotlinConstantTests
{
    private const string Flags = """"
        package com.shop.flags

        // const val NEW_CHECKOUT = "commented-out"
        /* outer /* nested */ const val SEARCH = "still-a-comment" */
        const val TOP_LEVEL = "top-level"
        const val PREFIX: String = "shop."

        object Flags {
            const val NEW_CHECKOUT = "${PREFIX}new-checkout"
            const val SEARCH = "$PREFIX" +
                "search"
            val NOT_CONST = "not-const"
            const val RAW = """raw-key"""
            const val LIMIT = 3
            @JvmField val FIELD = "field"

            object Checkout {
                const val EXPRESS = "express"
            }

            fun describe(): String {
                val local = "local"
                return "$local {"
            }
        }

        enum class Feature(val code: String) {
            DARK_MODE("dm"),
            WISHLIST("w");

            fun isNew() = this == WISHLIST
        }

        data class Context(val id: String)
        """";

    private const string Checkout = """
        package com.shop.checkout

        import com.shop.flags.Flags
        import com.shop.flags.Flags.Checkout.EXPRESS
        import com.shop.flags.Flags as F
        import com.shop.flags.TOP_LEVEL
        import com.shop.flags.Feature
        import com.shop.flags.PREFIX as P
        import com.shop.other.*
        import com.shop.another.*
        import dev.openfeature.sdk.Client

        class CheckoutService(private val client: Client, private val unleash: Unleash) {
            companion object {
                const val LOCAL = "checkout.local"
                private const val DERIVED = "$LOCAL-derived"
            }

            fun run(key: String): Boolean {
                client.getBooleanValue(Flags.NEW_CHECKOUT, false) // key: shop.new-checkout
                client.getBooleanValue(F.SEARCH, false) // key: shop.search
                unleash.isEnabled(EXPRESS) // key: express
                unleash.isEnabled(Flags.Checkout.EXPRESS) // key: express
                unleash.isEnabled(TOP_LEVEL) // key: top-level
                unleash.isEnabled(P) // key: shop.
                unleash.isEnabled(LOCAL) // key: checkout.local
                unleash.isEnabled(CheckoutService.DERIVED) // key: checkout.local-derived
                unleash.isEnabled(CheckoutService.Companion.LOCAL) // key: checkout.local
                unleash.isEnabled(Feature.DARK_MODE.name) // key: DARK_MODE
                unleash.isEnabled(Flags.RAW) // key: raw-key
                unleash.isEnabled(SAME) // key: same
                unleash.isEnabled(SHARED) // dynamic: 'SHARED' is ambiguous: 2 declarations
                unleash.isEnabled(Flags.NOT_CONST) // dynamic: no constant string named 'Flags.NOT_CONST'
                unleash.isEnabled(Flags.FIELD) // dynamic: no constant string named 'Flags.FIELD'
                unleash.isEnabled(Flags.LIMIT) // dynamic: not a constant string expression
                unleash.isEnabled(Feature.DARK_MODE) // dynamic: no constant string named 'Feature.DARK_MODE'
                return unleash.isEnabled(key) // dynamic: 'key' is a parameter, a local or a field that is not a constant
            }
        }
        """;

    private const string Helper = """
        package com.shop.checkout

        const val PACKAGE_KEY = "package-key"

        fun helper(unleash: Unleash) = unleash.isEnabled(PACKAGE_KEY) // key: package-key
        fun other(unleash: Unleash) = unleash.isEnabled(SIBLING) // key: sibling
        """;

    internal static readonly Dictionary<string, string> Files = new()
    {
        ["app/src/main/kotlin/com/shop/flags/Flags.kt"] = Flags,
        ["app/src/main/kotlin/com/shop/checkout/CheckoutService.kt"] = Checkout,
        ["app/src/main/kotlin/com/shop/checkout/Helper.kt"] = Helper,
        ["app/src/main/kotlin/com/shop/checkout/Sibling.kt"] = "package com.shop.checkout\n\nconst val SIBLING = \"sibling\"",
        ["app/src/main/kotlin/com/shop/other/Other.kt"] = "package com.shop.other\n\nconst val SHARED = \"other-shared\"\nconst val SAME = \"same\"",
        ["app/src/main/kotlin/com/shop/another/Another.kt"] = "package com.shop.another\n\nconst val SHARED = \"another-shared\"\nconst val SAME = \"same\"",
    };

    [Fact]
    public void Every_call_site_resolves_to_the_key_its_comment_names_and_no_other_usage_is_found()
    {
        var result = KeyExpectations.ScanFixture(Files);

        KeyExpectations.AssertFoundExactly(result, Files);
    }

    [Fact]
    public void A_resolved_usage_says_where_the_value_is_declared_even_in_a_companion_object()
    {
        var result = KeyExpectations.ScanFixture(Files);

        Assert.Equal(new SourceLocation("app/src/main/kotlin/com/shop/flags/Flags.kt", 9, 15), result.Usages.Single(u => u.Argument == "Flags.NEW_CHECKOUT").DeclaredAt);
        Assert.Equal(new SourceLocation("app/src/main/kotlin/com/shop/checkout/CheckoutService.kt", 15, 19), result.Usages.Single(u => u.Argument == "LOCAL").DeclaredAt);
        Assert.Equal(new SourceLocation("app/src/main/kotlin/com/shop/flags/Flags.kt", 6, 11), result.Usages.Single(u => u.Argument == "P").DeclaredAt);
        Assert.Equal(new SourceLocation("app/src/main/kotlin/com/shop/another/Another.kt", 4, 11), result.Usages.Single(u => u.Argument == "SAME").DeclaredAt);
    }
}
