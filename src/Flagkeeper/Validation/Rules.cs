using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;

namespace Flagkeeper.Validation;

/// <summary>How a rule's findings count. <c>Off</c> drops them.</summary>
public enum RuleSeverity
{
    Off,
    Warning,
    Error,
}

/// <summary>A rule with a stable id: what it checks, how bad it is by default, and how to fix it.</summary>
public sealed record RuleDescriptor(string Id, string Gate, RuleSeverity DefaultSeverity, string Summary, string Fix);

/// <summary>One rule violation, located where there is a place to point at.</summary>
public sealed record Finding(string Rule, RuleSeverity Severity, string Message, string? Flag, SourceLocation? Location);

/// <summary>The registry rules: they need the registry alone, no source code.</summary>
public static class RegistryRules
{
    public const string Gate = "flag-lint";

    public static readonly RuleDescriptor InvalidKey = new("invalid-key", Gate, RuleSeverity.Error,
        $"A flag key is not {FlagKeys.Description}", "Rename the flag so tools and SDKs can all spell it.");
    public static readonly RuleDescriptor DuplicateFlag = new("duplicate-flag", Gate, RuleSeverity.Error,
        "A flag key (or alias) is declared twice, also when two keys differ only by case", "Keep one declaration; merge the metadata into it.");
    public static readonly RuleDescriptor MissingDescription = new("missing-description", Gate, RuleSeverity.Warning,
        "A flag has no description", "Add `description:` saying what the flag gates.");
    public static readonly RuleDescriptor MissingOwner = new("missing-owner", Gate, RuleSeverity.Error,
        "A flag has no owner", "Add `owner:` with the team or person who decides when it goes.");
    public static readonly RuleDescriptor MissingType = new("missing-type", Gate, RuleSeverity.Error,
        "A flag has no type", "Add `type:` release, experiment, operational, kill-switch or permission.");
    public static readonly RuleDescriptor UnknownType = new("unknown-type", Gate, RuleSeverity.Error,
        "A flag's type is not one of the known types", "Use release, experiment, operational, kill-switch or permission.");
    public static readonly RuleDescriptor MissingExpiry = new("missing-expiry", Gate, RuleSeverity.Error,
        "A release or experiment flag has no expiry date", "Add `expires: YYYY-MM-DD`; temporary flags must have an end.");
    public static readonly RuleDescriptor InvalidDate = new("invalid-date", Gate, RuleSeverity.Error,
        "A date is not a real calendar date in YYYY-MM-DD form", "Write the date as YYYY-MM-DD, for example 2026-03-31.");
    public static readonly RuleDescriptor InvalidRollout = new("invalid-rollout", Gate, RuleSeverity.Error,
        "A rollout percentage is outside 0-100", "Use a number from 0 to 100 (decimals allowed).");
    public static readonly RuleDescriptor UnknownEnvironment = new("unknown-environment", Gate, RuleSeverity.Error,
        "A flag overrides an environment the registry does not list", "Add the environment to the top-level `environments:` list or fix its name.");
    public static readonly RuleDescriptor UnknownPrerequisite = new("unknown-prerequisite", Gate, RuleSeverity.Error,
        "A flag requires a flag that no applicable registry declares", "Register the prerequisite or remove it from `requires:`.");
    public static readonly RuleDescriptor PrerequisiteCycle = new("prerequisite-cycle", Gate, RuleSeverity.Error,
        "Flags require each other in a cycle, so none can ever turn on", "Remove one `requires:` entry to break the cycle.");

    public static readonly RuleDescriptor InvalidTargeting = new("invalid-targeting", Gate, RuleSeverity.Error,
        "A `targeting:` entry is empty, or names a group without a name or twice", "Give every group a `name:`, list each user and group once, and drop empty entries.");
    public static readonly RuleDescriptor TargetingConflict = new("targeting-conflict", Gate, RuleSeverity.Warning,
        "A user or group is both targeted and excluded; the exclusion wins, so the listing does nothing", "Remove it from `targeting:` or from `exclude:`.");

    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        InvalidKey, DuplicateFlag, MissingDescription, MissingOwner, MissingType, UnknownType, MissingExpiry,
        InvalidDate, InvalidRollout, UnknownEnvironment, UnknownPrerequisite, PrerequisiteCycle, InvalidTargeting, TargetingConflict,
    ];
}
