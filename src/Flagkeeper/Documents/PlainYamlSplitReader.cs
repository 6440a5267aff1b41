using System.Collections.Concurrent;

namespace Flagkeeper.Documents;

/// <summary>
/// Reads plain YAML whose root mapping holds one large block mapping under a known key (a registry's <c>flags:</c>)
/// in parts, in parallel, and hands each part's entries to a callback on the thread that read them (a registry
/// binds its flags there). A 10,000-flag registry is mostly that one mapping. Without kept entries the parts are
/// small chunks (<see cref="DroppedChunkChars"/>) whose nodes one <see cref="NodeArena"/> per thread fills again
/// chunk after chunk: the tree is never whole in memory, and memory once touched is reused instead of faulted in.
/// <see cref="TryReadPartial"/> reads chosen entries again from where <see cref="EntryLines"/> says they are.
/// <para>
/// The parts are cut at lines that start an entry of that mapping (exactly its indentation, then a key), where the
/// fast reader's state is only "at the start of a line": each part reads as it would inside the whole text, with
/// the same marks. What is not laid out so (an inline or empty value, the key twice, an indented root, a document
/// marker) or declines anywhere returns null, and the caller reads the text whole, which decides every error.
/// </para>
/// </summary>
internal static class PlainYamlSplitReader
{
    /// <summary>
    /// The root of the text and what the callback made of each part, in order. Without kept entries the key's mapping
    /// in the root is empty: its entries went to the callback only, and were garbage as soon as it returned.
    /// </summary>
    /// <param name="End">Where the key's mapping ends: the first root line after its entries, or the text's end.</param>
    public sealed record Result<T>(MappingNode Root, int Nodes, T[] Parts, int End);

    /// <summary>About how many characters a chunk holds when entries are not kept: a few dozen flags.</summary>
    internal const int DroppedChunkChars = 16 * 1024;

    /// <param name="key">The root key whose block mapping is read in parts.</param>
    /// <param name="parts">How many parts to cut it into, at most (fewer when it has fewer entry lines).</param>
    /// <param name="onPart">Called once per part, in parallel, with that part's entries.</param>
    /// <param name="keepEntries">Keep the entries in the root's tree (an editor needs them); false drops each part's after the callback.</param>
    public static Result<T>? TryRead<T>(string text, string key, int parts, DocumentLimits limits, Func<IReadOnlyList<MappingEntry>, T> onPart, bool keepEntries = true)
    {
        // A second root `key:` needs no care here: it reads as an entry after the region, as in the whole read.
        if (!PlainYamlReader.IsSupported(text) || StartsWithMarker(text) || FindKeyLine(text, key) is not (var keyLine, var regionStart))
        {
            return null;
        }
        var regionEnd = RootLineAfter(text, regionStart);
        if (FirstContentIndent(text, regionStart, regionEnd) is not (> 0 and var indent))
        {
            return null;
        }

        // Without kept entries, many small chunks: each chunk's tree is garbage before the next is read, so the GC
        // finds it dead in its youngest generation instead of promoting and copying a whole part's tree.
        var chunks = keepEntries ? parts : Math.Max(parts, (regionEnd - regionStart) / DroppedChunkChars);
        var cuts = Cuts(text, regionStart, regionEnd, indent, chunks);
        var lines = LinesBefore(text, cuts);
        var entries = new IReadOnlyList<MappingEntry>?[cuts.Length - 1];
        var nodes = new int[cuts.Length - 1];
        var results = new T[cuts.Length - 1];
        DocMark first = default, last = default; // each written by one part only
        // One arena per thread: its shared strings (a cache per chunk would cost more than its strings) and, when the
        // entries are dropped, its nodes, filled again chunk after chunk.
        Parallel.For(0, entries.Length, () => new NodeArena(), (i, _, arena) =>
        {
            if (PlainYamlReader.TryReadSupportedEntries(text, cuts[i], cuts[i + 1], lines[i], indent, depth: 2, limits, out var read, out nodes[i], keepEntries ? null : arena) && read!.Count > 0)
            {
                results[i] = onPart(read);
                if (i == 0)
                {
                    first = read[0].KeyStart;
                }
                if (i == entries.Length - 1)
                {
                    last = read[^1].Value.End;
                }
                entries[i] = keepEntries ? read : [];
            }
            if (!keepEntries)
            {
                arena.Reset();
            }
            return arena;
        }, _ => { });
        if (Array.IndexOf(entries, null) >= 0)
        {
            return null;
        }

        var keyLineNumber = lines[0] - 1;
        if (!PlainYamlReader.TryReadSupportedEntries(text, 0, keyLine, 1, 0, depth: 1, limits, out var before, out var beforeNodes)
            || !PlainYamlReader.TryReadSupportedEntries(text, regionEnd, text.Length, lines[^1], 0, depth: 1, limits, out var after, out var afterNodes))
        {
            return null;
        }
        var flagEntries = entries.SelectMany(part => part!).ToArray();
        // As the whole read counts them: the root, its entries before and after, the key, its mapping and the parts' entries
        // (each region read also counted a mapping of its own, which in the whole text is the one root or flags mapping).
        var total = 1 + Entries(before!, beforeNodes) + 2 + nodes.Sum() - nodes.Length + Entries(after!, afterNodes);
        if (total > limits.MaxNodes)
        {
            return null;
        }
        var mapping = new MappingNode(flagEntries, false, first, last);
        var rootEntries = new List<MappingEntry>(before!.Count + 1 + after!.Count);
        rootEntries.AddRange(before);
        rootEntries.Add(new MappingEntry(key, new DocMark(keyLine, keyLineNumber, 1), mapping));
        rootEntries.AddRange(after);
        var root = new MappingNode(rootEntries.ToArray(), false, rootEntries[0].KeyStart, rootEntries[^1].Value.End);
        return new Result<T>(root, total, results, regionEnd);
    }

    /// <summary>
    /// A partial tree of a text whose block mapping under <paramref name="key"/> is laid out as <paramref name="lines"/>
    /// says: the root's other entries whole, and of that mapping only the entries at <paramref name="wanted"/> (and the
    /// first two and the last, which tell an editor the mapping's indentation, spacing and end), each read again on its
    /// own. The mapping's marks are the whole mapping's. Null when the text is not laid out so (the caller reads it whole).
    /// For an editor that touches those entries only: anything that counts or walks the mapping's entries would be wrong.
    /// </summary>
    public static MappingNode? TryReadPartial(string text, string key, EntryLines lines, IEnumerable<int> wanted, DocumentLimits limits)
    {
        var count = lines.KeyStarts.Length;
        if (count == 0 || lines.End > text.Length || !PlainYamlReader.IsSupported(text) || StartsWithMarker(text)
            || FindKeyLine(text, key) is not (var keyLine, _))
        {
            return null;
        }
        var picked = new SortedSet<int>(wanted.Where(i => i >= 0 && i < count)) { 0, Math.Min(1, count - 1), count - 1 };
        var order = picked.ToArray();
        var entries = new MappingEntry[order.Length];
        var declined = false;
        // Each entry on its own, with one string cache per thread; `kill --all` wants them all: both cores then.
        var ranges = Partitioner.Create(0, order.Length, Math.Max(64, order.Length / 16));
        Parallel.ForEach(ranges, new ParallelOptions { MaxDegreeOfParallelism = order.Length < 256 ? 1 : -1 }, PlainYamlReader.NewSharedStrings, (range, state, shared) =>
        {
            for (var at = range.Item1; at < range.Item2 && !state.ShouldExitCurrentIteration; at++)
            {
                var i = order[at];
                var start = lines.KeyStarts[i];
                if (!PlainYamlReader.TryReadEntries(text, lines.LineStart(i), lines.LineEnd(i), start.Line, start.Column - 1, depth: 2, limits, out var read, out _, shared)
                    || read!.Count != 1)
                {
                    declined = true;
                    state.Stop();
                    return shared;
                }
                entries[at] = read[0];
            }
            return shared;
        }, _ => { });
        if (declined)
        {
            return null;
        }
        var afterLine = lines.KeyStarts[^1].Line + text.AsSpan(lines.LineStart(count - 1), lines.End - lines.LineStart(count - 1)).Count('\n');
        if (!PlainYamlReader.TryReadEntries(text, 0, keyLine, 1, 0, depth: 1, limits, out var before, out _)
            || !PlainYamlReader.TryReadEntries(text, lines.End, text.Length, afterLine, 0, depth: 1, limits, out var after, out _))
        {
            return null;
        }
        var mapping = new MappingNode(entries, false, lines.KeyStarts[0], entries[^1].Value.End);
        var rootEntries = new List<MappingEntry>(before!.Count + 1 + after!.Count);
        rootEntries.AddRange(before);
        rootEntries.Add(new MappingEntry(key, new DocMark(keyLine, lines.KeyStarts[0].Line - LinesBetween(text, keyLine, lines.LineStart(0)), 1), mapping));
        rootEntries.AddRange(after);
        return new MappingNode(rootEntries.ToArray(), false, rootEntries[0].KeyStart, rootEntries[^1].Value.End);
    }

    private static int LinesBetween(string text, int from, int to) => text.AsSpan(from, to - from).Count('\n');

    private static int Entries(IReadOnlyList<MappingEntry> entries, int nodes) => entries.Count == 0 ? 0 : nodes - 1;

    /// <summary>A document marker or directive on the first content line: the whole read declines those.</summary>
    private static bool StartsWithMarker(string text)
    {
        var at = 0;
        while (at < text.Length)
        {
            var end = LineEnd(text, at);
            var content = text.AsSpan(at, end - at).TrimStart(' ');
            if (!content.IsEmpty && content[0] != '#')
            {
                return content.StartsWith("---") || content.StartsWith("...") || content[0] == '%';
            }
            at = end + 1;
        }
        return false;
    }

    /// <summary>
    /// The first line <c>key:</c> at the root: where it starts and where the next line does; null when it has a value
    /// after the colon (anything but spaces and a comment) or is the last line.
    /// </summary>
    private static (int LineStart, int NextLine)? FindKeyLine(string text, string key)
    {
        var prefix = key + ":";
        var at = text.StartsWith(prefix, StringComparison.Ordinal) ? 0
            : text.IndexOf("\n" + prefix, StringComparison.Ordinal) is >= 0 and var newline ? newline + 1 : -1;
        if (at < 0)
        {
            return null;
        }
        var end = LineEnd(text, at);
        var rest = text.AsSpan(at + prefix.Length, end - at - prefix.Length);
        var trimmed = rest.TrimStart(' ');
        var fits = trimmed.IsEmpty || (trimmed[0] == '#' && trimmed.Length < rest.Length);
        return fits && end < text.Length ? (at, end + 1) : null;
    }

    /// <summary>The start of the first line from <paramref name="from"/> that holds a root-level entry (or the text's end).</summary>
    private static int RootLineAfter(string text, int from)
    {
        for (var at = from; at < text.Length; at = LineEnd(text, at) + 1)
        {
            if (text[at] is not (' ' or '\n' or '#'))
            {
                return at;
            }
        }
        return text.Length;
    }

    /// <summary>The indentation of the first line in the range holding more than spaces and a comment, or null.</summary>
    private static int? FirstContentIndent(string text, int start, int end)
    {
        for (var at = start; at < end; at = LineEnd(text, at) + 1)
        {
            var line = text.AsSpan(at, LineEnd(text, at) - at);
            var indent = line.Length - line.TrimStart(' ').Length;
            if (indent < line.Length && line[indent] != '#')
            {
                return indent;
            }
        }
        return null;
    }

    /// <summary>The part boundaries: the region's start and end and, between them, entry lines near equal shares.</summary>
    private static int[] Cuts(string text, int start, int end, int indent, int parts)
    {
        var cuts = new List<int> { start };
        for (var k = 1; k < parts; k++)
        {
            var target = start + (int)((long)(end - start) * k / parts);
            var at = target <= cuts[^1] ? cuts[^1] : LineEnd(text, target - 1) + 1;
            if (at <= cuts[^1])
            {
                at = LineEnd(text, cuts[^1]) + 1;
            }
            while (at < end && !IsEntryLine(text, at, indent))
            {
                at = LineEnd(text, at) + 1;
            }
            if (at < end)
            {
                cuts.Add(at);
            }
        }
        cuts.Add(end);
        return [.. cuts];
    }

    /// <summary>Exactly <paramref name="indent"/> spaces, then neither a space, a comment nor the line's end.</summary>
    private static bool IsEntryLine(string text, int at, int indent) =>
        at + indent < text.Length && text.AsSpan(at, indent).IndexOfAnyExcept(' ') < 0 && text[at + indent] is not (' ' or '\n' or '#');

    /// <summary>The 1-based line number of each cut but the last.</summary>
    private static int[] LinesBefore(string text, int[] cuts)
    {
        var lines = new int[cuts.Length];
        var line = 1 + text.AsSpan(0, cuts[0]).Count('\n');
        lines[0] = line;
        for (var i = 1; i < cuts.Length; i++)
        {
            line += text.AsSpan(cuts[i - 1], cuts[i] - cuts[i - 1]).Count('\n');
            lines[i] = line;
        }
        return lines;
    }

    private static int LineEnd(string text, int at)
    {
        var newline = text.IndexOf('\n', at);
        return newline < 0 ? text.Length : newline;
    }
}
