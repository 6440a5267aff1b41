using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Tests.Walking;

public partial class IgnoreRulesTests
{
    // =====================================================================================
    // 2. One rule at a time, against git check-ignore.
    // =====================================================================================

    [Fact]
    public void Nested_gitignore_overrides_its_parent()
    {
        using var box = new GitSandbox();
        box.Write(".gitignore", "*.txt\n");
        box.Write("sub/.gitignore", "!keep.txt\n*.md\n");
        foreach (var file in new[] { "keep.txt", "other.txt", "a.md", "sub/keep.txt", "sub/other.txt", "sub/a.md", "sub/deeper/keep.txt", "sub/deeper/a.md", "x/a.md", "x/keep.txt" })
        {
            box.Write(file);
        }

        var walked = WalkedFiles(box.Repo);

        AssertVerdicts(box, box.Repo, walked,
            ("keep.txt", true), ("other.txt", true), ("a.md", false),
            ("sub/keep.txt", false), ("sub/other.txt", true), ("sub/a.md", true),
            ("sub/deeper/keep.txt", false), ("sub/deeper/a.md", true),
            ("x/a.md", false), ("x/keep.txt", true));
    }

    [Fact]
    public void Negation_re_includes_a_file_but_not_inside_an_excluded_folder()
    {
        using var box = new GitSandbox();
        box.Write(".gitignore", "*.log\n!important.log\nlogs/\n!logs/keep.log\ncache/*\n!cache/keep.log\n!cache/keep.txt\n");
        foreach (var file in new[] { "debug.log", "important.log", "deep/debug.log", "deep/important.log", "logs/keep.log", "logs/x.txt", "cache/keep.txt", "cache/other.txt", "cache/keep.log" })
        {
            box.Write(file);
        }

        var walked = WalkedFiles(box.Repo);

        AssertVerdicts(box, box.Repo, walked,
            ("debug.log", true), ("important.log", false), ("deep/debug.log", true), ("deep/important.log", false),
            ("logs/keep.log", true), ("logs/x.txt", true),
            ("cache/keep.txt", false), ("cache/other.txt", true), ("cache/keep.log", false));
    }

    [Fact]
    public void Leading_and_middle_slashes_anchor_to_the_ignore_files_folder()
    {
        using var box = new GitSandbox();
        box.Write(".gitignore", "/root.txt\ndoc/frotz\nfrotz2\n");
        box.Write("pkg/.gitignore", "/local.txt\nsrc/gen.cs\n");
        foreach (var file in new[]
        {
            "root.txt", "sub/root.txt", "doc/frotz", "a/doc/frotz", "frotz2", "a/b/frotz2",
            "pkg/local.txt", "pkg/x/local.txt", "local.txt", "pkg/src/gen.cs", "pkg/a/src/gen.cs", "src/gen.cs",
        })
        {
            box.Write(file);
        }

        var walked = WalkedFiles(box.Repo);

        AssertVerdicts(box, box.Repo, walked,
            ("root.txt", true), ("sub/root.txt", false),
            ("doc/frotz", true), ("a/doc/frotz", false),
            ("frotz2", true), ("a/b/frotz2", true),
            ("pkg/local.txt", true), ("pkg/x/local.txt", false), ("local.txt", false),
            ("pkg/src/gen.cs", true), ("pkg/a/src/gen.cs", false), ("src/gen.cs", false));
    }

    [Fact]
    public void Double_star_patterns_span_folders()
    {
        using var box = new GitSandbox();
        box.Write(".gitignore", "**/foo\nabc/**\na/**/b\n**/out/*.cs\n");
        foreach (var file in new[]
        {
            "foo", "x/foo", "x/y/foo", "foox",
            "abc/1.txt", "abc/d/2.txt", "xabc/1.txt",
            "a/b", "a/x/b", "a/x/y/b", "a/bb", "z/a/b",
            "out/1.cs", "p/q/out/2.cs", "out/sub/3.cs", "out/4.txt",
        })
        {
            box.Write(file);
        }

        var walked = WalkedFiles(box.Repo);

        AssertVerdicts(box, box.Repo, walked,
            ("foo", true), ("x/foo", true), ("x/y/foo", true), ("foox", false),
            ("abc/1.txt", true), ("abc/d/2.txt", true), ("xabc/1.txt", false),
            ("a/b", true), ("a/x/b", true), ("a/x/y/b", true), ("a/bb", false), ("z/a/b", false),
            ("out/1.cs", true), ("p/q/out/2.cs", true), ("out/sub/3.cs", false), ("out/4.txt", false));
    }

    [Fact]
    public void Double_star_glued_to_a_literal_prefix_matches_like_git()
    {
        // git's match_pathname compares the pattern's literal prefix ("a", "x/c") first and wildmatches
        // only the rest ("**/b", "**/d"), where "**/" is at the start and so may match nothing:
        // "a**/b" ignores "ab" and "x/c**/d" ignores "x/cd".
        using var box = new GitSandbox();
        // Likewise "lo**/debug.log" spans any number of folders after "lo".
        box.Write(".gitignore", "a**/b\nx/c**/d\nlo**/debug.log\n");
        foreach (var file in new[] { "ab", "a/b", "a.b", "x/cd", "x/c/d", "x/ce", "logs/debug.log", "logs/a/debug.log", "logs/a/b/debug.log", "other/debug.log" })
        {
            box.Write(file);
        }

        var walked = WalkedFiles(box.Repo);

        AssertVerdicts(box, box.Repo, walked,
            ("ab", true), ("a/b", true), ("a.b", false), ("x/cd", true), ("x/c/d", true), ("x/ce", false),
            ("logs/debug.log", true), ("logs/a/debug.log", true), ("logs/a/b/debug.log", true), ("other/debug.log", false));
    }

    [Fact]
    public void Trailing_slash_matches_folders_only()
    {
        using var box = new GitSandbox();
        box.Write(".gitignore", "out/\n/bin/\n");
        foreach (var file in new[] { "out/x.cs", "a/out/y.cs", "sub/out", "bin/z.cs", "a/bin/z.cs", "a/bin2" })
        {
            box.Write(file);
        }

        var walked = WalkedFiles(box.Repo);

        AssertVerdicts(box, box.Repo, walked,
            ("out/x.cs", true), ("a/out/y.cs", true), ("sub/out", false),
            ("bin/z.cs", true), ("a/bin/z.cs", false), ("a/bin2", false));
    }

    [Fact]
    public void Escapes_trailing_spaces_comments_and_crlf_follow_git()
    {
        using var box = new GitSandbox();
        box.Write(".gitignore", "\\#hash.txt\r\n#comment.txt\r\n\\!bang.txt\r\nspace.txt   \r\ntrail\\ \r\n\r\n[ab].md\r\n[!a].cs\r\n");
        foreach (var file in new[]
        {
            "#hash.txt", "comment.txt", "#comment.txt", "!bang.txt", "bang.txt", "space.txt", "trail ", "trail",
            "a.md", "b.md", "c.md", "[ab].md", "a.cs", "b.cs",
        })
        {
            box.Write(file);
        }

        var walked = WalkedFiles(box.Repo);

        AssertVerdicts(box, box.Repo, walked,
            ("#hash.txt", true), ("comment.txt", false), ("#comment.txt", false),
            ("!bang.txt", true), ("bang.txt", false), ("space.txt", true), ("trail ", true), ("trail", false),
            ("a.md", true), ("b.md", true), ("c.md", false), ("[ab].md", false), ("a.cs", false), ("b.cs", true));
    }

    [Fact]
    public void Info_exclude_applies_with_the_lowest_precedence()
    {
        using var box = new GitSandbox();
        File.AppendAllText(box.Full(".git/info/exclude"), "*.secret\n/top-only.txt\n");
        box.Write("sub/.gitignore", "!allowed.secret\n");
        foreach (var file in new[] { "a.secret", "sub/b.secret", "sub/allowed.secret", "allowed.secret", "top-only.txt", "sub/top-only.txt" })
        {
            box.Write(file);
        }

        var walked = WalkedFiles(box.Repo);

        AssertVerdicts(box, box.Repo, walked,
            ("a.secret", true), ("sub/b.secret", true), ("sub/allowed.secret", false), ("allowed.secret", true),
            ("top-only.txt", true), ("sub/top-only.txt", false));
        Assert.Equal(box.GitUntracked(box.Repo), walked);
    }

    [Fact]
    public void Flagkeeperignore_overrides_gitignore_in_the_same_folder()
    {
        using var box = new GitSandbox();
        box.Write(".gitignore", "*.gen.cs\n");
        box.Write(".flagkeeperignore", "!keep.gen.cs\n*.snap\n");
        box.Write("sub/.gitignore", "!kept.snap\n");
        foreach (var file in new[] { "keep.gen.cs", "other.gen.cs", "a.snap", "sub/b.snap", "sub/kept.snap", "sub/keep.gen.cs" })
        {
            box.Write(file);
        }

        var walked = WalkedFiles(box.Repo);

        // git does not know .flagkeeperignore: it ignores only by .gitignore.
        Assert.True(box.GitIgnores(box.Repo, "keep.gen.cs"));
        Assert.False(box.GitIgnores(box.Repo, "a.snap"));
        // The walker: .flagkeeperignore beats .gitignore in the same folder, a deeper .gitignore beats both.
        Assert.Contains("keep.gen.cs", walked);
        Assert.Contains("sub/keep.gen.cs", walked);
        Assert.DoesNotContain("other.gen.cs", walked);
        Assert.DoesNotContain("a.snap", walked);
        Assert.DoesNotContain("sub/b.snap", walked);
        Assert.Contains("sub/kept.snap", walked);

        // Without .flagkeeperignore in the list, the walker agrees with git.
        var gitOnly = WalkedFiles(box.Repo, new WalkOptions { IgnoreFileNames = [".gitignore"] });
        Assert.Equal(box.GitUntracked(box.Repo), gitOnly);
    }

    [Fact]
    public void Parent_ignore_files_apply_when_the_walk_root_is_a_subfolder()
    {
        using var box = new GitSandbox();
        box.Write(".gitignore", "*.tmp\n/pkg/generated/\npkg/only-here.txt\n!pkg/keep.tmp\nsub/anchored.txt\n");
        box.Write("pkg/.gitignore", "local.txt\n/sub/mine.txt\n");
        File.AppendAllText(box.Full(".git/info/exclude"), "*.secret\n");
        foreach (var file in new[]
        {
            "pkg/a.cs", "pkg/x.tmp", "pkg/keep.tmp", "pkg/sub/y.tmp", "pkg/generated/g.cs", "pkg/sub/generated/g.cs",
            "pkg/only-here.txt", "pkg/sub/only-here.txt", "pkg/local.txt", "pkg/sub/local.txt",
            "pkg/sub/mine.txt", "pkg/sub/deeper/sub/mine.txt", "pkg/sub/anchored.txt", "pkg/s.secret", "outside.cs",
        })
        {
            box.Write(file);
        }
        var root = box.Full("pkg");

        var walked = WalkedFiles(root);

        AssertVerdicts(box, root, walked,
            ("a.cs", false), ("x.tmp", true), ("keep.tmp", false), ("sub/y.tmp", true),
            ("generated/g.cs", true), ("sub/generated/g.cs", false),
            ("only-here.txt", true), ("sub/only-here.txt", false),
            ("local.txt", true), ("sub/local.txt", true),
            ("sub/mine.txt", true), ("sub/deeper/sub/mine.txt", false), ("sub/anchored.txt", false), ("s.secret", true));
        AssertSameFiles(box.GitUntracked(root), walked, box.Repo, "walk rooted at pkg/");

        // Two levels down, with an anchored middle-slash pattern from the top.
        var deeper = box.Full("pkg/sub");
        AssertSameFiles(box.GitUntracked(deeper), WalkedFiles(deeper), box.Repo, "walk rooted at pkg/sub/");
    }

    [Fact]
    public void A_root_named_explicitly_is_walked_even_inside_an_ignored_folder()
    {
        // By design, like ripgrep with an explicit path (and unlike `git ls-files`, which lists nothing
        // here): asking to scan build/sub is a request to scan it. Ignore rules still apply below it.
        using var box = new GitSandbox();
        box.Write(".gitignore", "build/\n*.log\n");
        box.Write("build/sub/a.cs");
        box.Write("build/sub/b.txt");
        box.Write("build/sub/c.log");
        var root = box.Full("build/sub");

        Assert.Empty(box.GitUntracked(root));
        Assert.Equal(["a.cs", "b.txt"], WalkedFiles(root).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Question_mark_and_classes_match_bytes_like_git_for_non_ascii_names()
    {
        // git's wildmatch works on UTF-8 bytes: '?' is one byte, so it does not match "é" (two bytes).
        using var box = new GitSandbox();
        box.Write(".gitignore", "?.txt\n[!a].md\n");
        foreach (var file in new[] { "a.txt", "é.txt", "b.md", "é.md" })
        {
            box.Write(file);
        }

        var walked = WalkedFiles(box.Repo);

        AssertVerdicts(box, box.Repo, walked, ("a.txt", true), ("é.txt", false), ("b.md", true), ("é.md", false));
    }
}
