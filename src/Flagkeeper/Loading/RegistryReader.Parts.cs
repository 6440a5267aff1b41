using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Registry;

namespace Flagkeeper.Loading;

/// <summary>The flags of one part of a registry read in parts, bound on the thread that read them, and their errors.</summary>
/// <param name="KeyStarts">Where each entry's key starts, bound or not: an edit finds its flags by them.</param>
internal sealed record BoundPart(FlagDefinition?[] Flags, IReadOnlyList<FlagkeeperError> Errors, DocMark[] KeyStarts);

public static partial class RegistryReader
{
    /// <summary>
    /// Registries from this many characters up (about 200 flags) are read in chunks (<see cref="PlainYamlSplitReader"/>):
    /// each chunk's tree is bound and dropped at once, so it dies young in memory already touched, and the chunks are
    /// shared among the cores. An edit keeps the text and where each flag is (<see cref="EntryLines"/>), not the tree.
    /// Below this size the hand-over would cost more than it saves.
    /// </summary>
    internal const int SplitThreshold = 64 * 1024;

    /// <summary>The least number of chunks to read a text of this length in: 1 reads it whole, on this thread.</summary>
    internal static int SplitParts(int length) => length < SplitThreshold ? 1 : Math.Max(2, Environment.ProcessorCount * 2);

    private static BoundPart BindPart(string displayPath, IReadOnlyList<MappingEntry> entries)
    {
        var binder = CreateBinder(displayPath);
        var flags = new FlagDefinition?[entries.Count];
        var keyStarts = new DocMark[entries.Count];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = BindFlag(binder, entries[i]);
            keyStarts[i] = entries[i].KeyStart;
        }
        return new BoundPart(flags, binder.Errors, keyStarts);
    }

    /// <summary>The lines of the flags read in parts: every part's key starts, in order.</summary>
    private static EntryLines Lines(BoundPart[] parts, int end)
    {
        var starts = new DocMark[parts.Sum(part => part.KeyStarts.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.KeyStarts.CopyTo(starts, at);
            at += part.KeyStarts.Length;
        }
        return new EntryLines(starts, end);
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
