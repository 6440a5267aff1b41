using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>What a scan that served its report from <see cref="RenderedUsages"/> counts as it counted when rendered.</summary>
/// <param name="FilesFromCache">Files whose results came from the caches, read or not when this was rendered.</param>
public sealed record RenderedCounts(int Usages, int FilesScanned, int BinaryFiles, int LargeFiles, long BytesScanned, long FilesFromCache);

/// <summary>
/// A report's usages exactly as the report wrote them last time, for a tree in the same state: every walked file's
/// path, size and timestamp, the configuration, the registries it names and the tool unchanged (the
/// <see cref="Key"/>). A warm scan of an unchanged tree then lists the tree and copies these bytes, where it would
/// otherwise decode the whole scan cache and encode every usage again (a 20,000-file tree: 14 MB decoded into
/// 143,669 records, 48 MB of JSON encoded).
/// </summary>
/// <remarks>
/// One file: magic, format version, key, counts, the report's bytes, their length, then an XxHash3 of all of it.
/// Written atomically; a damaged file fails the checksum and is discarded with a warning.
/// </remarks>
public sealed class RenderedUsages : IDisposable
{
    public const string FileName = "usages-v1.bin";
    private const int FormatVersion = 1;
    private const string What = "rendered-usages cache";
    private const int Trailer = 16; // the body's length, then the checksum
    private const int HeaderBytes = 1 << 20; // at most: a key is a few hundred bytes
    private static readonly byte[] Magic = "FKUSES"u8.ToArray();

    private readonly MappedFile _file;
    private readonly int _bodyStart;
    private readonly int _bodyLength;

    private RenderedUsages(string key, RenderedCounts counts, MappedFile file, int bodyStart, int bodyLength)
    {
        Key = key;
        Counts = counts;
        _file = file;
        _bodyStart = bodyStart;
        _bodyLength = bodyLength;
    }

    /// <summary>The state of the tree and tool these bytes were rendered for.</summary>
    public string Key { get; }

    public RenderedCounts Counts { get; }

    /// <summary>The report's bytes, exactly as written then (mapped from the file: valid until disposed).</summary>
    public ReadOnlySpan<byte> Bytes => _file.Bytes.Slice(_bodyStart, _bodyLength);

    public void Dispose() => _file.Dispose();

    /// <summary>The file in <paramref name="directory"/>, checked whole; null when there is none or it is unusable (then with a warning).</summary>
    public static RenderedUsages? Load(string directory, string? shownDirectory, out FlagkeeperError? warning)
    {
        var path = Path.Combine(directory, FileName);
        var shown = CacheFile.Shown(path, shownDirectory, FileName);
        warning = null;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            var file = MappedFile.Open(path);
            var parsed = Parse(file, shown, out warning);
            if (parsed is null)
            {
                file?.Dispose();
            }
            return parsed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            warning = CacheFile.Unreadable(What, shown, ex.Message, "scanning from the scan cache");
            return null;
        }
    }

    /// <summary>The file for <c>flagkeeper cache stats</c>: one entry, the usages it holds, its load cost; never throws for I/O.</summary>
    public static ScanCacheSummary Inspect(string directory) => CacheFile.Summarize(Path.Combine(directory, FileName), () =>
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var kept = Load(directory, null, out var warning);
        return (kept is null ? null : 1, kept?.Counts.Usages ?? 0, GC.GetAllocatedBytesForCurrentThread() - before, warning?.Message);
    });

    /// <param name="file">Null: the file is empty.</param>
    private static RenderedUsages? Parse(MappedFile? file, string shown, out FlagkeeperError? warning)
    {
        warning = null;
        try
        {
            var bytes = file is null ? [] : file.Bytes;
            if (bytes.Length < Magic.Length + 4 + Trailer || !bytes.StartsWith(Magic))
            {
                throw new InvalidDataException($"not a Flagkeeper {What}");
            }
            if (XxHash3.HashToUInt64(bytes[..^8]) != BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]))
            {
                throw new InvalidDataException("checksum mismatch (truncated or modified)");
            }
            // The header is read from a copy of its first bytes; the report itself is never copied.
            var header = bytes[..Math.Min(bytes.Length - Trailer, HeaderBytes)].ToArray();
            using var reader = new BinaryReader(new MemoryStream(header, writable: false), new UTF8Encoding(false, throwOnInvalidBytes: true));
            reader.ReadBytes(Magic.Length);
            if (reader.ReadInt32() is var version && version != FormatVersion)
            {
                warning = CacheFile.OtherVersion(What, shown, version, FormatVersion);
                return null;
            }
            var key = reader.ReadString();
            var counts = new RenderedCounts(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt64());
            var bodyStart = (int)reader.BaseStream.Position;
            var bodyLength = BinaryPrimitives.ReadInt64LittleEndian(bytes[^Trailer..]);
            if (bodyLength != bytes.Length - Trailer - bodyStart)
            {
                throw new InvalidDataException($"its report is {bodyLength} bytes long, but {bytes.Length - Trailer - bodyStart} are there");
            }
            return new RenderedUsages(key, counts, file!, bodyStart, (int)bodyLength);
        }
        catch (Exception ex) when (CacheFile.IsDamage(ex))
        {
            warning = CacheFile.Corrupt(What, shown, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Starts writing the file for <paramref name="key"/>: the caller writes the report's bytes to <see cref="Writer.Body"/>
    /// as it writes them out, then <see cref="Writer.Commit"/>s. Until then the old file stays; a writer disposed before
    /// that leaves no temporary file behind. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.
    /// </summary>
    public static Writer Begin(string directory, string key, RenderedCounts counts)
    {
        if (ReadOnlyFolder.Nearest(directory) is { } readOnly)
        {
            throw new UnauthorizedAccessException($"{readOnly} is read-only (chmod u+w to write the cache)");
        }
        Directory.CreateDirectory(directory);
        return new Writer(directory, key, counts);
    }

    /// <summary>Writes one rendered report to a temporary file, renamed over the old one on <see cref="Commit"/>.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly string _temp;
        private readonly string _target;
        private readonly FileStream _file;
        private readonly XxHash3 _hash = new();
        private readonly HashingStream _hashed;
        private long _headerEnd;
        private bool _committed;

        internal Writer(string directory, string key, RenderedCounts counts)
        {
            _target = Path.Combine(directory, FileName);
            _temp = CacheFile.TempPath(directory, FileName);
            _file = new FileStream(_temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            _hashed = new HashingStream(_file, _hash);
            try
            {
                using (var header = new BinaryWriter(_hashed, Encoding.UTF8, leaveOpen: true))
                {
                    header.Write(Magic);
                    header.Write(FormatVersion);
                    header.Write(key);
                    header.Write(counts.Usages);
                    header.Write(counts.FilesScanned);
                    header.Write(counts.BinaryFiles);
                    header.Write(counts.LargeFiles);
                    header.Write(counts.BytesScanned);
                    header.Write(counts.FilesFromCache);
                }
                _headerEnd = _hashed.Written;
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>Where the report's bytes go, as they are written out.</summary>
        public Stream Body => _hashed;

        /// <summary>Ends the file and puts it in place: the next scan of the same tree can copy it.</summary>
        public void Commit()
        {
            _hashed.Write(BitConverter.GetBytes(_hashed.Written - _headerEnd));
            _file.Write(BitConverter.GetBytes(_hash.GetCurrentHashAsUInt64()));
            _file.Dispose();
            File.Move(_temp, _target, overwrite: true);
            _committed = true;
        }

        public void Dispose()
        {
            _file.Dispose();
            if (!_committed)
            {
                File.Delete(_temp);
            }
        }
    }
}
