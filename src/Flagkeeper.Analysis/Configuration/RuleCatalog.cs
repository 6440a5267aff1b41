using Flagkeeper.Validation;

namespace Flagkeeper.Analysis.Configuration;

/// <summary>
/// Every gate and rule id Flagkeeper knows, so that <c>flagkeeper.yaml</c> can be checked for typos.
/// The registry rules are implemented in <see cref="RegistryRules"/>; the code and git rules are run by
/// <c>flagkeeper check</c>.
/// </summary>
public static class RuleCatalog
{
    public static IReadOnlyList<string> Gates { get; } = ["flag-lint", "kill-switch", "commit-message", "delivery-mode"];

    /// <summary>Rules checked against code and git history (by <c>flagkeeper check</c>).</summary>
    public static IReadOnlyList<string> CheckRuleIds { get; } =
        ["unregistered-flag", "expired-flag", "expiring-soon", "unused-flag", "dynamic-key", "kill-switch-missing", "commit-message-invalid", "mode-missing"];

    public static IReadOnlyList<string> AllRuleIds { get; } = [.. RegistryRules.All.Select(r => r.Id), .. CheckRuleIds];
}
