using System.Collections.Frozen;

namespace Flagkeeper.Evaluation;

/// <summary>
/// One live override as the evaluator applies it: <paramref name="Value"/> forces on or off; otherwise
/// <paramref name="Rollout"/> (0..100) is a percentage rollout with the file's percentile hashing. From
/// <paramref name="Expires"/> on it no longer applies.
/// </summary>
public readonly record struct LiveFlagOverride(string Key, bool? Value, double? Rollout, DateTimeOffset? Expires);

/// <summary>
/// An immutable set of live overrides by flag key (the registry key, not an alias), swapped in whole by
/// <see cref="FlagEvaluator.SetLiveOverrides"/>; keyed by name, so it survives a snapshot <see cref="FlagEvaluator.Replace"/>.
/// </summary>
public sealed class LiveOverrideSet
{
    private readonly FrozenDictionary<string, Entry> _entries;

    private LiveOverrideSet(FrozenDictionary<string, Entry> entries) => _entries = entries;

    public static LiveOverrideSet Empty { get; } = new(FrozenDictionary<string, Entry>.Empty);

    public int Count => _entries.Count;

    /// <summary>Builds the set; a later entry for the same key wins. Rollouts outside 0..100 are clamped.</summary>
    public static LiveOverrideSet Create(IEnumerable<LiveFlagOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var map = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var o in overrides)
        {
            ArgumentNullException.ThrowIfNull(o.Key);
            var rollout = Math.Clamp(o.Rollout ?? 100, 0, 100);
            map[o.Key] = new Entry(o.Value, o.Expires, new CompiledRule(true, rollout, null, Percentiles.Suffix(o.Key, null)));
        }

        return map.Count == 0 ? Empty : new LiveOverrideSet(map.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The override keyed <paramref name="key"/>, expired or not (null: none).</summary>
    internal Entry? Find(string key) => _entries.GetValueOrDefault(key);

    /// <summary>
    /// This set laid out by <paramref name="snapshot"/>'s flag indices (null when no override names one of its flags),
    /// so evaluation is an array read instead of a string lookup. Keys the snapshot lacks, or knows only as an alias,
    /// get no slot: an override names the registry key.
    /// </summary>
    internal Entry?[]? Resolve(FlagSnapshot snapshot)
    {
        Entry?[]? slots = null;
        foreach (var (key, entry) in _entries)
        {
            if (snapshot.Index.TryGetValue(key, out var index) && string.Equals(snapshot.Flags[index].Key, key, StringComparison.Ordinal))
            {
                slots ??= new Entry?[snapshot.Flags.Length];
                slots[index] = entry;
            }
        }
        return slots;
    }

    internal sealed record Entry(bool? Value, DateTimeOffset? Expires, CompiledRule Rule)
    {
        /// <summary>False from the expiry on; the clock is read only for an override that expires.</summary>
        public bool AppliesAt(TimeProvider time) => Expires is not { } expires || expires > time.GetUtcNow();
    }
}
