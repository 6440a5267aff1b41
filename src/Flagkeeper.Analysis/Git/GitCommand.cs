using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Git;

/// <summary>Runs the real <c>git</c> (no shell, arguments passed as a list) and maps failures to FK7xxx errors.</summary>
public static class GitCommand
{
    /// <summary>Standard output of <c>git ARGS</c> run in <paramref name="workingDirectory"/>.</summary>
    /// <exception cref="FlagkeeperException">git is missing (FK7002) or exits non-zero (FK7001, with git's message).</exception>
    public static string Run(string workingDirectory, params string[] arguments) =>
        RunTo($"running git {Subcommand(arguments)}", workingDirectory, arguments);

    /// <summary>
    /// Standard output of <c>git ARGS</c>; a failure says what Flagkeeper was doing (<paramref name="what"/>,
    /// "reading the commits") and git's own message, not the internal command line.
    /// </summary>
    /// <exception cref="FlagkeeperException">git is missing (FK7002) or exits non-zero (FK7001, with git's message).</exception>
    public static string RunTo(string what, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new FlagkeeperException(ErrorCodes.GitUnavailable.Create("git could not be started"));
        }
        catch (Win32Exception ex)
        {
            throw new FlagkeeperException(ErrorCodes.GitUnavailable.Create($"git could not be started: {ex.Message}"), ex);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var message = error.Result.Trim();
                message = message.Length == 0 ? $"exit code {process.ExitCode}" : message;
                var descriptor = message.Contains("not a git repository", StringComparison.OrdinalIgnoreCase) ? ErrorCodes.GitUnavailable : ErrorCodes.GitRefUnknown;
                throw new FlagkeeperException(descriptor.Create($"{what} failed: {message}"));
            }
            return output;
        }
    }

    /// <summary>The git command's name (<c>log</c>), past any <c>-c name=value</c> settings.</summary>
    private static string Subcommand(string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] == "-c")
            {
                i++;
            }
            else if (!arguments[i].StartsWith('-'))
            {
                return arguments[i];
            }
        }
        return "";
    }

    /// <summary>Whether <paramref name="revision"/> names a commit in the repository at <paramref name="workingDirectory"/>.</summary>
    public static bool CommitExists(string workingDirectory, string revision)
    {
        try
        {
            Run(workingDirectory, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
            return true;
        }
        catch (FlagkeeperException ex) when (ex.Error.Descriptor == ErrorCodes.GitRefUnknown)
        {
            return false;
        }
    }

    /// <summary>Files changed since <paramref name="reference"/> (committed, staged or not) plus untracked ones, relative to <paramref name="root"/>.</summary>
    public static IReadOnlySet<string> ChangedSince(string root, string reference)
    {
        if (!CommitExists(root, reference))
        {
            throw new FlagkeeperException(ErrorCodes.GitRefUnknown.Create($"unknown revision '{reference}' (in a shallow clone, fetch more history: git fetch --deepen=50)"));
        }
        var changed = RunTo($"listing the files changed since '{reference}'", root, "diff", "--name-only", "--relative", "-z", reference, "--");
        var untracked = RunTo("listing untracked files", root, "ls-files", "--others", "--exclude-standard", "-z");
        return (changed + untracked).Split('\0', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }
}
