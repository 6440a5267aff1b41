using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>
/// The Python symbol pass on a small service written the way real ones are (a flags package re-exporting from a module,
/// <c>Final</c> and annotated constants, <c>str</c> enums, relative and aliased imports, a name assigned twice, two
/// <c>settings</c> modules): every call site carries its expected key in a <c># key: K</c> comment (or
/// <c># dynamic: reason words</c>), and the scan must find exactly those.
/// </summary>
public class PythonConstantTests
{
    private const string Init = """
        '''Flag names. NEW_CHECKOUT = "in-a-docstring"'''
        from .names import NEW_CHECKOUT, Flag
        from .names import PREFIX as P
        from . import experiments
        """;

    private const string Names = """
        import enum
        import os
        from enum import Enum, StrEnum
        from typing import Final

        # NEW_CHECKOUT = "commented-out"
        PREFIX = "shop."
        NEW_CHECKOUT: Final = PREFIX + "new-checkout"
        SEARCH: Final[str] = f"{PREFIX}search" "-v2"
        RAW = r"raw\key"
        ESCAPED = "tab\tq\"\u00e9"
        TWICE = "first"
        TWICE = "second"
        COUNTER = "counter"
        COUNTER += "-changed"
        LIMIT = 3
        FORMATTED = f"{PREFIX!r}"
        FROM_ENV = os.environ.get("X", "y")
        LONG = (
            PREFIX
            + "long"
        )


        class Flag(str, Enum):
            BETA = "beta"
            GAMMA = PREFIX + "gamma"

            def describe(self):
                OTHER = "not-a-member"
                return OTHER


        class Plain(enum.Enum):
            DELTA = "delta"


        class Modern(StrEnum):
            EPSILON = "epsilon"


        def reset():
            global SEARCH_OVERRIDE
            SEARCH_OVERRIDE = "changed"


        SEARCH_OVERRIDE = "search-override"
        """;

    private const string Cart = """
        import ldclient
        from ldclient import Context
        from app.flags import NEW_CHECKOUT, Flag, P
        from app.flags.names import (
            SEARCH,
            TWICE,
            COUNTER,
            LIMIT,
            FORMATTED,
            FROM_ENV,
            RAW,
            SEARCH_OVERRIDE,
            LONG,
        )
        from app.flags.names import Plain, Modern as M
        from app.flags import experiments
        import app.flags.names as names
        import app.flags.names

        LOCAL_KEY = "cart.local"


        class Cart:
            KEY = "class-attribute"

            def checkout(self, client, ctx, key):
                client.is_enabled(NEW_CHECKOUT, ctx)  # key: shop.new-checkout
                client.is_enabled(Flag.BETA)  # key: beta
                client.is_enabled(Flag.GAMMA.value)  # key: shop.gamma
                client.is_enabled(SEARCH)  # key: shop.search-v2
                client.is_enabled(RAW)  # key: raw\key
                client.is_enabled(P)  # key: shop.
                client.is_enabled(M.EPSILON)  # key: epsilon
                client.is_enabled(Plain.DELTA.value)  # key: delta
                client.is_enabled(Plain.DELTA.name)  # key: DELTA
                client.is_enabled(names.PREFIX)  # key: shop.
                client.is_enabled(app.flags.names.LONG)  # key: shop.long
                client.is_enabled(experiments.CHECKOUT_AB)  # key: exp.checkout-ab
                client.is_enabled(LOCAL_KEY)  # key: cart.local
                ldclient.get().variation(names.Flag.BETA, ctx, False)  # key: beta
                client.get_boolean_value(LONG, False)  # key: shop.long
                client.is_enabled(TWICE)  # dynamic: TWICE is bound more than once in app/flags/names.py (lines 12, 13)
                client.is_enabled(COUNTER)  # dynamic: bound more than once
                client.is_enabled(SEARCH_OVERRIDE)  # dynamic: bound more than once
                client.is_enabled(LIMIT)  # dynamic: not a constant string expression
                client.is_enabled(FORMATTED)  # dynamic: an f-string hole has a format or a conversion
                client.is_enabled(FROM_ENV)  # dynamic: not a constant string expression
                client.is_enabled(Plain.DELTA)  # dynamic: an enum member that is not a str (use .value)
                client.is_enabled(Flag.GONE)  # dynamic: GONE is not a member of the enum Flag
                client.is_enabled(Cart.KEY)  # dynamic: not a constant string
                client.is_enabled(key)  # dynamic: key is not a constant assigned or imported at the top level
                client.is_enabled(self.key)  # dynamic: self is not a constant
                return client.is_enabled(names.MISSING)  # dynamic: MISSING is not a constant assigned or imported
        """;

    internal static readonly Dictionary<string, string> Files = new()
    {
        ["app/__init__.py"] = "",
        ["app/flags/__init__.py"] = Init,
        ["app/flags/names.py"] = Names,
        ["app/flags/experiments.py"] = "CHECKOUT_AB = \"exp.checkout-ab\"",
        ["app/svc/cart.py"] = Cart,
        ["services/a/settings.py"] = "KEY = \"a-key\"",
        ["services/b/settings.py"] = "KEY = \"b-key\"",
        ["services/a/main.py"] = "from settings import KEY\nclient.is_enabled(KEY)  # key: a-key",
        ["tools/report.py"] = "from settings import KEY\nclient.is_enabled(KEY)  # dynamic: module settings is ambiguous: services/a/settings.py, services/b/settings.py",
    };

    [Fact]
    public void Every_call_site_resolves_to_the_key_its_comment_names_and_no_other_usage_is_found()
    {
        var result = KeyExpectations.ScanFixture(Files);

        KeyExpectations.AssertFoundExactly(result, Files);
    }

    [Fact]
    public void A_resolved_usage_says_where_the_value_is_declared_through_a_re_export()
    {
        var result = KeyExpectations.ScanFixture(Files);

        Assert.Equal(new SourceLocation("app/flags/names.py", 8, 1), result.Usages.Single(u => u.Argument == "NEW_CHECKOUT").DeclaredAt);
        Assert.Equal(new SourceLocation("app/flags/names.py", 26, 5), result.Usages.Single(u => u.Argument == "Flag.BETA").DeclaredAt);
        Assert.Equal(new SourceLocation("app/svc/cart.py", 20, 1), result.Usages.Single(u => u.Argument == "LOCAL_KEY").DeclaredAt);
        Assert.Null(result.Usages.Single(u => u.Argument == "key").DeclaredAt);
    }

    [Fact]
    public void Escapes_in_a_literal_are_read_as_python_reads_them()
    {
        var result = KeyExpectations.ScanFixture(new Dictionary<string, string>(Files)
        {
            ["app/use.py"] = "from app.flags.names import ESCAPED\nclient.is_enabled(ESCAPED)",
        });

        Assert.Equal("tab\tq\"\u00e9", result.Usages.Single(u => u.File == "app/use.py").Flag);
    }

    [Theory]
    [InlineData("K = \"unterminated\n")]
    [InlineData("K = \"\"\"never closed\n")]
    [InlineData("K = f\"{never closed\n")]
    [InlineData("K = \"\\N{BULLET}\"\n")]
    [InlineData("K = (\n")]
    [InlineData("class E(str, Enum:\n    K = \n")]
    [InlineData("from import ( , as\nimport\nK = b\"bytes\"\n")]
    public void Broken_source_never_stops_the_scan_and_keeps_what_it_can_read(string broken)
    {
        var result = KeyExpectations.ScanFixture(new Dictionary<string, string>
        {
            ["good.py"] = "GOOD = \"good\"",
            ["bad.py"] = broken,
            ["use.py"] = "import good, bad\nclient.is_enabled(good.GOOD)\nclient.is_enabled(bad.K)",
        });

        Assert.Empty(result.Errors);
        Assert.Equal("good", result.Usages.Single(u => u.Argument == "good.GOOD").Flag);
        Assert.Equal(UsageKind.Dynamic, result.Usages.Single(u => u.Argument == "bad.K").Kind);
    }

    [Fact]
    public void A_module_that_imports_itself_in_a_cycle_stays_dynamic()
    {
        var result = KeyExpectations.ScanFixture(new Dictionary<string, string>
        {
            ["a.py"] = "from b import K",
            ["b.py"] = "from a import K",
            ["use.py"] = "from a import K\nclient.is_enabled(K)",
        });

        Assert.Contains("refers back to itself", Assert.Single(result.Usages).Unresolved, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KeyExpectations.Encodings), MemberType = typeof(KeyExpectations))]
    public void A_file_is_checked_for_a_binding_alike_whether_read_as_utf8_bytes_or_decoded(string variant)
    {
        // UTF-8 files are checked in pooled buffers before any decoding; every other file is decoded first.
        var result = KeyExpectations.ScanEncoded("app.py",
            "K = 'bound-key'\nclient.is_enabled(K)\n\ndef f(user_key):\n    return client.is_enabled(user_key)\n", "#", variant);

        Assert.Equal("bound-key", Assert.Single(result.Usages, u => u.Argument == "K").Flag);
        var local = Assert.Single(result.Usages, u => u.Argument == "user_key");
        Assert.Equal(UsageKind.Dynamic, local.Kind);
        Assert.Equal("user_key is not a constant assigned or imported at the top level of app.py", local.Unresolved);
    }
}
