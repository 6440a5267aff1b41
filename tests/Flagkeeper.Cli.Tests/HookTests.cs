namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flagkeeper commit-msg FILE` and `flagkeeper hooks install` end to end: the real CLI over real
/// message files and real git repositories, up to git running the installed hook on `git commit`.
/// </summary>
public class HookTests
{
    private const string Valid = "feat: ok [T-2026-11-28-001] [MODE:F]";
    private const string Marker = "flagkeeper-hook v1";
    private const string Scissors = "# ------------------------ >8 ------------------------";

    // ---------------------------------------------------------------- commit-msg

    [Theory]
    [InlineData(Valid + "\n")]
    [InlineData(Valid + "\n\nA body that explains the change.\nAnd more of it.\n")]
    [InlineData("\n\n" + Valid)]
    [InlineData(Valid + "\r\n\r\nbody\r\n")]
    public async Task Valid_message_exits_0(string message)
    {
        using var dir = new TempDirectory();

        var result = await CommitMsg(dir, message);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Invalid_message_exits_1_with_problems_and_an_example()
    {
        using var dir = new TempDirectory();

        var result = await CommitMsg(dir, "bad message\n");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("commit-message-invalid", result.Stderr);
        Assert.Contains("subject: bad message", result.Stderr);
        Assert.Contains("  - ", result.Stderr);
        Assert.Contains("no task id", result.Stderr);
        Assert.Contains("example: feat: ", result.Stderr);
    }

    [Theory]
    [InlineData("feat: add cart [T-2026-02-30-001] [MODE:F]", "2026-02-30 is not a real calendar date")]
    [InlineData("feature: add cart [T-2026-11-28-001] [MODE:F]", "unknown type 'feature'")]
    [InlineData("feat: add cart [T-2026-11-28-001]", "no delivery mode")]
    [InlineData("feat: add cart [MODE:F]", "no task id")]
    public async Task Invalid_message_names_the_problem(string subject, string problem)
    {
        using var dir = new TempDirectory();

        var result = await CommitMsg(dir, subject + "\n");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(problem, result.Stderr);
        Assert.Contains("example:", result.Stderr);
    }

    [Fact]
    public async Task Comment_lines_are_ignored()
    {
        using var dir = new TempDirectory();

        var valid = await CommitMsg(dir, "# Please enter the commit message for your changes.\n\n" + Valid + "\n# On branch main\n");
        var invalid = await CommitMsg(dir, "# " + Valid + "\nbad message\n");

        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.True(invalid.ExitCode == 1, invalid.ToString());
        Assert.Contains("subject: bad message", invalid.Stderr);
    }

    [Fact]
    public async Task Scissors_section_is_ignored()
    {
        using var dir = new TempDirectory();
        const string Diff = "# Do not modify or remove the line above.\n# Everything below it will be ignored.\ndiff --git a/x.ts b/x.ts\n+bad line\n";

        var valid = await CommitMsg(dir, Valid + "\n\n" + Scissors + "\n" + Diff);
        var onlyBelow = await CommitMsg(dir, "# Please enter the commit message.\n" + Scissors + "\n" + Valid + "\n");

        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.True(onlyBelow.ExitCode == 1, onlyBelow.ToString());
        Assert.Contains("empty", onlyBelow.Stderr);
    }

    [Theory]
    [InlineData("Merge branch 'topic'\n")]
    [InlineData("Merge remote-tracking branch 'origin/main' into topic\n\n# Conflicts:\n#\tsrc/a.ts\n")]
    [InlineData("Revert \"feat: ok [T-2026-11-28-001] [MODE:F]\"\n\nThis reverts commit abc.\n")]
    [InlineData("fixup! feat: ok [T-2026-11-28-001] [MODE:F]\n")]
    public async Task Git_generated_messages_exit_0(string message)
    {
        using var dir = new TempDirectory();

        var result = await CommitMsg(dir, message);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Missing_message_file_exits_2()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(dir.Path, ["commit-msg", dir["no-such-file"], "-C", dir.Path]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK2003", result.Stderr);
    }

    [Fact]
    public async Task Rule_off_lets_any_message_through()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  commit-message-invalid: off\n");

        var result = await CommitMsg(dir, "bad message\n");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Rule_as_warning_explains_but_exits_0()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\nrules:\n  commit-message-invalid: warning\n");

        var result = await CommitMsg(dir, "bad message\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning commit-message-invalid", result.Stderr);
    }

    [Fact]
    public async Task Configured_types_apply_to_the_hook()
    {
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", "version: 1\ncommits:\n  preset: flagkeeper\n  types: [feat, docs]\n");

        var docs = await CommitMsg(dir, "docs: explain [T-2026-11-28-001] [MODE:NF]\n");
        var fix = await CommitMsg(dir, "fix: repair [T-2026-11-28-001] [MODE:NF]\n");

        Assert.True(docs.ExitCode == 0, docs.ToString());
        Assert.True(fix.ExitCode == 1, fix.ToString());
        Assert.Contains("unknown type 'fix'", fix.Stderr);
    }

    [Fact]
    public async Task The_documented_squash_and_merge_pattern_accepts_a_pull_request_suffix()
    {
        // The snippet in docs/configuration.md, exactly as a user would copy it.
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "configuration.md"));
        var at = doc.IndexOf("Squash and merge", StringComparison.Ordinal);
        var start = doc.IndexOf("```yaml\n", at, StringComparison.Ordinal) + "```yaml\n".Length;
        var snippet = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        using var dir = new TempDirectory();
        dir.Write("flagkeeper.yaml", snippet);

        Assert.Equal(0, (await CommitMsg(dir, "feat: search box [T-2026-11-28-001] [MODE:F] (#42)\n")).ExitCode);
        Assert.Equal(0, (await CommitMsg(dir, "feat: search box [T-2026-11-28-001] [MODE:F]\n")).ExitCode);
        Assert.Equal(1, (await CommitMsg(dir, "feat: search box [T-2026-11-28-001] (#42)\n")).ExitCode);
    }

    // ---------------------------------------------------------------- hooks install

    [Fact]
    public async Task Install_writes_executable_commit_msg_and_pre_push_hooks()
    {
        using var repo = GitSandbox.Create();

        var result = await Install(repo.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var name in new[] { "commit-msg", "pre-push" })
        {
            var path = repo[Path.Combine(".git", "hooks", name)];
            Assert.True(File.Exists(path), name);
            var text = File.ReadAllText(path);
            Assert.Contains(Marker, text);
            Assert.StartsWith("#!/bin/sh\n", text);
            if (!OperatingSystem.IsWindows())
            {
                Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), name);
            }
        }
        Assert.Contains("commit-msg \"$1\"", File.ReadAllText(repo[".git/hooks/commit-msg"]));
        Assert.Contains(" check ", File.ReadAllText(repo[".git/hooks/pre-push"]));
    }

    [Fact]
    public async Task Install_again_rewrites_its_own_hooks()
    {
        using var repo = GitSandbox.Create();
        var first = await Install(repo.Path);
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await Install(repo.Path, "--command", CliCommand());

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"exec {CliCommand()} commit-msg", File.ReadAllText(repo[".git/hooks/commit-msg"]));
        Assert.Contains($"{CliCommand()} check", File.ReadAllText(repo[".git/hooks/pre-push"]));
        Assert.False(File.Exists(repo[".git/hooks/commit-msg.flagkeeper-backup"]));
        Assert.False(File.Exists(repo[".git/hooks/pre-push.flagkeeper-backup"]));
    }

    [Theory]
    [InlineData("commit-msg", "pre-push")]
    [InlineData("pre-push", "commit-msg")]
    public async Task Install_refuses_to_overwrite_a_foreign_hook_and_changes_nothing(string foreign, string other)
    {
        using var repo = GitSandbox.Create();
        var bytes = "#!/bin/sh\r\n# my own hook\necho mine \u00e9\n"u8.ToArray();
        var path = repo[Path.Combine(".git", "hooks", foreign)];
        File.WriteAllBytes(path, bytes);

        var result = await Install(repo.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK7004", result.Stderr);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.False(File.Exists(repo[Path.Combine(".git", "hooks", other)]), $"{other} was written although the install was refused");
        Assert.False(File.Exists(path + ".flagkeeper-backup"));
    }

    [Fact]
    public async Task Install_with_force_replaces_a_foreign_hook_and_keeps_a_backup()
    {
        using var repo = GitSandbox.Create();
        var bytes = "#!/bin/sh\necho mine\n"u8.ToArray();
        var path = repo[".git/hooks/commit-msg"];
        File.WriteAllBytes(path, bytes);

        var result = await Install(repo.Path, "--force");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Marker, File.ReadAllText(path));
        Assert.Equal(bytes, File.ReadAllBytes(path + ".flagkeeper-backup"));
        Assert.Contains(Marker, File.ReadAllText(repo[".git/hooks/pre-push"]));
        Assert.False(File.Exists(repo[".git/hooks/pre-push.flagkeeper-backup"]));
    }

    [Fact]
    public async Task Install_honours_core_hooksPath()
    {
        using var repo = GitSandbox.Create();
        repo.Git("config", "core.hooksPath", ".githooks");

        var result = await Install(repo.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Marker, File.ReadAllText(repo[".githooks/commit-msg"]));
        Assert.Contains(Marker, File.ReadAllText(repo[".githooks/pre-push"]));
        Assert.False(File.Exists(repo[".git/hooks/commit-msg"]));
        Assert.False(File.Exists(repo[".git/hooks/pre-push"]));
    }

    [Fact]
    public async Task Install_outside_a_repository_exits_2()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(dir.Path, ["hooks", "install"],
            new Dictionary<string, string> { ["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(dir.Path)! });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.False(Directory.Exists(dir[".git"]));
    }

    [Fact]
    public async Task Installed_commit_msg_hook_stops_a_bad_commit_and_lets_a_good_one_through()
    {
        using var repo = GitSandbox.Create();
        var before = repo.Commit("chore: base [T-2026-11-28-001] [MODE:NF]");
        var install = await Install(repo.Path, "--command", CliCommand());
        Assert.True(install.ExitCode == 0, install.ToString());
        repo.Write("a.txt", "a\n");
        repo.Git("add", "-A");

        var bad = GitSandbox.TryRun(repo.Path, ["commit", "-q", "-m", "bad message"]);

        Assert.True(bad.ExitCode != 0, $"the bad commit went through: {bad.Stdout}{bad.Stderr}");
        Assert.Contains("commit-message-invalid", bad.Stderr);
        Assert.Equal(before, repo.Head());

        var good = GitSandbox.TryRun(repo.Path, ["commit", "-q", "-m", Valid]);

        Assert.True(good.ExitCode == 0, $"the good commit was refused: {good.Stdout}{good.Stderr}");
        Assert.NotEqual(before, repo.Head());
        Assert.Equal(Valid, repo.Git("log", "-1", "--format=%s").Trim());
    }

    [Fact]
    public async Task Installed_hooks_from_a_sub_folder_use_its_configuration()
    {
        using var repo = GitSandbox.Create(registry: null);
        repo.Write("sub/flagkeeper.yaml", "version: 1\ncommits:\n  preset: flagkeeper\n  types: [feat, docs]\n");
        var before = repo.Commit("docs: base [T-2026-11-28-001] [MODE:NF]");
        var install = await Install(repo.Path, "sub", "--command", CliCommand());
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("-C \"sub\"", File.ReadAllText(repo[".git/hooks/commit-msg"]));

        var fix = GitSandbox.TryRun(repo.Path, ["commit", "-q", "--allow-empty", "-m", "fix: repair [T-2026-11-28-001] [MODE:NF]"]);
        var docs = GitSandbox.TryRun(repo.Path, ["commit", "-q", "--allow-empty", "-m", "docs: explain [T-2026-11-28-001] [MODE:NF]"]);

        Assert.True(fix.ExitCode != 0, $"fix: is not a type of sub/flagkeeper.yaml, yet the commit went through: {fix.Stderr}");
        Assert.Contains("unknown type 'fix'", fix.Stderr);
        Assert.True(docs.ExitCode == 0, docs.Stderr);
        Assert.NotEqual(before, repo.Head());
    }

    [Fact]
    public async Task Installed_pre_push_hook_stops_a_push_of_a_bad_feature_commit()
    {
        using var remote = new TempDirectory();
        GitSandbox.Run(remote.Path, "init", "-q", "--bare");
        using var repo = GitSandbox.Create();
        repo.Commit("chore: base [T-2026-11-28-001] [MODE:NF]", ("src/cart.ts", "if (isEnabled('new-checkout')) {\n}\n"), (".gitignore", ".flagkeeper/\n"));
        repo.Git("remote", "add", "origin", remote.Path);
        var install = await Install(repo.Path, "--command", CliCommand());
        Assert.True(install.ExitCode == 0, install.ToString());

        var first = GitSandbox.TryRun(repo.Path, ["push", "-q", "origin", "main"]);
        Assert.True(first.ExitCode == 0, $"the first push was refused: {first.Stdout}{first.Stderr}");
        var pushed = repo.Head();

        repo.Commit("feat: add checkout [T-2026-11-28-001] [MODE:F]", ("src/pay.ts", "export function pay() {\n  return 1;\n}\n"));
        var bad = GitSandbox.TryRun(repo.Path, ["push", "-q", "origin", "main"]);

        Assert.True(bad.ExitCode != 0, $"the push of an unflagged feature went through: {bad.Stdout}{bad.Stderr}");
        Assert.Contains("kill-switch-missing", bad.Stdout + bad.Stderr);
        Assert.Equal(pushed, GitSandbox.Run(remote.Path, "rev-parse", "main").Trim());

        repo.Commit("feat: flag it [T-2026-11-28-001] [MODE:F]", ("src/pay.ts", "export function pay() {\n  if (isEnabled('new-checkout')) {\n    return 1;\n  }\n  return 0;\n}\n"));
        var range = GitSandbox.TryRun(repo.Path, ["push", "-q", "origin", "main"]);

        // The range still holds the unflagged feature commit, so the push stays blocked until it is reworked.
        Assert.True(range.ExitCode != 0, $"the range with an unflagged feature went through: {range.Stdout}{range.Stderr}");
    }

    [Fact]
    public async Task Installed_pre_push_hook_checks_the_pushed_branch_not_HEAD()
    {
        using var remote = new TempDirectory();
        GitSandbox.Run(remote.Path, "init", "-q", "--bare");
        using var repo = GitSandbox.Create();
        repo.Commit("chore: base [T-2026-11-28-001] [MODE:NF]", ("src/cart.ts", "if (isEnabled('new-checkout')) {\n}\n"), (".gitignore", ".flagkeeper/\n"));
        repo.Git("remote", "add", "origin", remote.Path);
        repo.Git("checkout", "-q", "-b", "bad");
        repo.Commit("feat: add checkout [T-2026-11-28-001] [MODE:F]", ("src/pay.ts", "export function pay() {\n  return 1;\n}\n"));
        repo.Git("checkout", "-q", "main");
        var install = await Install(repo.Path, "--command", CliCommand());
        Assert.True(install.ExitCode == 0, install.ToString());

        var push = GitSandbox.TryRun(repo.Path, ["push", "-q", "origin", "bad"]);

        Assert.True(push.ExitCode != 0, $"the new branch with an unflagged feature went through: {push.Stdout}{push.Stderr}");
    }

    [Fact]
    public void An_installed_tool_is_named_by_its_command_beside_the_store_not_by_its_versioned_folder()
    {
        using var dir = new TempDirectory();
        var inStore = dir.Write("tools/.store/flagkeeper.cli/0.1.0/flagkeeper.cli/0.1.0/tools/net10.0/linux-x64/flagkeeper", "");
        var elsewhere = dir.Write("bin/flagkeeper", "");

        var withoutCommand = Flagkeeper.Cli.Commands.HookLauncher.StableToolPath(inStore);
        var command = dir.Write("tools/flagkeeper", "");

        Assert.Equal(inStore, withoutCommand); // no command beside .store: the running file is all there is
        Assert.Equal(command, Flagkeeper.Cli.Commands.HookLauncher.StableToolPath(inStore));
        Assert.Equal(elsewhere, Flagkeeper.Cli.Commands.HookLauncher.StableToolPath(elsewhere));
    }

    [Fact]
    public async Task Default_install_names_the_installing_tool_by_absolute_path_and_commits_work_without_it_on_PATH()
    {
        using var repo = GitSandbox.Create();
        var before = repo.Commit("chore: base [T-2026-11-28-001] [MODE:NF]");

        var install = await Install(repo.Path); // no --command: the tool that runs this must be the one the hooks run

        Assert.True(install.ExitCode == 0, install.ToString());
        var hook = File.ReadAllText(repo[".git/hooks/commit-msg"]);
        var exec = hook.Split('\n').Single(l => l.StartsWith("exec ", StringComparison.Ordinal));
        var program = exec.Split('"')[1];
        Assert.True(Path.IsPathFullyQualified(program) && File.Exists(program), exec);
        if (CliRunner.CliExecutable is { } native)
        {
            Assert.Equal(Path.GetFullPath(native), program);
        }
        else
        {
            Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(program));
            Assert.Contains($"\"{CliRunner.CliDll}\" commit-msg", exec);
        }
        Assert.Contains($"the hooks start flagkeeper with: {exec["exec ".Length..exec.IndexOf(" commit-msg", StringComparison.Ordinal)]}", install.Stdout);

        // A shell alias or a tool folder on the user's PATH is not there when git runs the hook.
        var bad = CommitWithBarePath(repo, "bad message");
        Assert.True(bad.ExitCode != 0, $"the bad commit went through: {bad.Stdout}{bad.Stderr}");
        Assert.Contains("commit-message-invalid", bad.Stderr);
        Assert.Equal(before, repo.Head());

        var good = CommitWithBarePath(repo, Valid);
        Assert.True(good.ExitCode == 0, $"the good commit was refused: {good.Stdout}{good.Stderr}");
        Assert.Equal(Valid, repo.Git("log", "-1", "--format=%s").Trim());
    }

    [Fact]
    public async Task Install_refuses_a_command_that_does_not_start_and_writes_nothing()
    {
        using var repo = GitSandbox.Create();

        var result = await Install(repo.Path, "--command", "\"/no/such/flagkeeper\"");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK7005", result.Stderr);
        Assert.Contains("`\"/no/such/flagkeeper\" --version` fails", result.Stderr);
        Assert.False(File.Exists(repo[".git/hooks/commit-msg"]));
        Assert.False(File.Exists(repo[".git/hooks/pre-push"]));
    }

    [Fact]
    public async Task Install_uses_the_local_tool_when_the_manifest_lists_it_and_refuses_while_it_is_not_restored()
    {
        using var repo = GitSandbox.Create();
        repo.Write(".config/dotnet-tools.json", """
            { "version": 1, "isRoot": true,
              "tools": { "flagkeeper.cli": { "version": "0.0.1-never-published", "commands": ["flagkeeper"] } } }
            """);

        var result = await Install(repo.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK7005", result.Stderr);
        Assert.Contains(" tool run flagkeeper --version` fails", result.Stderr);
        Assert.False(File.Exists(repo[".git/hooks/commit-msg"]));
    }

    // ---------------------------------------------------------------- hooks uninstall

    [Fact]
    public async Task Uninstall_removes_its_hooks_restores_a_replaced_one_and_leaves_foreign_ones()
    {
        using var repo = GitSandbox.Create();
        var mine = "#!/bin/sh\necho my pre-push\n";
        File.WriteAllText(repo[".git/hooks/pre-push"], mine);
        Assert.Equal(0, (await Install(repo.Path, "--force")).ExitCode);
        Assert.Contains(Marker, File.ReadAllText(repo[".git/hooks/pre-push"]));

        var result = await CliRunner.RunAsync(repo.Path, ["hooks", "uninstall"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(repo[".git/hooks/commit-msg"]), "flagkeeper's own commit-msg hook is removed");
        Assert.Equal(mine, File.ReadAllText(repo[".git/hooks/pre-push"])); // the hook --force replaced is back
        Assert.False(File.Exists(repo[".git/hooks/pre-push.flagkeeper-backup"]));

        File.WriteAllText(repo[".git/hooks/commit-msg"], "#!/bin/sh\necho someone else's\n");
        var again = await CliRunner.RunAsync(repo.Path, ["hooks", "uninstall"]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("left .git/hooks/commit-msg alone", again.Stdout);
        Assert.Equal("#!/bin/sh\necho someone else's\n", File.ReadAllText(repo[".git/hooks/commit-msg"]));
        Assert.Equal(mine, File.ReadAllText(repo[".git/hooks/pre-push"]));
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>A shell command that starts the CLI under test, for --command.</summary>
    private static string CliCommand() =>
        CliRunner.CliExecutable is { } executable ? $"\"{executable}\"" : $"dotnet \"{CliRunner.CliDll}\"";

    /// <summary>`git commit` with PATH cut down to the system folders: no flagkeeper, no user tool folders.</summary>
    private static GitResult CommitWithBarePath(GitSandbox repo, string message) =>
        GitProcess.Run(repo.Path, ["commit", "-q", "--allow-empty", "-m", message],
            environment: new Dictionary<string, string> { ["FLAGKEEPER_MODE"] = "", ["PATH"] = "/usr/bin:/bin" });

    /// <summary>Runs commit-msg on the message; without a flagkeeper.yaml of the test's own, under the flagkeeper preset these tests speak.</summary>
    private static Task<CliResult> CommitMsg(TempDirectory dir, string message)
    {
        if (!File.Exists(dir["flagkeeper.yaml"]))
        {
            dir.Write("flagkeeper.yaml", GitSandbox.FlagkeeperPreset);
        }
        var file = dir.Write("COMMIT_EDITMSG", message);
        return CliRunner.RunAsync(dir.Path, ["commit-msg", file, "-C", dir.Path]);
    }

    private static Task<CliResult> Install(string repository, params string[] args) =>
        CliRunner.RunAsync(repository, ["hooks", "install", .. args]);
}
