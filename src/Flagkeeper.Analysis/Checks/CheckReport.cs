using Flagkeeper.Diagnostics;
using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Analysis.Checks;

/// <summary>
/// What one gate found. A gate that did not run because it does not apply says why in <see cref="SkipReason"/>;
/// one that could not judge because its input failed to load says why in <see cref="IncompleteReason"/>, and
/// never passes.
/// </summary>
public sealed record GateResult(string Id, IReadOnlyList<Finding> Findings, string? SkipReason = null)
{
    /// <summary>What the gate looked at, in a few words ("2 of 3 commits were features adding production code").</summary>
    public string? Detail { get; init; }

    /// <summary>Why the gate could not judge (its input did not load); null when it could.</summary>
    public string? IncompleteReason { get; init; }

    public bool Skipped => SkipReason is not null;

    public bool Incomplete => IncompleteReason is not null;

    public bool Passed => !Incomplete && !Findings.Any(f => f.Severity == RuleSeverity.Error);

    /// <summary>"passed", "failed", "skipped" or "incomplete" (could not run).</summary>
    public string Status => Incomplete ? "incomplete" : Skipped ? "skipped" : Passed ? "passed" : "failed";
}

/// <summary>A commit the git gates looked at: its conventional type and the delivery mode it was judged in.</summary>
public sealed record CheckedCommit(string Id, string Subject, string? Type, DeliveryMode Mode, ModeSource ModeSource, bool IsMerge)
{
    /// <summary>A Conventional Commits breaking change: <c>!</c> before the colon or a BREAKING CHANGE footer.</summary>
    public bool Breaking { get; init; }
}

/// <summary>Counts that say how much a check looked at.</summary>
public sealed record CheckStatistics
{
    public TimeSpan Duration { get; init; }
    public int FilesScanned { get; init; }

    /// <summary>Bytes of the scanned files (the performance history's fingerprint).</summary>
    public long BytesScanned { get; init; }
    public int Usages { get; init; }
    public int Registries { get; init; }
    public int Flags { get; init; }
    public int CommitsChecked { get; init; }
    public int Suppressed { get; init; }
    public int Baselined { get; init; }

    /// <summary>The scan's reads tried again after a transient I/O error, and how many of those then succeeded.</summary>
    public RecoveryCounts ReadRetries { get; init; } = RecoveryCounts.None;
}

/// <summary>The outcome of a check: every gate that was asked for, input errors, and notices.</summary>
public sealed record CheckReport(
    string Root,
    IReadOnlyList<GateResult> Gates,
    IReadOnlyList<FlagkeeperError> Errors,
    IReadOnlyList<string> Notices,
    CheckStatistics Statistics)
{
    /// <summary>The root's path inside its git repository ("" at the top, "sub/dir/" below it), for repo-relative paths in SARIF and GitHub output.</summary>
    public string RepositoryPrefix { get; init; } = "";

    /// <summary>The commits the git gates checked, oldest first, with their delivery modes.</summary>
    public IReadOnlyList<CheckedCommit> Commits { get; init; } = [];

    public IEnumerable<Finding> Findings => Gates.SelectMany(g => g.Findings);

    /// <summary>An input error (bad config, unreadable registry, unknown git revision) means no trustworthy answer.</summary>
    public bool HasInputErrors => Errors.Any(e => e.Severity >= ErrorSeverity.High);

    public bool Passed => !HasInputErrors && Gates.All(g => g.Passed);

    /// <summary>The time budget (<c>--timeout</c>) ran out: what is reported is what was found by then.</summary>
    public bool TimedOut => Errors.Any(e => e.Descriptor == ErrorCodes.TimedOut);

    /// <summary>Why not everything asked for was judged (the time budget ran out, a gate's input did not load); null when it all was.</summary>
    public string? IncompleteReason =>
        Errors.FirstOrDefault(e => e.Descriptor == ErrorCodes.TimedOut)?.Message
        ?? Gates.Where(g => g.Incomplete).Select(g => $"{g.Id}: {g.IncompleteReason}").FirstOrDefault();

    public int Count(RuleSeverity severity) => Findings.Count(f => f.Severity == severity);
}
