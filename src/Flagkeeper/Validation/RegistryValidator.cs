using System.Buffers;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;

namespace Flagkeeper.Validation;

/// <summary>
/// Checks loaded registries against the registry rules of <see cref="RuleCatalog"/>. Needs no source code. A registry
/// sees its own flags and those of registries whose scope contains it (parent folders).
/// </summary>
public sealed class RegistryValidator(RuleSeverities? severities = null)
{
    private readonly RuleSeverities _severities = severities ?? RuleSeverities.Defaults;

    public IReadOnlyList<Finding> Validate(IReadOnlyList<FlagRegistry> registries) => Validate(registries, null);

    /// <summary>
    /// The findings of <see cref="Validate(IReadOnlyList{FlagRegistry})"/> less those of the checks that look at one flag
    /// alone for every flag but <paramref name="only"/>'s: an edit compares the registry before and after, and a flag it
    /// did not touch has the same such findings in both. The checks across flags (duplicates, aliases, prerequisites,
    /// cycles) run for every flag; the order is the same.
    /// </summary>
    /// <param name="only">A registry of <paramref name="registries"/> and the keys of its flags to check alone; null: every flag of every registry.</param>
    internal IReadOnlyList<Finding> Validate(IReadOnlyList<FlagRegistry> registries, (FlagRegistry Registry, IReadOnlySet<string> Keys)? only)
    {
        var findings = new List<Finding>();
        foreach (var registry in registries)
        {
            var visible = registries.Where(r => PathScope.Contains(r.ScopeDirectory, registry.ScopeDirectory)).ToList();
            var alone = only is not { } some ? null : ReferenceEquals(some.Registry, registry) ? some.Keys : NoKeys;
            ValidateRegistry(registry, visible, alone, findings);
        }
        CheckNestedDuplicates(registries, findings);
        return findings
            .Where(f => f.Severity != RuleSeverity.Off)
            .OrderBy(f => f.Location?.File, StringComparer.Ordinal)
            .ThenBy(f => f.Location?.Line)
            .ThenBy(f => f.Location?.Column)
            .ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ToList();
    }

    private static readonly IReadOnlySet<string> NoKeys = new HashSet<string>();

    /// <param name="alone">The keys of the flags that get the checks of one flag alone; null: all.</param>
    private void ValidateRegistry(FlagRegistry registry, List<FlagRegistry> visible, IReadOnlySet<string>? alone, List<Finding> findings)
    {
        // One delegate for the whole registry: a local function passed as an Action is a new delegate per call.
        Action<RuleDescriptor, string, string?, SourceLocation> add = (rule, message, flag, location) =>
            findings.Add(Finding.Of(rule, _severities.Of(rule), message, flag, location));
        void Add(RuleDescriptor rule, string message, string? flag, SourceLocation location) => add(rule, message, flag, location);

        foreach (var duplicate in registry.DuplicateKeys)
        {
            Add(RuleCatalog.DuplicateFlag, $"flag '{duplicate.Key}' is declared more than once in {registry.DisplayPath}", duplicate.Key, duplicate.Location);
        }

        var byFoldedName = new Dictionary<string, FlagDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var flag in MayDifferOnlyByCase(registry) ? registry.Flags : [])
        {
            if (byFoldedName.TryGetValue(flag.Key, out var first))
            {
                Add(RuleCatalog.DuplicateFlag, $"flag '{flag.Key}' differs from '{first.Key}' (line {first.Location.Line}) only by case", flag.Key, flag.Location);
            }
            else
            {
                byFoldedName[flag.Key] = flag;
            }
        }

        var allowedEnvironments = registry.Environments is { } names ? new HashSet<string>(names, StringComparer.Ordinal) : null;
        foreach (var flag in registry.Flags)
        {
            if (alone is null || alone.Contains(flag.Key))
            {
                CheckFlag(registry, flag, allowedEnvironments, add);
            }

            var requires = flag.Requires;
            for (var i = 0; i < requires.Count; i++)
            {
                var prerequisite = requires[i];
                if (!Declared(visible, prerequisite.Key))
                {
                    Add(RuleCatalog.UnknownPrerequisite, $"flag '{flag.Key}' requires '{prerequisite.Key}', which no registry declares", flag.Key, prerequisite.Location);
                }
            }
        }

        CheckAliases(registry, add);
        CheckCycles(registry, visible, add);
    }

    /// <summary>ASCII without capitals: the characters of the usual flag key.</summary>
    private static readonly SearchValues<char> LowerAscii = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 128).Select(c => (char)c).Where(c => c is < 'A' or > 'Z')));

    /// <summary>
    /// False when no two keys can differ only by case: all are distinct and in ASCII without capitals (then they are equal
    /// ignoring case only when equal). Spares the usual registry a case-insensitive dictionary of every key.
    /// </summary>
    private static bool MayDifferOnlyByCase(FlagRegistry registry)
    {
        var flags = registry.Flags;
        if (registry.ByKey.Count != flags.Count)
        {
            return true;
        }
        for (var i = 0; i < flags.Count; i++)
        {
            if (flags[i].Key.AsSpan().ContainsAnyExcept(LowerAscii))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The checks that look at one flag alone (and the registry's environments).</summary>
    private static void CheckFlag(FlagRegistry registry, FlagDefinition flag, HashSet<string>? allowedEnvironments, Action<RuleDescriptor, string, string?, SourceLocation> add)
    {
        if (!FlagKeys.IsValid(flag.Key))
        {
            add(RuleCatalog.InvalidKey, $"flag key '{Shorten(flag.Key)}' must be {FlagKeys.Description}", flag.Key, flag.Location);
        }
        if (string.IsNullOrWhiteSpace(flag.Description))
        {
            add(RuleCatalog.MissingDescription, $"flag '{flag.Key}' has no description", flag.Key, flag.Location);
        }
        if (string.IsNullOrWhiteSpace(flag.Owner))
        {
            add(RuleCatalog.MissingOwner, $"flag '{flag.Key}' has no owner; add `owner:`", flag.Key, flag.Location);
        }
        if (flag.TypeText is null)
        {
            add(RuleCatalog.MissingType, $"flag '{flag.Key}' has no type; add `type:` ({string.Join(", ", FlagTypes.Names)})", flag.Key, flag.Location);
        }
        else if (flag.Type is null)
        {
            add(RuleCatalog.UnknownType, $"flag '{flag.Key}' has unknown type '{flag.TypeText}'; use one of {string.Join(", ", FlagTypes.Names)}", flag.Key, flag.LocationOf("type"));
        }
        if (flag.ExpiresText is null && flag.Type?.RequiresExpiry() == true)
        {
            add(RuleCatalog.MissingExpiry, $"{flag.TypeText} flag '{flag.Key}' has no expiry date; add `expires: YYYY-MM-DD`", flag.Key, flag.Location);
        }
        CheckDate(flag, "expires", flag.ExpiresText, add);
        CheckDate(flag, "created", flag.CreatedText, add);
        if (flag.Rollout is not null)
        {
            CheckRollout(flag.Rollout, flag.Key, null, flag.LocationOf("rollout"), add);
        }

        var environments = flag.Environments;
        for (var i = 0; i < environments.Count; i++)
        {
            var environment = environments[i];
            CheckRollout(environment.Rollout, flag.Key, environment.Name, environment.Location, add);
            if (allowedEnvironments is not null && !allowedEnvironments.Contains(environment.Name))
            {
                add(RuleCatalog.UnknownEnvironment,
                    $"flag '{flag.Key}' overrides environment '{environment.Name}', which is not in `environments:` ({string.Join(", ", registry.Environments!)})",
                    flag.Key, environment.Location);
            }
        }

        TargetingChecks.Check(flag, add);
    }

    private static bool Declared(List<FlagRegistry> registries, string key)
    {
        foreach (var registry in registries)
        {
            if (registry.Find(key) is not null)
            {
                return true;
            }
        }
        return false;
    }

    private static void CheckDate(FlagDefinition flag, string field, string? text, Action<RuleDescriptor, string, string?, SourceLocation> add)
    {
        if (text is not null && !RegistryDates.TryParse(text, out _))
        {
            add(RuleCatalog.InvalidDate, $"flag '{flag.Key}': {field} '{Shorten(text)}' is not a calendar date in YYYY-MM-DD form", flag.Key, flag.LocationOf(field));
        }
    }

    /// <param name="environment">The environment of an override, or null for the flag's own rollout.</param>
    internal static void CheckRollout(double? rollout, string key, string? environment, SourceLocation location, Action<RuleDescriptor, string, string?, SourceLocation> add)
    {
        if (rollout is { } value && !(value >= 0 && value <= 100))
        {
            var what = environment is null ? $"flag '{key}'" : $"flag '{key}' in '{environment}'";
            add(RuleCatalog.InvalidRollout, $"{what}: rollout {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is outside 0-100", key, location);
        }
    }

    private static void CheckAliases(FlagRegistry registry, Action<RuleDescriptor, string, string?, SourceLocation> add)
    {
        // Keys are looked up in the registry's own index; only aliases need a map of their own.
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var flag in registry.Flags)
        {
            var aliases = flag.Aliases;
            for (var i = 0; i < aliases.Count; i++)
            {
                var alias = aliases[i];
                var owner = registry.Find(alias)?.Key ?? owners.GetValueOrDefault(alias);
                if (owner is not null && owner != flag.Key)
                {
                    add(RuleCatalog.DuplicateFlag, $"alias '{alias}' of flag '{flag.Key}' is already the key or an alias of '{owner}'", flag.Key, flag.LocationOf("aliases"));
                }
                else
                {
                    owners[alias] = flag.Key;
                }
            }
        }
    }

    /// <summary>
    /// Reports each prerequisite cycle that passes through this registry once, at its member whose key sorts
    /// first. Strongly connected components (Tarjan, iterative) keep this linear in the number of flags.
    /// </summary>
    private static void CheckCycles(FlagRegistry registry, List<FlagRegistry> visible, Action<RuleDescriptor, string, string?, SourceLocation> add)
    {
        // One registry in view (the usual case): its own key index is the graph.
        var graph = visible.Count == 1 ? visible[0].ByKey : Merged(visible);
        foreach (var component in PrerequisiteGraph.Cycles(graph))
        {
            var ours = component.Where(key => registry.Find(key) is not null).Order(StringComparer.Ordinal).FirstOrDefault();
            if (ours is null)
            {
                continue;
            }
            var cycle = PrerequisiteGraph.PathBack(ours, component, graph);
            add(RuleCatalog.PrerequisiteCycle, $"prerequisite cycle: {string.Join(" -> ", cycle)}", ours, registry.Find(ours)!.LocationOf("requires"));
        }
    }

    private static Dictionary<string, FlagDefinition> Merged(List<FlagRegistry> registries)
    {
        var graph = new Dictionary<string, FlagDefinition>(StringComparer.Ordinal);
        foreach (var flag in registries.SelectMany(r => r.Flags))
        {
            graph.TryAdd(flag.Key, flag);
        }
        return graph;
    }

    private void CheckNestedDuplicates(IReadOnlyList<FlagRegistry> registries, List<Finding> findings)
    {
        foreach (var inner in registries)
        {
            foreach (var outer in registries)
            {
                if (ReferenceEquals(inner, outer) || !PathScope.Contains(outer.ScopeDirectory, inner.ScopeDirectory)
                    || (outer.ScopeDirectory == inner.ScopeDirectory && string.CompareOrdinal(outer.FullPath, inner.FullPath) > 0))
                {
                    continue;
                }
                foreach (var flag in inner.Flags)
                {
                    if (outer.Find(flag.Key) is { } shadowed)
                    {
                        findings.Add(Finding.Of(RuleCatalog.DuplicateFlag, _severities.Of(RuleCatalog.DuplicateFlag),
                            $"flag '{flag.Key}' is also declared in {outer.DisplayPath}:{shadowed.Location.Line}, whose scope includes this registry",
                            flag.Key, flag.Location));
                    }
                }
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
