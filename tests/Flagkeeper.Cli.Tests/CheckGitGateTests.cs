using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// `flagkeeper check` git gates end to end: the real CLI over real git repositories (kill-switch,
/// commit-message, delivery-mode), ranges, shallow clones, folders outside git and sub-folder roots.
/// </summary>
public partial class CheckGitGateTests
{
    private const string Task = "[T-2026-11-28-001]";
    private const string Feat = "feat: add checkout " + Task + " [MODE:F]";
    private const string Base = "chore: base " + Task + " [MODE:NF]";
    private const string Unflagged = "export function checkout() {\n  return 3;\n}\n";
    private const string Flagged = "export function checkout() {\n  if (isEnabled('new-checkout')) {\n    return 3;\n  }\n  return 0;\n}\n";

    // ---------------------------------------------------------------- helpers

    private static GitSandbox UnflaggedFeature(string subject)
    {
        var repo = GitSandbox.Create();
        repo.Commit(Base, ("README.md", "# shop\n"));
        repo.Commit(subject, ("src/cart.ts", Unflagged));
        return repo;
    }

    /// <summary>A --depth 1 clone of <paramref name="origin"/> in <paramref name="target"/>; returns its path.</summary>
    private static string Clone(GitSandbox origin, TempDirectory target)
    {
        var path = Path.Combine(target.Path, "shallow");
        GitSandbox.Run(target.Path, "clone", "-q", "--depth", "1", new Uri(origin.Path).AbsoluteUri, path);
        return path;
    }

    /// <summary>Keeps git from finding a repository above the temp folder, whatever the machine's layout.</summary>
    private static Dictionary<string, string> OutsideGit(TempDirectory dir) =>
        new() { ["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(dir.Path)! };

    private static Task<CliResult> Check(string directory, params string[] args) => Check(directory, args, []);

    private static Task<CliResult> Check(string directory, string[] args, Dictionary<string, string> environment)
    {
        var merged = new Dictionary<string, string> { ["FLAGKEEPER_MODE"] = "" };
        foreach (var (name, value) in environment)
        {
            merged[name] = value;
        }
        return CliRunner.RunAsync(directory, ["check", .. args, "--no-cache"], merged);
    }

    private static JsonElement Gate(CliResult result, string id) =>
        result.Json().RootElement.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("id").GetString() == id);

    private static List<JsonElement> Findings(CliResult result, string? rule = null) =>
    [
        .. result.Json().RootElement.GetProperty("gates").EnumerateArray()
            .SelectMany(g => g.GetProperty("findings").EnumerateArray())
            .Where(f => rule is null || f.GetProperty("rule").GetString() == rule),
    ];

    private static int Stat(CliResult result, string name) => result.Json().RootElement.GetProperty("stats").GetProperty(name).GetInt32();
}
