namespace Flagkeeper.Cli.Tests;

/// <summary>
/// A real git repository in a temp folder for the git-gate tests: commits made with a fixed identity,
/// no signing, branch main, and (by default) a <c>flags.yaml</c> registering <c>new-checkout</c> and a
/// <c>flagkeeper.yaml</c> choosing the flagkeeper commit convention (task ids and [MODE:F|NF] tags), which these tests speak.
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

    /// <summary>The commit convention the sandbox's subjects follow; tests that write their own flagkeeper.yaml start from it.</summary>
    public const string FlagkeeperPreset = "version: 1\ncommits: { preset: flagkeeper }\n";

    private readonly TempDirectory _dir = new();

    private GitSandbox()
    {
    }

    public string Path => _dir.Path;

    public string this[string relative] => _dir[relative];

    /// <summary>
    /// A fresh repository with no commits; <paramref name="registry"/> is written as flags.yaml and
    /// <paramref name="config"/> as flagkeeper.yaml (neither committed), each unless null.
    /// </summary>
    public static GitSandbox Create(string? registry = DefaultRegistry, string? config = FlagkeeperPreset)
    {
        var sandbox = new GitSandbox();
        sandbox.Git("init", "-q");
        if (registry is not null)
        {
            sandbox.Write("flags.yaml", registry);
        }
        if (config is not null)
        {
            sandbox.Write("flagkeeper.yaml", config);
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

    /// <summary>Runs git; FLAGKEEPER_MODE is cleared so hooks that run flagkeeper see no mode from the test machine.</summary>
    public static GitResult TryRun(string workingDirectory, IEnumerable<string> args) =>
        GitProcess.Run(workingDirectory, args, environment: new Dictionary<string, string> { ["FLAGKEEPER_MODE"] = "" });

    public void Dispose() => _dir.Dispose();
}
