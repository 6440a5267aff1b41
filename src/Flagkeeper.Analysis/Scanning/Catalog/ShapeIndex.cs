using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Flagkeeper.Analysis.Scanning.Catalog;

/// <summary>
/// The catalog prepared for one configuration: the anchor words the prefilter searches for, the
/// shapes each trigger word can start, the environment-variable prefixes, the SDKs that count
/// everywhere, and each shape's regular expression.
/// </summary>
public sealed partial class ShapeIndex
{
    // One argument: anything up to a top-level comma or closing bracket, with strings and nested brackets skipped whole.
    private const string Argument = @"(?:[^,()\[\]{}""'`]|""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)*'|`[^`]*`|\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\]|\{[^{}]*\})+";
    private const string NotIdentifier = @"(?![A-Za-z0-9_$])";

    /// <summary>Optional generic arguments, then the parenthesised argument list (each argument captured as "a").</summary>
    private const string CallArguments = @"\G(?:\s*<[^<>()]*>)?\s*\((?:(?<a>" + Argument + @")(?:,(?<a>" + Argument + @"))*)?(?<close>\))?";

    private readonly FrozenDictionary<string, CallShape[]> _byName;
    private readonly FrozenDictionary<string, CallShape[]>.AlternateLookup<ReadOnlySpan<char>> _byNameSpan; // made once (see Language.ForExtension)

    public ShapeIndex(IEnumerable<CallShape> shapes, IEnumerable<string> envPrefixes, IEnumerable<string> sdks)
    {
        Shapes = shapes.ToList();
        EnvPrefixes = envPrefixes.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length).ToArray();
        Sdks = sdks.Select(s => s.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
        _byName = Shapes.Where(s => !s.TriggeredByPrefix)
            .SelectMany(s => s.Names.Select(n => (Name: n, Shape: s)))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Shape).ToArray(), StringComparer.Ordinal);
        _byNameSpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        KillSwitchShapes = Shapes.Where(s => s.Position == KeyPosition.Identifier).ToArray();
        EnvShapes = Shapes.Where(s => s.Position == KeyPosition.EnvironmentVariable).ToArray();
        Patterns = Shapes.ToFrozenDictionary(s => s.Id, BuildPattern, StringComparer.Ordinal);
        PrefixTriggers = [.. EnvShapes.Length > 0 ? EnvPrefixes : [], .. KillSwitchShapes.SelectMany(s => s.Names)];

        var anchors = BuiltInCatalog.Anchors.Concat(MinimalCover(PrefixTriggers)).Distinct(StringComparer.Ordinal).ToList();
        // "<feature" covers the tag name "feature": the shape needs the '<' anyway.
        var uncovered = _byName.Keys.Where(n => !anchors.Any(a => n.Contains(a.TrimStart('<'), StringComparison.Ordinal))).ToList();
        if (uncovered.Count > 0)
        {
            throw new InvalidOperationException($"no anchor covers the trigger words: {string.Join(", ", uncovered)}");
        }
        Anchors = anchors;
        // Not a trigger: found in the same pass so `check` knows which files hold suppression comments.
        anchors.Add(SuppressionMarker);
        PrefixTriggerStarts = SearchValues.Create(string.Concat(PrefixTriggers.Select(p => p[0]).Distinct()));
        AnchorSearch = SearchValues.Create(anchors.ToArray(), StringComparison.Ordinal);
    }

    public IReadOnlyList<CallShape> Shapes { get; }
    // Arrays, not IReadOnlyList: the matcher walks these per candidate, and a foreach over the interface allocates an enumerator.
    public string[] EnvPrefixes { get; }
    public FrozenSet<string> Sdks { get; }
    /// <summary>The words the prefilter searches for: the catalog's anchors plus the env and kill-switch prefixes.</summary>
    public IReadOnlyList<string> Anchors { get; }

    /// <summary><see cref="Anchors"/> prepared for one vectorised multi-string search.</summary>
    public SearchValues<string> AnchorSearch { get; }

    /// <summary>The suppression comment marker (<c>Checks.Suppressions.Marker</c>), searched for with the anchors.</summary>
    public const string SuppressionMarker = "flagkeeper-ignore";

    /// <summary>Identifier prefixes that trigger a shape: the env prefixes and <c>KILL_SWITCH_</c>.</summary>
    public string[] PrefixTriggers { get; }

    /// <summary>The first characters of <see cref="PrefixTriggers"/>: most identifiers can be ruled out by one lookup.</summary>
    public SearchValues<char> PrefixTriggerStarts { get; }

    public CallShape[] KillSwitchShapes { get; }
    public CallShape[] EnvShapes { get; }

    /// <summary>
    /// Each shape's regex, by shape id. Call shapes match from the end of the trigger word (\G there);
    /// shapes with a receiver, tags, environment variables and kill switches match from its start.
    /// </summary>
    public FrozenDictionary<string, string> Patterns { get; }

    /// <summary>The pattern every call shape without a pattern of its own shares (<see cref="Matching.CallArgumentReader"/> reads it without a regex).</summary>
    public const string CallArgumentsPattern = CallArguments;

    /// <summary>The options every built-in shape regex uses.</summary>
    public static RegexOptions PatternOptions => PatternOptionsValue;

    private const RegexOptions PatternOptionsValue = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>
    /// Built-in patterns compiled at build time by the regex source generator (the call-argument
    /// pattern runs for almost every usage). The pattern cache is seeded with them, so a scan never
    /// interprets them; the native build cannot compile regexes at run time.
    /// </summary>
    public static IEnumerable<(string Pattern, RegexOptions Options, Regex Regex)> Prebuilt =>
        [(CallArguments, PatternOptionsValue, CallArgumentsRegex())];

    [GeneratedRegex(CallArguments, PatternOptionsValue, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CallArgumentsRegex();

    /// <summary>True when the shape's regex starts after the trigger word rather than at it.</summary>
    public static bool MatchesAfterName(CallShape shape) =>
        shape.Pattern is null && shape.NamePattern is null && shape.Position is not KeyPosition.TagAttribute;

    public bool TryGetByName(ReadOnlySpan<char> name, out CallShape[] shapes) =>
        _byNameSpan.TryGetValue(name, out shapes!);

    /// <summary>The env prefix <paramref name="name"/> starts with (longest first), or null.</summary>
    public string? EnvPrefixOf(ReadOnlySpan<char> name)
    {
        foreach (var prefix in EnvPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix;
            }
        }
        return null;
    }

    private static string BuildPattern(CallShape shape)
    {
        if (shape.Pattern is { } explicitPattern)
        {
            return explicitPattern;
        }
        var names = shape.NamePattern ?? "(?:" + string.Join('|', shape.Names.OrderByDescending(n => n.Length).Select(Regex.Escape)) + ")";
        return shape.Position switch
        {
            KeyPosition.TagAttribute =>
                $@"\G(?<=<){names}(?![A-Za-z0-9_-])[^>]*?(?<![A-Za-z0-9_-]){Regex.Escape(shape.Attribute!)}\s*=\s*(?:(?<q>[""'])(?<v>[^""'\r\n]*)\k<q>|\{{\s*(?<q2>[""'`])(?<v>[^""'`\r\n]*)\k<q2>\s*\}}|(?<d>\{{[^}}\r\n]*\}}))",
            _ when shape.ParenthesesOptional =>
                $@"\G{names}(?:\s*\(|[ \t]+(?=[:""']))(?<a>\s*(?::[A-Za-z_][A-Za-z0-9_]*[?!]?|""[^""\r\n]*""|'[^'\r\n]*'|[^,()\r\n]+))",
            // The name itself was already matched exactly by the trigger lookup: the regex starts right
            // after it, so every call shape shares one compiled pattern.
            _ when shape.NamePattern is null => CallArguments,
            _ => $@"\G{names}{NotIdentifier}{CallArguments[2..]}",
        };
    }

    /// <summary>The prefixes with every one dropped that contains another (FEATURE_ covers VITE_FEATURE_).</summary>
    private static IEnumerable<string> MinimalCover(IEnumerable<string> prefixes)
    {
        var list = prefixes.Distinct(StringComparer.Ordinal).ToList();
        return list.Where(p => !list.Any(o => o != p && p.Contains(o, StringComparison.Ordinal)));
    }
}
