using System.Diagnostics;

namespace Flagkeeper.Cli.Tests;

/// <summary>What one run of git did.</summary>
internal sealed record GitResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// A real git repository in a temp folder for the git-gate tests: commits made with a fixed identity,
/// no signing, branch main, and (by default) a <c>flags.yaml</c> registering <c>new-checkout</c>.
/// </summary>
internal sealed class GitSandbox : IDisposable
{
    public const string DefaultRegistry = """
        version: 1
        flags:
          new-checkout:
            description: New checkout
            owner: payments-team
            type: release
            expires: 2099-01-01

        """;

    private readonly TempDirectory _dir = new();

    private GitSandbox()
    {
    }

    public string Path => _dir.Path;

    public string this[string relative] => _dir[relative];

    /// <summary>A fresh repository with no commits; <paramref name="registry"/> is written as flags.yaml (not committed) unless null.</summary>
    public static GitSandbox Create(string? registry = DefaultRegistry)
    {
        var sandbox = new GitSandbox();
        sandbox.Git("init", "-q");
        if (registry is not null)
        {
            sandbox.Write("flags.yaml", registry);
        }
        return sandbox;
    }

    public string Write(string relative, string content) => _dir.Write(relative, content);

    /// <summary>Writes the files, stages everything and commits; returns the new HEAD's full id.</summary>
    public string Commit(string subject, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", subject);
        return Head();
    }

    public string Head() => Git("rev-parse", "HEAD").Trim();

    public string Git(params string[] args) => Run(Path, args);

    /// <summary>Runs git and fails the test when it fails.</summary>
    public static string Run(string workingDirectory, params string[] args)
    {
        var result = TryRun(workingDirectory, args);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)} failed ({result.ExitCode}): {result.Stderr}");
        return result.Stdout;
    }

    public static GitResult TryRun(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", .. args])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["GIT_AUTHOR_NAME"] = "Flagkeeper Tests";
        start.Environment["GIT_AUTHOR_EMAIL"] = "tests@flagkeeper.invalid";
        start.Environment["GIT_COMMITTER_NAME"] = "Flagkeeper Tests";
        start.Environment["GIT_COMMITTER_EMAIL"] = "tests@flagkeeper.invalid";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["FLAGKEEPER_MODE"] = "";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new GitResult(process.ExitCode, stdout, stderr.Result);
    }

    public void Dispose() => _dir.Dispose();
}
