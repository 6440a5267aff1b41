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
    private const int FormatVersion = 4; // 2: a flag bit for flagkeeper-ignore markers; 3: C# declaration index; 4: returned-check bit
    private const string What = "scan cache";
    private static readonly byte[] Magic = "FKSCAN"u8.ToArray();

    private readonly Dictionary<string, CachedFile> _previous;
    private readonly ConcurrentDictionary<string, CachedFile> _current = new(StringComparer.Ordinal);
    private int _changed;

    private ScanCache(string fingerprint, Dictionary<string, CachedFile> previous)
    {
        Fingerprint = fingerprint;
        _previous = previous;
    }

    public string Fingerprint { get; }

    /// <summary>Entries read from disk.</summary>
    public int LoadedEntries => _previous.Count;

    public static ScanCache Empty(string fingerprint) => new(fingerprint, new(StringComparer.Ordinal));

    /// <summary>Reads the cache in <paramref name="directory"/>; any problem yields an empty cache and a warning.</summary>
    /// <param name="displayDirectory">How errors name the folder (root-relative).</param>
    public static ScanCache Load(string directory, string fingerprint, out FlagkeeperError? warning, string? displayDirectory = null)
    {
        var path = Path.Combine(directory, FileName);
        var shown = displayDirectory is null ? path : $"{displayDirectory.TrimEnd('/')}/{FileName}";
        if (CacheFile.ReadAll(path, What, shown, "scanning everything", out warning) is not { } bytes)
        {
            return Empty(fingerprint);
        }
        try
        {
            var entries = Parse(bytes, fingerprint, out var stale, out var version, out _);
            if (version != FormatVersion)
            {
                warning = CacheFile.OtherVersion(What, shown, version, FormatVersion);
            }
            return stale ? Empty(fingerprint) : new ScanCache(fingerprint, entries);
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
            var bytes = File.ReadAllBytes(path);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var entries = Parse(bytes, null, out var stale, out var version, out var written);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (stale)
            {
                return new ScanCacheSummary(path, true, bytes.Length, 0, 0, false, 0, $"format version {version}, this Flagkeeper writes {FormatVersion}: the next scan rebuilds it");
            }
            return new ScanCacheSummary(path, true, bytes.Length, entries.Count, entries.Values.Sum(e => (long)e.Usages.Length), written == currentFingerprint, allocated, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ScanCacheSummary(path, true, 0, 0, 0, false, 0, $"could not be read ({ex.Message})");
        }
        catch (Exception ex) when (CacheFile.IsDamage(ex))
        {
            return new ScanCacheSummary(path, true, new FileInfo(path).Length, 0, 0, false, 0, $"corrupt ({ex.Message}): the next scan discards and rebuilds it");
        }
    }

    /// <summary>The cached entry for a file whose size and timestamp are unchanged, or null.</summary>
    public CachedFile? FindUnchanged(string path, long length, DateTime modified)
    {
        var entry = _previous.GetValueOrDefault(path);
        return entry is not null && !entry.Racy && entry.Length == length && entry.ModifiedTicks == modified.Ticks ? entry : null;
    }

    /// <summary>The previous entry for a file (any timestamp), to compare content hashes.</summary>
    public CachedFile? FindPrevious(string path) => _previous.GetValueOrDefault(path);

    /// <summary>Records a file's entry for this run; entries not recorded (deleted files) are dropped on save.</summary>
    public void Record(string path, CachedFile entry, bool changed)
    {
        _current[path] = entry;
        if (changed)
        {
            Interlocked.Exchange(ref _changed, 1);
        }
    }

    /// <summary>True when saving would write something different from what was loaded.</summary>
    public bool IsDirty => Volatile.Read(ref _changed) != 0 || _current.Count != _previous.Count;

    /// <summary>Writes the entries recorded in this run, atomically (temp file, then rename).</summary>
    public void Save(string directory) => CacheFile.Write(directory, FileName, Magic, writer =>
    {
        writer.Write(FormatVersion);
        writer.Write(Fingerprint);
        var entries = _current.ToArray();
        writer.Write(entries.Length);
        foreach (var (file, entry) in entries)
        {
            writer.Write(file);
            writer.Write(entry.Length);
            writer.Write(entry.ModifiedTicks);
            writer.Write(entry.Hash);
            writer.Write((byte)((entry.Racy ? 1 : 0) | (entry.Binary ? 2 : 0) | (entry.HasSuppressionMarker ? 4 : 0) | (entry.HasReturnedCheck ? 8 : 0)));
            writer.Write(entry.Usages.Length);
            foreach (var usage in entry.Usages)
            {
                UsageFields.Write(writer, usage);
            }
            writer.Write(entry.Declarations?.Length ?? -1);
            foreach (var name in entry.Declarations ?? [])
            {
                writer.Write(name);
            }
        }
    });

    /// <param name="fingerprint">Null: accept the file whatever configuration it was built under (for <see cref="Inspect"/>).</param>
    private static Dictionary<string, CachedFile> Parse(byte[] bytes, string? fingerprint, out bool stale, out int version, out string? written)
    {
        stale = false;
        written = null;
        using var reader = CacheFile.Open(bytes, Magic, What);
        version = reader.ReadInt32();
        var entries = new Dictionary<string, CachedFile>(StringComparer.Ordinal);
        if (version != FormatVersion)
        {
            stale = true; // another format: the caller warns and starts over
            return entries;
        }
        written = reader.ReadString();
        if (fingerprint is not null && written != fingerprint)
        {
            stale = true; // built under another configuration or catalog: silently start over
            return entries;
        }
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException("negative entry count");
        }
        for (var i = 0; i < count; i++)
        {
            var file = reader.ReadString();
            var length = reader.ReadInt64();
            var modified = reader.ReadInt64();
            var hash = reader.ReadUInt64();
            var flags = reader.ReadByte();
            var usageCount = reader.ReadInt32();
            if (usageCount < 0 || usageCount > bytes.Length)
            {
                throw new InvalidDataException("bad usage count");
            }
            var usages = new Usage[usageCount];
            for (var u = 0; u < usageCount; u++)
            {
                usages[u] = UsageFields.Read(reader, file);
            }
            var declarationCount = reader.ReadInt32();
            if (declarationCount < -1 || declarationCount > bytes.Length)
            {
                throw new InvalidDataException("bad declaration count");
            }
            var declarations = declarationCount < 0 ? null : new string[declarationCount];
            for (var d = 0; d < declarationCount; d++)
            {
                declarations![d] = reader.ReadString();
            }
            entries[file] = new CachedFile(length, modified, hash, (flags & 1) != 0, (flags & 2) != 0, usages, (flags & 4) != 0, declarations, (flags & 8) != 0);
        }
        return entries;
    }
}
