using Flagkeeper.Documents;
using Flagkeeper.Registry;

namespace Flagkeeper.Loading;

/// <summary>
/// Reads an edited registry back by reading again only the flags whose lines changed. An edit changes a few lines
/// of one or two flags; reading the whole 10,000-flag text again to check it cost as much as the first read. This
/// holds exactly only for text the fast reader read whole (<see cref="RegistryLoadResult.Plain"/>): there a block
/// mapping's entries are whole lines, and the lines of a region that read as entries at the flags' indentation
/// mean the same inside the document as on their own, while the unchanged text around them means what it meant.
/// Later flags moved to other lines keep their values and have every position moved (<see cref="ShiftedFlags"/>).
/// Anything else (YamlDotNet's text, JSON, a change outside <c>flags:</c>, a repeated key, any error) returns null,
/// and the caller reads the whole text.
/// </summary>
internal static class RegistryRegionReader
{
    /// <summary>A region longer than this and than a quarter of the text is read whole instead (see <see cref="TryReadEdited(RegistryLoadResult, EditedText, string, DocumentLimits)"/>).</summary>
    internal const int LargeRegionChars = 256 * 1024;

    /// <param name="before">The registry as read from <paramref name="original"/>, with its source kept (its text and <see cref="EntryLines"/>).</param>
    /// <returns>The registry of <paramref name="edited"/>, as a whole read would bind it; null to read it whole.</returns>
    public static RegistryLoadResult? TryReadEdited(RegistryLoadResult before, string original, string edited, string displayPath, DocumentLimits limits) =>
        TryReadEdited(before, EditedText.Whole(original, edited), displayPath, limits);

    /// <param name="before">The registry as read from the original of <paramref name="edited"/>, with its source kept.</param>
    /// <param name="edited">The edited text: only the changed region of it is built as a string, and the whole only when the result's text is read.</param>
    /// <returns>The registry of <paramref name="edited"/>, as a whole read would bind it; null to read it whole.</returns>
    public static RegistryLoadResult? TryReadEdited(RegistryLoadResult before, EditedText edited, string displayPath, DocumentLimits limits)
    {
        var original = edited.Original;
        if (!before.Plain || before.Registry is not { Kind: RegistrySourceKind.Yaml, DuplicateKeys.Count: 0 } registry
            || registry.Source?.Lines is not { } lines)
        {
            return null;
        }
        var flags = registry.Flags;
        // Each entry bound to one flag, in order, under this display path (else the whole read decides).
        if (flags.Count == 0 || flags.Count != lines.KeyStarts.Length || flags[0].Location.File != displayPath)
        {
            return null;
        }

        var prefix = edited.CommonPrefixLength();
        var suffix = edited.CommonSuffixLength(Math.Min(original.Length, edited.Length) - prefix);
        var changeEnd = original.Length - suffix;

        // The region: whole lines from the last flag starting at or before the change to the first one after it.
        var first = LastStartingAtOrBefore(lines, prefix);
        if (first > 0 && prefix <= lines.KeyStarts[first].Index)
        {
            // The change starts in a flag's indentation: lines added at the end of the flag before it look so too
            // (a field appended to a flag), so that flag is in the region.
            first--;
        }
        if (first < 0)
        {
            return null; // the change is before the first flag
        }
        var count = lines.KeyStarts.Length;
        var next = first + 1;
        while (next < count && lines.LineStart(next) < changeEnd)
        {
            next++;
        }
        if (next == count && lines.End != original.Length)
        {
            return null; // the last flag is followed by other top-level fields
        }
        var regionStart = lines.LineStart(first);
        var regionEnd = lines.LineEnd(next - 1);
        if (regionEnd - regionStart > LargeRegionChars && regionEnd - regionStart > original.Length / 4)
        {
            // Most of the registry changed (`kill --all`): this reads the region twice on one thread, where a whole
            // read parses the text once, in parallel parts.
            return null;
        }
        var delta = edited.Length - original.Length;
        // Later flags on other lines (a line added or removed): their positions all move by as many lines.
        // The region as edited, on its own: read where it starts a line, its marks then count from its start.
        var region = edited.Slice(regionStart, regionEnd + delta);
        var lineDelta = Newlines(region, 0, region.Length) - Newlines(original, regionStart, regionEnd);
        var firstKey = lines.KeyStarts[first];
        // The node limit holds as for a whole read: the region's nodes then and now, counted alike.
        if (!PlainYamlReader.TryReadEntries(original, regionStart, regionEnd, firstKey.Line, firstKey.Column - 1, depth: 2, limits, out _, out var nodesBefore)
            || !PlainYamlReader.TryReadEntries(region, 0, region.Length, firstKey.Line, firstKey.Column - 1, depth: 2, limits, out var changed, out var nodesAfter))
        {
            return null;
        }
        var nodes = before.PlainNodes - nodesBefore + nodesAfter;
        if (nodes > limits.MaxNodes)
        {
            return null;
        }

        var binder = RegistryReader.CreateBinder(displayPath);
        var unmoved = new List<FlagDefinition>(flags.Count - (next - first) + changed!.Count);
        for (var i = 0; i < first; i++)
        {
            unmoved.Add(flags[i]);
        }
        var changedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in changed)
        {
            if (RegistryReader.BindFlag(binder, entry) is not { } flag)
            {
                return null;
            }
            unmoved.Add(flag);
            changedKeys.Add(flag.Key);
        }
        if (binder.Errors.Count > 0)
        {
            return null;
        }
        for (var i = next; i < flags.Count; i++)
        {
            if (lineDelta != 0 && !ShiftedFlags.CanShift(flags[i]))
            {
                return null;
            }
            unmoved.Add(flags[i]);
        }
        // The index of the flags as they were, less the flags read again, plus what they read as now.
        var index = registry.CopyOfIndex();
        for (var i = first; i < next; i++)
        {
            index.Remove(flags[i].Key);
            changedKeys.Add(flags[i].Key);
        }
        for (var i = first; i < first + changed.Count; i++)
        {
            if (!index.TryAdd(unmoved[i].Key, unmoved[i]))
            {
                return null; // a repeated key: the whole read reports it
            }
        }
        var source = new RegistrySource(edited, null, nodes) { Lines = Shifted(lines, first, next, changed, regionStart, delta, lineDelta) };
        var asRead = (registry with { Flags = unmoved, Source = source }).WithIndex(index);
        // Later flags on other lines get their positions moved when first read (their index then built from the moved ones).
        var after = lineDelta == 0 ? asRead : registry with { Flags = new ShiftedFlagList(unmoved, first + changed.Count, lineDelta), Source = source };
        return new RegistryLoadResult(after, []) { PlainNodes = nodes, Region = new EditedRegion(changedKeys, asRead) };
    }

    /// <summary>The lines after the edit: those before the region as they were, the region's as read again, those after it moved by <paramref name="delta"/> characters and <paramref name="lineDelta"/> lines.</summary>
    private static EntryLines Shifted(EntryLines lines, int first, int next, IReadOnlyList<MappingEntry> changed, int regionStart, int delta, int lineDelta)
    {
        var before = lines.KeyStarts;
        var starts = new DocMark[before.Length - (next - first) + changed.Count];
        Array.Copy(before, starts, first);
        for (var i = 0; i < changed.Count; i++)
        {
            starts[first + i] = changed[i].KeyStart with { Index = changed[i].KeyStart.Index + regionStart };
        }
        for (var i = next; i < before.Length; i++)
        {
            starts[i - next + first + changed.Count] = before[i] with { Index = before[i].Index + delta, Line = before[i].Line + lineDelta };
        }
        return new EntryLines(starts, lines.End + delta);
    }

    /// <summary>The last flag whose line starts at or before <paramref name="index"/>; -1 when none does.</summary>
    internal static int LastStartingAtOrBefore(EntryLines lines, int index)
    {
        var (low, high, found) = (0, lines.KeyStarts.Length - 1, -1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (lines.LineStart(middle) <= index)
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
}
