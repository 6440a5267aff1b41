using System.Collections;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Wrappers;

/// <summary>
/// One file's usages as a run of the scan's usages, which come sorted by file: grouping them costs a comparison per
/// usage instead of hashing every usage's path.
/// </summary>
internal sealed class FileRun(string file, ArraySegment<Usage> usages) : IGrouping<string, Usage>
{
    public string Key => file;

    public IEnumerator<Usage> GetEnumerator() => ((IEnumerable<Usage>)usages).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The usages of each file <paramref name="wanted"/> accepts, in order; grouped by hashing if they are not sorted by file after all.</summary>
    public static List<IGrouping<string, Usage>> Of(Usage[] usages, Func<string, bool> wanted)
    {
        var runs = new List<IGrouping<string, Usage>>();
        string? previous = null;
        for (var start = 0; start < usages.Length;)
        {
            var file = usages[start].File;
            var end = start + 1;
            while (end < usages.Length && string.Equals(usages[end].File, file, StringComparison.Ordinal))
            {
                end++;
            }
            // The scan sorts its usages by path, ordinal: a path not after the one before means they are not sorted.
            if (previous is not null && string.CompareOrdinal(previous, file) >= 0)
            {
                return [.. usages.Where(u => wanted(u.File)).GroupBy(u => u.File, StringComparer.Ordinal)];
            }
            previous = file;
            if (wanted(file))
            {
                runs.Add(new FileRun(file, new ArraySegment<Usage>(usages, start, end - start)));
            }
            start = end;
        }
        return runs;
    }
}
