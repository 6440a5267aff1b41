namespace Flagkeeper.Cli.Tests;

/// <summary>
/// Rollout percentages typed on the command line (`flags rollout KEY PERCENT`, `flags add --rollout`): plain
/// invariant numbers only, a trailing % accepted, at most four decimals (what the registry keeps), never -0.
/// </summary>
public class RolloutInputTests
{
    private const string Registry = """
        version: 1
        flags:
          new-checkout:
            description: New checkout
            owner: payments-team
            type: operational
            rollout: 25

        """;

    [Theory]
    [InlineData("1,5", "'1,5' is not a percentage; write a plain number from 0 to 100, like 25, 12.5 or 50%; write decimals with a dot: 1.5")]
    [InlineData("abc", "'abc' is not a percentage")]
    [InlineData("1e2", "'1e2' is not a percentage")]
    [InlineData("NaN", "'NaN' is not a percentage")]
    [InlineData("Infinity", "'Infinity' is not a percentage")]
    [InlineData("0x10", "'0x10' is not a percentage")]
    [InlineData("1_000", "'1_000' is not a percentage")]
    [InlineData("50%%", "'50%%' is not a percentage")]
    [InlineData("%", "'%' is not a percentage")]
    [InlineData("", "'' is not a percentage")]
    [InlineData("٥٠", "is not a percentage")] // Arabic-Indic digits: not a plain number here
    [InlineData("101", "rollout 101 is outside 0-100")]
    [InlineData("100.0001", "outside 0-100")]
    [InlineData("12.34567", "rollout 12.34567 has 5 decimals; the registry keeps at most 4, so write 12.3457")]
    public void A_value_that_is_not_a_plain_percentage_is_refused_and_the_file_is_untouched(string percent, string message)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);

        var result = CliRunner.Run(dir.Path, "flags", "rollout", "new-checkout", percent);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message.Contains("not a percentage", StringComparison.Ordinal) ? "error FK1005" : "error FK4001", result.Stderr);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("System.", result.Stderr);
        Assert.Equal(Registry, dir.Read("flags.yaml"));
    }

    [Theory]
    [InlineData("50%", "50")]
    [InlineData("12.5%", "12.5")]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("00.000", "0")]
    [InlineData("12.3456", "12.3456")]
    [InlineData("12.50000", "12.5")]
    [InlineData(" 7 ", "7")]
    [InlineData("100", "100")]
    public void A_plain_percentage_is_written_as_its_shortest_invariant_number(string percent, string written)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);

        var result = CliRunner.Run(dir.Path, "flags", "rollout", "new-checkout", percent);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"    rollout: {written}\n", dir.Read("flags.yaml"));
    }

    [Fact]
    public void The_environment_rollout_takes_the_same_input()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);

        var result = CliRunner.Run(dir.Path, "flags", "rollout", "new-checkout", "-0", "--env", "production");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("production: { rollout: 0 }", dir.Read("flags.yaml"));
        Assert.DoesNotContain("-0", dir.Read("flags.yaml"));
    }

    [Theory]
    [InlineData("1,5", 2, null)]
    [InlineData("abc", 2, null)]
    [InlineData("50%", 0, "    rollout: 50\n")]
    public void Add_reads_rollout_the_same_way(string percent, int exitCode, string? written)
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);

        var result = CliRunner.Run(dir.Path, "flags", "add", "beta-search", "--owner", "search", "--type", "operational",
            "--description", "Search beta", "--rollout", percent);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.DoesNotContain("System.", result.Stderr);
        if (written is null)
        {
            Assert.Equal(Registry, dir.Read("flags.yaml"));
        }
        else
        {
            Assert.Contains(written, dir.Read("flags.yaml")[dir.Read("flags.yaml").IndexOf("beta-search", StringComparison.Ordinal)..]);
        }
    }
}
