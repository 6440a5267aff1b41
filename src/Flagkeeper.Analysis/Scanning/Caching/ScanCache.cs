using System.Collections.Concurrent;
using Flagkeeper.Diagnostics;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>What the cache remembers about one file.</summary>
/// <param name="Racy">Modified so close to the scan that a later change could keep the same timestamp: verify by hash next time.</param>
/// <param name="Binary">The file was skipped as binary.</param>
/// <param name="HasSuppressionMarker">The file contains <c>flagkeeper-ignore</c> somewhere, so <c>check</c> must read its lines.</param>
/// <param name="Declarations">A C#, Java or Kotlin file's names after type keywords, for the symbol pass (null: not indexed).</param>
/// <param name="HasReturnedCheck">A usage may sit in a returned expression, so the wrapper pass reads the file (<see cref="Matching.ReturnedExpression"/>).</param>
public sealed record CachedFile(long Length, long ModifiedTicks, ulong Hash, bool Racy, bool Binary, Usage[] Usages, bool HasSuppressionMarker = false,
    string[]? Declarations = null, bool HasReturnedCheck = false);

/// <summary>What <see cref="ScanCache.Inspect"/> found on disk.</summary>
/// <param name="Current">Built under this configuration and catalog: the next scan uses it (else it starts over).</param>
/// <param name="LoadAllocatedBytes">Bytes allocated to load it: what it costs in memory during a scan.</param>
/// <param name="Problem">Why the next scan cannot use it (corrupt, unreadable, another format), or null.</param>
public sealed record ScanCacheSummary(string Path, bool Exists, long Bytes, int Entries, long Usages, bool Current, long LoadAllocatedBytes, string? Problem);

/// <summary>
/// The incremental scan cache: per file its size, modification time, content hash and usages,
/// under a fingerprint of everything that changes what a scan finds (catalog version, env prefixes,
/// SDKs, custom patterns). One binary file, written atomically, ending in an XxHash64 of its bytes;
/// a truncated, corrupt, foreign or old-version file is discarded (with a warning) and rebuilt.
/// </summary>
public sealed class ScanCache
{
    public const string FileName = "scan-v1.bin";
    private const int FormatVersion = 6; // 2: a flag bit for flagkeeper-ignore markers; 3: C# declaration index; 4: returned-check bit; 5: string table, shared texts, 7-bit numbers; 6: Kotlin val names in the index
    private const string What = "scan cache";
    private static readonly byte[] Magic = "FKSCAN"u8.ToArray();

    private readonly Dictionary<string, LoadedEntry> _previous;
    // A warm scan keeps most loaded entries as they are: it marks them here (each file is walked once, so no two
    // threads write one slot) rather than adding 20,000 of them to a concurrent dictionary.
    private readonly bool[] _kept;
    private readonly ConcurrentDictionary<string, CachedFile> _current = new(StringComparer.Ordinal); // read this run

    private ScanCache(string fingerprint, Dictionary<string, LoadedEntry> previous)
    {
        Fingerprint = fingerprint;
        _previous = previous;
        _kept = new bool[previous.Count];
    }

    public string Fingerprint { get; }

    /// <summary>
    /// Whether a file modified at <paramref name="modified"/> is too close to a scan started at <paramref name="scanStart"/>
    /// to be trusted by its size and time next time: a later edit could keep both.
    /// </summary>
    public static bool IsRacy(DateTime modified, DateTime scanStart) => (scanStart - modified).Duration() < TimeSpan.FromSeconds(2);

    /// <summary>Entries read from disk.</summary>
    public int LoadedEntries => _previous.Count;

    public static ScanCache Empty(string fingerprint) => new(fingerprint, new(StringComparer.Ordinal));

    /// <summary>Reads the cache in <paramref name="directory"/>; any problem yields an empty cache and a warning.</summary>
    /// <param name="displayDirectory">How errors name the folder (root-relative).</param>
    public static ScanCache Load(string directory, string fingerprint, out FlagkeeperError? warning, string? displayDirectory = null)
    {
        var path = Path.Combine(directory, FileName);
        var shown = displayDirectory is null ? path : $"{displayDirectory.TrimEnd('/')}/{FileName}";
        warning = null;
        try
        {
            if (!File.Exists(path))
            {
                return Empty(fingerprint);
            }
            var entries = Parse(path, fingerprint, out var stale, out var version, out _);
            if (version != FormatVersion)
            {
                warning = CacheFile.OtherVersion(What, shown, version, FormatVersion);
            }
            return stale ? Empty(fingerprint) : new ScanCache(fingerprint, entries);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or (IOException and not EndOfStreamException))
        {
            warning = CacheFile.Unreadable(What, shown, ex.Message, "scanning everything");
            return Empty(fingerprint);
        }
        catch (Exception ex) when (CacheFile.IsDamage(ex))
        {
            warning = CacheFile.Corrupt(What, shown, ex.Message);
            return Empty(fingerprint);
        }
    }

    /// <summary>
    /// What the cache file in <paramref name="directory"/> holds, for <c>flagkeeper cache stats</c>: its size, entries and
    /// usages, whether <paramref name="currentFingerprint"/> would use it, and what is wrong with it. Never throws for I/O.
    /// </summary>
    public static ScanCacheSummary Inspect(string directory, string currentFingerprint)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            if (!File.Exists(path))
            {
                return new ScanCacheSummary(path, Exists: false, 0, 0, 0, Current: false, 0, null);
            }
            var length = new FileInfo(path).Length;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var entries = Parse(path, null, out var stale, out var version, out var written);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (stale)
            {
                return new ScanCacheSummary(path, true, length, 0, 0, false, 0, $"format version {version}, this Flagkeeper writes {FormatVersion}: the next scan rebuilds it");
            }
            return new ScanCacheSummary(path, true, length, entries.Count, entries.Values.Sum(e => (long)e.File.Usages.Length), written == currentFingerprint, allocated, null);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or (IOException and not EndOfStreamException))
        {
            return new ScanCacheSummary(path, true, 0, 0, 0, false, 0, $"could not be read ({ex.Message})");
        }
        catch (Exception ex) when (CacheFile.IsDamage(ex))
        {
            return new ScanCacheSummary(path, true, new FileInfo(path).Length, 0, 0, false, 0, $"corrupt ({ex.Message}): the next scan discards and rebuilds it");
        }
    }

    /// <summary>
    /// The cached entry for a file whose size and timestamp are unchanged, kept for this run as it is; null when there
    /// is none (the caller reads the file and <see cref="Record"/>s what it found).
    /// </summary>
    public CachedFile? TakeUnchanged(string path, long length, DateTime modified)
    {
        if (!_previous.TryGetValue(path, out var loaded) || loaded.File is not { Racy: false } entry || entry.Length != length || entry.ModifiedTicks != modified.Ticks)
        {
            return null;
        }
        _kept[loaded.Index] = true;
        return entry;
    }

    /// <summary>The previous entry for a file (any timestamp), to compare content hashes.</summary>
    public CachedFile? FindPrevious(string path) => _previous.TryGetValue(path, out var loaded) ? loaded.File : null;

    /// <summary>Records a file's entry as this run read it; entries neither recorded nor kept (deleted files) are dropped on save.</summary>
    public void Record(string path, CachedFile entry) => _current[path] = entry;

    /// <summary>True when saving would write something different from what was loaded: a file read again, new or gone.</summary>
    public bool IsDirty => !_current.IsEmpty || _kept.Count(k => k) != _previous.Count;

    /// <summary>Writes the entries kept and recorded in this run, atomically (temp file, then rename).</summary>
    public void Save(string directory) => CacheFile.Write(directory, FileName, Magic, writer =>
    {
        writer.Write(FormatVersion);
        writer.Write(Fingerprint);
        var kept = _previous.Where(p => _kept[p.Value.Index] && !_current.ContainsKey(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value.File));
        ScanCacheEntries.Write(writer, [.. kept, .. _current]);
    });

    /// <param name="fingerprint">Null: accept the file whatever configuration it was built under (for <see cref="Inspect"/>).</param>
    private static Dictionary<string, LoadedEntry> Parse(string path, string? fingerprint, out bool stale, out int version, out string? written)
    {
        stale = false;
        written = null;
        using var reader = ByteReader.Open(path, Magic, What);
        Dictionary<string, LoadedEntry> entries;
        try
        {
            version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                stale = true; // another format: the caller warns and starts over
            }
            else if ((written = reader.ReadString()) is var read && fingerprint is not null && read != fingerprint)
            {
                stale = true; // built under another configuration or catalog: silently start over
            }
            entries = stale ? new(StringComparer.Ordinal) : ScanCacheEntries.Read(reader);
        }
        catch (Exception ex) when (CacheFile.IsDamage(ex))
        {
            reader.Verify(); // a damaged file is reported as such, not by whatever its bytes made the parser trip on
            throw;
        }
        reader.Verify(); // nothing parsed counts before the checksum matches
        return entries;
    }
}
