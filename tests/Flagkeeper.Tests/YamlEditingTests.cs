using Flagkeeper.Editing;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

using static Flagkeeper.Tests.Edits;

namespace Flagkeeper.Tests;

/// <summary>
/// Edits through <see cref="RegistryFileEditor"/> on a real file full of comments: only the edited
/// value (or the inserted or removed lines) may change; every other line stays byte for byte.
/// Refused edits leave the file exactly as it was.
/// </summary>
public partial class YamlEditingTests
{
    /// <summary>A registry with header comments, comments between flags, trailing comments, a commented-out flag, both quote styles and blank lines.</summary>
    private const string Commented = """
        # Flagkeeper registry for the shop.
        # Owned by the platform team; see docs/registry.md.

        version: 1 # schema version
        environments: [production, staging]  # the known environments

        flags:
          # Checkout -----------------------------------------------
          checkout-v2:
            description: "New checkout: one page"   # double-quoted
            owner: 'team-payments'  # single-quoted
            type: release
            expires: 2027-03-31
            enabled: false # off until launch
            rollout: 10 # percent
            environments:
              production: { enabled: true, rollout: 5 } # careful here
            tags: [checkout]

          # Search -------------------------------------------------
          search-ranking:
            description: Better ranking
            owner: team-search
            type: experiment
            expires: 2027-01-31
            enabled: true
            requires: [checkout-v2]
            environments:
              staging:
                rollout: 50 # half of staging

          # old-banner:
          #   description: retired
          #   owner: team-web

          kill-payments:
            description: 'Stops card payments, it''s the big red button'
            owner: team-payments
            type: kill-switch
            enabled: false

        # end of flags

        """;

    private static readonly string[] OriginalLines = Commented.Split('\n');

    private static FlagDefinition ReadBack(string path, string key)
    {
        var result = RegistryReader.ReadFile(path, Path.GetFileName(path));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Registry!.Find(key) ?? throw new Xunit.Sdk.XunitException($"flag '{key}' is gone");
    }

    /// <summary>1-based line number of the single line of <see cref="Commented"/> that contains <paramref name="text"/>.</summary>
    private static int LineOf(string text)
    {
        var matches = OriginalLines.Select((line, i) => (line, i)).Where(x => x.line.Contains(text, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"'{text}' is on {matches.Count} lines of the test registry");
        return matches[0].i + 1;
    }

    /// <summary>The original lines with <paramref name="change"/> applied; compared line by line to the file.</summary>
    private static void AssertLines(string actualText, Action<List<string>> change)
    {
        var expected = OriginalLines.ToList();
        change(expected);
        var actual = actualText.Split('\n');
        for (var i = 0; i < Math.Max(expected.Count, actual.Length); i++)
        {
            var e = i < expected.Count ? expected[i] : "<no line>";
            var a = i < actual.Length ? actual[i] : "<no line>";
            Assert.True(e == a, $"line {i + 1} differs\nexpected: {Show(e)}\nactual:   {Show(a)}\n--- file\n{actualText}");
        }
    }

    private static string Show(string line) => line.Replace("\r", "\\r", StringComparison.Ordinal);

    private static void AssertEveryCommentKept(string actualText, params string[] except)
    {
        foreach (var line in OriginalLines.Where(l => l.Contains('#', StringComparison.Ordinal)))
        {
            var comment = line[line.IndexOf('#', StringComparison.Ordinal)..];
            if (!except.Any(x => line.Contains(x, StringComparison.Ordinal)))
            {
                Assert.Contains(comment, actualText, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Set_rollout_changes_only_the_rollout_value_and_keeps_its_comment()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        var outcome = Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        Assert.True(outcome.Changed);
        Assert.Equal(["checkout-v2: rollout = 30"], outcome.Changes);
        AssertLines(dir.Read("flags.yaml"), lines => lines[LineOf("rollout: 10") - 1] = "    rollout: 30 # percent");
        Assert.Equal(30, ReadBack(path, "checkout-v2").Rollout);
    }

    [Fact]
    public void Set_fractional_rollout_writes_the_number_plainly()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 12.5));

        AssertLines(dir.Read("flags.yaml"), lines => lines[LineOf("rollout: 10") - 1] = "    rollout: 12.5 # percent");
        Assert.Equal(12.5, ReadBack(path, "checkout-v2").Rollout);
    }

    [Fact]
    public void Set_enabled_changes_only_the_enabled_value()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("checkout-v2", null, "enabled", true));

        AssertLines(dir.Read("flags.yaml"), lines => lines[LineOf("off until launch") - 1] = "    enabled: true # off until launch");
        Assert.True(ReadBack(path, "checkout-v2").Enabled);
    }

    [Fact]
    public void Set_rollout_on_a_flag_without_one_adds_a_line_after_the_flag()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("kill-payments", null, "rollout", 40.0));

        AssertLines(dir.Read("flags.yaml"), lines => lines.Insert(LineOf("type: kill-switch") + 1, "    rollout: 40"));
        Assert.Equal(40, ReadBack(path, "kill-payments").Rollout);
    }

    [Fact]
    public void Set_environment_value_inside_an_existing_flow_mapping()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("checkout-v2", "production", "rollout", 20.0));

        AssertLines(dir.Read("flags.yaml"), lines =>
            lines[LineOf("production: {") - 1] = "      production: { enabled: true, rollout: 20 } # careful here");
        Assert.Equal(20, ReadBack(path, "checkout-v2").Environments.Single(e => e.Name == "production").Rollout);
    }

    [Fact]
    public void Set_environment_value_inside_an_existing_block_mapping()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("search-ranking", "staging", "rollout", 75.0));

        AssertLines(dir.Read("flags.yaml"), lines => lines[LineOf("half of staging") - 1] = "        rollout: 75 # half of staging");
        Assert.Equal(75, ReadBack(path, "search-ranking").Environments.Single().Rollout);
    }

    [Fact]
    public void Set_new_field_in_an_existing_block_environment_mapping()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("search-ranking", "staging", "enabled", false));

        AssertLines(dir.Read("flags.yaml"), lines => lines.Insert(LineOf("half of staging"), "        enabled: false"));
        Assert.Equal(false, ReadBack(path, "search-ranking").Environments.Single().Enabled);
    }

    [Fact]
    public void Set_new_environment_when_environments_exists_adds_one_line_in_its_block()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("checkout-v2", "staging", "rollout", 50.0));

        AssertLines(dir.Read("flags.yaml"), lines => lines.Insert(LineOf("production: {"), "      staging: { rollout: 50 }"));
        var flag = ReadBack(path, "checkout-v2");
        Assert.Equal(["production", "staging"], flag.Environments.Select(e => e.Name));
        Assert.Equal((false, 50.0), flag.In("staging"));
    }

    [Fact]
    public void Set_new_environment_when_environments_is_absent_adds_the_block()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("kill-payments", "production", "enabled", true));

        AssertLines(dir.Read("flags.yaml"), lines =>
            lines.InsertRange(LineOf("type: kill-switch") + 1, ["    environments:", "      production: { enabled: true }"]));
        Assert.Equal(true, ReadBack(path, "kill-payments").Environments.Single(e => e.Name == "production").Enabled);
    }

    [Fact]
    public void Set_new_environment_when_environments_is_empty_fills_it_in()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  a:\n    description: d\n    owner: o\n    type: operational\n    environments: # none yet\n    tags: [x]\n";
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("a", "qa", "rollout", 5.0));

        Assert.Equal(text.Replace("    environments: # none yet\n", "    environments: # none yet\n      qa: { rollout: 5 }\n", StringComparison.Ordinal), dir.Read("flags.yaml"));
        Assert.Equal(5, ReadBack(path, "a").Environments.Single().Rollout);
    }

    [Fact]
    public void Add_flag_appends_it_after_the_last_flag_and_keeps_every_comment()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new AddFlag("new-flag",
        [
            new("description", "Needs: quoting"),
            new("owner", "team-new"),
            new("type", "release"),
            new("expires", new DateOnly(2027, 6, 30)),
            new("enabled", false),
            new("requires", new[] { "checkout-v2" }),
        ]));

        var text = dir.Read("flags.yaml");
        AssertLines(text, lines => lines.InsertRange(LineOf("type: kill-switch") + 1,
        [
            "  new-flag:",
            "    description: \"Needs: quoting\"",
            "    owner: team-new",
            "    type: release",
            "    expires: 2027-06-30",
            "    enabled: false",
            "    requires: [checkout-v2]",
        ]));
        AssertEveryCommentKept(text);
        var flag = ReadBack(path, "new-flag");
        Assert.Equal("Needs: quoting", flag.Description);
        Assert.Equal(new DateOnly(2027, 6, 30), flag.Expires);
        Assert.Equal(["checkout-v2"], flag.Requires.Select(r => r.Key));
    }

    [Fact]
    public void Add_flag_separates_it_with_a_blank_line_when_the_flags_are()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  a:\n    description: d\n    owner: o\n    type: operational\n\n  b:\n    description: d\n    owner: o\n    type: operational\n";
        var path = dir.Write("flags.yaml", text);

        Edit(path, new AddFlag("c", [new("description", "d"), new("owner", "o"), new("type", "operational")]));

        Assert.Equal(text + "\n  c:\n    description: d\n    owner: o\n    type: operational\n", dir.Read("flags.yaml"));
    }

    [Theory]
    [InlineData("version: 1\nflags:\n")]
    [InlineData("version: 1\nflags: # nothing yet\n")]
    [InlineData("version: 1\nflags: {}\n")]
    [InlineData("version: 1\n")]
    public void Add_flag_to_a_registry_without_flags(string text)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", text);

        Edit(path, new AddFlag("first", [new("description", "d"), new("owner", "o"), new("type", "operational")]));

        var written = dir.Read("flags.yaml");
        Assert.StartsWith("version: 1\n", written, StringComparison.Ordinal);
        Assert.Contains("\n  first:\n    description: d\n    owner: o\n    type: operational\n", written, StringComparison.Ordinal);
        Assert.Equal("o", ReadBack(path, "first").Owner);
    }

    [Fact]
    public void Remove_flag_removes_exactly_its_lines()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new RemoveFlag("search-ranking"));

        var text = dir.Read("flags.yaml");
        AssertLines(text, lines =>
        {
            var first = LineOf("search-ranking:") - 1;
            lines.RemoveRange(first, LineOf("half of staging") - first);
        });
        AssertEveryCommentKept(text, except: "half of staging");
        var registry = RegistryReader.ReadFile(path, "flags.yaml").Registry!;
        Assert.Equal(["checkout-v2", "kill-payments"], registry.Flags.Select(f => f.Key));
    }

    [Fact]
    public void Remove_last_flag_keeps_the_comments_after_it()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new RemoveFlag("kill-payments"));

        // The flag sits between two blank lines: the one before it goes too, so no double blank is left.
        var text = dir.Read("flags.yaml");
        AssertLines(text, lines =>
        {
            var first = LineOf("kill-payments:") - 2;
            Assert.Equal("", lines[first]);
            lines.RemoveRange(first, LineOf("type: kill-switch") + 1 - first);
        });
        AssertEveryCommentKept(text);
        Assert.Null(RegistryReader.ReadFile(path, "flags.yaml").Registry!.Find("kill-payments"));
    }

    [Fact]
    public void Remove_flag_between_blank_lines_drops_one_blank_line()
    {
        using var dir = new TempDirectory();
        var a = "  a:\n    description: d\n    owner: o\n    type: operational\n";
        var b = "  b:\n    description: d\n    owner: o\n    type: operational\n";
        var c = "  c:\n    description: d\n    owner: o\n    type: operational\n";
        var path = dir.Write("flags.yaml", $"version: 1\nflags:\n{a}\n{b}\n{c}");

        Edit(path, new RemoveFlag("b"));

        Assert.Equal($"version: 1\nflags:\n{a}\n{c}", dir.Read("flags.yaml"));
    }

    [Fact]
    public void Several_edits_in_one_call_all_apply()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        var outcome = Edit(path,
            new SetFlagValue("checkout-v2", null, "enabled", true),
            new SetFlagValue("checkout-v2", null, "rollout", 100.0),
            new SetFlagValue("checkout-v2", "staging", "enabled", false));

        Assert.Equal(3, outcome.Changes.Count);
        AssertLines(dir.Read("flags.yaml"), lines =>
        {
            lines[LineOf("off until launch") - 1] = "    enabled: true # off until launch";
            lines[LineOf("rollout: 10") - 1] = "    rollout: 100 # percent";
            lines.Insert(LineOf("production: {"), "      staging: { enabled: false }");
        });
        var flag = ReadBack(path, "checkout-v2");
        Assert.Equal((true, 100.0), flag.In(null));
        Assert.Equal((false, 100.0), flag.In("staging"));
    }

}
