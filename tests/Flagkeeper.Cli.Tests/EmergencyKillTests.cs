namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flags kill` end to end: each flag goes to its safe state (a kill switch on, everything else off), the
/// registries are read back, and anything that could not be changed is named with its reason (exit 2).
/// </summary>
public class EmergencyKillTests
{
    private const string WithKillSwitch = """
        version: 1
        environments: [staging, production]
        flags:
          checkout-kill-switch:           # on = checkout is off
            description: Turns checkout off
            owner: payments-team
            type: kill-switch
            enabled: false
            environments:
              production: { enabled: false, rollout: 50 }
          new-checkout:
            description: New checkout
            owner: payments-team
            type: operational
            enabled: true
        """;

    private const string OneFlagOn = "version: 1\nflags:\n  fast-search:\n    description: d\n    owner: o\n    type: operational\n    enabled: true\n";

    [Fact]
    public void Kill_all_engages_a_kill_switch_everywhere_instead_of_turning_it_off()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", WithKillSwitch);

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Killed(WithKillSwitch), dir.Read("flags.yaml"));
        Assert.EndsWith("verified: 1 flag off in 1 registry; 1 kill switch engaged\n", result.Stdout);
    }

    [Fact]
    public void Kill_all_on_a_registry_read_in_parts_writes_every_flag_as_one_flag_alone_would_be_written()
    {
        // Large enough to be read in parallel parts, where `--all` plans against the tree the load kept.
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Pairs(300, Numbered));
        Assert.True(dir.Read("flags.yaml").Length > 64 * 1024, "the registry is too small to be read in parts");

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Pairs(300, (pair, i) => Numbered(Killed(pair), i)), dir.Read("flags.yaml"));
        Assert.EndsWith("verified: 300 flags off in 1 registry; 300 kill switches engaged\n", result.Stdout);
    }

    [Fact]
    public void Kill_all_of_ten_thousand_flags_reads_them_back_line_by_line_without_a_garbage_collection()
    {
        // 10,000 flags, each changed on one line: the read-back reads the changed lines again, not the whole registry,
        // and the command runs inside its collection pause (two collections took 30-50 ms of it before).
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Pairs(5000, Numbered));

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes", "--stats");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Pairs(5000, (pair, i) => Numbered(Killed(pair), i)), dir.Read("flags.yaml"));
        Assert.Contains("verified: 5000 flags off in 1 registry; 5000 kill switches engaged\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("garbage collections: 0 during the command (paused up to 96 MiB allocated)", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary><see cref="WithKillSwitch"/> with its two flags repeated <paramref name="count"/> times, each copy written by <paramref name="copy"/>.</summary>
    private static string Pairs(int count, Func<string, int, string> copy)
    {
        var flags = WithKillSwitch.IndexOf("flags:\n", StringComparison.Ordinal) + "flags:\n".Length;
        var (head, pair) = (WithKillSwitch[..flags], WithKillSwitch[flags..] + "\n");
        return head + string.Concat(Enumerable.Range(0, count).Select(i => copy(pair, i)));
    }

    /// <summary>The pair's keys numbered <paramref name="i"/>.</summary>
    private static string Numbered(string pair, int i) =>
        pair.Replace("checkout-kill-switch:", $"checkout-kill-switch-{i}:").Replace("new-checkout:", $"new-checkout-{i}:");

    /// <summary><see cref="WithKillSwitch"/>'s flags in their safe states: the kill switch engaged everywhere, the other flag off.</summary>
    private static string Killed(string text) => text
        .Replace("    enabled: false\n    environments:", "    enabled: true\n    environments:")
        .Replace("{ enabled: false, rollout: 50 }", "{ enabled: true, rollout: 100 }")
        .Replace("    type: operational\n    enabled: true", "    type: operational\n    enabled: false");

    [Fact]
    public void Kill_of_one_kill_switch_engages_it()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", WithKillSwitch);

        var result = CliRunner.Run(dir.Path, "flags", "kill", "checkout-kill-switch");

        Assert.True(result.ExitCode == 0, result.ToString());
        var shown = CliRunner.Run(dir.Path, "flags", "show", "checkout-kill-switch", "--format", "json").Json().RootElement.GetProperty("flags")[0];
        Assert.True(shown.GetProperty("enabled").GetBoolean(), shown.ToString());
        Assert.Contains("{ enabled: true, rollout: 100 }", dir.Read("flags.yaml"));
        Assert.Contains("    type: operational\n    enabled: true", dir.Read("flags.yaml")); // the other flag is left alone
        Assert.EndsWith("verified: 0 flags off in 1 registry; 1 kill switch engaged\n", result.Stdout);
    }

    [Fact]
    public void Kill_all_with_a_registry_over_the_size_limit_fails_and_names_it()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", OneFlagOn);
        dir.Write("big/flags.yaml", OneFlagOn.Replace("fast-search", "big-flag") + new string('#', 9 * 1024 * 1024) + "\n");

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("big/flags.yaml: error FK2002:", result.Stderr);
        Assert.Contains("none of them were changed", result.Stderr);
        Assert.DoesNotContain("every flag is now off", result.Stdout);
        Assert.Contains("NOT DONE", result.Stdout);
        Assert.Contains("    enabled: false\n", dir.Read("flags.yaml")); // the readable registry was still killed
    }

    [Fact]
    public void Kill_all_names_each_flag_an_appsettings_source_keeps_on()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nappsettings: true\n");
        dir.Write("flags.yaml", OneFlagOn);
        dir.Write("appsettings.json", """{ "FeatureManagement": { "Beta": true, "Legacy": false } }""");

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("appsettings.json:1:", result.Stderr);
        Assert.Contains("'Beta' was not changed, it still needs enabled = false: appsettings.json is an appsettings source", result.Stderr);
        Assert.DoesNotContain("'Legacy'", result.Stderr);
        Assert.Contains("verified only: 2 flags off in 2 registries; 0 kill switches engaged", result.Stdout);
    }

    [Fact]
    public void Kill_warns_about_a_flag_that_is_off_but_serves_default_true()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", OneFlagOn + "    default: true\n");

        var text = CliRunner.Run(dir.Path, "flags", "kill", "fast-search");
        var json = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes", "--format", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("enabled: false", dir.Read("flags.yaml"));
        Assert.Contains("warning: 1 flag off but serving its `default: true` (off serves the default): fast-search", text.Stderr);
        var registry = json.Json().RootElement.GetProperty("registries")[0];
        Assert.Equal(["fast-search"], registry.GetProperty("servingDefaultTrue").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public void Kill_all_json_reports_what_it_verified()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", WithKillSwitch);
        dir.Write("services/search/flags.yaml", OneFlagOn);

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json().RootElement;
        Assert.True(json.GetProperty("verified").GetBoolean());
        Assert.Equal(2, json.GetProperty("flagsOff").GetInt32());
        Assert.Equal(1, json.GetProperty("killSwitchesEngaged").GetInt32());
        var registries = json.GetProperty("registries");
        Assert.Equal(["flags.yaml", "services/search/flags.yaml"], registries.EnumerateArray().Select(r => r.GetProperty("path").GetString()));
        Assert.Contains("checkout-kill-switch [production]: rollout = 100", registries[0].GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, json.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Kill_all_json_says_not_verified_and_lists_each_failure()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", OneFlagOn);
        var readOnly = dir.Write("locked/flags.yaml", OneFlagOn.Replace("fast-search", "locked-flag"));
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes", "--format", "json");

        Assert.Equal(2, result.ExitCode);
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("verified").GetBoolean());
        Assert.Equal(1, json.GetProperty("flagsOff").GetInt32());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("locked/flags.yaml", error.GetProperty("file").GetString());
        Assert.Contains("'locked-flag' was not changed", error.GetProperty("message").GetString());
        Assert.Contains("read-only", error.GetProperty("message").GetString());
        Assert.Equal(OneFlagOn.Replace("fast-search", "locked-flag"), dir.Read("locked/flags.yaml"));
    }

    [Fact]
    public void Kill_all_kills_the_flags_of_a_linked_registry_and_keeps_the_link()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", OneFlagOn);
        dir.Write("shared/registry.yaml", OneFlagOn.Replace("fast-search", "shared-flag"));
        Directory.CreateDirectory(dir["svc"]);
        File.CreateSymbolicLink(dir["svc/flags.yaml"], "../shared/registry.yaml");

        var result = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("svc/flags.yaml: shared-flag: enabled = false", result.Stdout);
        Assert.EndsWith("verified: 2 flags off in 2 registries; 0 kill switches engaged\n", result.Stdout);
        Assert.Contains("    enabled: false\n", dir.Read("shared/registry.yaml"));
        Assert.Equal("../shared/registry.yaml", new FileInfo(dir["svc/flags.yaml"]).LinkTarget);
    }
}
