namespace Flagkeeper.Evaluation;

/// <summary>Live overrides (Flagkeeper.Redis keeps them current), resolved to flag indices so a miss costs an array read.</summary>
public sealed partial class FlagEvaluator
{
    // The live set, its clock and its layout by one snapshot's flag indices, swapped as one object: a layout is only
    // read against the snapshot it was built for, so a reload racing a live update can never apply an override to
    // the flag that happens to sit at the same index in another snapshot.
    private LiveBinding _live;

    /// <summary>
    /// Swaps in the live overrides (Flagkeeper.Redis keeps them current): weaker than scoped overrides and
    /// <c>FLAGKEEPER__KEY</c> variables, stronger than the registry. An override whose expiry is at or before
    /// <paramref name="timeProvider"/>'s now (default: the system clock) is skipped, with or without its source.
    /// </summary>
    public void SetLiveOverrides(LiveOverrideSet overrides, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var time = timeProvider ?? Volatile.Read(ref _live).Time;
        // A plain write: the set given here must win over a lazy re-resolve (those only compare-and-swap).
        Volatile.Write(ref _live, LiveBinding.For(overrides, time, Volatile.Read(ref _snapshot)));
    }

    /// <summary>The live overrides evaluations read now.</summary>
    public LiveOverrideSet LiveOverrides => Volatile.Read(ref _live).Set;

    /// <summary>The live override of the flag at <paramref name="index"/> in <paramref name="snapshot"/> that applies now, if any.</summary>
    private LiveOverrideSet.Entry? LiveOverride(FlagSnapshot snapshot, int index)
    {
        var live = Volatile.Read(ref _live);
        var entry = ReferenceEquals(live.Snapshot, snapshot) ? live.Slots?[index] : live.IsEmpty ? null : LiveOverrideSlow(live, snapshot, index);
        return entry is not null && entry.AppliesAt(live.Time) ? entry : null;
    }

    /// <summary>The binding was laid out for another snapshot: a reload since, or a caller-held snapshot (<see cref="EvaluateOn"/>).</summary>
    private LiveOverrideSet.Entry? LiveOverrideSlow(LiveBinding live, FlagSnapshot snapshot, int index)
    {
        if (ReferenceEquals(snapshot, Volatile.Read(ref _snapshot)))
        {
            return Rebind(live, snapshot).Slots?[index];
        }
        // An older snapshot a request still holds: look the key up rather than re-lay the set out for it.
        return live.Set.Find(snapshot.Flags[index].Key);
    }

    /// <summary>Lays the live set out for the current snapshot once, after a reload.</summary>
    private void RebindLive(FlagSnapshot snapshot)
    {
        var live = Volatile.Read(ref _live);
        if (!live.IsEmpty && !ReferenceEquals(live.Snapshot, snapshot))
        {
            Rebind(live, snapshot);
        }
    }

    /// <summary>
    /// Installs <paramref name="live"/>'s set laid out for <paramref name="snapshot"/> only if no one swapped the binding
    /// meanwhile (a newer <see cref="SetLiveOverrides"/> must not be lost); either way returns the layout built, which is
    /// correct for this set and snapshot.
    /// </summary>
    private LiveBinding Rebind(LiveBinding live, FlagSnapshot snapshot)
    {
        var rebound = LiveBinding.For(live.Set, live.Time, snapshot);
        Interlocked.CompareExchange(ref _live, rebound, live);
        return rebound;
    }

    private sealed class LiveBinding
    {
        private LiveBinding(LiveOverrideSet set, TimeProvider time, FlagSnapshot snapshot, LiveOverrideSet.Entry?[]? slots)
        {
            Set = set;
            Time = time;
            Snapshot = snapshot;
            Slots = slots;
            IsEmpty = set.Count == 0;
        }

        public LiveOverrideSet Set { get; }

        public TimeProvider Time { get; }

        /// <summary>The snapshot <see cref="Slots"/> is laid out for; a layout is never read against any other.</summary>
        public FlagSnapshot Snapshot { get; }

        /// <summary>Overrides by <see cref="Snapshot"/>'s flag index; null when none names one of its flags.</summary>
        public LiveOverrideSet.Entry?[]? Slots { get; }

        public bool IsEmpty { get; }

        public static LiveBinding For(LiveOverrideSet set, TimeProvider time, FlagSnapshot snapshot) =>
            new(set, time, snapshot, set.Count == 0 ? null : set.Resolve(snapshot));
    }
}
