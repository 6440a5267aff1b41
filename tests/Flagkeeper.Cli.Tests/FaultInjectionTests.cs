using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// One fault per test, made with real files through the real CLI: each run finishes, names the fault in one error
/// record (or says nothing where there is nothing wrong to say), and the rest of its result is exactly what the
/// healthy files hold. Permissions are made to count under root with <see cref="CliRunner.RunHonouringPermissions"/>.
/// The tree changing under a running scan (a file or folder deleted after listing) is in Flagkeeper.Analysis.Tests,
/// ScannerFaultTests, where the walk can be paused at the right file.
/// </summary>
[UnsupportedOSPlatform("windows")]
public partial class FaultInjectionTests
{
    private static readonly string[] ScanJson = ["scan", ".", "--format", "json", "--no-cache"];

    private static TempDirectory Healthy()
    {
        var dir = new TempDirectory();
        dir.Write("src/a.ts", "if (isEnabled('alpha')) {}\n");
        dir.Write("src/b/b.ts", "if (isEnabled('beta')) {}\n");
        return dir;
    }

    private static List<string?> Flags(CliResult result) =>
        [.. result.Json().RootElement.GetProperty("usages").EnumerateArray().Select(u => u.GetProperty("flag").GetString())];

    private static List<JsonElement> Errors(CliResult result) => [.. result.Json().RootElement.GetProperty("errors").EnumerateArray()];

    /// <summary>errorCounts as one compact line (check indents its JSON, scan does not).</summary>
    private static string Counts(CliResult result) => Compact(result.Json().RootElement.GetProperty("errorCounts"));

    private static string Compact(JsonElement element) => System.Text.Json.Nodes.JsonNode.Parse(element.GetRawText())!.ToJsonString();

    private static void Make(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void A_file_with_mode_000_is_one_low_error_and_the_other_files_are_exact()
    {
        using var dir = Healthy();
        var secret = dir.Write("src/secret.ts", "if (isEnabled('secret')) {}\n");
        File.SetUnixFileMode(secret, UnixFileMode.None);

        var result = CliRunner.RunHonouringPermissions(dir.Path, ScanJson);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["alpha", "beta"], Flags(result));
        var error = Assert.Single(Errors(result));
        Assert.Equal("FK2001", error.GetProperty("code").GetString());
        Assert.Equal("src/secret.ts", error.GetProperty("file").GetString());
        Assert.StartsWith("src/secret.ts could not be read: ", error.GetProperty("message").GetString());
        Assert.Equal(1, result.Json().RootElement.GetProperty("stats").GetProperty("unreadableFiles").GetInt32());
        // Skipped and reported: one recovery, and it worked (the run went on); no retry for a permission error.
        Assert.Equal("""{"total":1,"byCategory":{"FileRead":1},"bySeverity":{"Low":1},"recovery":{"attempts":1,"succeeded":1}}""", Counts(result));
    }

    [Fact]
    public void A_fifo_named_like_csharp_source_never_blocks_the_scan_or_the_symbol_pass()
    {
        using var dir = new TempDirectory();
        dir.Write("src/Flags.cs", "namespace Shop;\npublic static class FeatureFlags\n{\n    public const string Search = \"search\";\n}\n");
        dir.Write("src/Cart.cs", "using Shop;\nclass Cart\n{\n    bool A(IFeatureManager f) => f.IsEnabledAsync(FeatureFlags.Search).Result;\n}\n");
        Make("mkfifo", dir["src/x.cs"]);

        var result = CliRunner.Run(dir.Path, ScanJson); // a blocked open would never return (CliRunner gives up after 2 minutes)

        Assert.True(result.ExitCode == 0, result.ToString());
        var usage = Assert.Single(result.Json().RootElement.GetProperty("usages").EnumerateArray());
        Assert.Equal("search", usage.GetProperty("flag").GetString());
        Assert.Equal("src/Flags.cs", usage.GetProperty("declaredAt").GetProperty("file").GetString());
        Assert.Empty(Errors(result));
    }

    [Fact]
    public void A_unix_socket_named_like_a_source_file_is_not_opened()
    {
        using var dir = Healthy();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(dir["src/listening.ts"]));
        socket.Listen(); // a live socket: opening it as a file would fail (ENXIO), reading it could hang

        var result = CliRunner.Run(dir.Path, ScanJson);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["alpha", "beta"], Flags(result));
        Assert.Empty(Errors(result));
    }

    [Fact]
    public void Dangling_symbolic_links_are_passed_over_without_an_error()
    {
        using var dir = Healthy();
        File.CreateSymbolicLink(dir["src/dangling.ts"], "missing.ts");
        File.CreateSymbolicLink(dir["flags.yaml"], "nowhere/flags.yaml"); // a name discovery follows links for

        var result = CliRunner.Run(dir.Path, ScanJson);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["alpha", "beta"], Flags(result));
        Assert.Empty(Errors(result));
        Assert.Equal("""{"total":0,"byCategory":{},"bySeverity":{},"recovery":{"attempts":0,"succeeded":0}}""", Counts(result));
    }

    [Fact]
    public void A_read_only_flagkeeper_folder_still_reports_the_findings_and_says_what_was_not_written()
    {
        using var dir = Healthy();
        var folder = Directory.CreateDirectory(dir[".flagkeeper"]).FullName;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        // Root sees what everyone sees: the folder's mode, not root's power to write anyway, decides.
        var honoured = CliRunner.RunHonouringPermissions(dir.Path, "scan", ".", "--format", "json");
        var asRoot = CliRunner.Run(dir.Path, "scan", ".", "--format", "json");

        foreach (var result in new[] { honoured, asRoot })
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(["alpha", "beta"], Flags(result));
            var error = Assert.Single(Errors(result));
            Assert.Equal("FK8002", error.GetProperty("code").GetString());
            Assert.Equal($"scan cache could not be written to {Path.Combine(folder, "cache")}: {folder} is read-only (chmod u+w to write the cache)",
                error.GetProperty("message").GetString());
            Assert.Equal("""{"total":1,"byCategory":{"Cache":1},"bySeverity":{"Low":1},"recovery":{"attempts":1,"succeeded":1}}""", Counts(result));
            Assert.Equal("warning: performance history was not recorded: .flagkeeper is read-only (chmod u+w to record it)", result.Stderr.Trim());
        }
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_zero_length_history_is_an_empty_history_and_the_run_is_appended()
    {
        using var dir = Healthy();
        dir.Write(".flagkeeper/perf/history.jsonl", "");

        var result = CliRunner.Run(dir.Path, ScanJson);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["alpha", "beta"], Flags(result));
        Assert.Equal("", result.Stderr);
        Assert.Contains("\"command\":\"scan\",\"operation\":\"run\"", dir.Read(".flagkeeper/perf/history.jsonl"));
    }
}
