using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Git;

/// <summary>
/// Runs the real <c>git</c> (no shell, arguments passed as a list) and maps failures to FK7xxx errors. A git that is
/// missing or fails is an expected problem: <see cref="TryRunTo"/> returns it as a value; <see cref="RunTo"/> throws it,
/// for the check gates' history walk, which <see cref="Checks.Checker"/> turns back into a value.
/// </summary>
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
        var output = TryRunTo(what, workingDirectory, arguments);
        return output.Failed ? throw new FlagkeeperException(output.Errors) : output.Value;
    }

    /// <summary>As <see cref="RunTo"/>, with a missing git (FK7002) and a failing one (FK7001, git's message) as values.</summary>
    public static Result<string> TryRunTo(string what, string workingDirectory, params string[] arguments)
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
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (Win32Exception ex)
        {
            return ErrorCodes.GitUnavailable.Create($"{what} failed: git could not be started (is it installed and on PATH?): {ex.Message}");
        }
        if (started is not { } process)
        {
            return ErrorCodes.GitUnavailable.Create($"{what} failed: git could not be started");
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
                return descriptor.Create($"{what} failed: {message}");
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
    /// <exception cref="FlagkeeperException">git is missing, or the folder is in no repository (FK7002).</exception>
    public static bool CommitExists(string workingDirectory, string revision)
    {
        var exists = Exists(workingDirectory, revision);
        return exists.Failed ? throw new FlagkeeperException(exists.Errors) : exists.Value;
    }

    /// <summary>As <see cref="CommitExists"/>: false for an unknown revision, FK7002 as a value.</summary>
    private static Result<bool> Exists(string workingDirectory, string revision)
    {
        var parsed = TryRunTo("running git rev-parse", workingDirectory, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        return !parsed.Failed ? true
            : parsed.Errors[0].Descriptor == ErrorCodes.GitRefUnknown ? false
            : Result<bool>.Failure(parsed.Errors);
    }

    /// <summary>Files changed since <paramref name="reference"/> (committed, staged or not) plus untracked ones, relative to <paramref name="root"/>.</summary>
    /// <returns>The files, or FK7001 (an unknown revision, a failing git) and FK7002 (no git, no repository).</returns>
    public static Result<IReadOnlySet<string>> ChangedSince(string root, string reference)
    {
        var exists = Exists(root, reference);
        if (exists.Failed)
        {
            return Result<IReadOnlySet<string>>.Failure(exists.Errors);
        }
        if (!exists.Value)
        {
            return ErrorCodes.GitRefUnknown.Create($"unknown revision '{reference}' (in a shallow clone, fetch more history: git fetch --deepen=50)");
        }
        return TryRunTo($"listing the files changed since '{reference}'", root, "diff", "--name-only", "--relative", "-z", reference, "--")
            .Then(changed => TryRunTo("listing untracked files", root, "ls-files", "--others", "--exclude-standard", "-z")
                .Then(untracked => Result<IReadOnlySet<string>>.Success(
                    (changed + untracked).Split('\0', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal))));
    }
}
