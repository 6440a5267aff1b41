using System.Numerics;
using System.Reflection;

namespace Flagkeeper.Analysis.Performance.History;

/// <summary>
/// What kind of work a run did, coarsely: file count and bytes rounded up to a power of two, and the tool version.
/// A baseline only compares runs with the same fingerprint, so a repository that doubled in size, or a new release,
/// starts a new baseline instead of raising a false regression.
/// </summary>
public sealed record WorkFingerprint(long FilesBucket, long BytesBucket, string Version)
{
    /// <summary>This tool's version without the <c>+commit</c> suffix: a rebuild of the same release compares with itself.</summary>
    public static string ToolVersion { get; } = Trim(typeof(WorkFingerprint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    public static WorkFingerprint Of(long files, long bytes, string? version = null) => new(Bucket(files), Bucket(bytes), version ?? ToolVersion);

    /// <summary>The smallest power of two at or above <paramref name="value"/> (0 stays 0).</summary>
    public static long Bucket(long value) => value <= 0 ? 0 : value >= 1L << 62 ? 1L << 62 : (long)BitOperations.RoundUpToPowerOf2((ulong)value);

    public override string ToString() => $"files<={FilesBucket} bytes<={BytesBucket} v{Version}";

    private static string Trim(string? version) => version is null ? "unknown" : version.Split('+')[0];
}
