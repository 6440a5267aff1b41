using Flagkeeper.Analysis.Checks;
using Flagkeeper.Validation;

namespace Flagkeeper.Analysis.Configuration;

/// <summary>
/// Every gate and rule Flagkeeper knows: the registry rules (<see cref="RegistryRules"/>) and the rules
/// that also need code or git history (<see cref="CheckRules"/>). docs/rules.md is generated from it.
/// </summary>
public static class RuleCatalog
{
    public static IReadOnlyList<string> Gates => GateIds.All;

    public static IReadOnlyList<RuleDescriptor> All { get; } = [.. RegistryRules.All, .. CheckRules.All];

    public static IReadOnlyList<string> AllRuleIds { get; } = [.. All.Select(r => r.Id)];

    public static RuleDescriptor? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
