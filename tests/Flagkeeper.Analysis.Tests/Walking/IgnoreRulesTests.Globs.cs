using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Tests.Walking;

public partial class IgnoreRulesTests
{
    // =====================================================================================
    // 7. Glob and GlobSet.
    // =====================================================================================

    [Theory]
    [InlineData("src/**", "src/a.cs", true)]
    [InlineData("src/**", "src/a/b/c.cs", true)]
    [InlineData("src/**", "src", false)]
    [InlineData("src/**", "lib/src/a.cs", false)]
    [InlineData("src/**", "srcx/a.cs", false)]
    [InlineData("**/*.cs", "a.cs", true)]
    [InlineData("**/*.cs", "x/y/z.cs", true)]
    [InlineData("**/*.cs", "x/y/z.csx", false)]
    [InlineData("**/*.cs", "x.cs/readme", false)]
    [InlineData("**/*.cs", "x/y/z.CS", false)]
    [InlineData("*.cs", "a.cs", true)]
    [InlineData("*.cs", "src/a.cs", false)]
    [InlineData("/*.cs", "a.cs", true)]
    [InlineData("/*.cs", "src/a.cs", false)]
    [InlineData("**/generated/**", "generated/x.cs", true)]
    [InlineData("**/generated/**", "a/b/generated/c/d.cs", true)]
    [InlineData("**/generated/**", "a/generated", false)]
    [InlineData("**/generated/**", "a/notgenerated/x.cs", false)]
    [InlineData("**/generated/**", "a/generatedx/x.cs", false)]
    [InlineData("src/**/*.cs", "src/a.cs", true)]
    [InlineData("src/**/*.cs", "src/a/b/c.cs", true)]
    [InlineData("src/**/*.cs", "lib/a.cs", false)]
    [InlineData("README.md", "README.md", true)]
    [InlineData("README.md", "docs/README.md", false)]
    public void Glob_matches_root_relative_paths(string pattern, string path, bool expected)
    {
        var glob = new Glob(pattern);
        Assert.Equal(expected, glob.IsMatch(path));
        Assert.Equal(pattern, glob.Text);
        // The fast paths (literal, "**/*suffix") must give wildmatch's answer.
        Assert.Equal(Wildmatch.IsMatch(pattern.TrimStart('/'), path, pathName: true), glob.IsMatch(path));
    }

    [Theory]
    [InlineData("src/**", "src", true)]
    [InlineData("src/**", "lib", false)]
    [InlineData("src/**", "srcx", false)]
    [InlineData("**/generated/**", "generated", true)]
    [InlineData("**/generated/**", "a/b/generated", true)]
    [InlineData("**/generated/**", "a/generatedx", false)]
    [InlineData("**/generated/**", "a", false)]
    [InlineData("/out/**", "out", true)]
    [InlineData("/out/**", "a/out", false)]
    [InlineData("*.cs", "src", false)]
    [InlineData("**/*.cs", "src", false)]
    [InlineData("src/**/*.cs", "src", false)]
    [InlineData("src", "src", false)]
    public void Glob_matches_everything_under_only_for_prefix_double_star(string pattern, string directory, bool expected) =>
        Assert.Equal(expected, new Glob(pattern).MatchesEverythingUnder(directory));

    [Fact]
    public void GlobSet_matches_when_any_glob_does()
    {
        var empty = new GlobSet([]);
        Assert.True(empty.IsEmpty);
        Assert.False(empty.IsMatch("a.cs"));
        Assert.False(empty.MatchesEverythingUnder("src"));

        var set = new GlobSet(["*.md", "src/**", "**/generated/**"]);
        Assert.False(set.IsEmpty);
        Assert.True(set.IsMatch("README.md"));
        Assert.False(set.IsMatch("docs/README.md"));
        Assert.True(set.IsMatch("src/a/b.cs"));
        Assert.True(set.IsMatch("lib/generated/x.cs"));
        Assert.False(set.IsMatch("lib/x.cs"));
        Assert.True(set.MatchesEverythingUnder("src"));
        Assert.True(set.MatchesEverythingUnder("lib/generated"));
        Assert.False(set.MatchesEverythingUnder("lib"));
    }

    [Fact]
    public void Walk_applies_exclude_and_include_globs_to_root_relative_paths()
    {
        using var dir = new TempDirectory();
        foreach (var file in new[] { "a.cs", "b.txt", "src/c.cs", "src/generated/d.cs", "lib/generated/e/f.cs", "lib/g.cs", "vendor/h.cs" })
        {
            dir.Write(file, "x");
        }

        var walked = WalkedFiles(dir.Path, new WalkOptions
        {
            Exclude = new GlobSet(["**/generated/**", "vendor/**"]),
            Include = new GlobSet(["**/*.cs"]),
        });

        Assert.Equal(["a.cs", "lib/g.cs", "src/c.cs"], walked);
    }
}
