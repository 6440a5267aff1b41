using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Flagkeeper.Evaluation;

/// <summary>
/// Sticky bucketing exactly as Microsoft.FeatureManagement's targeting filter: SHA-256 of the UTF-8 text
/// <c>"{targetingKey}\n{flagKey}"</c> (a group rollout appends <c>"\n{group}"</c>), the first 4 bytes as a
/// little-endian uint, divided by <see cref="uint.MaxValue"/>, times 100. So users keep their bucket when an
/// application moves from FeatureManagement to Flagkeeper.
/// </summary>
public static class Percentiles
{
    private const int StackLimit = 512;

    /// <summary>The percentile of <paramref name="targetingKey"/> for a flag's own rollout.</summary>
    public static double Of(string targetingKey, string flagKey) => Of(targetingKey, Suffix(flagKey, null));

    /// <summary>The percentile of <paramref name="targetingKey"/> for the rollout of <paramref name="group"/>.</summary>
    public static double Of(string targetingKey, string flagKey, string group) => Of(targetingKey, Suffix(flagKey, group));

    /// <summary>True when <paramref name="percentile"/> is inside a rollout of <paramref name="rollout"/> percent (100: always).</summary>
    public static bool IsIn(double percentile, double rollout) => rollout >= 100 || percentile < rollout;

    /// <summary>The UTF-8 bytes after the targeting key: <c>"\n{flag}"</c> or <c>"\n{flag}\n{group}"</c>, built once per flag.</summary>
    internal static byte[] Suffix(string flagKey, string? group)
    {
        // Encoded part by part: no string of the suffix first (10,000 of them when a large registry compiles).
        var length = 1 + Encoding.UTF8.GetByteCount(flagKey) + (group is null ? 0 : 1 + Encoding.UTF8.GetByteCount(group));
        var suffix = new byte[length];
        suffix[0] = (byte)'\n';
        var at = 1 + Encoding.UTF8.GetBytes(flagKey, suffix.AsSpan(1));
        if (group is not null)
        {
            suffix[at++] = (byte)'\n';
            Encoding.UTF8.GetBytes(group, suffix.AsSpan(at));
        }
        return suffix;
    }

    /// <summary>Hashes the key and a prepared suffix without allocating (a key over ~170 characters rents a pooled buffer).</summary>
    [SkipLocalsInit] // only the bytes written are read; the block is padded in place
    internal static double Of(string targetingKey, ReadOnlySpan<byte> suffix)
    {
        // Nearly every key and suffix fit SHA-256's one block: encode the key straight into it.
        Span<byte> block = stackalloc byte[Sha256Block.BlockSize];
        if (suffix.Length <= Sha256Block.MaxSingleBlockMessage
            && Encoding.UTF8.TryGetBytes(targetingKey, block[..(Sha256Block.MaxSingleBlockMessage - suffix.Length)], out var length))
        {
            suffix.CopyTo(block[length..]);
            return ToPercentile(Sha256Block.First4BytesLittleEndianInPlace(block, length + suffix.Length));
        }
        return OfLong(targetingKey, suffix);
    }

    private static double OfLong(string targetingKey, ReadOnlySpan<byte> suffix)
    {
        var max = Encoding.UTF8.GetMaxByteCount(targetingKey.Length) + suffix.Length;
        byte[]? rented = null;
        var buffer = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(targetingKey, buffer);
            suffix.CopyTo(buffer[length..]);
            return ToPercentile(Sha256Block.First4BytesLittleEndian(buffer[..(length + suffix.Length)]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static double ToPercentile(uint first4Bytes) => first4Bytes / (double)uint.MaxValue * 100;
}
