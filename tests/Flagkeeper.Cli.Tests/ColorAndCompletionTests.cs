namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `--color auto|always|never` with NO_COLOR and FORCE_COLOR, and shell completion through the
/// `[suggest]` directive that docs/cli.md's completion scripts call.
/// </summary>
public class ColorAndCompletionTests
{
    private const string Escape = "\u001b[";

    [Theory]
    [InlineData(new string[0], "", "", false)]              // auto, redirected: plain
    [InlineData(new[] { "--color", "always" }, "1", "", true)] // always beats NO_COLOR
    [InlineData(new[] { "--color", "never" }, "", "1", false)] // never beats FORCE_COLOR
    [InlineData(new string[0], "", "1", true)]             // auto: FORCE_COLOR colours a pipe
    [InlineData(new string[0], "", "0", false)]            // FORCE_COLOR=0 does not
    [InlineData(new string[0], "1", "1", false)]           // NO_COLOR wins over FORCE_COLOR
    public async Task Color_follows_the_option_then_NO_COLOR_then_FORCE_COLOR(string[] option, string noColor, string forceColor, bool colored)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry.Replace("type: release", "type: release\n    enabled: true", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync(dir.Path, ["flags", "list", .. option], new Dictionary<string, string>
        {
            ["NO_COLOR"] = noColor,
            ["FORCE_COLOR"] = forceColor,
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("new-checkout", result.Stdout);
        Assert.Equal(colored, result.Stdout.Contains(Escape, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_color_mode_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "scan", "--color", "sometimes");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'sometimes'", result.Stderr);
    }

    [Fact]
    public void The_suggest_directive_lists_the_subcommands()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "[suggest:17]", "flagkeeper flags ");

        Assert.True(result.ExitCode == 0, result.ToString());
        var suggestions = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Superset(new HashSet<string> { "add", "disable", "enable", "kill", "list", "remove", "rollout", "show", "validate" }, suggestions.ToHashSet());
    }

    [Fact]
    public void The_suggest_directive_completes_a_partial_option_instead_of_refusing_it()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "[suggest:20]", "flagkeeper check --f");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--format", result.Stdout.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task The_documented_bash_completion_completes_a_subcommand()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "cli.md")).ReplaceLineEndings("\n");
        var at = doc.IndexOf("## Shell completion", StringComparison.Ordinal);
        var start = doc.IndexOf("```bash\n", at, StringComparison.Ordinal) + "```bash\n".Length;
        var snippet = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        var cli = CliRunner.CliExecutable is { } exe ? $"'{exe}'" : $"dotnet '{CliRunner.CliDll}'";
        var script = $"flagkeeper() {{ {cli} \"$@\"; }}\n{snippet}\n" +
            "COMP_LINE='flagkeeper flags ro'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(flagkeeper flags ro); COMP_CWORD=2\n" +
            "_flagkeeper; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        using var dir = new TempDirectory();
        var file = dir.Write("complete.sh", script);

        var info = new System.Diagnostics.ProcessStartInfo("bash", [file])
        {
            WorkingDirectory = dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var bash = System.Diagnostics.Process.Start(info)!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.True(bash.ExitCode == 0, await stderr);
        Assert.Equal("rollout", (await stdout).Trim());
    }
}
