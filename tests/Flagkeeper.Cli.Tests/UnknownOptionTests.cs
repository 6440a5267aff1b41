using System.CommandLine;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// An option no command knows is a usage error (exit 2) with the closest option of that command, on every
/// command; it never becomes a folder, a key or a file name. After `--` an argument may start with '-'.
/// </summary>
public class UnknownOptionTests
{
    public static TheoryData<string> Commands()
    {
        using var monitor = new PerformanceMonitor();
        var tree = CliApplication.BuildCommandTree(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System, monitor));
        var data = new TheoryData<string>();
        foreach (var path in Leaves(tree, ""))
        {
            data.Add(path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_refuses_an_unknown_option_and_changes_nothing(string command)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry);

        var result = CliRunner.Run(dir.Path, [.. command.Split(' '), "--bogus"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error FK1005: unknown option '--bogus' for 'flagkeeper {command}'", result.Stderr);
        Assert.Equal(GitSandbox.DefaultRegistry, dir.Read("flags.yaml"));
        Assert.Equal(["flags.yaml"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(new[] { "scan", "--stat" }, "unknown option '--stat' for 'flagkeeper scan'; did you mean '--stats'?")]
    [InlineData(new[] { "check", "--formt", "json" }, "unknown option '--formt' for 'flagkeeper check'; did you mean '--format'?")]
    [InlineData(new[] { "check", ".", "--formt=json" }, "unknown option '--formt' for 'flagkeeper check'; did you mean '--format'?")]
    [InlineData(new[] { "flags", "rollout", "new-checkout", "5", "--ev", "prod" }, "unknown option '--ev' for 'flagkeeper flags rollout'; did you mean '--env'?")]
    [InlineData(new[] { "flags", "list", "--no-cache" }, "unknown option '--no-cache' for 'flagkeeper flags list'; its options: -C, --format, --today (put `--` before an argument that starts with '-')")]
    public void An_unknown_option_names_the_option_meant(string[] args, string message)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry);

        var result = CliRunner.Run(dir.Path, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        var first = result.Stderr.Split('\n')[0];
        Assert.StartsWith("error FK1005: " + message, first);
        Assert.DoesNotContain("Unrecognized", result.Stderr);
        Assert.DoesNotContain("is not a directory", result.Stderr);
    }

    [Fact]
    public void After_a_double_dash_an_argument_may_start_with_a_dash()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["-odd"]);
        dir.Write("-odd/app.ts", "isEnabled('new-checkout');\n");

        var result = CliRunner.Run(dir.Path, "scan", "--", "-odd");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("new-checkout", result.Stdout);
    }

    [Fact]
    public void A_negative_number_is_a_value_not_an_option()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry);

        var result = CliRunner.Run(dir.Path, "flags", "rollout", "new-checkout", "-5");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("rollout -5 is outside 0-100", result.Stderr);
    }

    private static IEnumerable<string> Leaves(Command command, string path)
    {
        if (command.Action is not null && path.Length > 0)
        {
            yield return path;
        }
        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
            {
                yield return leaf;
            }
        }
    }
}
