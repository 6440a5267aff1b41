using System.Collections.Concurrent;
using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Tests.Walking;

public partial class IgnoreRulesTests
{
    // =====================================================================================
    // 3. Outside a git repository.
    // =====================================================================================

    [Fact]
    public void Gitignore_is_honoured_outside_a_repository()
    {
        using var dir = new TempDirectory();
        Assert.Null(FileWalker.FindRepositoryTop(dir.Path));
        dir.Write(".gitignore", "*.log\nbin/\n!keep.log\n/root-only.txt\n");
        dir.Write("sub/.gitignore", "*.md\n");
        foreach (var file in new[] { "a.cs", "a.log", "keep.log", "bin/x.cs", "sub/bin/y.cs", "sub/z.log", "sub/r.md", "r.md", "root-only.txt", "sub/root-only.txt" })
        {
            dir.Write(file, "x");
        }

        var walked = WalkedFiles(dir.Path);

        Assert.Equal([".gitignore", "a.cs", "keep.log", "r.md", "sub/.gitignore", "sub/root-only.txt"], walked);
    }

    // =====================================================================================
    // 4. Symbolic links are counted, never followed.
    // =====================================================================================

    [Fact]
    public async Task Symbolic_links_are_not_followed_and_a_loop_terminates()
    {
        using var box = new GitSandbox();
        using var outside = new TempDirectory();
        outside.Write("secret.cs", "x");
        outside.Write("deep/more.cs", "x");
        box.Write("a/real.cs");
        box.Write("b.cs");
        Directory.CreateSymbolicLink(box.Full("a/loop"), "..");
        Directory.CreateSymbolicLink(box.Full("outside"), outside.Path);
        File.CreateSymbolicLink(box.Full("link.cs"), box.Full("b.cs"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var found = new ConcurrentBag<string>();
        var walk = Task.Run(() => FileWalker.Walk(box.Repo, new WalkOptions(), f => found.Add(f.RelativePath), timeout.Token), timeout.Token);
        var finished = await Task.WhenAny(walk, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Same(walk, finished);
        var summary = await walk;
        Assert.Empty(summary.Errors);
        Assert.Equal(3, summary.SymbolicLinks);
        Assert.Equal(["a/real.cs", "b.cs"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_symlinked_gitignore_is_not_followed_as_git_does_not_follow_it()
    {
        // git (since 2.32) refuses to read a .gitignore that is a symbolic link ("unable to access
        // '.gitignore': Too many levels of symbolic links"); a walker that never follows links
        // should not read through one either (it could point anywhere, even outside the root).
        using var box = new GitSandbox();
        using var outside = new TempDirectory();
        var target = outside.Write("ignore-rules", "*.log\n");
        File.CreateSymbolicLink(box.Full(".gitignore"), target);
        box.Write("a.log");
        box.Write("b.txt");

        var git = box.GitUntracked(box.Repo);
        var (walked, summary) = Walk(box.Repo);

        Assert.Contains("a.log", git);
        Assert.Equal(1, summary.SymbolicLinks);
        Assert.Equal(["a.log", "b.txt"], walked);
    }

    // =====================================================================================
    // 5. .git is never entered.
    // =====================================================================================

    [Fact]
    public void The_git_folder_is_never_entered()
    {
        using var box = new GitSandbox();
        box.Write(".git/evil.cs", "class Evil {}");
        box.Write(".git/hooks/hook.cs", "class Hook {}");
        box.Write("src/app.cs");

        var walked = WalkedFiles(box.Repo);

        Assert.DoesNotContain(walked, p => p == ".git" || p.StartsWith(".git/", StringComparison.Ordinal));
        Assert.Equal(box.GitUntracked(box.Repo), walked);
        Assert.Equal(["src/app.cs"], walked);
    }

    [Fact]
    public void A_dot_git_file_is_not_reported_as_git_does_not_list_it()
    {
        // A worktree or submodule has a .git file ("gitdir: ..."); git never lists an entry named .git.
        using var box = new GitSandbox(init: false);
        box.GitOk(box.Repo, "init", "-q", "--separate-git-dir", Path.Combine(box.Root, "separate.git"));
        Assert.True(File.Exists(box.Full(".git")));
        box.Write("src/app.cs");

        AssertSameFiles(box.GitUntracked(box.Repo), WalkedFiles(box.Repo), box.Repo, "repository with a .git file");
    }
}
