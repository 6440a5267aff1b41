namespace Flagkeeper.Cli.Tests;

public class SmokeTests
{
    [Fact]
    public void Help_lists_the_flags_command()
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run(dir.Path, "--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("flags", result.Stdout);
    }
}
