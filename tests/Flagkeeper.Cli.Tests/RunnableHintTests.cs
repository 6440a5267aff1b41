using System.Text.RegularExpressions;

namespace Flagkeeper.Cli.Tests;

/// <summary>Every "add one with: flagkeeper flags add ..." hint runs as printed and registers the flag.</summary>
public partial class RunnableHintTests
{
    [Fact]
    public async Task The_no_registry_hint_runs_as_printed()
    {
        using var dir = new TempDirectory();
        dir.Write("README.md", "nothing flagged here\n");

        var scan = await CliRunner.RunAsync(dir.Path, ["scan", "--no-cache"]);

        await RunHint(dir, Hint(scan.Stderr, "start one with: "), "my-flag");
    }

    [Fact]
    public async Task The_empty_registry_hint_runs_as_printed()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags: {}\n");

        var list = await CliRunner.RunAsync(dir.Path, ["flags", "list"]);

        await RunHint(dir, Hint(list.Stdout, "Add one with: "), "my-flag");
    }

    [Fact]
    public async Task The_unregistered_flag_hint_runs_from_the_root_and_then_the_check_passes()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags: {}\n");
        dir.Write("cart.ts", "if (unleash.isEnabled('cart-redesign')) {}\n");

        var check = await CliRunner.RunAsync(dir.Path, ["check", "--gate", "flag-lint", "--no-cache"]);
        Assert.True(check.ExitCode == 1, check.ToString());

        await RunHint(dir, Hint(check.Stdout, "register it ("), "cart-redesign");
        var again = await CliRunner.RunAsync(dir.Path, ["check", "--gate", "flag-lint", "--no-cache"]);
        Assert.DoesNotContain("unregistered-flag", again.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The command after <paramref name="lead"/> up to the end of the line or the closing parenthesis.</summary>
    private static string Hint(string output, string lead)
    {
        var at = output.IndexOf(lead, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no '{lead}' in:\n{output}");
        var line = output[(at + lead.Length)..].Split('\n')[0];
        return lead.EndsWith('(') ? line[..line.LastIndexOf(')')] : line.TrimEnd();
    }

    /// <summary>Runs <paramref name="command"/> (starting "flagkeeper ") as a shell would split it, from the folder.</summary>
    private static async Task RunHint(TempDirectory dir, string command, string key)
    {
        Assert.StartsWith("flagkeeper flags add ", command, StringComparison.Ordinal);
        var words = Word().Matches(command["flagkeeper ".Length..]).Select(m => m.Groups["q"].Success ? m.Groups["q"].Value : m.Value).ToArray();

        var result = await CliRunner.RunAsync(dir.Path, words);

        Assert.True(result.ExitCode == 0, $"{command}\n{result}");
        Assert.Contains($"  {key}:", dir.Read("flags.yaml"), StringComparison.Ordinal);
    }

    [GeneratedRegex("\"(?<q>[^\"]*)\"|[^ ]+")]
    private static partial Regex Word();
}
