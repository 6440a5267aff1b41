using System.Collections.Concurrent;
using System.Text;
using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Tests.Walking;

/// <summary>
/// The walker's ignore rules (nested .gitignore, .git/info/exclude, .flagkeeperignore), its handling of
/// .git and symbolic links, and the wildmatch/glob matchers, checked against the real git where git
/// has an answer: <c>git ls-files --others --exclude-standard</c> for whole trees and
/// <c>git check-ignore --no-index</c> for single paths.
/// </summary>
public partial class IgnoreRulesTests
{
    // =====================================================================================
    // Infrastructure: an isolated git, a walk, and a comparison that explains itself.
    // =====================================================================================

    /// <summary>A temp folder holding an isolated HOME for git and a working tree ("repo").</summary>
    private sealed class GitSandbox : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public GitSandbox(bool init = true)
        {
            Home = Path.Combine(_dir.Path, "home");
            Repo = Path.Combine(_dir.Path, "repo");
            Directory.CreateDirectory(Home);
            Directory.CreateDirectory(Repo);
            if (init)
            {
                GitOk(Repo, "init", "-q");
            }
        }

        public string Home { get; }

        public string Repo { get; }

        public string Root => _dir.Path;

        public string Full(string relative) => Path.Combine(Repo, relative);

        public string Write(string relative, string content = "x")
        {
            var full = Full(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content, new UTF8Encoding(false));
            return full;
        }

        public (int ExitCode, string Stdout, string Stderr) Git(string workingDirectory, params string[] args) =>
            RunGit(workingDirectory, Home, args);

        public string GitOk(string workingDirectory, params string[] args)
        {
            var (code, stdout, stderr) = Git(workingDirectory, args);
            Assert.True(code == 0, $"git {string.Join(' ', args)} failed with {code}: {stderr}");
            return stdout;
        }

        /// <summary>The untracked, non-ignored files as git lists them from <paramref name="workingDirectory"/>.</summary>
        public List<string> GitUntracked(string workingDirectory) =>
            [.. GitOk(workingDirectory, "ls-files", "--others", "--exclude-standard", "-z")
                .Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Order(StringComparer.Ordinal)];

        /// <summary>git check-ignore's verdict for one path, relative to <paramref name="workingDirectory"/>.</summary>
        public bool GitIgnores(string workingDirectory, string path)
        {
            var (code, _, stderr) = Git(workingDirectory, "check-ignore", "-q", "--no-index", "--", path);
            Assert.True(code is 0 or 1, $"git check-ignore {path} failed with {code}: {stderr}");
            return code == 0;
        }

        public void Dispose() => _dir.Dispose();
    }

    private static (int ExitCode, string Stdout, string Stderr) RunGit(string workingDirectory, string home, IEnumerable<string> args)
    {
        var result = GitProcess.Run(workingDirectory, args, home);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }

    private static (List<string> Files, WalkSummary Summary) Walk(string root, WalkOptions? options = null)
    {
        var found = new ConcurrentBag<string>();
        var summary = FileWalker.Walk(root, options ?? new WalkOptions(), file => found.Add(file.RelativePath));
        return ([.. found.Order(StringComparer.Ordinal)], summary);
    }

    private static List<string> WalkedFiles(string root, WalkOptions? options = null)
    {
        var (files, summary) = Walk(root, options);
        Assert.True(summary.Errors.Count == 0, string.Join("\n", summary.Errors));
        return files;
    }

    /// <summary>Shows a file's text so CRs, trailing spaces and a missing final newline are visible.</summary>
    private static string Show(string content)
    {
        var sb = new StringBuilder();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i == lines.Length - 1 && lines[i].Length == 0)
            {
                break;
            }
            sb.Append("    | ").Append(lines[i].Replace("\r", "<CR>", StringComparison.Ordinal).Replace("\uFEFF", "<BOM>", StringComparison.Ordinal));
            sb.Append(i == lines.Length - 1 ? "<EOF, no newline>" : "<LF>").Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Every .gitignore/.flagkeeperignore under <paramref name="top"/> and info/exclude, shown.</summary>
    private static string ShowIgnoreFiles(string top)
    {
        var sb = new StringBuilder();
        var exclude = Path.Combine(top, ".git", "info", "exclude");
        if (File.Exists(exclude))
        {
            sb.Append("  .git/info/exclude:\n").Append(Show(File.ReadAllText(exclude)));
        }
        var ignoreFiles = Directory.EnumerateFiles(top, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => Path.GetFileName(f) is ".gitignore" or ".flagkeeperignore")
            .Where(f => !Path.GetRelativePath(top, f).Replace('\\', '/').StartsWith(".git/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in ignoreFiles)
        {
            sb.Append("  ").Append(Path.GetRelativePath(top, file).Replace('\\', '/')).Append(":\n").Append(Show(File.ReadAllText(file)));
        }
        return sb.ToString();
    }

    private static void AssertSameFiles(IReadOnlyCollection<string> git, IReadOnlyCollection<string> walker, string top, string context)
    {
        var onlyGit = git.Except(walker, StringComparer.Ordinal).ToList();
        var onlyWalker = walker.Except(git, StringComparer.Ordinal).ToList();
        if (onlyGit.Count == 0 && onlyWalker.Count == 0)
        {
            return;
        }
        var message = new StringBuilder();
        message.Append(context).Append('\n');
        message.Append("Listed by git but NOT reported by the walker (walker wrongly ignores):\n");
        foreach (var path in onlyGit)
        {
            message.Append("  [").Append(path).Append("]\n");
        }
        message.Append("Reported by the walker but NOT listed by git (walker wrongly keeps):\n");
        foreach (var path in onlyWalker)
        {
            message.Append("  [").Append(path).Append("]\n");
        }
        message.Append("Ignore files:\n").Append(ShowIgnoreFiles(top));
        Assert.Fail(message.ToString());
    }

    /// <summary>
    /// Checks each (path, ignored?) against both git check-ignore and the walker's listing; all
    /// disagreements are reported together.
    /// </summary>
    private static void AssertVerdicts(GitSandbox box, string walkRoot, IReadOnlyCollection<string> walked, params (string Path, bool Ignored)[] expectations)
    {
        var problems = new List<string>();
        foreach (var (path, ignored) in expectations)
        {
            Assert.True(File.Exists(Path.Combine(walkRoot, path)), $"test setup: {path} should exist");
            var gitIgnored = box.GitIgnores(walkRoot, path);
            var walkerIgnored = !walked.Contains(path, StringComparer.Ordinal);
            if (gitIgnored != ignored || walkerIgnored != ignored)
            {
                problems.Add($"  {path}: expected ignored={ignored}, git check-ignore says ignored={gitIgnored}, walker says ignored={walkerIgnored}");
            }
        }
        if (problems.Count > 0)
        {
            Assert.Fail("Disagreements:\n" + string.Join("\n", problems) + "\nIgnore files:\n" + ShowIgnoreFiles(box.Repo));
        }
    }

}
