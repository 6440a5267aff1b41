using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Git;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;
using Flagkeeper.Analysis.Checks.Sources;
using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Analysis.Checks.Gates;

/// <summary>
/// <c>kill-switch</c>: a feature commit (as the commit convention says, mode not NF) that adds production code must
/// check a registered flag or a kill switch on one of the lines it adds. The added lines come from the
/// commit's diff; the usages from scanning each file as the commit left it, so an SDK import elsewhere
/// in the file still counts. Merge commits are skipped.
/// </summary>
internal sealed class KillSwitchGate(
    GitRepository repository, Scanner scanner, FlagResolver resolver, ProductionCode production, FlagkeeperConfig config, ForcedMode? forcedMode,
    ICommitRules commitRules)
{
    private const string KillSwitchShape = "kill-switch";

    public int Suppressed { get; private set; }

    /// <summary>Feature commits that added production code, so the gate had something to judge.</summary>
    public int FeatureCommitsJudged { get; private set; }

    public List<Finding> Run(IReadOnlyList<Commit> commits, ICollection<FlagkeeperError> errors)
    {
        var findings = new List<Finding>();
        var severity = config.Severities.Of(RuleCatalog.KillSwitchMissing);
        if (severity == RuleSeverity.Off)
        {
            return findings;
        }
        foreach (var commit in commits)
        {
            if (commit.IsMerge || !commitRules.IsFeature(commit.Subject)
                || DeliveryModes.Resolve(commit.Subject, forcedMode, config.Commits.ReadsModeTags).Mode == DeliveryMode.NF)
            {
                continue;
            }
            if (repository.IsShallowBoundary(commit))
            {
                throw new FlagkeeperException(ErrorCodes.GitHistoryShallow.Create(
                    $"commit {commit.ShortId} \"{commit.Subject}\" is a feature commit whose parent is not in this shallow clone, so what it added cannot be told; fetch more history: git fetch --deepen=50 (actions/checkout: fetch-depth: 0)"));
            }
            var added = AddedLines.Parse(repository.Diff(commit)).Where(f => production.Contains(f.Path)).ToList();
            if (added.Count == 0)
            {
                continue;
            }
            FeatureCommitsJudged++;
            if (added.Any(f => f.Lines.Values.Any(line => Suppressions.Silences(line, RuleCatalog.KillSwitchMissing.Id, LanguageCatalog.ForFileName(f.Path)))))
            {
                Suppressed++;
                continue;
            }
            if (!added.Any(file => ChecksAFlag(commit, file, errors)))
            {
                var first = added[0];
                var lines = added.Sum(f => f.Lines.Count);
                var files = string.Join(", ", added.Take(5).Select(f => f.Path)) + (added.Count > 5 ? $" and {added.Count - 5} more" : "");
                findings.Add(new Finding(RuleCatalog.KillSwitchMissing.Id, RuleCatalog.KillSwitchMissing.Gate, severity,
                    $"feature commit {commit.ShortId} \"{commit.Subject}\" adds {lines} line(s) of production code ({files}) without checking a registered flag or a kill switch; " +
                    "put the new code behind a flag, or mark the commit [MODE:NF] if it adds no behaviour",
                    null, new SourceLocation(first.Path, first.Lines.Keys.Min(), 1), commit.Id));
            }
        }
        return findings;
    }

    /// <summary>Whether one of the lines the commit added to the file checks a registered flag or a kill switch.</summary>
    private bool ChecksAFlag(Commit commit, FileAdditions file, ICollection<FlagkeeperError> errors)
    {
        if (repository.FileAt(commit, file.Path) is not { } content)
        {
            return false;
        }
        var fullPath = Path.Combine(repository.Root, file.Path);
        foreach (var usage in scanner.MatchContent(file.Path, content, errors))
        {
            if (usage.Flag is not null && file.Lines.ContainsKey(usage.Line)
                && (usage.Pattern == KillSwitchShape || resolver.Resolve(fullPath, usage.Flag) is not null))
            {
                return true;
            }
        }
        return false;
    }
}
