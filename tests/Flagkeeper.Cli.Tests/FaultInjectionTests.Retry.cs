namespace Flagkeeper.Cli.Tests;

/// <summary>
/// A transient read fault that the scanner's one retry gets past. A lock or a sleep could not time "fails once, then
/// works" exactly, so strace injects it: the kernel fails the first open of that one file with EIO (per thread, and
/// the retry runs on the same worker thread), and every later open is real.
/// </summary>
public partial class FaultInjectionTests
{
    [Fact]
    public void A_source_file_whose_first_open_fails_with_EIO_is_read_on_the_retry_and_counted_as_a_recovery()
    {
        using var dir = Healthy();
        var flaky = dir.Write("src/flaky.ts", "if (isEnabled('flaky')) {}\n");

        var result = CliRunner.RunUnder(FailOpens(flaky, "1"), dir.Path, ScanJson);
        var always = CliRunner.RunUnder(FailOpens(flaky, "1+"), dir.Path, ScanJson); // the same fault, not transient

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["alpha", "beta", "flaky"], Flags(result));
        Assert.Empty(Errors(result)); // a retry that worked leaves no error record: only the counts say it happened
        Assert.Equal("""{"total":0,"byCategory":{},"bySeverity":{},"recovery":{"attempts":1,"succeeded":1}}""", Counts(result));
        Assert.Equal(["alpha", "beta"], Flags(always));
        Assert.Equal("src/flaky.ts", Assert.Single(Errors(always)).GetProperty("file").GetString());
        Assert.Contains("Input/output error", Assert.Single(Errors(always)).GetProperty("message").GetString());
        Assert.Equal("""{"total":1,"byCategory":{"FileRead":1},"bySeverity":{"Low":1},"recovery":{"attempts":2,"succeeded":1}}""", Counts(always));
    }

    /// <summary>strace failing the opens of <paramref name="path"/> numbered <paramref name="when"/> ("1": only the first) with EIO.</summary>
    private static string[] FailOpens(string path, string when)
    {
        // -f follows the runtime's threads; -P limits tracing, and so the injection, to calls on that one path.
        return [TestTools.FindOrInstall("strace", "strace"), "-f", "-qq", "-o", "/dev/null", "-P", path, "-e", "trace=openat", "-e", $"inject=openat:error=EIO:when={when}"];
    }
}
