using System.Globalization;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Git;

/// <summary>One commit as the git gates see it.</summary>
public sealed record Commit(string Id, IReadOnlyList<string> Parents, DateOnly Date, string Subject)
{
    /// <summary>The whole message (git's <c>%B</c>); empty when only the subject is known.</summary>
    public string Message { get; init; } = "";

    public string ShortId => Id.Length > 12 ? Id[..12] : Id;

    public bool IsMerge => Parents.Count > 1;
}

/// <summary>
/// The git repository a check root lives in: where the root sits inside it, whether the clone is
/// shallow, and the commits of a range. Every call runs the real <c>git</c>.
/// </summary>
public sealed class GitRepository
{
    private const string ZeroId = "0000000000000000000000000000000000000000";
    private readonly HashSet<string> _shallowCommits;

    private GitRepository(string root, string prefix, string hooksDirectory, HashSet<string> shallowCommits)
    {
        Root = root;
        Prefix = prefix;
        HooksDirectory = hooksDirectory;
        _shallowCommits = shallowCommits;
    }

    /// <summary>The check root (absolute); git runs there, so paths are root-relative.</summary>
    public string Root { get; }

    /// <summary>The root's path inside the repository: "" at the top, "sub/dir/" below it.</summary>
    public string Prefix { get; }

    /// <summary>Where git looks for hooks (absolute; <c>core.hooksPath</c> honoured).</summary>
    public string HooksDirectory { get; }

    /// <summary>The repository that contains <paramref name="root"/>.</summary>
    /// <returns>The repository, or FK7002 when git is missing or the folder is in no repository.</returns>
    public static Result<GitRepository> Open(string root) =>
        GitCommand.TryRunTo("finding the git repository that holds the folder", root, "rev-parse", "--show-prefix", "--git-path", "shallow", "--git-path", "hooks")
            .Then(output => Result<GitRepository>.Success(FromRevParse(root, output)));

    private static GitRepository FromRevParse(string root, string output)
    {
        // One git call: the prefix line, then each --git-path, relative to the root.
        var lines = output.Split('\n');
        var prefix = lines.Length > 0 ? lines[0].Trim() : "";
        var shallowFile = lines.Length > 1 ? Path.GetFullPath(Path.Combine(root, lines[1].Trim())) : "";
        var hooks = lines.Length > 2 ? Path.GetFullPath(Path.Combine(root, lines[2].Trim())) : Path.Combine(root, ".git", "hooks");
        var shallow = File.Exists(shallowFile)
            ? File.ReadAllLines(shallowFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];
        return new GitRepository(root, prefix, hooks, shallow);
    }

    /// <summary>
    /// True when the commit's parents were cut off by a shallow clone, so git shows it as if it added every
    /// file. A real root commit in a shallow clone is listed as shallow too; its object names no parent.
    /// </summary>
    public bool IsShallowBoundary(Commit commit) =>
        _shallowCommits.Contains(commit.Id)
        && GitCommand.RunTo($"reading commit {commit.ShortId}", Root, "cat-file", "commit", commit.Id).Split('\n').TakeWhile(line => line.Length > 0).Any(line => line.StartsWith("parent ", StringComparison.Ordinal));

    public bool IsShallow => _shallowCommits.Count > 0;

    /// <summary>
    /// The commits to check, oldest first: those of <c>BASE..HEAD</c>, or HEAD alone without a range;
    /// none in a repository without commits.
    /// </summary>
    /// <exception cref="FlagkeeperException">
    /// FK1005 for a malformed range (<see cref="GitRange.Parse"/> says so as a value first); FK7001 when a revision is
    /// unknown (with a shallow-clone hint).
    /// </exception>
    public IReadOnlyList<Commit> Commits(string? range)
    {
        if (range is null)
        {
            if (!Exists("HEAD"))
            {
                return [];
            }
            return Log("-1", "HEAD");
        }
        var parsed = GitRange.Parse(range);
        if (parsed.Failed)
        {
            throw new FlagkeeperException(parsed.Errors);
        }
        var (from, to) = (parsed.Value.From, parsed.Value.To);
        if (from is null)
        {
            // git's REV^! notation: that one commit (what the pre-push hook uses for a brand-new history).
            if (to.Length == 0 || !Exists(to))
            {
                throw new FlagkeeperException(ErrorCodes.GitRefUnknown.Create($"the commit '{to}' of --range {range} is not in this repository"));
            }
            return Log("-1", to);
        }
        foreach (var (revision, role) in new[] { (from, "base"), (to, "head") })
        {
            if (!Exists(revision))
            {
                var hint = IsShallow || role == "base"
                    ? " If this is a shallow clone, fetch more history: git fetch --deepen=50 (actions/checkout: fetch-depth: 0)."
                    : "";
                throw new FlagkeeperException(ErrorCodes.GitRefUnknown.Create(
                    $"the {role} '{revision}' of --range {range} is not in this repository.{hint}"));
            }
        }
        return Log("--reverse", $"{from}..{to}");
    }

    /// <summary>The unified diff of one commit against its first parent (a root commit against the empty tree), limited to the root.</summary>
    public string Diff(Commit commit) =>
        GitCommand.RunTo($"reading what commit {commit.ShortId} changed", Root, "-c", "core.quotePath=false", "diff-tree", "-r", "-p", "-U0", "-M", "--no-color", "--no-ext-diff",
            "--src-prefix=a/", "--dst-prefix=b/", "--relative", "--root", commit.Id, "--");

    /// <summary>A file's content as <paramref name="commit"/> left it (root-relative path), or null when it is not there.</summary>
    public byte[]? FileAt(Commit commit, string path)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetBytes(GitCommand.RunTo($"reading {path} as commit {commit.ShortId} left it", Root, "cat-file", "blob", $"{commit.Id}:./{path}"));
        }
        catch (FlagkeeperException ex) when (ex.Error.Descriptor == ErrorCodes.GitRefUnknown)
        {
            return null;
        }
    }

    private bool Exists(string revision) => GitCommand.CommitExists(Root, revision);

    private List<Commit> Log(params string[] selection)
    {
        // One record per commit, fields split by US (0x1f), records by NUL (-z): subjects may hold any other character.
        var output = GitCommand.RunTo("listing the commits to check", Root, ["-c", "log.showSignature=false", "log", "-z", "--no-color", "--format=%H%x1f%P%x1f%as%x1f%s%x1f%B", .. selection, "--"]);
        var commits = new List<Commit>();
        foreach (var record in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = record.TrimStart('\n').Split('\x1f', 5);
            if (fields.Length < 4 || fields[0] == ZeroId)
            {
                continue;
            }
            var parents = fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var date = DateOnly.TryParseExact(fields[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : default;
            commits.Add(new Commit(fields[0], parents, date, fields[3].TrimEnd('\n')) { Message = fields.Length > 4 ? fields[4] : "" });
        }
        return commits;
    }
}
