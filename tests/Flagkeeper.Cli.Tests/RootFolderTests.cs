using System.CommandLine;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// Which folder a command works on: `[PATH]` and `-C PATH` on every command, the root found upward from a
/// sub-folder when none is given, and what a run with no registry at all says. The real CLI in real folders.
/// </summary>
public class RootFolderTests
{
    private const string Usage = "if (isEnabled('new-checkout')) {\n}\n";

    // ---------------------------------------------------------------- one convention

    [Fact]
    public void Every_command_takes_the_folder_as_minus_C_with_one_help_text_and_hides_the_old_root_spelling()
    {
        using var monitor = new PerformanceMonitor();
        var tree = CliApplication.BuildCommandTree(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System, monitor));
        var leaves = Leaves(tree, "flagkeeper").ToList();
        Assert.True(leaves.Count >= 14, string.Join(", ", leaves.Select(l => l.Path)));

        var helpTexts = new HashSet<string?>();
        foreach (var (path, command) in leaves)
        {
            var minusC = command.Options.SingleOrDefault(o => o.Name == "-C");
            Assert.True(minusC is not null, $"`{path}` has no -C");
            helpTexts.Add(minusC.Description);
            var older = command.Options.SingleOrDefault(o => o.Name == "--root");
            Assert.True(older is { Hidden: true }, $"`{path}` does not accept --root as a hidden spelling of -C");
            helpTexts.Add(older.Description);
            foreach (var argument in command.Arguments.Where(a => a.Name == "PATH"))
            {
                helpTexts.Add(argument.Description);
            }
        }
        Assert.Single(helpTexts);
    }

    [Theory]
    [InlineData("flags", "list")]
    [InlineData("flags", "validate")]
    [InlineData("scan")]
    [InlineData("check")]
    public async Task Path_argument_minus_C_and_root_name_the_same_folder(params string[] command)
    {
        using var elsewhere = new TempDirectory();
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry);
        dir.Write("src/cart.ts", Usage);

        var byPath = await CliRunner.RunAsync(elsewhere.Path, [.. command, dir.Path, "--format", "json", .. NoCache(command)]);
        var byMinusC = await CliRunner.RunAsync(elsewhere.Path, [.. command, "-C", dir.Path, "--format", "json", .. NoCache(command)]);
        var byRoot = await CliRunner.RunAsync(elsewhere.Path, [.. command, "--root", dir.Path, "--format", "json", .. NoCache(command)]);
        var both = await CliRunner.RunAsync(elsewhere.Path, [.. command, dir.Path, "-C", dir.Path + "/", "--format", "json", .. NoCache(command)]);

        foreach (var result in new[] { byPath, byMinusC, byRoot, both })
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(Path.GetFullPath(dir.Path), result.Json().RootElement.GetProperty("root").GetString());
        }
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("check")]
    [InlineData("flags", "list")]
    [InlineData("hooks", "install")]
    public async Task Path_and_minus_C_naming_different_folders_is_a_usage_error(params string[] command)
    {
        using var one = new TempDirectory();
        using var other = new TempDirectory();

        var result = await CliRunner.RunAsync(one.Path, [.. command, one.Path, "-C", other.Path]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FK1005", result.Stderr);
        Assert.Contains($"as PATH '{one.Path}' and as -C '{other.Path}'", result.Stderr);
    }

    [Fact]
    public async Task Key_commands_take_the_folder_with_minus_C()
    {
        using var elsewhere = new TempDirectory();
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry);

        var enable = await CliRunner.RunAsync(elsewhere.Path, ["flags", "enable", "new-checkout", "-C", dir.Path]);
        var show = await CliRunner.RunAsync(elsewhere.Path, ["flags", "show", "new-checkout", "--root", dir.Path, "--format", "json"]);

        Assert.True(enable.ExitCode == 0, enable.ToString());
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.True(show.Json().RootElement.GetProperty("flags")[0].GetProperty("enabled").GetBoolean());
    }

    // ---------------------------------------------------------------- the root found upward

    [Fact]
    public async Task Check_from_a_sub_folder_uses_the_repository_root_and_its_registry()
    {
        using var repo = GitSandbox.Create(config: null); // no flagkeeper.yaml: the repository itself marks the root
        repo.Write("src/app/cart.ts", Usage);
        var subFolder = repo["src/app"];

        var text = await CliRunner.RunAsync(subFolder, ["check", "--gate", "flag-lint", "--no-cache"]);
        var json = await CliRunner.RunAsync(subFolder, ["check", "--gate", "flag-lint", "--no-cache", "--format", "json"]);
        var quiet = await CliRunner.RunAsync(subFolder, ["check", "--gate", "flag-lint", "--no-cache", "--quiet"]);

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.DoesNotContain("using root", quiet.Stderr); // informational: --quiet drops it
        Assert.DoesNotContain("unregistered", text.Stdout);
        Assert.Contains($"using root {repo.Path} (repository root of the current folder)", text.Stderr);
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(repo.Path, json.Json().RootElement.GetProperty("root").GetString());
        Assert.DoesNotContain("using root", json.Stderr); // machine output says it in the JSON
    }

    [Fact]
    public async Task Scan_from_a_sub_folder_prints_paths_relative_to_the_chosen_root()
    {
        using var repo = GitSandbox.Create();
        repo.Write("src/app/cart.ts", Usage);

        var result = await CliRunner.RunAsync(repo["src/app"], ["scan", "--no-cache"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("src/app/cart.ts:1:16  new-checkout  (is-enabled)\n", result.Stdout);
        Assert.DoesNotContain(")  unregistered", result.Stdout);
    }

    [Fact]
    public async Task Flags_commands_from_a_sub_folder_edit_the_root_registry()
    {
        using var repo = GitSandbox.Create();
        Directory.CreateDirectory(repo["src/app"]);

        var enable = await CliRunner.RunAsync(repo["src/app"], ["flags", "enable", "new-checkout"]);

        Assert.True(enable.ExitCode == 0, enable.ToString());
        Assert.Contains("enabled: true", File.ReadAllText(repo["flags.yaml"]));
        Assert.False(File.Exists(repo["src/app/flags.yaml"]));
    }

    [Fact]
    public async Task The_nearest_folder_with_flagkeeper_yaml_is_the_root_below_the_repository_root()
    {
        using var repo = GitSandbox.Create(registry: null);
        repo.Write("services/shop/flagkeeper.yaml", "version: 1\n");
        repo.Write("services/shop/flags.yaml", GitSandbox.DefaultRegistry);
        repo.Write("services/shop/src/cart.ts", Usage);

        var result = await CliRunner.RunAsync(repo["services/shop/src"], ["flags", "validate", "--format", "json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(repo["services/shop"], result.Json().RootElement.GetProperty("root").GetString());
    }

    [Fact]
    public async Task Without_a_marker_above_it_the_current_folder_is_the_root_and_nothing_is_announced()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", GitSandbox.DefaultRegistry);
        dir.Write("cart.ts", Usage);

        var result = await CliRunner.RunAsync(dir.Path, ["scan", "--no-cache"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(")  unregistered", result.Stdout);
        Assert.DoesNotContain("using root", result.Stderr);
    }

    [Fact]
    public async Task An_explicit_path_is_the_root_even_inside_a_repository()
    {
        using var repo = GitSandbox.Create();
        repo.Write("src/app/cart.ts", Usage);

        var result = await CliRunner.RunAsync(repo["src/app"], ["scan", ".", "--no-cache"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("cart.ts:1:16  new-checkout  (is-enabled)  unregistered", result.Stdout);
        Assert.DoesNotContain("using root", result.Stderr);
    }

    // ---------------------------------------------------------------- no registry at all

    [Theory]
    [InlineData("check")]
    [InlineData("scan")]
    [InlineData("flags", "list")]
    [InlineData("flags", "validate")]
    public async Task No_registry_says_there_is_nothing_to_check_and_how_to_start_and_exits_0(params string[] command)
    {
        using var dir = new TempDirectory();
        dir.Write("README.md", "nothing flagged here\n");

        var text = await CliRunner.RunAsync(dir.Path, [.. command, .. NoCache(command)]);
        var json = await CliRunner.RunAsync(dir.Path, [.. command, "--format", "json", .. NoCache(command)]);

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"note: no registry (flags.yaml) found under {dir.Path}", text.Stderr);
        Assert.Contains("start one with: flagkeeper flags add my-flag", text.Stderr);
        Assert.DoesNotContain("no registry", text.Stdout);
        Assert.True(json.ExitCode == 0, json.ToString());
        var notices = json.Json().RootElement.GetProperty("notices").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains(notices, n => n!.StartsWith($"no registry (flags.yaml) found under {dir.Path}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_registry_with_flag_usages_reports_them_unregistered_and_says_why()
    {
        using var dir = new TempDirectory();
        dir.Write("cart.ts", Usage);

        var result = await CliRunner.RunAsync(dir.Path, ["check", "--gate", "flag-lint", "--no-cache"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("unregistered-flag", result.Stdout);
        Assert.Contains("note: no registry (flags.yaml) found", result.Stderr);
    }

    [Fact]
    public async Task Show_with_no_registry_says_there_is_none_and_how_to_start()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync(dir.Path, ["flags", "show", "new-checkout"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"'new-checkout' is not registered: no registry (flags.yaml) found under {dir.Path}", result.Stderr);
        Assert.Contains("flagkeeper flags add my-flag", result.Stderr);
    }

    [Fact]
    public async Task A_registry_with_no_flags_is_not_reported_as_missing()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "version: 1\nflags: {}\n");

        var result = await CliRunner.RunAsync(dir.Path, ["flags", "list"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("No flags registered", result.Stdout);
        Assert.DoesNotContain("no registry", result.Stderr);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>No cache for the scanning commands, and only the gate that needs no git for check.</summary>
    private static string[] NoCache(string[] command) => command[0] switch
    {
        "scan" => ["--no-cache"],
        "check" => ["--no-cache", "--gate", "flag-lint"],
        _ => [],
    };

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
        }
        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, $"{path} {sub.Name}"))
            {
                yield return leaf;
            }
        }
    }
}
