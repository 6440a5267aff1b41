using System.Text;

namespace Flagkeeper.Cli.Tests;

public partial class ScanCommandTests
{
    // ---------------------------------------------------------------- ignore rules and config globs

    [Fact]
    public void Gitignore_is_honoured_outside_a_git_repository()
    {
        using var dir = new TempDirectory();
        dir.Write(".gitignore", "build/\n*.gen.ts\n!keep.gen.ts\n/rootonly.ts\n");
        dir.Write("src/.gitignore", "secret/\n");
        dir.Write("build/out.ts", "isEnabled('in-build');\n");
        dir.Write("src/x.gen.ts", "isEnabled('generated');\n");
        dir.Write("src/keep.gen.ts", "isEnabled('kept');\n");
        dir.Write("rootonly.ts", "isEnabled('root-only');\n");
        dir.Write("src/rootonly.ts", "isEnabled('nested-root-only');\n");
        dir.Write("src/secret/s.ts", "isEnabled('secret');\n");
        dir.Write("secret/s.ts", "isEnabled('top-secret-not-ignored');\n");
        dir.Write("src/app.ts", "isEnabled('app');\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["secret/s.ts", "src/app.ts", "src/keep.gen.ts", "src/rootonly.ts"],
            Usages(result).Select(u => u.GetProperty("file").GetString()));
        Assert.Equal(
            ["top-secret-not-ignored", "app", "kept", "nested-root-only"],
            Usages(result).Select(u => u.GetProperty("flag").GetString()));
        Assert.Equal(4, result.Json().RootElement.GetProperty("stats").GetProperty("filesScanned").GetInt32());
    }

    [Fact]
    public void Scanned_files_match_what_git_itself_does_not_ignore()
    {
        using var dir = new TempDirectory();
        Git(dir.Path, "init", "-q");
        dir.Write(".gitignore", "logs/\n*.tmp.ts\n!important.tmp.ts\n/top.ts\n**/cache/**\n!**/cache/keep/**\ndocs/*\n!docs/api/\n");
        dir.Write("sub/.gitignore", "!/local.tmp.ts\nonly-here.ts\n");
        dir.Write(".git/info/exclude", "excluded-by-info/\n");
        var files = new[]
        {
            "top.ts", "sub/top.ts", "logs/a.ts", "sub/logs/b.ts", "x.tmp.ts", "important.tmp.ts", "sub/local.tmp.ts", "sub/other.tmp.ts",
            "sub/only-here.ts", "only-here.ts", "a/cache/c.ts", "a/cache/keep/k.ts", "docs/d.ts", "docs/api/e.ts", "excluded-by-info/f.ts", "plain.ts",
        };
        foreach (var file in files)
        {
            dir.Write(file, $"isEnabled('{file}');\n");
        }
        var gitSees = Git(dir.Path, "ls-files", "--others", "--exclude-standard")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(f => f.EndsWith(".ts", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        var scanned = Usages(result).Select(u => u.GetProperty("file").GetString()!).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["docs/api/e.ts", "important.tmp.ts", "only-here.ts", "plain.ts", "sub/local.tmp.ts", "sub/top.ts"], gitSees);
        Assert.Equal(gitSees, scanned);
        Assert.Contains("important.tmp.ts", scanned);
        Assert.DoesNotContain("logs/a.ts", scanned);
    }

    [Fact]
    public void Flagkeeperignore_is_honoured()
    {
        using var dir = new TempDirectory();
        dir.Write(".flagkeeperignore", "generated/\n*.skip.ts\n!must.skip.ts\n");
        dir.Write("generated/g.ts", "isEnabled('generated');\n");
        dir.Write("src/a.skip.ts", "isEnabled('skipped');\n");
        dir.Write("src/must.skip.ts", "isEnabled('reincluded');\n");
        dir.Write("src/app.ts", "isEnabled('app');\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["app", "reincluded"], Usages(result).Select(u => u.GetProperty("flag").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Flagkeeperignore_can_re_include_what_gitignore_ignores()
    {
        using var dir = new TempDirectory();
        dir.Write(".gitignore", "*.gen.ts\n");
        dir.Write(".flagkeeperignore", "!wanted.gen.ts\n");
        dir.Write("wanted.gen.ts", "isEnabled('wanted');\n");
        dir.Write("other.gen.ts", "isEnabled('other');\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["wanted"], Usages(result).Select(u => u.GetProperty("flag").GetString()));
    }

    [Fact]
    public void Config_exclude_globs_are_honoured()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nexclude:\n  - \"legacy/**\"\n  - \"**/*.old.ts\"\n");
        dir.Write("legacy/deep/l.ts", "isEnabled('legacy');\n");
        dir.Write("src/x.old.ts", "isEnabled('old');\n");
        dir.Write("src/x.ts", "isEnabled('current');\n");
        dir.Write("src/legacy/y.ts", "isEnabled('nested-legacy-name');\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["current", "nested-legacy-name"], Usages(result).Select(u => u.GetProperty("flag").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_source_files_are_scanned_by_default()
    {
        using var dir = new TempDirectory();
        dir.Write("README.md", "Call `isEnabled('in-docs')` to check a flag.\n");
        dir.Write("data.json", "{ \"x\": \"isEnabled('in-json')\" }\n");
        dir.Write("notes.txt", "isEnabled('in-text')\n");
        dir.Write("app.ts", "isEnabled('in-code');\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["in-code"], Usages(result).Select(u => u.GetProperty("flag").GetString()));
        Assert.Equal(1, result.Json().RootElement.GetProperty("stats").GetProperty("filesScanned").GetInt32());
    }

    // ---------------------------------------------------------------- --changed-since

    [Fact]
    public void Changed_since_reports_only_modified_and_untracked_files()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        dir.Write("a.ts", "isEnabled('a');\n");
        dir.Write("sub/b.ts", "isEnabled('b');\n");
        dir.Write("sub/c.ts", "isEnabled('c');\n");
        dir.Write(".gitignore", "ignored/\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "base");

        dir.Write("sub/c.ts", "isEnabled('c');\nisEnabled('c-changed');\n");
        dir.Write("new/d.ts", "isEnabled('d-untracked');\n");
        dir.Write("ignored/e.ts", "isEnabled('e-ignored');\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache", "--changed-since", "HEAD");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["new/d.ts", "sub/c.ts", "sub/c.ts"], Usages(result).Select(u => u.GetProperty("file").GetString()));
        Assert.Equal(["d-untracked", "c", "c-changed"], Usages(result).Select(u => u.GetProperty("flag").GetString()));
        Assert.Equal(2, result.Json().RootElement.GetProperty("stats").GetProperty("filesScanned").GetInt32());

        // Without --changed-since everything not ignored is reported.
        var all = Scan(dir.Path, ".", "--format", "json", "--no-cache");
        Assert.Equal(["a.ts", "new/d.ts", "sub/b.ts", "sub/c.ts", "sub/c.ts"], Usages(all).Select(u => u.GetProperty("file").GetString()));
    }

    [Fact]
    public void Changed_since_an_older_commit_includes_committed_and_staged_changes()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        dir.Write("a.ts", "isEnabled('a');\n");
        dir.Write("b.ts", "isEnabled('b');\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "base");
        var baseCommit = Git(dir.Path, "rev-parse", "HEAD").Trim();
        dir.Write("b.ts", "isEnabled('b2');\n");
        Git(dir.Path, "commit", "-q", "-am", "second");
        dir.Write("staged.ts", "isEnabled('staged');\n");
        Git(dir.Path, "add", "staged.ts");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache", "--changed-since", baseCommit);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["b2", "staged"], Usages(result).Select(u => u.GetProperty("flag").GetString()));
    }

    [Fact]
    public void Changed_since_in_a_subfolder_of_the_repository_uses_root_relative_paths()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        dir.Write("outside.ts", "isEnabled('outside');\n");
        dir.Write("app/src/x.ts", "isEnabled('x');\n");
        dir.Write("app/src/y.ts", "isEnabled('y');\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "base");
        dir.Write("outside.ts", "isEnabled('outside-changed');\n");
        dir.Write("app/src/y.ts", "isEnabled('y-changed');\n");
        dir.Write("app/z.ts", "isEnabled('z-new');\n");

        var result = Scan(dir.Path, "app", "--format", "json", "--no-cache", "--changed-since", "HEAD");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["src/y.ts", "z.ts"], Usages(result).Select(u => u.GetProperty("file").GetString()));
        Assert.Equal(["y-changed", "z-new"], Usages(result).Select(u => u.GetProperty("flag").GetString()));
    }

    [Fact]
    public void Changed_since_handles_file_names_with_spaces_and_non_ascii_letters()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        dir.Write("caf\u00e9 menu/pri\u00f1a.ts", "isEnabled('tracked');\n");
        dir.Write("same.ts", "isEnabled('same');\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "base");
        dir.Write("caf\u00e9 menu/pri\u00f1a.ts", "isEnabled('tracked-changed');\n");
        dir.Write("new \u00fc file.ts", "isEnabled('untracked');\n");

        var result = Scan(dir.Path, ".", "--format", "json", "--no-cache", "--changed-since", "HEAD");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["caf\u00e9 menu/pri\u00f1a.ts", "new \u00fc file.ts"], Usages(result).Select(u => u.GetProperty("file").GetString()));
        Assert.Equal(["tracked-changed", "untracked"], Usages(result).Select(u => u.GetProperty("flag").GetString()));
    }

    [Fact]
    public void Changed_since_an_unknown_ref_is_exit_2_with_FK7001()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        dir.Write("a.ts", "isEnabled('a');\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "base");

        var result = Scan(dir.Path, ".", "--changed-since", "no-such-branch");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK7001", result.Stderr);
        Assert.Contains("no-such-branch", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("isEnabled", result.Stdout);
    }

    [Fact]
    public void Unknown_changed_since_revision_in_json_is_a_json_error_report()
    {
        using var dir = new TempDirectory();
        InitRepository(dir);
        dir.Write("a.ts", "isEnabled('a');\n");
        Git(dir.Path, "add", "-A");
        Git(dir.Path, "commit", "-q", "-m", "base");

        var result = Scan(dir.Path, ".", "--format", "json", "--changed-since", "no-such-branch");

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.Json().RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("FK7001", error.GetProperty("code").GetString());
        Assert.Contains("no-such-branch", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- skipped files

    [Fact]
    public void Binary_files_are_skipped_and_counted()
    {
        using var dir = new TempDirectory();
        dir.WriteBytes("bin.ts", [.. Encoding.UTF8.GetBytes("isEnabled('in-binary');\n"), 0, .. Encoding.UTF8.GetBytes("isEnabled('after-nul');\n")]);
        // A NUL at 8 KiB + 1000 is past the probe: the file is text.
        dir.WriteBytes("late-nul.ts", [.. Encoding.UTF8.GetBytes("isEnabled('late-nul');\n"), .. Enumerable.Repeat((byte)' ', 9 * 1024), 0, (byte)'\n']);
        dir.Write("text.ts", "isEnabled('text');\n");
        Age(dir);

        foreach (var cacheArgs in new[] { new[] { "--no-cache" }, [], [] })
        {
            var result = Scan(dir.Path, [".", "--format", "json", .. cacheArgs]);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(["late-nul", "text"], Usages(result).Select(u => u.GetProperty("flag").GetString()));
            var stats = result.Json().RootElement.GetProperty("stats");
            Assert.Equal(2, stats.GetProperty("filesScanned").GetInt32());
            Assert.Equal(1, stats.GetProperty("filesSkipped").GetInt32());
            Assert.Equal(1, stats.GetProperty("binaryFiles").GetInt32());
        }
    }

    [Fact]
    public void Files_above_max_file_size_are_skipped_and_counted()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nscan: { maxFileSize: 100 }\n");
        var head = "isEnabled('limit');\n";
        dir.Write("exact.ts", head.Replace("limit", "exact", StringComparison.Ordinal) + new string(' ', 100 - head.Length - 1) + "\n");
        dir.Write("over.ts", "isEnabled('over');\n" + new string(' ', 200) + "\n");
        dir.Write("small.ts", "isEnabled('small');\n");
        Assert.Equal(100, new FileInfo(dir["exact.ts"]).Length);
        Age(dir);

        foreach (var format in new[] { "json", "text" })
        {
            var result = Scan(dir.Path, ".", "--format", format, "--no-cache");

            Assert.True(result.ExitCode == 0, result.ToString());
            if (format == "json")
            {
                Assert.Equal(["exact", "small"], Usages(result).Select(u => u.GetProperty("flag").GetString()));
                var stats = result.Json().RootElement.GetProperty("stats");
                Assert.Equal(2, stats.GetProperty("filesScanned").GetInt32());
                Assert.Equal(1, stats.GetProperty("filesSkipped").GetInt32());
                Assert.Equal(1, stats.GetProperty("largeFiles").GetInt32());
            }
            else
            {
                Assert.DoesNotContain("over", result.Stdout);
                Assert.Contains("1 skipped", result.Stdout);
                Assert.Contains("1 too large", result.Stdout);
            }
        }
    }
}
