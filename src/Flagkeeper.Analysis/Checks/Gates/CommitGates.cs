using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Git;
using Flagkeeper.Diagnostics;
using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Analysis.Checks.Gates;

/// <summary>
/// <c>commit-message</c>: every message in the range follows the convention (git's own subjects are exempt);
/// the convention's warnings (commitlint's body-leading-blank, footer-leading-blank) are warnings.
/// </summary>
internal static class CommitMessageGate
{
    public static List<Finding> Run(IReadOnlyList<Commit> commits, FlagkeeperConfig config, ICommitRules rules)
    {
        var findings = new List<Finding>();
        var severity = config.Severities.Of(RuleCatalog.CommitMessageInvalid);
        if (severity == RuleSeverity.Off)
        {
            return findings;
        }
        foreach (var commit in commits)
        {
            var verdict = rules.Check(CommitMessages.Of(commit), commit.Date);
            if (!verdict.Valid)
            {
                findings.Add(new Finding(RuleCatalog.CommitMessageInvalid.Id, RuleCatalog.CommitMessageInvalid.Gate, severity,
                    $"commit {commit.ShortId} \"{commit.Subject}\": {verdict.Explanation}", null, null, commit.Id));
            }
            foreach (var warning in verdict.Warnings)
            {
                findings.Add(new Finding(RuleCatalog.CommitMessageInvalid.Id, RuleCatalog.CommitMessageInvalid.Gate, RuleSeverity.Warning,
                    $"commit {commit.ShortId} \"{commit.Subject}\": {warning}", null, null, commit.Id));
            }
        }
        return findings;
    }
}

/// <summary>
/// <c>delivery-mode</c>: which mode each commit has, and <c>mode-missing</c> for commits without a tag
/// (only under the flagkeeper preset, the one convention with mode tags).
/// </summary>
internal static class DeliveryModeGate
{
    public static List<Finding> Run(IReadOnlyList<Commit> commits, FlagkeeperConfig config, ICommitRules rules)
    {
        var findings = new List<Finding>();
        var severity = config.Severities.Of(RuleCatalog.ModeMissing);
        if (severity == RuleSeverity.Off || !config.Commits.ReadsModeTags)
        {
            return findings;
        }
        foreach (var commit in commits.Where(c => !c.IsMerge && !rules.IsExempt(c.Subject)))
        {
            if (DeliveryModes.FromTag(commit.Subject) is null)
            {
                findings.Add(new Finding(RuleCatalog.ModeMissing.Id, RuleCatalog.ModeMissing.Gate, severity,
                    $"commit {commit.ShortId} \"{commit.Subject}\" has no [MODE:F] or [MODE:NF] tag, so its mode is F", null, null, commit.Id));
            }
        }
        return findings;
    }
}
