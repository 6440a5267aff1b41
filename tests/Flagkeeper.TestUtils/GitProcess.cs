using System.Diagnostics;
using System.Text;

namespace Flagkeeper.TestUtils;

/// <summary>What one run of git did.</summary>
public sealed record GitResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the real <c>git</c> for tests, isolated from the machine: no inherited <c>GIT_*</c> variables, no system
/// configuration, a fixed identity, C locale, no prompts, no standard input, no signing, branch main.
/// </summary>
public static class GitProcess
{
    public static GitResult Run(string workingDirectory, IEnumerable<string> args, string? home = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in (string[])["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", .. args])
        {
            start.ArgumentList.Add(arg);
        }
        // Nothing from the machine or the user may change what git does.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_AUTHOR_NAME"] = "Flagkeeper Tests";
        start.Environment["GIT_AUTHOR_EMAIL"] = "tests@flagkeeper.invalid";
        start.Environment["GIT_COMMITTER_NAME"] = "Flagkeeper Tests";
        start.Environment["GIT_COMMITTER_EMAIL"] = "tests@flagkeeper.invalid";
        start.Environment["LC_ALL"] = "C";
        if (home is not null)
        {
            start.Environment["HOME"] = home;
            start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new GitResult(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }
}
