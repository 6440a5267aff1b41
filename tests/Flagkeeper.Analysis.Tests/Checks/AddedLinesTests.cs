using System.Text;
using Flagkeeper.Analysis.Git;

namespace Flagkeeper.Analysis.Tests.Checks;

/// <summary>
/// Reading <c>git diff -U0</c> output, checked against diffs made by the real git in a temp repository
/// (the same <c>diff-tree</c> arguments the commit gates use).
/// </summary>
public class AddedLinesTests
{
    /// <summary>A temp repository with an isolated git configuration.</summary>
    private sealed class Repo : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public Repo(bool quotePath = true)
        {
            Home = Path.Combine(_dir.Path, "home");
            Root = Path.Combine(_dir.Path, "repo");
            Directory.CreateDirectory(Home);
            Directory.CreateDirectory(Root);
            Git("init", "-q");
            Git("config", "user.name", "Test");
            Git("config", "user.email", "test@example.com");
            Git("config", "commit.gpgsign", "false");
            Git("config", "core.autocrlf", "false");
            Git("config", "core.quotePath", quotePath ? "true" : "false");
        }

        private string Home { get; }

        public string Root { get; }

        public void Write(string relative, string content) => WriteBytes(relative, new UTF8Encoding(false).GetBytes(content));

        public void WriteBytes(string relative, byte[] content)
        {
            var full = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
        }

        public void Delete(string relative) => File.Delete(Path.Combine(Root, relative));

        public void Move(string from, string to) => File.Move(Path.Combine(Root, from), Path.Combine(Root, to));

        /// <summary>Commits everything; returns the commit's diff as the commit gates ask for it.</summary>
        public string Commit()
        {
            Git("add", "-A");
            Git("commit", "-q", "--allow-empty", "-m", "change");
            var sha = Git("rev-parse", "HEAD").Trim();
            return Git("diff-tree", "-r", "-p", "-U0", "-M", "--no-color", "--src-prefix=a/", "--dst-prefix=b/", "--root", sha, "--");
        }

        public string Git(params string[] args)
        {
            var result = GitProcess.Run(Root, args, Home);
            Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)} failed with {result.ExitCode}: {result.Stderr}");
            return result.Stdout;
        }

        public void Dispose() => _dir.Dispose();
    }

    private static FileAdditions Single(IReadOnlyList<FileAdditions> files, string path)
    {
        var matching = files.Where(f => f.Path == path).ToList();
        Assert.True(matching.Count == 1, $"expected one entry for \"{path}\" in [{string.Join(", ", files.Select(f => $"\"{f.Path}\""))}]");
        return matching[0];
    }

    private static void AssertLines(FileAdditions file, params (int Line, string Text)[] expected)
    {
        Assert.Equal(
            expected.Select(e => $"{e.Line}: {e.Text}"),
            file.Lines.OrderBy(l => l.Key).Select(l => $"{l.Key}: {l.Value}"));
    }

    [Fact]
    public void A_new_file_gains_every_line()
    {
        using var repo = new Repo();
        repo.Write("src/a.ts", "one\ntwo\nthree\n");

        var files = AddedLines.Parse(repo.Commit());

        AssertLines(Single(files, "src/a.ts"), (1, "one"), (2, "two"), (3, "three"));
        Assert.Single(files);
    }

    [Fact]
    public void A_modified_file_gains_its_new_lines_numbered_in_the_new_file()
    {
        using var repo = new Repo();
        repo.Write("a.py", string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}")) + "\n");
        repo.Commit();
        var lines = Enumerable.Range(1, 20).Select(i => $"line {i}").ToList();
        lines.Insert(2, "added A");
        lines[10] = "changed";
        lines.RemoveAt(15);
        lines.Add("added at end");
        repo.Write("a.py", string.Join('\n', lines) + "\n");

        var diff = repo.Commit();
        var files = AddedLines.Parse(diff);

        AssertLines(Single(files, "a.py"), (3, "added A"), (11, "changed"), (21, "added at end"));
        Assert.True(diff.Split('\n').Count(l => l.StartsWith("@@ ", StringComparison.Ordinal)) >= 2, diff);
    }

    [Fact]
    public void A_deleted_file_gains_nothing()
    {
        using var repo = new Repo();
        repo.Write("gone.cs", "a\nb\n");
        repo.Write("kept.cs", "x\n");
        repo.Commit();
        repo.Delete("gone.cs");
        repo.Write("kept.cs", "x\ny\n");

        var files = AddedLines.Parse(repo.Commit());

        Assert.Equal(["kept.cs"], files.Select(f => f.Path));
        AssertLines(files[0], (2, "y"));
    }

    [Fact]
    public void A_pure_rename_gains_nothing()
    {
        using var repo = new Repo();
        repo.Write("old/name.ts", string.Join('\n', Enumerable.Range(1, 10).Select(i => $"export const v{i} = {i};")) + "\n");
        repo.Commit();
        repo.Move("old/name.ts", "new-name.ts");

        var diff = repo.Commit();

        Assert.Contains("rename to new-name.ts", diff, StringComparison.Ordinal);
        Assert.Empty(AddedLines.Parse(diff));
    }

    [Fact]
    public void A_renamed_and_edited_file_gains_only_the_edited_line_under_its_new_path()
    {
        using var repo = new Repo();
        var lines = Enumerable.Range(1, 12).Select(i => $"export const v{i} = {i};").ToList();
        repo.Write("old.ts", string.Join('\n', lines) + "\n");
        repo.Commit();
        repo.Delete("old.ts");
        lines[5] = "export const v6 = isOn('new-checkout');";
        repo.Write("src/new.ts", string.Join('\n', lines) + "\n");

        var diff = repo.Commit();
        var files = AddedLines.Parse(diff);

        Assert.Contains("rename from old.ts", diff, StringComparison.Ordinal);
        Assert.Equal(["src/new.ts"], files.Select(f => f.Path));
        AssertLines(files[0], (6, "export const v6 = isOn('new-checkout');"));
    }

    [Fact]
    public void A_binary_file_gains_nothing()
    {
        using var repo = new Repo();
        repo.WriteBytes("logo.png", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02, 0x00, 0xFF]);

        var diff = repo.Commit();

        Assert.Contains("Binary files", diff, StringComparison.Ordinal);
        Assert.Empty(AddedLines.Parse(diff));
    }

    [Fact]
    public void A_mode_change_gains_nothing()
    {
        using var repo = new Repo();
        repo.Write("run.sh", "echo hi\n");
        repo.Commit();
        repo.Git("update-index", "--chmod=+x", "run.sh");
        repo.Git("commit", "-q", "-m", "mode");
        var sha = repo.Git("rev-parse", "HEAD").Trim();

        var diff = repo.Git("diff-tree", "-r", "-p", "-U0", "-M", "--no-color", "--src-prefix=a/", "--dst-prefix=b/", "--root", sha, "--");

        Assert.Contains("new mode", diff, StringComparison.Ordinal);
        Assert.Empty(AddedLines.Parse(diff));
    }

    [Fact]
    public void An_empty_new_file_gains_nothing()
    {
        using var repo = new Repo();
        repo.Write("empty.ts", "");
        Assert.Empty(AddedLines.Parse(repo.Commit()));
    }

    [Fact]
    public void A_path_with_spaces_is_read()
    {
        using var repo = new Repo();
        repo.Write("my folder/a file.ts", "flag()\n");

        var files = AddedLines.Parse(repo.Commit());

        AssertLines(Single(files, "my folder/a file.ts"), (1, "flag()"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_non_ascii_path_is_unquoted(bool quotePath)
    {
        using var repo = new Repo(quotePath);
        repo.Write("src/café.cs", "var x = 1;\n");
        repo.Write("src/日本.ts", "y\n");

        var diff = repo.Commit();
        var files = AddedLines.Parse(diff);

        if (quotePath)
        {
            Assert.Contains("\"b/src/caf\\303\\251.cs\"", diff, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("+++ b/src/café.cs", diff, StringComparison.Ordinal);
        }
        AssertLines(Single(files, "src/café.cs"), (1, "var x = 1;"));
        AssertLines(Single(files, "src/日本.ts"), (1, "y"));
    }

    [Fact]
    public void A_path_with_a_tab_quote_or_backslash_is_unquoted()
    {
        using var repo = new Repo();
        repo.Write("a\tb.ts", "t\n");
        repo.Write("say\"hi\".ts", "q\n");
        repo.Write("back\\slash.ts", "s\n");

        var files = AddedLines.Parse(repo.Commit());

        AssertLines(Single(files, "a\tb.ts"), (1, "t"));
        AssertLines(Single(files, "say\"hi\".ts"), (1, "q"));
        AssertLines(Single(files, "back\\slash.ts"), (1, "s"));
        Assert.Equal(3, files.Count);
    }

    [Fact]
    public void A_quoted_path_with_a_space_is_read()
    {
        using var repo = new Repo();
        repo.Write("say \"hi\".ts", "q\n");
        repo.Write("caf\u00e9 menu.ts", "m\n");

        var files = AddedLines.Parse(repo.Commit());

        AssertLines(Single(files, "say \"hi\".ts"), (1, "q"));
        AssertLines(Single(files, "caf\u00e9 menu.ts"), (1, "m"));
    }

    [Fact]
    public void An_added_line_that_looks_like_a_header_is_an_added_line()
    {
        using var repo = new Repo();
        repo.Write("notes.md", "intro\n");
        repo.Commit();
        repo.Write("notes.md", "intro\n++ b/evil.ts\n+++ more\n@@ -1 +1 @@\ndiff --git a/x b/x\n--- a/x\n");

        var files = AddedLines.Parse(repo.Commit());

        Assert.Equal(["notes.md"], files.Select(f => f.Path));
        AssertLines(files[0], (2, "++ b/evil.ts"), (3, "+++ more"), (4, "@@ -1 +1 @@"), (5, "diff --git a/x b/x"), (6, "--- a/x"));
    }

    [Fact]
    public void A_new_file_whose_first_line_starts_with_plus_plus_is_read()
    {
        using var repo = new Repo();
        repo.Write("x.txt", "++ b/other.ts\nsecond\n");

        var files = AddedLines.Parse(repo.Commit());

        AssertLines(Single(files, "x.txt"), (1, "++ b/other.ts"), (2, "second"));
        Assert.Single(files);
    }

    [Fact]
    public void Crlf_content_loses_only_the_line_ending()
    {
        using var repo = new Repo();
        repo.Write("win.cs", "one\r\ntwo \r\n\r\nfour\r\n");

        var files = AddedLines.Parse(repo.Commit());

        AssertLines(Single(files, "win.cs"), (1, "one"), (2, "two "), (3, ""), (4, "four"));
    }

    [Fact]
    public void A_file_without_a_final_newline_is_read()
    {
        using var repo = new Repo();
        repo.Write("a.ts", "x\ny");

        var diff = repo.Commit();

        Assert.Contains("\\ No newline at end of file", diff, StringComparison.Ordinal);
        AssertLines(Single(AddedLines.Parse(diff), "a.ts"), (1, "x"), (2, "y"));
    }

    [Fact]
    public void Several_files_in_one_commit_are_kept_apart()
    {
        using var repo = new Repo();
        repo.Write("a.ts", "a1\n");
        repo.Write("b/c.ts", "c1\nc2\n");
        repo.Write("d.bin", "\0\0\0");
        repo.Write("e.ts", "e1\n");

        var files = AddedLines.Parse(repo.Commit());

        Assert.Equal(["a.ts", "b/c.ts", "e.ts"], files.Select(f => f.Path).Order(StringComparer.Ordinal));
        AssertLines(Single(files, "b/c.ts"), (1, "c1"), (2, "c2"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("0123456789abcdef0123456789abcdef01234567\n")]
    public void An_empty_diff_gains_nothing(string diff)
    {
        Assert.Empty(AddedLines.Parse(diff));
    }

    [Fact]
    public void A_hand_written_crlf_diff_is_read()
    {
        const string diff = "diff --git a/x.ts b/x.ts\r\nnew file mode 100644\r\n--- /dev/null\r\n+++ b/x.ts\r\n@@ -0,0 +1,2 @@\r\n+one\r\n+two\r\n";

        AssertLines(Single(AddedLines.Parse(diff), "x.ts"), (1, "one"), (2, "two"));
    }
}
