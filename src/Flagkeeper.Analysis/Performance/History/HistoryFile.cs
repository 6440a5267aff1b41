using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;

namespace Flagkeeper.Analysis.Performance.History;

/// <summary>The records of a history file and what was wrong with the lines that are not records.</summary>
public sealed record HistoryContents(IReadOnlyList<PerfRecord> Records, IReadOnlyList<string> Warnings);

/// <summary>
/// <c>.flagkeeper/perf/history.jsonl</c> under a root: one <see cref="PerfRecord"/> a line, the last
/// <see cref="Bound"/> lines of each series kept (up to <see cref="CompactAt"/> between compactions). Writers take the
/// lock file beside it (the registry edits' lock:
/// an OS lock the kernel drops with a dead process) and append a run in one write, so concurrent runs never
/// interleave a line. A line that is not a record is skipped with a warning, never fatal.
/// </summary>
public sealed class HistoryFile(string root)
{
    public const string RelativePath = ".flagkeeper/perf/history.jsonl";

    /// <summary>Lines kept per series (command and operation).</summary>
    public const int Bound = 200;

    /// <summary>
    /// Lines a series may reach before the file is compacted back to <see cref="Bound"/>: compacting reads, parses and
    /// rewrites the whole file, and doing it on every run once a series held <see cref="Bound"/> lines cost each warm scan
    /// its 600 KB history. With this slack it happens once in <see cref="Bound"/>/4 runs.
    /// </summary>
    public const int CompactAt = Bound + (Bound / 4);

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(5);

    public string FullPath { get; } = Path.Combine(root, RelativePath);

    /// <summary>The folder the history lives in, which the scanner skips.</summary>
    public static string FolderUnder(string root) => Path.GetDirectoryName(Path.Combine(root, RelativePath))!;

    public HistoryContents Read()
    {
        if (!File.Exists(FullPath))
        {
            return new HistoryContents([], []);
        }
        return Parse(File.ReadAllText(FullPath, Encoding.UTF8));
    }

    /// <summary>
    /// Appends one run's lines; when a series then holds more than <see cref="CompactAt"/>, trims each to <see cref="Bound"/>. Returns warnings: lines that were
    /// dropped, or why nothing could be written (a read-only folder, a full disk, a lock held too long), never throws for I/O.
    /// </summary>
    public IReadOnlyList<string> Append(IReadOnlyList<PerfRecord> records, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var folder = Path.GetDirectoryName(FullPath)!;
        try
        {
            if (ReadOnlyFolder.Nearest(folder) is { } readOnly)
            {
                return [$"performance history was not recorded: {Path.GetRelativePath(root, readOnly).Replace('\\', '/')} is read-only (chmod u+w to record it)"];
            }
            Directory.CreateDirectory(folder);
            var locked = RegistryLock.Acquire(FullPath, LockTimeout, time);
            if (locked.Failed)
            {
                return [$"performance history was not recorded: {locked.Errors[0].Message}"];
            }
            using (locked.Value)
            {
                return MayExceedBound(AppendLines(records), records) ? Compact() : [];
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [$"performance history could not be written to {RelativePath}: {ex.Message}"];
        }
    }

    /// <summary>Deletes the history; false when there was none.</summary>
    public bool Reset()
    {
        if (!File.Exists(FullPath))
        {
            return false;
        }
        var locked = RegistryLock.Acquire(FullPath, LockTimeout);
        if (locked.Failed)
        {
            throw new FlagkeeperException(locked.Errors[0]);
        }
        using (locked.Value)
        {
            File.Delete(FullPath);
        }
        return true;
    }

    public static HistoryContents Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<PerfRecord>();
        var skipped = new List<string>();
        var lines = text.Split('\n');
        // The text ends with a newline, so the last element is empty and not a line.
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            if (HistoryLine.TryRead(lines[i].TrimEnd('\r'), out var problem) is { } record)
            {
                records.Add(record);
            }
            else
            {
                skipped.Add($"line {i + 1}: {problem}");
            }
        }
        IReadOnlyList<string> warnings = skipped.Count == 0 ? [] :
            [$"{RelativePath}: skipped {skipped.Count} line(s) that are not history records ({string.Join("; ", skipped.Take(3))}{(skipped.Count > 3 ? "; …" : "")})"];
        return new HistoryContents(records, warnings);
    }

    /// <summary>Keeps the last <see cref="Bound"/> records of each series, in file order.</summary>
    public static IReadOnlyList<PerfRecord> Trim(IReadOnlyList<PerfRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var kept = new bool[records.Count];
        foreach (var series in records.Select((r, i) => (r.Series, i)).GroupBy(x => x.Series, StringComparer.Ordinal))
        {
            foreach (var (_, index) in series.TakeLast(Bound))
            {
                kept[index] = true;
            }
        }
        return [.. records.Where((_, i) => kept[i])];
    }

    /// <summary>One write for the whole run; a newline first when a crash left the last line without one.</summary>
    private long AppendLines(IReadOnlyList<PerfRecord> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(HistoryLine.Write(record)).Append('\n');
        }
        using var stream = new FileStream(FullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
            {
                text.Insert(0, '\n');
            }
        }
        stream.Seek(0, SeekOrigin.End);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        return stream.Length;
    }

    /// <summary>
    /// True when a series this run appended to now holds more than <see cref="CompactAt"/> lines, counted by its
    /// signature in the file's bytes. Before, once the file held <see cref="Bound"/> lines of all series together, every
    /// run parsed every record, mostly to find nothing to drop (a warm scan spent about a tenth of its CPU there, most of
    /// it a collection the parse set off). A file of more than <see cref="MaxLines"/> lines is compacted anyway (lines
    /// written by hand, in another order of fields).
    /// </summary>
    private bool MayExceedBound(long length, IReadOnlyList<PerfRecord> records)
    {
        if (length < CompactAt * 64L)
        {
            return false; // too short to hold CompactAt lines: no need to read it
        }
        var bytes = File.ReadAllBytes(FullPath);
        if (bytes.AsSpan().Count((byte)'\n') > MaxLines)
        {
            return true;
        }
        foreach (var series in records.DistinctBy(r => r.Series, StringComparer.Ordinal))
        {
            var signature = HistoryLine.SeriesSignature(series);
            var lines = 0;
            var rest = bytes.AsSpan();
            for (var at = rest.IndexOf(signature); at >= 0; at = rest.IndexOf(signature))
            {
                if (++lines > CompactAt)
                {
                    return true;
                }
                rest = rest[(at + signature.Length)..];
            }
        }
        return false;
    }

    /// <summary>Lines past which the file is compacted whatever its series say: <see cref="CompactAt"/> runs of 32 series.</summary>
    public const int MaxLines = CompactAt * 32;

    private List<string> Compact()
    {
        var contents = Read();
        var kept = Trim(contents.Records);
        if (kept.Count == contents.Records.Count && contents.Warnings.Count == 0)
        {
            return [];
        }
        AtomicFile.WriteAllText(FullPath, string.Concat(kept.Select(r => HistoryLine.Write(r) + "\n")), byteOrderMark: false);
        return [.. contents.Warnings.Select(w => w + " and dropped them")];
    }
}
