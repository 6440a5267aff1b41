using System.Globalization;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.KeySources;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;
using Flagkeeper.Validation;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Checks.Gates;

/// <summary>
/// <c>flag-lint</c>: the registry rules, plus what needs the code: unregistered and expired flags at
/// each usage site, flags about to expire, registered flags no code uses, and non-literal keys. A key that a key source
/// declares (<see cref="DeclaredKeys"/>) counts as registered: its usages are not unregistered, and it is unused when none is.
/// </summary>
internal sealed class FlagLintGate(FlagkeeperConfig config, RegistrySet registries, FlagResolver resolver, DateOnly today, DeclaredKeys declared)
{
    private readonly List<Finding> _findings = [];

    /// <summary>
    /// Folders (root-relative, "" for the root) whose registry did not load: every usage there would look
    /// unregistered, so unregistered-flag is not judged there (the load error already fails the run).
    /// </summary>
    public IReadOnlyList<string> UnjudgedScopes { get; } = [.. registries.Errors
        .Where(e => e.Severity >= Flagkeeper.Diagnostics.ErrorSeverity.High && e.Location is { } at && RegistryDiscovery.IsRegistryFileName(Path.GetFileName(at.File), config.AppSettings))
        .Select(e => Path.GetDirectoryName(e.Location!.Value.File)!.Replace('\\', '/'))
        .Distinct(StringComparer.Ordinal)];

    public List<Finding> Run(ScanResult scan)
    {
        _findings.AddRange(new RegistryValidator(config.Severities).Validate(registries.Registries));

        var used = new HashSet<FlagDefinition>(ReferenceEqualityComparer.Instance);
        var usedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var usage in scan.Usages)
        {
            var at = new Flagkeeper.Diagnostics.SourceLocation(usage.File, usage.Line, usage.Column);
            if (usage.Kind == UsageKind.Dynamic || usage.Flag is null)
            {
                var why = usage.Unresolved is null ? "" : $" ({usage.Unresolved})";
                Add(RuleCatalog.DynamicKey, $"the key of this flag check is not a literal ({usage.Argument}){why}, so no tool can tell which flag it reads; pass the key as a string literal or a constant", null, at, usage.Text);
                continue;
            }
            usedKeys.Add(usage.Flag);
            var flag = resolver.Resolve(Path.Combine(scan.Root, usage.File), usage.Flag);
            if (flag is null && declared.Find(usage.Flag) is not null)
            {
                continue; // declared by a key source: known, with no registry entry to judge
            }
            if (flag is null)
            {
                if (UnjudgedScopes.Any(scope => scope.Length == 0 || usage.File.StartsWith(scope + "/", StringComparison.Ordinal)))
                {
                    continue;
                }
                Add(RuleCatalog.UnregisteredFlag,
                    $"flag '{usage.Flag}' is in no registry that applies to {usage.File}; register it ({RegistrySet.AddCommandFromRoot(usage.Flag)}) or fix the key",
                    usage.Flag, at, usage.Text);
                continue;
            }
            used.Add(flag);
            if (flag.Expires is { } expires && expires < today)
            {
                Add(RuleCatalog.ExpiredFlag,
                    $"flag '{flag.Key}' expired on {Date(expires)} ({Days(today.DayNumber - expires.DayNumber)} ago) and is still used here; remove it from the code and the registry, or extend `expires`",
                    flag.Key, at, usage.Text);
            }
        }

        MarkPrerequisitesUsed(used);
        foreach (var registry in registries.Registries)
        {
            foreach (var flag in registry.Flags)
            {
                // A partial scan (out of time) never saw most of the code: "unused" would be a guess.
                if (!used.Contains(flag) && scan.IncompleteReason is null)
                {
                    Add(RuleCatalog.UnusedFlag, $"flag '{flag.Key}' is registered in {registry.DisplayPath} but no code under the root uses it; remove it (flagkeeper flags remove {flag.Key}) or use it",
                        flag.Key, flag.Location);
                }
                if (flag.Expires is { } expires && expires >= today && expires.DayNumber - today.DayNumber <= config.ExpiringSoonDays)
                {
                    var left = expires.DayNumber - today.DayNumber;
                    Add(RuleCatalog.ExpiringSoon, $"flag '{flag.Key}' expires on {Date(expires)} ({(left == 0 ? "today" : "in " + Days(left))}); plan its removal or extend `expires`",
                        flag.Key, flag.LocationOf("expires"));
                }
            }
        }
        UnusedDeclaredKeys(scan, usedKeys);
        NothingRecognised(scan);
        return _findings;
    }

    /// <summary>
    /// Source files, no usage and no registry (none that failed either) would pass with nothing checked: a false
    /// green when the code checks flags through a wrapper no shape knows. Say so, with what to do about it.
    /// </summary>
    private void NothingRecognised(ScanResult scan)
    {
        if (scan.Usages.Count > 0 || scan.IncompleteReason is not null || scan.Statistics.FilesScanned == 0 || registries.Registries.Count > 0 || registries.Errors.Count > 0)
        {
            return;
        }
        var message = $"{Plural(scan.Statistics.FilesScanned, "source file")} scanned, but no flag check was recognised in them and there is no registry, so nothing was checked. "
            + "If the code checks flags through its own call (like feature.Gates.Enabled(feature.X)), describe it under `patterns:` in flagkeeper.yaml (docs/patterns.md); "
            + $"to register a first flag: {registries.AddCommand("my-feature")}";
        // The fixed line text keeps its fingerprint (a baseline entry) stable when the file count or the root changes.
        Add(RuleCatalog.NothingRecognised, message, null, null, RuleCatalog.NothingRecognised.Id);
    }

    /// <summary>A key that a key source declares and no code uses (a registered one is judged with its registry).</summary>
    private void UnusedDeclaredKeys(ScanResult scan, HashSet<string> usedKeys)
    {
        if (scan.IncompleteReason is not null)
        {
            return;
        }
        foreach (var key in declared.Keys.DistinctBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!usedKeys.Contains(key.Key) && resolver.Resolve(Path.Combine(scan.Root, key.At.File), key.Key) is null)
            {
                Add(RuleCatalog.UnusedFlag, $"flag '{key.Key}' is declared by {key.Source} in {key.At.File} but no code under the root uses it; remove it from {key.Source} or use it",
                    key.Key, key.At);
            }
        }
    }

    /// <summary>A flag that a used flag requires is evaluated with it, so it counts as used (transitively).</summary>
    private void MarkPrerequisitesUsed(HashSet<FlagDefinition> used)
    {
        var owners = new Dictionary<FlagDefinition, FlagRegistry>(ReferenceEqualityComparer.Instance);
        foreach (var registry in registries.Registries)
        {
            foreach (var flag in registry.Flags)
            {
                owners[flag] = registry;
            }
        }
        var pending = new Stack<FlagDefinition>(used);
        while (pending.TryPop(out var flag))
        {
            if (!owners.TryGetValue(flag, out var registry))
            {
                continue;
            }
            foreach (var requirement in flag.Requires)
            {
                if (resolver.Resolve(registry.FullPath, requirement.Key) is { } prerequisite && used.Add(prerequisite))
                {
                    pending.Push(prerequisite);
                }
            }
        }
    }

    private void Add(RuleDescriptor rule, string message, string? flag, Flagkeeper.Diagnostics.SourceLocation? location, string? lineText = null)
    {
        var severity = config.Severities.Of(rule);
        if (severity != RuleSeverity.Off)
        {
            _findings.Add(new Finding(rule.Id, rule.Gate, severity, message, flag, location, null) { LineText = lineText });
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";

    private static string Plural(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? " was" : "s were")}");
}
