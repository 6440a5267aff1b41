using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Registry;

namespace Flagkeeper.Loading;

/// <summary>The flags of one part of a registry read in parts, bound on the thread that read them, and their errors.</summary>
internal sealed record BoundPart(FlagDefinition?[] Flags, IReadOnlyList<FlagkeeperError> Errors);

public static partial class RegistryReader
{
    /// <summary>
    /// Registries from this many characters up are read in parts in parallel (<see cref="PlainYamlSplitReader"/>):
    /// about 2,000 flags. Below it the parts would cost more in hand-over than they save.
    /// </summary>
    internal const int SplitThreshold = 512 * 1024;

    /// <summary>
    /// A registry read only (not kept for an edit) from this many characters up (about 200 flags) is read in chunks
    /// whatever the cores: each chunk's tree is bound and dropped at once, so it dies young.
    /// </summary>
    internal const int ReadOnlySplitThreshold = 64 * 1024;

    /// <summary>Parts to read a text of this length in: two per core, so a slow part does not hold the others up.</summary>
    internal static int SplitParts(int length) =>
        length < SplitThreshold || Environment.ProcessorCount < 2 ? 1 : Math.Min(Environment.ProcessorCount * 2, length / (SplitThreshold / 4));

    /// <summary><see cref="SplitParts(int)"/>, and for a read-only load of a text worth chunking at least two (the chunked path).</summary>
    internal static int SplitParts(int length, bool keepSource) =>
        !keepSource && length >= ReadOnlySplitThreshold ? Math.Max(2, SplitParts(length)) : SplitParts(length);

    private static BoundPart BindPart(string displayPath, IReadOnlyList<MappingEntry> entries)
    {
        var binder = CreateBinder(displayPath);
        var flags = new FlagDefinition?[entries.Count];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = BindFlag(binder, entries[i]);
        }
        return new BoundPart(flags, binder.Errors);
    }

    /// <summary>The flag of each entry of <paramref name="flagsMap"/> in order, null where it did not bind; errors go to <paramref name="binder"/> in the same order.</summary>
    private static IEnumerable<FlagDefinition?> BoundFlags(NodeBinder binder, MappingNode flagsMap, BoundPart[]? bound)
    {
        if (bound is null)
        {
            foreach (var entry in flagsMap.Entries)
            {
                yield return BindFlag(binder, entry);
            }
            yield break;
        }
        foreach (var part in bound)
        {
            binder.Add(part.Errors);
            foreach (var flag in part.Flags)
            {
                yield return flag;
            }
        }
    }
}
