using Flagkeeper.Analysis.Languages;

namespace Flagkeeper.Analysis.Scanning.Catalog;

/// <summary>Where a shape's flag key sits.</summary>
public enum KeyPosition
{
    /// <summary>The first argument: <c>isEnabled("k")</c>.</summary>
    FirstArgument,
    /// <summary>The second argument: <c>BooleanValue(ctx, "k")</c>, <c>flag_is_active(request, "k")</c>.</summary>
    SecondArgument,
    /// <summary>The second argument when it is a literal, else the first: <c>getTreatment(user, "k")</c> and <c>getTreatment("k")</c>.</summary>
    SecondOrFirstArgument,
    /// <summary>Every string argument: <c>[FeatureGate(RequirementType.Any, "a", "b")]</c>.</summary>
    EveryStringArgument,
    /// <summary>An attribute of a markup tag, possibly a comma-separated list: <c>&lt;feature name="a,b"&gt;</c>.</summary>
    TagAttribute,
    /// <summary>An environment variable's name with a configured prefix stripped: <c>process.env.FEATURE_X</c>.</summary>
    EnvironmentVariable,
    /// <summary>The identifier itself: <c>KILL_SWITCH_PAYMENTS</c>.</summary>
    Identifier,
}

/// <summary>
/// One way code asks for a flag. The scanner finds a shape by its trigger words (method names, tag
/// names, or identifier prefixes), then confirms it with the shape's regular expression from that
/// position and takes the key from where <see cref="Position"/> says.
/// </summary>
public sealed record CallShape
{
    /// <summary>Stable id, printed as "pattern" in scan output.</summary>
    public required string Id { get; init; }

    /// <summary>Who uses this shape, for docs/patterns.md.</summary>
    public required string Source { get; init; }

    /// <summary>Identifiers that start the shape (method names, tag names, receivers).</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Identifier prefixes that start the shape (environment variables, kill switches); null: use <see cref="Names"/>.</summary>
    public bool TriggeredByPrefix { get; init; }

    public required LanguageFamily Languages { get; init; }
    public required KeyPosition Position { get; init; }

    /// <summary>The SDK whose import makes this shape count; null: it always counts.</summary>
    public string? Sdk { get; init; }

    /// <summary>For <see cref="KeyPosition.TagAttribute"/>: the attribute holding the key(s).</summary>
    public string? Attribute { get; init; }

    /// <summary>A regular expression to use instead of the one built from <see cref="Names"/> (env and identifier shapes).</summary>
    public string? Pattern { get; init; }

    /// <summary>Ruby: the call may omit its parentheses (<c>Feature.enabled? :k</c>).</summary>
    public bool ParenthesesOptional { get; init; }

    /// <summary>Regex text standing for the names when a shape needs more than an identifier (a receiver).</summary>
    public string? NamePattern { get; init; }

    /// <summary>Code that this shape recognises, with the key it yields: used by docs and tests.</summary>
    public required IReadOnlyList<ShapeExample> Examples { get; init; }
}

/// <summary>A line of code in a file with <paramref name="Extension"/>, and the keys the scanner must find in it.</summary>
public sealed record ShapeExample(string Extension, string Code, params string[] Keys);
