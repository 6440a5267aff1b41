using System.Text;
using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flagkeeper check --gate flag-lint` end to end: the real CLI as a process over real temp folders.
/// Every rule both ways (fires at the expected place / does not fire), severity overrides,
/// flagkeeper-ignore suppressions, the baseline, gate selection, bad input, and the sample shop.
/// </summary>
public partial class CheckLintTests
{
    private const string Today = "2026-11-28";

    // ---------------------------------------------------------------- gates and bad input

    [Fact]
    public void Gate_option_selects_the_gates_in_the_report()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost');\n");

        var one = Lint(dir);
        Assert.Equal(["flag-lint"], Gates(one).Select(g => g.GetProperty("id").GetString()));

        var two = Check(dir.Path, ".", "--gate", "delivery-mode", "--gate", "flag-lint", "--today", Today, "--format", "json", "--no-cache");
        Assert.True(two.ExitCode == 1, two.ToString());
        Assert.Equal(["flag-lint", "delivery-mode"], Gates(two).Select(g => g.GetProperty("id").GetString()));

        var git = Check(dir.Path, ".", "--gate", "commit-message", "--today", Today, "--format", "json", "--no-cache");
        Assert.True(git.ExitCode == 0, git.ToString());
        var gate = Assert.Single(Gates(git));
        Assert.Equal("commit-message", gate.GetProperty("id").GetString());
        Assert.True(gate.GetProperty("skipped").GetBoolean());
        Assert.Equal(0, Stats(git).GetProperty("filesScanned").GetInt32());
    }

    [Fact]
    public void Unknown_gate_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        var result = Check(dir.Path, ".", "--gate", "bogus", "--format", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("bogus", result.Stderr);
    }

    [Fact]
    public void Gates_in_flagkeeper_yaml_choose_the_default_gates()
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost');\n");

        var all = Check(dir.Path, ".", "--today", Today, "--format", "json", "--no-cache");
        Assert.True(all.ExitCode == 1, all.ToString());
        Assert.Equal(["flag-lint", "kill-switch", "commit-message", "delivery-mode"], Gates(all).Select(g => g.GetProperty("id").GetString()));
        Assert.All(Gates(all).Skip(1), g => Assert.False(string.IsNullOrEmpty(g.GetProperty("skipReason").GetString())));

        dir.Write("flagkeeper.yaml", "version: 1\ngates: [flag-lint]\n");
        var configured = Check(dir.Path, ".", "--today", Today, "--format", "json", "--no-cache");
        Assert.True(configured.ExitCode == 1, configured.ToString());
        Assert.Equal(["flag-lint"], Gates(configured).Select(g => g.GetProperty("id").GetString()));
        // No git gate ran, so none was skipped; the one notice left says this folder has no registry.
        Assert.DoesNotContain(configured.Json().RootElement.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("git gates", StringComparison.Ordinal));
    }

    [Fact]
    public void Nonexistent_root_is_an_input_error()
    {
        using var dir = new TempDirectory();

        var result = Check(dir.Path, "no-such-folder", "--gate", "flag-lint", "--format", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK1006", result.Stdout + result.Stderr);
    }

    [Fact]
    public void Malformed_registry_is_an_input_error_in_json_errors()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags:\n  f: {description: d\n");
        dir.Write("a.ts", "isEnabled('f');\n");

        var result = Lint(dir);

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("passed").GetBoolean());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("FK3001", error.GetProperty("code").GetString());
        Assert.Equal("flags.yaml", error.GetProperty("file").GetString());
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("28.11.2026")]
    public void Bad_today_is_a_usage_error(string today)
    {
        using var dir = new TempDirectory();
        dir.Write("a.ts", "isEnabled('ghost');\n");

        var result = Check(dir.Path, ".", "--gate", "flag-lint", "--today", today, "--format", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(today, result.Stderr);
    }

    // ---------------------------------------------------------------- the sample

    [Fact]
    public void Sample_shop_reports_exactly_its_deliberate_problems()
    {
        var result = Check(RepositoryPaths.Root, "samples/shop", "--today", Today, "--gate", "flag-lint", "--format", "json", "--no-cache", "--no-baseline");

        Assert.True(result.ExitCode == 1, result.ToString());
        var found = Findings(result)
            .Select(f => (Rule: f.GetProperty("rule").GetString()!, Flag: f.GetProperty("flag").GetString(), File: f.GetProperty("file").GetString()!))
            .OrderBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Flag, StringComparer.Ordinal)
            .ToList();
        Assert.Equal<(string, string?, string)>(
        [
            ("dynamic-key", null, "web/src/flags.ts"),
            ("expired-flag", "search-suggestions", "web/src/search.ts"),
            ("invalid-rollout", "bulk-discount", "flags.yaml"),
            ("missing-owner", "dark-mode", "flags.yaml"),
            ("unregistered-flag", "beta-recommendations", "web/src/search.ts"),
            ("unregistered-flag", "express-shipping", "services/pricing/pricing.py"),
            ("unused-flag", "legacy-export", "flags.yaml"),
        ], found);
        var stats = Stats(result);
        Assert.Equal(5, stats.GetProperty("errors").GetInt32());
        Assert.Equal(2, stats.GetProperty("warnings").GetInt32());
        Assert.Equal(1, stats.GetProperty("registries").GetInt32());
        Assert.Empty(result.Json().RootElement.GetProperty("errors").EnumerateArray());
    }

    // ---------------------------------------------------------------- helpers

    private static CliResult Check(string workingDirectory, params string[] args) => CliRunner.Run(workingDirectory, ["check", .. args]);

    /// <summary>The flag-lint gate on the temp folder, as JSON, on a fixed day and without the scan cache.</summary>
    private static CliResult Lint(TempDirectory dir, params string[] extra) =>
        Check(dir.Path, [".", "--gate", "flag-lint", "--today", Today, "--format", "json", "--no-cache", .. extra]);

    private static List<JsonElement> Gates(CliResult result) => [.. result.Json().RootElement.GetProperty("gates").EnumerateArray()];

    private static List<JsonElement> Findings(CliResult result) => [.. Gates(result).SelectMany(g => g.GetProperty("findings").EnumerateArray())];

    private static List<JsonElement> Findings(CliResult result, string rule) => [.. Findings(result).Where(f => f.GetProperty("rule").GetString() == rule)];

    private static JsonElement Stats(CliResult result) => result.Json().RootElement.GetProperty("stats");

    private static (string? File, int Line, int Column) Place(JsonElement finding) =>
        (finding.GetProperty("file").GetString(), finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32());

    /// <summary>Three findings: an unregistered key, a dynamic key and an unused flag.</summary>
    private static void WriteBaselineTree(TempDirectory dir)
    {
        dir.Write("flags.yaml", Registry("used") + Flag("idle"));
        dir.Write("src/app.ts", "isEnabled('used');\nif (isEnabled('ghost')) {}\nconst on = isEnabled(name);\n");
    }

    /// <summary>A registry whose first flag, <paramref name="key"/>, is on line 3 (column 3); <paramref name="extra"/> lines start at line 7.</summary>
    private static string Registry(string key, string extra = "", string type = "operational") => "version: 1\nflags:\n" + Flag(key, extra, type);

    /// <summary>One flag entry: 4 lines, then <paramref name="extra"/>.</summary>
    private static string Flag(string key, string extra = "", string type = "operational") =>
        new StringBuilder()
            .Append("  ").Append(key).Append(":\n")
            .Append("    description: test flag\n")
            .Append("    owner: test-team\n")
            .Append("    type: ").Append(type).Append('\n')
            .Append(extra)
            .ToString();
}
