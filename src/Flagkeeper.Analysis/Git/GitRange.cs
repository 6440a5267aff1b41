using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Git;

/// <summary>
/// A <c>--range</c> as written: <c>BASE..HEAD</c> (HEAD defaults to <c>HEAD</c>) or git's <c>REV^!</c> (that one commit).
/// Its shape is checked before git is asked anything, so a typo is a usage error, not a failed run.
/// </summary>
public sealed record GitRange(string Text, string? From, string To)
{
    /// <summary>REV^!: only <see cref="To"/>, the one commit.</summary>
    public bool IsSingleCommit => From is null;

    /// <returns>The range, or FK1005 saying what to write instead (two dots, a base that is not the all-zero id).</returns>
    public static Result<GitRange> Parse(string range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.EndsWith("^!", StringComparison.Ordinal) && !range.Contains("..", StringComparison.Ordinal))
        {
            return new GitRange(range, null, range[..^2]);
        }
        if (range.Contains("...", StringComparison.Ordinal))
        {
            return ErrorCodes.InvalidArgument.Create($"--range '{range}' uses three dots; write BASE..HEAD (two dots)");
        }
        var dots = range.IndexOf("..", StringComparison.Ordinal);
        if (dots <= 0)
        {
            return ErrorCodes.InvalidArgument.Create($"--range '{range}' is not BASE..HEAD (for example origin/main..HEAD) or REV^! (one commit)");
        }
        var from = range[..dots].Trim();
        var to = range[(dots + 2)..].Trim();
        if (from.Trim('0').Length == 0 && from.Length >= 7)
        {
            return ErrorCodes.InvalidArgument.Create(
                $"--range base '{from}' is git's all-zero id (a new branch has no base); use the default branch as base, e.g. origin/main..{(to.Length == 0 ? "HEAD" : to)}");
        }
        return new GitRange(range, from, to.Length == 0 ? "HEAD" : to);
    }
}
