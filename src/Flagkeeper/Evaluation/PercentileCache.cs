using System.Runtime.CompilerServices;

namespace Flagkeeper.Evaluation;

/// <summary>
/// A bounded memo of exact percentiles, so a user seen again skips the SHA-256 (60-270 ns here) for a lookup.
/// Direct-mapped slots keyed by (targeting key, flag suffix): no lock, no allocation on a hit or a miss, a
/// fixed size whatever the traffic. Each slot carries a sequence number (a seqlock): a writer makes it odd,
/// writes, makes it even; a reader trusts what it read only if the number was even and unchanged, so a
/// torn entry is never served. Suffix arrays belong to one snapshot, so a reload starts with a fresh cache.
/// </summary>
internal sealed class PercentileCache
{
    /// <summary>Slots per snapshot (32 B each: 128 KiB). A power of two.</summary>
    public const int DefaultSlots = 4096;

    private readonly Slot[] _slots;
    private readonly int _mask;

    public PercentileCache(int slots = DefaultSlots)
    {
        if (slots < 0 || (slots & (slots - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "slots must be zero or a power of two");
        }
        _slots = new Slot[slots];
        _mask = slots - 1;
    }

    /// <summary>The percentile of <paramref name="targetingKey"/> after <paramref name="suffix"/>, exactly as <see cref="Percentiles"/>.</summary>
    public double Get(string targetingKey, byte[] suffix)
    {
        if (_slots.Length == 0)
        {
            return Percentiles.Of(targetingKey, suffix);
        }
        var hash = HashOf(targetingKey, suffix);
        ref var slot = ref _slots[hash & _mask];
        var sequence = Volatile.Read(ref slot.Sequence);
        if (TryRead(ref slot, sequence, hash, targetingKey, suffix, out var cached))
        {
            return cached;
        }
        var computed = Percentiles.Of(targetingKey, suffix);
        // Another writer holds the slot: skip the store rather than wait; the answer is exact either way.
        if ((sequence & 1) == 0 && Interlocked.CompareExchange(ref slot.Sequence, sequence + 1, sequence) == sequence)
        {
            Volatile.Write(ref slot.Hash, hash);
            Volatile.Write(ref slot.Key, targetingKey);
            Volatile.Write(ref slot.Suffix, suffix);
            Volatile.Write(ref slot.Percentile, computed);
            Volatile.Write(ref slot.Sequence, sequence + 2);
        }
        return computed;
    }

    /// <summary>A hit only: true when the pair's percentile is stored now (tests and the benchmark use it).</summary>
    internal bool TryGet(string targetingKey, byte[] suffix, out double percentile)
    {
        percentile = 0;
        if (_slots.Length == 0)
        {
            return false;
        }
        var hash = HashOf(targetingKey, suffix);
        ref var slot = ref _slots[hash & _mask];
        return TryRead(ref slot, Volatile.Read(ref slot.Sequence), hash, targetingKey, suffix, out percentile);
    }

    /// <summary>The sequence number guarding the pair's slot, so a test can stand in for a writer mid-store.</summary>
    internal ref int SequenceOf(string targetingKey, byte[] suffix) => ref _slots[HashOf(targetingKey, suffix) & _mask].Sequence;

    private static int HashOf(string targetingKey, byte[] suffix) => targetingKey.GetHashCode() ^ RuntimeHelpers.GetHashCode(suffix);

    private static bool TryRead(ref Slot slot, int sequence, int hash, string targetingKey, byte[] suffix, out double percentile)
    {
        percentile = 0;
        if ((sequence & 1) != 0)
        {
            return false; // being written
        }
        // Acquire reads: none of them can move after the second read of the sequence number.
        var storedHash = Volatile.Read(ref slot.Hash);
        var key = Volatile.Read(ref slot.Key);
        var cachedSuffix = Volatile.Read(ref slot.Suffix);
        var value = Volatile.Read(ref slot.Percentile);
        // The stored hash turns most misses away before the stored key (likely out of cache by now) is read.
        if (Volatile.Read(ref slot.Sequence) != sequence
            || storedHash != hash
            || !ReferenceEquals(cachedSuffix, suffix)
            || !string.Equals(key, targetingKey, StringComparison.Ordinal))
        {
            return false;
        }
        percentile = value;
        return true;
    }

    private struct Slot
    {
        public int Sequence;
        public int Hash; // fills the padding after Sequence: a slot stays 32 bytes
        public string? Key;
        public byte[]? Suffix;
        public double Percentile;
    }
}
