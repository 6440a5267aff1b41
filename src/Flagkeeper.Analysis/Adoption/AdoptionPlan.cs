using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.KeySources;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Registry;

namespace Flagkeeper.Analysis.Adoption;

/// <summary>A key the code uses that no registry declares, to be registered by <c>flagkeeper init</c>.</summary>
/// <param name="Uses">How many places use it.</param>
/// <param name="Places">The first few places (<c>path:line</c>), for the comment above the flag.</param>
/// <param name="DeclaredBy">For a key a key source declares and no code uses: the declaration and its place.</param>
/// <param name="Enabled">On or off as the declaration it was imported from has it; null: the registry's default (off).</param>
/// <param name="Rollout">The percentage the declaration it was imported from rolls it out to; null: none said.</param>
public sealed record AdoptedFlag(string Key, FlagType Type, DateOnly? Expires, int Uses, IReadOnlyList<string> Places, string? DeclaredBy = null,
    bool? Enabled = null, double? Rollout = null);

/// <summary>What <c>flagkeeper init</c> would register, and what it leaves out and why.</summary>
/// <param name="InvalidKeys">Keys the code uses that are not valid registry keys, with a place each: not registered.</param>
/// <param name="AlreadyRegistered">Keys used that a registry (say an <c>appsettings.json</c>) already declares.</param>
/// <param name="Dynamic">Flag checks whose key is not known before run time: nothing to register for them.</param>
public sealed partial record AdoptionPlan(
    IReadOnlyList<AdoptedFlag> Flags, IReadOnlyList<(string Key, string Place)> InvalidKeys, int AlreadyRegistered, int Dynamic)
{
    /// <summary>How long an adopted release flag lives before <c>check</c> calls it expired: a quarter to review it.</summary>
    public const int ExpiryDays = 90;

    /// <summary>Places named in each flag's comment.</summary>
    private const int PlacesShown = 3;

    /// <summary>
    /// The flags to register: every key used, known before run time, valid and not registered anywhere yet, and every key
    /// the key sources declare (<paramref name="declared"/>) that no code uses yet.
    /// </summary>
    public static AdoptionPlan From(ScanResult scan, RegistrySet registries, DateOnly today, DeclaredKeys? declared = null)
    {
        var byKey = new SortedDictionary<string, List<Usage>>(StringComparer.Ordinal);
        var invalid = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var registered = new HashSet<string>(StringComparer.Ordinal);
        var dynamic = 0;
        foreach (var usage in scan.Usages)
        {
            if (usage.Kind == UsageKind.Dynamic || usage.Flag is not { } key)
            {
                dynamic++;
            }
            else if (registries.Registries.Any(r => r.Find(key) is not null))
            {
                registered.Add(key);
            }
            else if (!FlagKeys.IsValid(key))
            {
                invalid.TryAdd(key, Place(usage));
            }
            else
            {
                (byKey.TryGetValue(key, out var uses) ? uses : byKey[key] = []).Add(usage);
            }
        }
        declared ??= DeclaredKeys.None;
        var flags = byKey.Select(pair =>
        {
            var declaration = declared.Find(pair.Key);
            var (type, days) = TypeOf(pair.Key, pair.Value, declaration?.Stage);
            return new AdoptedFlag(pair.Key, type, type.RequiresExpiry() ? today.AddDays(days) : null, pair.Value.Count,
                pair.Value.Take(PlacesShown).Select(Place).ToList(), Enabled: declaration?.Enabled, Rollout: declaration?.Rollout);
        }).ToList();
        foreach (var key in declared.Keys.DistinctBy(k => k.Key, StringComparer.Ordinal))
        {
            if (byKey.ContainsKey(key.Key) || !FlagKeys.IsValid(key.Key) || registries.Registries.Any(r => r.Find(key.Key) is not null))
            {
                continue;
            }
            var (type, days) = TypeOf(key.Key, [], key.Stage);
            flags.Add(new AdoptedFlag(key.Key, type, type.RequiresExpiry() ? today.AddDays(days) : null, 0, [],
                $"{key.Source} at {key.At.File}:{key.At.Line}{(key.Stage is null ? "" : $" (PreRelease {key.Stage})")}", key.Enabled, key.Rollout));
        }
        flags.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new AdoptionPlan(flags, invalid.Select(pair => (pair.Key, pair.Value)).ToList(), registered.Count, dynamic);
    }

    private static string Place(Usage usage) => $"{usage.File}:{usage.Line}";

    /// <summary>Days until a graduated or deprecated Go feature gate (<c>GA</c>, <c>Deprecated</c>) is due for removal.</summary>
    public const int GraduatedExpiryDays = 30;

    /// <summary>
    /// A kill switch where the code says so (the <c>KILL_SWITCH_</c> shape, or a key named so): it is engaged by turning
    /// it on and never expires. A Go feature gate's stage says the rest: <c>Alpha</c> is an experiment, <c>GA</c> and
    /// <c>Deprecated</c> are release flags due for removal soon. Anything else starts as a release flag, the type that
    /// must be cleaned up. With the days until it expires.
    /// </summary>
    private static (FlagType Type, int Days) TypeOf(string key, List<Usage> uses, string? stage) =>
        uses.Any(u => u.Pattern == "kill-switch") || KillSwitchName().IsMatch(key) ? (FlagType.KillSwitch, 0)
        : stage switch
        {
            "Alpha" => (FlagType.Experiment, ExpiryDays),
            "GA" or "Deprecated" => (FlagType.Release, GraduatedExpiryDays),
            _ => (FlagType.Release, ExpiryDays),
        };

    [GeneratedRegex("kill[-_.]?switch", RegexOptions.IgnoreCase)]
    private static partial Regex KillSwitchName();
}
