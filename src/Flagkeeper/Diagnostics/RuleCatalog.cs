using Flagkeeper.Registry;

namespace Flagkeeper.Diagnostics;

/// <summary>A rule with a stable id: the gate that runs it, how bad it is by default, what it checks and how to fix it.</summary>
public sealed record RuleDescriptor(string Id, string Gate, RuleSeverity DefaultSeverity, string Summary, string Fix)
{
    /// <summary>The rule's section in docs/rules.md (its id is the anchor).</summary>
    public string DocAnchor => $"docs/rules.md#{Id}";
}

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

/// <summary>
/// Every rule Flagkeeper knows, in one place: the registry rules the runtime's validator runs (they need the
/// registry alone) and the rules of the check gates (they also need code or git history). docs/rules.md is
/// generated from it; configuration, SARIF and the schemas take their rule ids from it.
/// </summary>
public static class RuleCatalog
{
    // Registry rules: they need the registry alone, no source code.
    public static readonly RuleDescriptor InvalidKey = new("invalid-key", GateIds.FlagLint, RuleSeverity.Error,
        $"A flag key is not {FlagKeys.Description}", "Rename the flag so tools and SDKs can all spell it.");
    public static readonly RuleDescriptor DuplicateFlag = new("duplicate-flag", GateIds.FlagLint, RuleSeverity.Error,
        "A flag key (or alias) is declared twice, also when two keys differ only by case", "Keep one declaration; merge the metadata into it.");
    public static readonly RuleDescriptor MissingDescription = new("missing-description", GateIds.FlagLint, RuleSeverity.Warning,
        "A flag has no description", "Add `description:` saying what the flag gates.");
    public static readonly RuleDescriptor MissingOwner = new("missing-owner", GateIds.FlagLint, RuleSeverity.Error,
        "A flag has no owner", "Add `owner:` with the team or person who decides when it goes.");
    public static readonly RuleDescriptor MissingType = new("missing-type", GateIds.FlagLint, RuleSeverity.Error,
        "A flag has no type", "Add `type:` release, experiment, operational, kill-switch or permission.");
    public static readonly RuleDescriptor UnknownType = new("unknown-type", GateIds.FlagLint, RuleSeverity.Error,
        "A flag's type is not one of the known types", "Use release, experiment, operational, kill-switch or permission.");
    public static readonly RuleDescriptor MissingExpiry = new("missing-expiry", GateIds.FlagLint, RuleSeverity.Error,
        "A release or experiment flag has no expiry date", "Add `expires: YYYY-MM-DD`; temporary flags must have an end.");
    public static readonly RuleDescriptor InvalidDate = new("invalid-date", GateIds.FlagLint, RuleSeverity.Error,
        "A date is not a real calendar date in YYYY-MM-DD form", "Write the date as YYYY-MM-DD, for example 2026-03-31.");
    public static readonly RuleDescriptor InvalidRollout = new("invalid-rollout", GateIds.FlagLint, RuleSeverity.Error,
        "A rollout percentage is outside 0-100", "Use a number from 0 to 100 (decimals allowed).");
    public static readonly RuleDescriptor UnknownEnvironment = new("unknown-environment", GateIds.FlagLint, RuleSeverity.Error,
        "A flag overrides an environment the registry does not list", "Add the environment to the top-level `environments:` list or fix its name.");
    public static readonly RuleDescriptor UnknownPrerequisite = new("unknown-prerequisite", GateIds.FlagLint, RuleSeverity.Error,
        "A flag requires a flag that no applicable registry declares", "Register the prerequisite or remove it from `requires:`.");
    public static readonly RuleDescriptor PrerequisiteCycle = new("prerequisite-cycle", GateIds.FlagLint, RuleSeverity.Error,
        "Flags require each other in a cycle, so none can ever turn on", "Remove one `requires:` entry to break the cycle.");
    public static readonly RuleDescriptor InvalidTargeting = new("invalid-targeting", GateIds.FlagLint, RuleSeverity.Error,
        "A `targeting:` entry is empty, or names a group without a name or twice", "Give every group a `name:`, list each user and group once, and drop empty entries.");
    public static readonly RuleDescriptor TargetingConflict = new("targeting-conflict", GateIds.FlagLint, RuleSeverity.Warning,
        "A user or group is both targeted and excluded; the exclusion wins, so the listing does nothing", "Remove it from `targeting:` or from `exclude:`.");

    // Rules that need code or git history besides the registry.
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
    public static readonly RuleDescriptor NothingRecognised = new("nothing-recognised", GateIds.FlagLint, RuleSeverity.Warning,
        "Source files were scanned, but no flag check was recognised in them and there is no registry, so nothing was checked",
        "Describe your own flag calls under `patterns:` in flagkeeper.yaml (docs/patterns.md), or register a first flag (`flagkeeper flags add my-feature --owner you --type operational --description \"What it gates\"`).");
    public static readonly RuleDescriptor KillSwitchMissing = new("kill-switch-missing", GateIds.KillSwitch, RuleSeverity.Error,
        "A feature commit (`feat` or `feat!`; with `preset: flagkeeper` mode not NF) adds production code without checking a registered flag or a kill switch",
        "Put the new code behind a registered flag (or a KILL_SWITCH_*), or mark the commit [MODE:NF] if it adds no behaviour.");
    public static readonly RuleDescriptor CommitMessageInvalid = new("commit-message-invalid", GateIds.CommitMessage, RuleSeverity.Error,
        "A commit message does not follow the convention of `commits:` (Conventional Commits by default, each failure named by its commitlint rule; `type: summary [T-YYYY-MM-DD-NNN] [MODE:F|NF]` with `preset: flagkeeper`)",
        "Reword the commit (`git commit --amend`, or `git rebase -i` for older ones) as the corrected example shows.");
    public static readonly RuleDescriptor ModeMissing = new("mode-missing", GateIds.DeliveryMode, RuleSeverity.Off,
        "A commit has no `[MODE:F|NF]` tag, so its delivery mode defaults to F (only with `commits: { preset: flagkeeper }`)",
        "Add `[MODE:F]` (adds behaviour) or `[MODE:NF]` (no behaviour change) to the subject.");

    /// <summary>The rules the registry validator runs.</summary>
    public static IReadOnlyList<RuleDescriptor> Registry { get; } =
    [
        InvalidKey, DuplicateFlag, MissingDescription, MissingOwner, MissingType, UnknownType, MissingExpiry,
        InvalidDate, InvalidRollout, UnknownEnvironment, UnknownPrerequisite, PrerequisiteCycle, InvalidTargeting, TargetingConflict,
    ];

    /// <summary>The rules only the check gates run.</summary>
    public static IReadOnlyList<RuleDescriptor> Check { get; } =
        [UnregisteredFlag, ExpiredFlag, ExpiringSoon, UnusedFlag, DynamicKey, NothingRecognised, KillSwitchMissing, CommitMessageInvalid, ModeMissing];

    /// <summary>Every rule, registry rules first: the order of docs/rules.md and SARIF's rule indexes.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } = [.. Registry, .. Check];

    public static IReadOnlyList<string> AllRuleIds { get; } = [.. All.Select(r => r.Id)];

    public static IReadOnlyList<string> Gates => GateIds.All;

    public static RuleDescriptor? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
