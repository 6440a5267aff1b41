using Flagkeeper.Documents;
using Flagkeeper.Registry;

namespace Flagkeeper.Loading;

/// <summary>
/// Reads an edited registry back by reading again only the flags whose lines changed. An edit changes a few lines
/// of one or two flags; reading the whole 10,000-flag text again to check it cost as much as the first read. This
/// holds exactly only for text the fast reader read whole (<see cref="RegistryLoadResult.Plain"/>): there a block
/// mapping's entries are whole lines, and the lines of a region that read as entries at the flags' indentation
/// mean the same inside the document as on their own, while the unchanged text around them means what it meant.
/// Anything else (YamlDotNet's text, JSON, a change outside <c>flags:</c>, a repeated key, any error, later flags
/// moved to other lines) returns null, and the caller reads the whole text.
/// </summary>
internal static class RegistryRegionReader
{
    /// <param name="before">The registry as read from <paramref name="original"/>, with its tree.</param>
    /// <returns>The registry of <paramref name="edited"/>, as a whole read would bind it; null to read it whole.</returns>
    public static RegistryLoadResult? TryReadEdited(RegistryLoadResult before, string original, string edited, string displayPath, DocumentLimits limits)
    {
        if (!before.Plain || before.Registry is not { Kind: RegistrySourceKind.Yaml, DuplicateKeys.Count: 0 } registry
            || before.Document is not MappingNode { Flow: false } root
            || root.Find("flags")?.Value is not MappingNode { Flow: false } flagsMap)
        {
            return null;
        }
        var entries = flagsMap.Entries;
        var flags = registry.Flags;
        // Each entry bound to one flag, in order, under this display path (else the whole read decides).
        if (entries.Count == 0 || flags.Count != entries.Count || flags[0].Location.File != displayPath)
        {
            return null;
        }

        var prefix = original.AsSpan().CommonPrefixLength(edited);
        var most = Math.Min(original.Length, edited.Length) - prefix;
        var suffix = CommonSuffixLength(original.AsSpan(original.Length - most), edited.AsSpan(edited.Length - most));
        var changeEnd = original.Length - suffix;

        // The region: whole lines from the last flag starting at or before the change to the first one after it.
        var first = LastStartingAtOrBefore(entries, prefix);
        if (first < 0)
        {
            return null; // the change is before the first flag
        }
        var next = first + 1;
        while (next < entries.Count && LineStart(entries[next]) < changeEnd)
        {
            next++;
        }
        int regionEnd;
        if (next < entries.Count)
        {
            regionEnd = LineStart(entries[next]);
        }
        else if (ReferenceEquals(root.Entries[^1].Value, flagsMap))
        {
            regionEnd = original.Length;
        }
        else
        {
            return null; // the last flag is followed by other top-level fields
        }
        var regionStart = LineStart(entries[first]);
        var delta = edited.Length - original.Length;
        if (next < entries.Count && Newlines(edited, regionStart, regionEnd + delta) != Newlines(original, regionStart, regionEnd))
        {
            return null; // later flags moved to other lines: their positions would all change
        }
        var firstKey = entries[first].KeyStart;
        // The node limit holds as for a whole read: the region's nodes then and now, counted alike.
        if (!PlainYamlReader.TryReadEntries(original, regionStart, regionEnd, firstKey.Line, firstKey.Column - 1, depth: 2, limits, out _, out var nodesBefore)
            || !PlainYamlReader.TryReadEntries(edited, regionStart, regionEnd + delta, firstKey.Line, firstKey.Column - 1, depth: 2, limits, out var changed, out var nodesAfter))
        {
            return null;
        }
        var nodes = before.PlainNodes - nodesBefore + nodesAfter;
        if (nodes > limits.MaxNodes)
        {
            return null;
        }

        var binder = RegistryReader.CreateBinder(displayPath);
        var result = new List<FlagDefinition>(flags.Count - (next - first) + changed!.Count);
        for (var i = 0; i < first; i++)
        {
            result.Add(flags[i]);
        }
        foreach (var entry in changed)
        {
            if (RegistryReader.BindFlag(binder, entry) is not { } flag)
            {
                return null;
            }
            result.Add(flag);
        }
        if (binder.Errors.Count > 0)
        {
            return null;
        }
        for (var i = next; i < flags.Count; i++)
        {
            result.Add(flags[i]);
        }
        var index = new Dictionary<string, FlagDefinition>(result.Count, StringComparer.Ordinal);
        foreach (var flag in result)
        {
            if (!index.TryAdd(flag.Key, flag))
            {
                return null; // a repeated key: the whole read reports it
            }
        }
        var after = registry with { Flags = result, Source = new RegistrySource(edited, null, nodes) };
        return new RegistryLoadResult(after.WithIndex(index), []) { PlainNodes = nodes };
    }

    /// <summary>Where the line of an entry's key starts: block keys have only their indentation before them.</summary>
    private static int LineStart(MappingEntry entry) => entry.KeyStart.Index - (entry.KeyStart.Column - 1);

    private static int LastStartingAtOrBefore(IReadOnlyList<MappingEntry> entries, int index)
    {
        var (low, high, found) = (0, entries.Count - 1, -1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (LineStart(entries[middle]) <= index)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found;
    }

    private static int Newlines(string text, int start, int end) => text.AsSpan(start, end - start).Count('\n');

    /// <summary>How many characters at the ends of two spans of equal length are the same (compared in blocks).</summary>
    private static int CommonSuffixLength(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        const int Block = 256;
        var same = 0;
        while (same + Block <= a.Length && a.Slice(a.Length - same - Block, Block).SequenceEqual(b.Slice(b.Length - same - Block, Block)))
        {
            same += Block;
        }
        while (same < a.Length && a[a.Length - same - 1] == b[b.Length - same - 1])
        {
            same++;
        }
        return same;
    }
}
