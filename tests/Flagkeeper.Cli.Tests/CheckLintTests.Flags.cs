
namespace Flagkeeper.Cli.Tests;

public partial class CheckLintTests
{
    // ---------------------------------------------------------------- unregistered-flag

    [Fact]
    public void Unregistered_flag_is_reported_once_per_usage_site()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("known"));
        dir.Write("src/a.ts", "isEnabled('known');\nif (isEnabled('ghost')) {}\n  isEnabled('ghost');\n");
        dir.Write("lib/b.py", "if is_enabled(\"ghost\"):\n    pass\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.False(result.Json().RootElement.GetProperty("passed").GetBoolean());
        var findings = Findings(result, "unregistered-flag");
        Assert.Equal<(string?, int, int)>(
        [
            ("lib/b.py", 1, 16),  // 'if is_enabled("' is 15 characters
            ("src/a.ts", 2, 16),  // "if (isEnabled('" is 15 characters
            ("src/a.ts", 3, 14),  // "  isEnabled('" is 13 characters
        ], findings.Select(Place));
        Assert.All(findings, f =>
        {
            Assert.Equal("ghost", f.GetProperty("flag").GetString());
            Assert.Equal("error", f.GetProperty("severity").GetString());
            Assert.Contains("'ghost'", f.GetProperty("message").GetString());
        });
        Assert.Equal(3, result.Json().RootElement.GetProperty("stats").GetProperty("errors").GetInt32());
    }

    [Fact]
    public void Registered_key_and_alias_are_not_unregistered()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("new-checkout", "    aliases: [NEW_CHECKOUT]\n"));
        dir.Write("app.ts", "isEnabled('new-checkout');\nisEnabled('NEW_CHECKOUT');\n");
        dir.Write("Checkout.cs", "class C { bool On() => featureFlags.IsEnabled(\"new-checkout\"); }\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(3, Stats(result).GetProperty("usages").GetInt32());
        Assert.True(result.Json().RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void Nested_registry_applies_only_below_its_folder()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("root-flag"));
        dir.Write("services/search/flags.yaml", Registry("search-box"));
        dir.Write("app.ts", "isEnabled('root-flag');\nisEnabled('search-box');\n");
        dir.Write("services/search/box.ts", "isEnabled('search-box');\nisEnabled('root-flag');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("unregistered-flag", finding.GetProperty("rule").GetString());
        Assert.Equal("search-box", finding.GetProperty("flag").GetString());
        Assert.Equal(("app.ts", 2, 12), Place(finding));
        Assert.Equal(2, Stats(result).GetProperty("registries").GetInt32());
    }

    [Fact]
    public void Loose_key_matching_makes_a_differently_spelled_key_registered()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("new-checkout"));
        dir.Write("app.ts", "isEnabled('NEW_CHECKOUT');\n");

        var exact = Lint(dir);
        Assert.True(exact.ExitCode == 1, exact.ToString());
        Assert.Equal(("app.ts", 1, 12), Place(Assert.Single(Findings(exact, "unregistered-flag"))));

        dir.Write("flagkeeper.yaml", "version: 1\nkeyMatching: loose\n");
        var loose = Lint(dir);
        Assert.True(loose.ExitCode == 0, loose.ToString());
        Assert.Empty(Findings(loose));
    }

    // ---------------------------------------------------------------- expired-flag / expiring-soon

    [Fact]
    public void Expired_flag_is_reported_at_each_usage_site()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("old", "    expires: 2026-11-27\n", type: "release"));
        dir.Write("a.ts", "isEnabled('old');\n");
        dir.Write("b/c.ts", "// x\n    useFlag('old');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 1, result.ToString());
        var findings = Findings(result, "expired-flag");
        Assert.Equal<(string?, int, int)>([("a.ts", 1, 12), ("b/c.ts", 2, 14)], findings.Select(Place));
        Assert.All(findings, f =>
        {
            Assert.Equal("old", f.GetProperty("flag").GetString());
            Assert.Equal("error", f.GetProperty("severity").GetString());
            Assert.Contains("2026-11-27", f.GetProperty("message").GetString());
            Assert.Contains("1 day ago", f.GetProperty("message").GetString());
        });
        Assert.Empty(Findings(result, "unused-flag"));
        Assert.Empty(Findings(result, "expiring-soon"));
    }

    [Theory]
    [InlineData("2026-11-28")] // expires today: not expired yet
    [InlineData("2026-11-29")]
    [InlineData("2027-06-30")]
    public void Flag_expiring_today_or_later_is_not_expired(string expires)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("f", $"    expires: {expires}\n", type: "release"));
        dir.Write("a.ts", "isEnabled('f');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result, "expired-flag"));
        Assert.DoesNotContain(Findings(result), f => f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public void Expired_flag_without_usage_is_unused_not_expired()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("old", "    expires: 2026-01-01\n", type: "release"));
        dir.Write("a.ts", "const x = 1;\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var finding = Assert.Single(Findings(result));
        Assert.Equal("unused-flag", finding.GetProperty("rule").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(("flags.yaml", 3, 3), Place(finding));
    }

    [Theory]
    [InlineData("2026-11-28", true)]  // today: 0 days left
    [InlineData("2026-12-12", true)]  // 14 days: the default window still includes it
    [InlineData("2026-12-13", false)] // 15 days
    [InlineData("2026-11-27", false)] // already expired: expired-flag territory, not expiring-soon
    public void Expiring_soon_warns_within_14_days_at_the_expires_line(string expires, bool warns)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry("soon", $"    expires: {expires}\n", type: "release"));
        dir.Write("a.ts", "isEnabled('soon');\n");

        var result = Lint(dir);

        var soon = Findings(result, "expiring-soon");
        if (warns)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var finding = Assert.Single(soon);
            Assert.Equal("warning", finding.GetProperty("severity").GetString());
            Assert.Equal("soon", finding.GetProperty("flag").GetString());
            // "    expires: " is 13 characters; the finding points at the date on line 7.
            Assert.Equal(("flags.yaml", 7, 14), Place(finding));
            Assert.Contains(expires, finding.GetProperty("message").GetString());
        }
        else
        {
            Assert.Empty(soon);
        }
    }

    [Theory]
    [InlineData("2026-12-13", true)]  // 15 days
    [InlineData("2026-12-28", true)]  // 30 days
    [InlineData("2026-12-29", false)] // 31 days
    public void Expiring_soon_window_is_configurable(string expires, bool warns)
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nexpiringSoonDays: 30\n");
        dir.Write("flags.yaml", Registry("soon", $"    expires: {expires}\n", type: "release"));
        dir.Write("a.ts", "isEnabled('soon');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(warns ? 1 : 0, Findings(result, "expiring-soon").Count);
        if (warns)
        {
            Assert.Equal(("flags.yaml", 7, 14), Place(Findings(result, "expiring-soon")[0]));
        }
    }
}
