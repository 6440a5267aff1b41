namespace Flagkeeper.Diagnostics;

/// <summary>How a rule's findings count. <c>Off</c> drops them.</summary>
public enum RuleSeverity
{
    Off,
    Warning,
    Error,
}

/// <summary>
/// The one severity lookup for every rule, registry rules and gates alike: what <c>rules:</c> in flagkeeper.yaml
/// sets, else the rule's default; and the names severities have in configuration and output.
/// </summary>
public sealed class RuleSeverities(IReadOnlyDictionary<string, RuleSeverity>? overrides = null)
{
    private readonly IReadOnlyDictionary<string, RuleSeverity> _overrides = overrides ?? new Dictionary<string, RuleSeverity>();

    /// <summary>Every rule at its default severity.</summary>
    public static RuleSeverities Defaults { get; } = new();

    /// <summary>The severities <c>rules:</c> sets, by rule id.</summary>
    public IReadOnlyDictionary<string, RuleSeverity> Overrides => _overrides;

    public RuleSeverity Of(RuleDescriptor rule) =>
        _overrides.TryGetValue((rule ?? throw new ArgumentNullException(nameof(rule))).Id, out var severity) ? severity : rule.DefaultSeverity;

    /// <summary>"error", "warning" or "off": the spelling of flagkeeper.yaml, JSON, GitHub and text output.</summary>
    public static string Name(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        _ => "off",
    };

    /// <summary>A severity as flagkeeper.yaml spells it; false for anything else.</summary>
    public static bool TryParse(string? text, out RuleSeverity severity)
    {
        (var known, severity) = text switch
        {
            "error" => (true, RuleSeverity.Error),
            "warning" => (true, RuleSeverity.Warning),
            "off" => (true, RuleSeverity.Off),
            _ => (false, RuleSeverity.Off),
        };
        return known;
    }
}
