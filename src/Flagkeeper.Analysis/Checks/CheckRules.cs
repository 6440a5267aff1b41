using Flagkeeper.Validation;

namespace Flagkeeper.Analysis.Checks;

/// <summary>The gates of <c>flagkeeper check</c>, by stable id.</summary>
public static class GateIds
{
    public const string FlagLint = "flag-lint";
    public const string KillSwitch = "kill-switch";
    public const string CommitMessage = "commit-message";
    public const string DeliveryMode = "delivery-mode";

    public static IReadOnlyList<string> All { get; } = [FlagLint, KillSwitch, CommitMessage, DeliveryMode];

    /// <summary>Gates that read git history; outside a repository they are skipped with a notice.</summary>
    public static bool NeedsGit(string gate) => gate is KillSwitch or CommitMessage or DeliveryMode;
}

/// <summary>The rules that need code or git history besides the registry (the registry rules are <see cref="RegistryRules"/>).</summary>
public static class CheckRules
{
    public static readonly RuleDescriptor UnregisteredFlag = new("unregistered-flag", GateIds.FlagLint, RuleSeverity.Error,
        "Code uses a flag key that no registry applying to that file declares, neither as key nor as alias",
        "Register the flag (`flagkeeper flags add KEY ...`), add the spelling as an alias, or fix the typo in the code.");
    public static readonly RuleDescriptor ExpiredFlag = new("expired-flag", GateIds.FlagLint, RuleSeverity.Error,
        "Code still uses a flag whose `expires` date has passed (one finding per usage site)",
        "Remove the flag from the code and the registry, or extend `expires` if the flag must live on.");
    public static readonly RuleDescriptor ExpiringSoon = new("expiring-soon", GateIds.FlagLint, RuleSeverity.Warning,
        "A flag expires within `expiringSoonDays` (default 14)",
        "Plan the flag's removal, or extend `expires` in the registry.");
    public static readonly RuleDescriptor UnusedFlag = new("unused-flag", GateIds.FlagLint, RuleSeverity.Warning,
        "A registered flag has no usage anywhere under the root (prerequisites of used flags count as used)",
        "Remove the flag from the registry (`flagkeeper flags remove KEY`), or use it.");
    public static readonly RuleDescriptor DynamicKey = new("dynamic-key", GateIds.FlagLint, RuleSeverity.Warning,
        "A flag call's key is not a literal, so no tool can tell which flag it checks",
        "Pass the key as a string literal, or add `flagkeeper-ignore: dynamic-key` where a wrapper passes its parameter on.");
    public static readonly RuleDescriptor KillSwitchMissing = new("kill-switch-missing", GateIds.KillSwitch, RuleSeverity.Error,
        "A feature commit (`feat` or `feat!`; with `preset: flagkeeper` mode not NF) adds production code without checking a registered flag or a kill switch",
        "Put the new code behind a registered flag (or a KILL_SWITCH_*), or mark the commit [MODE:NF] if it adds no behaviour.");
    public static readonly RuleDescriptor CommitMessageInvalid = new("commit-message-invalid", GateIds.CommitMessage, RuleSeverity.Error,
        "A commit message does not follow the convention of `commits:` (Conventional Commits by default, each failure named by its commitlint rule; `type: summary [T-YYYY-MM-DD-NNN] [MODE:F|NF]` with `preset: flagkeeper`)",
        "Reword the commit (`git commit --amend`, or `git rebase -i` for older ones) as the corrected example shows.");
    public static readonly RuleDescriptor ModeMissing = new("mode-missing", GateIds.DeliveryMode, RuleSeverity.Off,
        "A commit has no `[MODE:F|NF]` tag, so its delivery mode defaults to F (only with `commits: { preset: flagkeeper }`)",
        "Add `[MODE:F]` (adds behaviour) or `[MODE:NF]` (no behaviour change) to the subject.");

    public static IReadOnlyList<RuleDescriptor> All { get; } =
        [UnregisteredFlag, ExpiredFlag, ExpiringSoon, UnusedFlag, DynamicKey, KillSwitchMissing, CommitMessageInvalid, ModeMissing];
}
