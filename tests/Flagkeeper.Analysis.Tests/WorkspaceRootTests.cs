using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Tests;

/// <summary>Which folder is the root when none is given: the rule git uses for its repository, plus flagkeeper.yaml.</summary>
public class WorkspaceRootTests
{
    [Theory]
    [InlineData("flagkeeper.yaml")]
    [InlineData("flagkeeper.yml")]
    public void The_nearest_folder_with_a_configuration_is_the_root(string name)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir[".git"]);
        dir.Write($"service/{name}", "version: 1\n");
        Directory.CreateDirectory(dir["service/src/app"]);

        var root = Resolve(dir, dir["service/src/app"]);

        Assert.Equal(dir["service"], root.Path);
        Assert.Equal(RootSource.Discovered, root.Source);
        Assert.Equal(name, root.Marker);
        Assert.True(root.IsSurprising(dir["service/src/app"]));
        Assert.False(root.IsSurprising(dir["service"] + "/"));
    }

    [Fact]
    public void A_git_file_marks_the_root_as_a_git_folder_does()
    {
        using var dir = new TempDirectory();
        dir.Write(".git", "gitdir: /elsewhere/.git/worktrees/x\n"); // a worktree or a submodule
        Directory.CreateDirectory(dir["src/app"]);

        var root = Resolve(dir, dir["src/app"]);

        Assert.Equal(dir.Path, root.Path);
        Assert.Equal("repository root of the current folder", root.Reason);
    }

    [Fact]
    public void A_registry_alone_does_not_mark_a_root()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\n");
        Directory.CreateDirectory(dir["src"]);

        var root = Resolve(dir, dir["src"]);

        Assert.Equal(dir["src"], root.Path);
        Assert.Equal(RootSource.CurrentFolder, root.Source);
        Assert.False(root.IsSurprising(dir["src"]));
    }

    [Fact]
    public void The_search_never_enters_a_ceiling_folder_but_looks_at_the_current_one()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir[".git"]);
        Directory.CreateDirectory(dir["a/b"]);

        Assert.Equal(dir["a/b"], WorkspaceRoot.Resolve(null, dir["a/b"], dir.Path).Path);
        Assert.Equal(RootSource.CurrentFolder, WorkspaceRoot.Resolve(null, dir["a/b"], $"/nowhere{Path.PathSeparator}{dir["a"]}").Source);
        Assert.Equal(dir.Path, WorkspaceRoot.Resolve(null, dir.Path, dir.Path).Path);
    }

    [Fact]
    public void A_given_folder_is_the_root_whatever_is_above_it()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir[".git"]);
        Directory.CreateDirectory(dir["src"]);

        var root = WorkspaceRoot.Resolve(dir["src"] + "/", dir.Path);

        Assert.Equal(dir["src"], root.Path);
        Assert.Equal(RootSource.Given, root.Source);
    }

    [Fact]
    public void A_given_folder_that_does_not_exist_is_FK1006()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<FlagkeeperException>(() => WorkspaceRoot.Resolve(dir["missing"], dir.Path));

        Assert.Equal("FK1006", ex.Error.Code);
    }

    private static WorkspaceRoot Resolve(TempDirectory dir, string current) =>
        WorkspaceRoot.Resolve(null, current, Path.GetDirectoryName(dir.Path));
}
