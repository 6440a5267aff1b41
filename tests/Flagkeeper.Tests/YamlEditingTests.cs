using System.Text;
using Flagkeeper.Diagnostics;
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
public class YamlEditingTests
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

    [Fact]
    public void Crlf_file_stays_crlf_after_a_value_edit()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented.Replace("\n", "\r\n", StringComparison.Ordinal));

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        var expected = Commented.Replace("    rollout: 10 # percent", "    rollout: 30 # percent", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        Assert.Equal(expected, dir.Read("flags.yaml"));
    }

    public static TheoryData<string> LineAddingEdits => new() { "new environment", "new environments block", "add flag", "new field" };

    [Theory]
    [MemberData(nameof(LineAddingEdits))]
    public void Crlf_file_stays_crlf_everywhere_after_an_edit_that_adds_lines(string edit)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented.Replace("\n", "\r\n", StringComparison.Ordinal));
        RegistryEdit change = edit switch
        {
            "new environment" => new SetFlagValue("checkout-v2", "staging", "rollout", 50.0),
            "new environments block" => new SetFlagValue("kill-payments", "production", "enabled", true),
            "add flag" => new AddFlag("ops", [new("description", "d"), new("owner", "o"), new("type", "operational")]),
            _ => new SetFlagValue("kill-payments", null, "rollout", 40.0),
        };

        Edit(path, change);

        var text = dir.Read("flags.yaml");
        for (var i = 0; i < text.Length; i++)
        {
            var ok = text[i] switch
            {
                '\n' => i > 0 && text[i - 1] == '\r',
                '\r' => i + 1 < text.Length && text[i + 1] == '\n',
                _ => true,
            };
            Assert.True(ok, $"{edit}: lone line-break character at line {text[..i].Count(c => c == '\n') + 1}:\n{text.Replace("\r", "\\r", StringComparison.Ordinal)}");
        }
        Assert.Equal(OriginalLines.Length + (edit switch { "add flag" => 4, "new environments block" => 2, _ => 1 }), text.Split("\r\n").Length);
    }

    [Fact]
    public void Crlf_file_stays_crlf_after_removing_a_flag()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented.Replace("\n", "\r\n", StringComparison.Ordinal));

        Edit(path, new RemoveFlag("kill-payments"));

        var text = dir.Read("flags.yaml");
        Assert.DoesNotContain("kill-payments", text, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length, text.Split("\r\n").Length);
    }

    [Fact]
    public void Byte_order_mark_is_kept()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("flags.yaml", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Commented)]);

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        var bytes = File.ReadAllBytes(path);
        var expected = Commented.Replace("    rollout: 10 # percent", "    rollout: 30 # percent", StringComparison.Ordinal);
        Assert.Equal([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(expected)], bytes);
    }

    [Fact]
    public void File_without_a_byte_order_mark_does_not_get_one()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void Non_ascii_text_elsewhere_is_kept_byte_for_byte()
    {
        using var dir = new TempDirectory();
        var text = Commented.Replace("# Owned by the platform team", "# Gepflegt von José & Zoë ✓ 🚀", StringComparison.Ordinal);
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        Assert.Equal(text.Replace("rollout: 10 #", "rollout: 30 #", StringComparison.Ordinal), dir.Read("flags.yaml"));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_on_other_lines_are_kept_or_the_edit_is_refused()
    {
        // A comment saved in Latin-1 ("José" with a single 0xE9 byte). Either the edit is refused or the
        // byte must survive: rewriting it as U+FFFD would change a line nobody asked to change.
        using var dir = new TempDirectory();
        var latin1Line = Encoding.Latin1.GetBytes("# maintained by Jos\u00e9\n");
        var original = latin1Line.Concat(Encoding.UTF8.GetBytes(Commented)).ToArray();
        var path = dir.WriteBytes("flags.yaml", original);

        try
        {
            Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));
        }
        catch (FlagkeeperException)
        {
            Assert.Equal(original, File.ReadAllBytes(path));
            return;
        }
        var expected = latin1Line.Concat(Encoding.UTF8.GetBytes(Commented.Replace("rollout: 10 #", "rollout: 30 #", StringComparison.Ordinal))).ToArray();
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void Adding_a_release_flag_without_expiry_is_FK3010_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3010", new AddFlag("no-expiry", [new("description", "d"), new("owner", "o"), new("type", "release")]));
    }

    [Fact]
    public void Removing_a_flag_another_flag_requires_is_FK3010_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3010", new RemoveFlag("checkout-v2"));
    }

    [Fact]
    public void Refusal_message_names_the_rule_that_would_break()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        var ex = Assert.Throws<FlagkeeperException>(() => Edit(path, new RemoveFlag("checkout-v2")));

        Assert.Contains("unknown-prerequisite", ex.Error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_an_out_of_range_rollout_is_FK3010_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3010", new SetFlagValue("checkout-v2", "production", "rollout", 150.0));
    }

    [Fact]
    public void Adding_a_flag_that_already_exists_is_refused_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3010", new AddFlag("kill-payments", [new("description", "d"), new("owner", "o"), new("type", "operational")]));
    }

    [Fact]
    public void An_error_that_was_already_there_does_not_block_an_edit()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  a:\n    rollout: 10\n";
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("a", null, "rollout", 20.0));

        Assert.Equal("version: 1\nflags:\n  a:\n    rollout: 20\n", dir.Read("flags.yaml"));
    }

    [Fact]
    public void Second_edit_refused_means_the_first_is_not_written_either()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3009",
            new SetFlagValue("checkout-v2", null, "rollout", 30.0),
            new SetFlagValue("ghost", null, "enabled", true));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("production")]
    public void Editing_a_flag_that_does_not_exist_is_FK3009_and_writes_nothing(string? environment)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3009", new SetFlagValue("ghost", environment, "enabled", true));
    }

    [Fact]
    public void Removing_a_flag_that_does_not_exist_is_FK3009_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3009", new RemoveFlag("old-banner"));
    }

    [Theory]
    [InlineData("version: 1\nflags:\n  a:\n    owner: 'unterminated\n", "FK3001")]
    [InlineData("version: 1\nflags:\n  a: [1, 2\n  b: 3\n", "FK3001")]
    [InlineData("version: 1\nflags:\n  a:\n    ownr: x\n", "FK3003")]
    [InlineData("# nothing\n", "FK3002")]
    public void Editing_a_broken_file_is_an_error_and_writes_nothing(string text, string code)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", text);

        AssertRefused(path, code, new SetFlagValue("a", null, "enabled", true));
    }

    [Theory]
    [InlineData("rollout", 10.0)]
    [InlineData("enabled", false)]
    public void No_op_edit_returns_unchanged_and_does_not_touch_the_file(string field, object value)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));

        var outcome = Edit(path, new SetFlagValue("checkout-v2", null, field, value));

        Assert.False(outcome.Changed);
        Assert.Empty(outcome.Changes);
        Assert.Equal(Commented, dir.Read("flags.yaml"));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Set_value_of_a_flag_written_as_a_flow_mapping()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  a: { description: d, owner: o, type: operational }  # flow\n";
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("a", null, "rollout", 30.0));

        Assert.Equal("version: 1\nflags:\n  a: { description: d, owner: o, type: operational, rollout: 30 }  # flow\n", dir.Read("flags.yaml"));
    }

    [Fact]
    public void Set_new_environment_in_a_flow_environments_mapping()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n" + TestRegistries.Flag("a", "    environments: { prod: { rollout: 5 } } # envs\n");
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("a", "qa", "rollout", 30.0));

        Assert.Equal(text.Replace("{ prod: { rollout: 5 } }", "{ prod: { rollout: 5 }, qa: { rollout: 30 } }", StringComparison.Ordinal), dir.Read("flags.yaml"));
        Assert.Equal(30, ReadBack(path, "a").Environments.Single(e => e.Name == "qa").Rollout);
    }

    [Fact]
    public void Set_new_environment_on_a_flag_written_as_a_flow_mapping()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  a: { description: d, owner: o, type: operational }  # flow\n  b: { description: d, owner: o, type: operational }\n";
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("a", "qa", "rollout", 30.0));

        var lines = dir.Read("flags.yaml").Split('\n');
        Assert.Equal(text.Split('\n').Length, lines.Length);
        Assert.StartsWith("  a: { description: d, owner: o, type: operational, ", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("}  # flow", lines[2], StringComparison.Ordinal);
        Assert.Equal(30, ReadBack(path, "a").Environments.Single().Rollout);
    }

    [Theory]
    [InlineData("|")]
    [InlineData(">")]
    public void Set_new_field_on_a_flag_whose_last_field_is_a_block_scalar(string style)
    {
        using var dir = new TempDirectory();
        var a = $"  a:\n    owner: o\n    type: operational\n    description: {style}\n      long text\n      more\n";
        var b = "  b:\n    owner: o\n    type: operational\n    description: d\n";
        var path = dir.Write("flags.yaml", "version: 1\nflags:\n" + a + b);

        Edit(path, new SetFlagValue("a", null, "rollout", 30.0));

        Assert.Equal("version: 1\nflags:\n" + a + "    rollout: 30\n" + b, dir.Read("flags.yaml"));
    }

    [Fact]
    public void Remove_a_flag_whose_last_field_is_a_block_scalar()
    {
        using var dir = new TempDirectory();
        var a = "  a:\n    owner: o\n    type: operational\n    description: |\n      long text\n";
        var b = "  b:\n    owner: o\n    type: operational\n    description: d\n";
        var path = dir.Write("flags.yaml", "version: 1\nflags:\n" + a + b);

        Edit(path, new RemoveFlag("a"));

        Assert.Equal("version: 1\nflags:\n" + b, dir.Read("flags.yaml"));
    }

    [Fact]
    public void Set_value_on_a_flag_that_is_an_alias_does_not_change_the_anchored_flag()
    {
        // b is written as an alias of a; changing b must not silently change a as well.
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  a: &base\n    description: d\n    owner: o\n    type: operational\n  b: *base\n";
        var path = dir.Write("flags.yaml", text);

        try
        {
            Edit(path, new SetFlagValue("b", null, "rollout", 30.0));
        }
        catch (FlagkeeperException)
        {
            Assert.Equal(text, dir.Read("flags.yaml"));
            return;
        }
        Assert.Equal(30, ReadBack(path, "b").Rollout);
        Assert.Null(ReadBack(path, "a").Rollout);
    }

    [Fact]
    public void Rollout_given_as_a_whole_number_is_written_and_accepted()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30));

        Assert.Equal(30, ReadBack(path, "checkout-v2").Rollout);
    }

    [Fact]
    public void Edit_of_a_missing_file_creates_a_new_registry()
    {
        using var dir = new TempDirectory();
        var path = dir["flags.yaml"];

        Edit(path, new AddFlag("first", [new("description", "d"), new("owner", "o"), new("type", "operational")]));

        Assert.StartsWith(RegistryFileEditor.NewRegistryText, dir.Read("flags.yaml"), StringComparison.Ordinal);
        Assert.Equal("o", ReadBack(path, "first").Owner);
    }
}
