using System.Diagnostics;
using System.Text.Json;

namespace Flagkeeper.TestUtils;

/// <summary>What one run of the CLI did.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonDocument Json() => JsonDocument.Parse(Stdout);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the real <c>flagkeeper</c> CLI as a separate process (the built Flagkeeper.Cli.dll under
/// <c>dotnet</c>, copied beside the calling test project by its reference to the CLI), in a working folder
/// of the test's choosing. Nothing is mocked.
/// When <c>FLAGKEEPER_TEST_CLI</c> names an executable (CI sets it to the installed native tool),
/// that executable runs instead, so the same tests check the packaged Native AOT build.
/// </summary>
public static class CliRunner
{
    public static string CliDll { get; } = Path.Combine(AppContext.BaseDirectory, "Flagkeeper.Cli.dll");

    /// <summary>The executable under test when it is not the built dll.</summary>
    public static string? CliExecutable { get; } = Environment.GetEnvironmentVariable("FLAGKEEPER_TEST_CLI") is { Length: > 0 } path ? path : null;

    public static CliResult Run(string workingDirectory, params string[] args) => RunAsync(workingDirectory, args).GetAwaiter().GetResult();

    /// <summary>
    /// As <see cref="Run"/>, but file permissions hold even for root: the tests run as root on CI, where mode 000
    /// does not stop a read. Under root the CLI starts through <c>setpriv</c> without the two capabilities that
    /// override permissions (it stays root and owns the files, so only their modes decide).
    /// </summary>
    public static CliResult RunHonouringPermissions(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, args, honourPermissions: true).GetAwaiter().GetResult();

    /// <summary>
    /// As <see cref="Run"/>, started through <paramref name="wrapper"/> (a command and its arguments that then run the
    /// CLI), e.g. strace injecting a fault into one system call.
    /// </summary>
    public static CliResult RunUnder(IReadOnlyList<string> wrapper, string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, args, wrapper: wrapper).GetAwaiter().GetResult();

    public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyList<string> args, IDictionary<string, string>? environment = null,
        bool honourPermissions = false, IReadOnlyList<string>? wrapper = null)
    {
        if (CliExecutable is null && !File.Exists(CliDll))
        {
            throw new InvalidOperationException($"{CliDll} is missing: the test project that runs the CLI must reference src/Flagkeeper.Cli (TestUtils does not).");
        }
        var dropCapabilities = honourPermissions && Environment.IsPrivilegedProcess;
        List<string> command = [.. wrapper ?? []];
        if (dropCapabilities)
        {
            command.AddRange(["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]);
        }
        command.Add(CliExecutable ?? "dotnet");
        if (CliExecutable is null)
        {
            command.Add(CliDll);
        }
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["NO_COLOR"] = "1";
        // A root (or repository) is never looked for above the test's own temp folder, whatever the machine has there.
        start.Environment["GIT_CEILING_DIRECTORIES"] = TempDirectory.Base;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
