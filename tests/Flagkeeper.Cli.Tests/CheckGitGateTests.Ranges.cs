
namespace Flagkeeper.Cli.Tests;

public partial class CheckGitGateTests
{
    // ---------------------------------------------------------------- ranges

    [Fact]
    public async Task Without_range_only_HEAD_is_checked()
    {
        using var repo = GitSandbox.Create();
        repo.Commit("bad message one");
        repo.Commit("bad message two", ("src/cart.ts", Unflagged));
        repo.Commit("fix: good " + Task + " [MODE:NF]");

        var result = await Check(repo.Path, "--gate", "commit-message", "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
        Assert.Equal(1, Stat(result, "commitsChecked"));
    }

    [Fact]
    public async Task Range_HEAD_minus_2_checks_exactly_two_commits()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);
        repo.Commit("bad message one");
        var second = repo.Commit("bad message two");
        repo.Commit("fix: good " + Task + " [MODE:NF]");

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json", "--range", "HEAD~2..HEAD");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(2, Stat(result, "commitsChecked"));
        var finding = Assert.Single(Findings(result));
        Assert.Equal(second, finding.GetProperty("commit").GetString());
    }

    [Fact]
    public async Task Empty_range_passes_without_claiming_the_repository_has_no_commits()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);
        repo.Commit("bad message");

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json", "--range", "HEAD..HEAD");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, Stat(result, "commitsChecked"));
        Assert.DoesNotContain(result.Json().RootElement.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("no commits yet"));
    }

    [Fact]
    public async Task Json_lists_each_checked_commit_with_its_mode_and_where_the_mode_came_from()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);
        var tagged = repo.Commit("fix: tagged " + Task + " [MODE:NF]");
        var untagged = repo.Commit("chore: no tag at all");

        var byTag = await Check(repo.Path, "--gate", "delivery-mode", "--format", "json", "--range", "HEAD~2..HEAD");
        var forced = await CliRunner.RunAsync(repo.Path, ["check", "--gate", "delivery-mode", "--format", "json", "--range", "HEAD~2..HEAD"],
            new Dictionary<string, string> { ["FLAGKEEPER_MODE"] = "NF" });
        var option = await Check(repo.Path, "--gate", "delivery-mode", "--format", "json", "--range", "HEAD~2..HEAD", "--mode", "F");

        static List<(string?, string?, string?, string?)> Commits(CliResult result) =>
            [.. result.Json().RootElement.GetProperty("commits").EnumerateArray().Select(c =>
                (c.GetProperty("id").GetString(), c.GetProperty("type").GetString(), c.GetProperty("mode").GetString(), c.GetProperty("modeSource").GetString()))];
        Assert.Equal([(tagged, "fix", "NF", "tag"), (untagged, "chore", "F", "default")], Commits(byTag));
        Assert.Equal([(tagged, "fix", "NF", "environment"), (untagged, "chore", "NF", "environment")], Commits(forced));
        Assert.Equal([(tagged, "fix", "F", "option"), (untagged, "chore", "F", "option")], Commits(option));
        var text = await Check(repo.Path, "--gate", "delivery-mode", "--range", "HEAD~2..HEAD");
        Assert.Contains("delivery-mode passed (2 commits: 1 F by default (no tag), 1 NF by tag)", text.Stdout);
    }

    [Fact]
    public async Task Single_commit_range_checks_exactly_that_commit_even_when_it_is_not_HEAD()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);
        var bad = repo.Commit("bad message");
        repo.Commit("fix: good " + Task + " [MODE:NF]");

        var result = await Check(repo.Path, "--gate", "commit-message", "--format", "json", "--range", bad + "^!");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(1, Stat(result, "commitsChecked"));
        Assert.Equal(bad, Assert.Single(Findings(result)).GetProperty("commit").GetString());
        var unknown = await Check(repo.Path, "--gate", "commit-message", "--range", "nosuchcommit^!");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
    }

    [Fact]
    public async Task Unknown_base_is_a_git_error_with_a_deepen_hint()
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);

        var result = await Check(repo.Path, "--format", "json", "--range", "nosuchref..HEAD");

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = result.Json().RootElement;
        Assert.False(json.GetProperty("passed").GetBoolean());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "FK7001");
        Assert.Contains("git fetch --deepen", error.GetProperty("message").GetString());
        Assert.Contains("nosuchref", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("HEAD~1...HEAD")]
    [InlineData("0000000000000000000000000000000000000000..HEAD")]
    [InlineData("HEAD")]
    [InlineData("..HEAD")]
    public async Task Malformed_range_is_a_usage_error(string range)
    {
        using var repo = GitSandbox.Create();
        repo.Commit(Base);
        repo.Commit(Feat, ("src/cart.ts", Unflagged));

        var result = await Check(repo.Path, "--format", "json", "--range", range);

        // A usage error like a bad --today: one line naming the range and what to write, nothing scanned, no report.
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith($"error FK1005: --range", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Shallow_clone_whose_head_feature_touches_production_code_is_an_error_never_a_pass()
    {
        using var origin = GitSandbox.Create();
        origin.Commit(Base, ("README.md", "# shop\n"));
        origin.Commit("fix: tidy " + Task + " [MODE:NF]", ("src/a.ts", "export const a = 1;\n"));
        origin.Commit(Feat, ("src/a.ts", "export const a = 1;\nexport const b = 2;\n"));
        using var target = new TempDirectory();
        var clone = Clone(origin, target);
        Assert.Equal("true", GitSandbox.Run(clone, "rev-parse", "--is-shallow-repository").Trim());

        var gate = await Check(clone, "--gate", "kill-switch", "--format", "json");
        var all = await Check(clone, "--format", "json");

        foreach (var result in new[] { gate, all })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains(result.Json().RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "FK7003");
            Assert.Contains("fetch", result.Stdout);
        }
    }

    [Fact]
    public async Task Shallow_clone_of_a_single_root_commit_is_checked_like_the_root_commit()
    {
        using var origin = GitSandbox.Create();
        var root = origin.Commit(Feat, ("src/cart.ts", Unflagged));
        using var target = new TempDirectory();
        var clone = Clone(origin, target);

        var result = await Check(clone, "--gate", "kill-switch", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(root, Assert.Single(Findings(result, "kill-switch-missing")).GetProperty("commit").GetString());
    }

    [Fact]
    public async Task Shallow_clone_whose_head_is_no_feature_passes()
    {
        using var origin = GitSandbox.Create();
        origin.Commit(Base, ("README.md", "# shop\n"));
        origin.Commit("fix: tidy " + Task + " [MODE:F]", ("src/a.ts", "export const a = 1;\n"));
        using var target = new TempDirectory();
        var clone = Clone(origin, target);

        var result = await Check(clone, "--gate", "kill-switch", "--gate", "commit-message", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Findings(result));
    }

    [Fact]
    public async Task Shallow_clone_with_a_base_that_was_not_fetched_is_a_git_error()
    {
        using var origin = GitSandbox.Create();
        var first = origin.Commit(Base, ("README.md", "# shop\n"));
        origin.Commit("fix: tidy " + Task + " [MODE:NF]", ("src/a.ts", "export const a = 1;\n"));
        origin.Commit("fix: more " + Task + " [MODE:NF]", ("src/a.ts", "export const a = 2;\n"));
        using var target = new TempDirectory();
        var clone = Clone(origin, target);

        var result = await Check(clone, "--gate", "kill-switch", "--format", "json", "--range", first + "..HEAD");

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.Json().RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "FK7001");
        Assert.Contains("git fetch --deepen", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Repository_without_commits_passes_with_a_notice()
    {
        using var repo = GitSandbox.Create();
        repo.Write("src/cart.ts", Flagged);

        var result = await Check(repo.Path, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json().RootElement;
        Assert.Contains(json.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("no commits"));
        Assert.Equal(0, Stat(result, "commitsChecked"));
        Assert.Empty(json.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Outside_git_the_git_gates_are_skipped_and_flag_lint_decides()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry);
        dir.Write("src/cart.ts", Flagged);

        var clean = await Check(dir.Path, ["--format", "json"], OutsideGit(dir));

        Assert.True(clean.ExitCode == 0, clean.ToString());
        var json = clean.Json().RootElement;
        foreach (var id in new[] { "kill-switch", "commit-message", "delivery-mode" })
        {
            var gate = Gate(clean, id);
            Assert.True(gate.GetProperty("skipped").GetBoolean(), id);
            Assert.False(string.IsNullOrEmpty(gate.GetProperty("skipReason").GetString()), id);
        }
        Assert.False(Gate(clean, "flag-lint").GetProperty("skipped").GetBoolean());
        Assert.Contains(json.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("git gates skipped"));
        Assert.Empty(json.GetProperty("errors").EnumerateArray());

        dir.Write("src/other.ts", "if (isEnabled('not-registered')) {\n}\n");

        var dirty = await Check(dir.Path, ["--format", "json"], OutsideGit(dir));

        Assert.True(dirty.ExitCode == 1, dirty.ToString());
        Assert.Single(Findings(dirty, "unregistered-flag"));
        Assert.True(Gate(dirty, "kill-switch").GetProperty("skipped").GetBoolean());
    }

    [Fact]
    public async Task Outside_git_a_range_is_an_error()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry);
        dir.Write("src/cart.ts", Flagged);

        var result = await Check(dir.Path, ["--format", "json", "--range", "a..b"], OutsideGit(dir));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.NotEmpty(result.Json().RootElement.GetProperty("errors").EnumerateArray());
    }

    // ---------------------------------------------------------------- a root below the top of the repository

    [Fact]
    public async Task Sub_folder_root_ignores_production_code_outside_it()
    {
        using var repo = GitSandbox.Create(registry: null);
        repo.Write("sub/flags.yaml", GitSandbox.DefaultRegistry);
        repo.Commit(Base, ("sub/README.md", "# sub\n"));
        repo.Commit(Feat, ("src/app.ts", Unflagged), ("sub/docs.md", "more\n"));

        var sub = await Check(repo.Path, "sub", "--gate", "kill-switch", "--format", "json");
        var top = await Check(repo.Path, ".", "--gate", "kill-switch", "--format", "json");

        Assert.True(sub.ExitCode == 0, sub.ToString());
        Assert.Empty(Findings(sub));
        Assert.True(top.ExitCode == 1, top.ToString());
        Assert.Equal("src/app.ts", Assert.Single(Findings(top)).GetProperty("file").GetString());
    }

    [Fact]
    public async Task Sub_folder_root_reports_repository_relative_paths_in_github_format()
    {
        using var repo = GitSandbox.Create(registry: null);
        repo.Write("sub/flags.yaml", GitSandbox.DefaultRegistry);
        repo.Commit(Base, ("sub/README.md", "# sub\n"));
        var feat = repo.Commit(Feat, ("sub/src/cart.ts", Unflagged));

        var json = await Check(repo.Path, "sub", "--gate", "kill-switch", "--format", "json");
        var github = await Check(repo.Path, "sub", "--gate", "kill-switch", "--format", "github");

        Assert.True(json.ExitCode == 1, json.ToString());
        var finding = Assert.Single(Findings(json));
        Assert.Equal("src/cart.ts", finding.GetProperty("file").GetString());
        Assert.Equal(feat, finding.GetProperty("commit").GetString());
        Assert.True(github.ExitCode == 1, github.ToString());
        var line = Assert.Single(github.Stdout.Split('\n'), l => l.StartsWith("::error ", StringComparison.Ordinal));
        Assert.Contains("file=sub/src/cart.ts,", line);
        Assert.Contains("line=1,", line);
        Assert.Contains("kill-switch-missing", line);
    }
}
