using Flagkeeper.Diagnostics;

namespace Flagkeeper.Registry;

/// <summary>A per-environment override of a flag's <c>enabled</c> and <c>rollout</c>.</summary>
public sealed record EnvironmentOverride(string Name, bool? Enabled, double? Rollout, SourceLocation Location)
{
    /// <summary>Replaces the flag's own targeting in this environment; null: the flag's own.</summary>
    public FlagTargeting? Targeting { get; init; }
}

/// <summary>A reference to another flag (prerequisite) with where it was written.</summary>
public sealed record FlagReference(string Key, SourceLocation Location);

/// <summary>
/// One flag as declared in a registry. Raw texts are kept next to parsed values so validation
/// can say exactly what was wrong (an unknown type, a date that does not exist). The type and dates are
/// parsed once, when their text is set, not on every read.
/// </summary>
public sealed record FlagDefinition
{
    public required string Key { get; init; }
    public required SourceLocation Location { get; init; }
    public string? Description { get; init; }
    public string? Owner { get; init; }

    /// <summary>The type as written; null when missing.</summary>
    public string? TypeText
    {
        get => _typeText;
        init
        {
            _typeText = value;
            Type = value is not null && FlagTypes.TryParse(value, out var type) ? type : null;
        }
    }

    /// <summary>The type, or null when it is missing or not one of <see cref="FlagTypes.Names"/>.</summary>
    public FlagType? Type { get; private init; }

    /// <summary>The expiry as written; null when missing.</summary>
    public string? ExpiresText
    {
        get => _expiresText;
        init
        {
            _expiresText = value;
            Expires = RegistryDates.TryParse(value, out var date) ? date : null;
        }
    }

    /// <summary>The expiry, or null when it is missing or not a calendar date.</summary>
    public DateOnly? Expires { get; private init; }

    /// <summary>Master switch. Absent means off: a new flag never turns itself on.</summary>
    public bool Enabled { get; init; }

    /// <summary>Value served when the flag is off or the target is outside the rollout.</summary>
    public bool Default { get; init; }

    /// <summary>Percent of targets that get the flag when enabled (0-100). Absent means 100.</summary>
    public double? Rollout { get; init; }

    /// <summary>Who gets the flag before the rollout applies; null when the flag has no <c>targeting:</c>.</summary>
    public FlagTargeting? Targeting { get; init; }

    public IReadOnlyList<EnvironmentOverride> Environments { get; init; } = [];
    public IReadOnlyList<FlagReference> Requires { get; init; } = [];
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? CreatedText
    {
        get => _createdText;
        init
        {
            _createdText = value;
            Created = RegistryDates.TryParse(value, out var date) ? date : null;
        }
    }

    public DateOnly? Created { get; private init; }
    public string? Task { get; init; }

    /// <summary>Where each field was written, by field name, for findings that point at a value.</summary>
    public IReadOnlyDictionary<string, SourceLocation> FieldLocations { get; init; } = FieldLocationMap.Empty;

    private readonly string? _typeText;
    private readonly string? _expiresText;
    private readonly string? _createdText;

    public SourceLocation LocationOf(string field) => FieldLocations.TryGetValue(field, out var loc) ? loc : Location;

    /// <summary>The effective enabled state and rollout in an environment (null: no environment).</summary>
    public (bool Enabled, double Rollout) In(string? environment)
    {
        var enabled = Enabled;
        var rollout = Rollout ?? 100;
        var match = environment is null ? null : OverrideFor(environment);
        if (match is not null)
        {
            // The master switch wins: an environment can narrow a flag, never revive a killed one.
            enabled = Enabled && (match.Enabled ?? true);
            rollout = match.Rollout ?? rollout;
        }
        return (enabled, rollout);
    }

    /// <summary>
    /// The override of <paramref name="environment"/>, or null. A flag overrides a handful of environments at
    /// most, so a loop over them beats a dictionary per flag (no hashing, no 10,000 dictionaries to build).
    /// </summary>
    public EnvironmentOverride? OverrideFor(string environment)
    {
        var environments = Environments;
        for (var i = 0; i < environments.Count; i++)
        {
            if (string.Equals(environments[i].Name, environment, StringComparison.Ordinal))
            {
                return environments[i];
            }
        }
        return null;
    }
}

public static class RegistryDates
{
    /// <summary>Strict ISO calendar date (yyyy-MM-dd) that exists.</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out date);
}
