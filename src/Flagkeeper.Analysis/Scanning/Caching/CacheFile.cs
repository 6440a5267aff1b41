using System.IO.Hashing;
using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>
/// The frame every cache file shares: magic bytes, a format version, the body, then an XxHash64 of all of it.
/// Written atomically (temp file, then rename), so a reader sees a whole old file or a whole new one; anything
/// truncated or modified fails the checksum and is discarded with a warning.
/// </summary>
internal static class CacheFile
{
    /// <summary>The file's bytes; null when there is none or it cannot be read (then with a warning).</summary>
    /// <param name="what">What the file is in messages ("scan cache").</param>
    /// <param name="consequence">What an unreadable file means for this run ("scanning everything").</param>
    public static byte[]? ReadAll(string path, string what, string shown, string consequence, out FlagkeeperError? warning)
    {
        warning = null;
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            warning = Unreadable(what, shown, ex.Message, consequence);
            return null;
        }
    }

    public static FlagkeeperError Unreadable(string what, string shown, string detail, string consequence) =>
        Warning($"{what} {shown} could not be read ({detail}); {consequence}", shown);

    /// <summary>
    /// Whether an exception while parsing means the file is damaged (not a bug in the reader). A body that passes the
    /// checksum can still hold nonsense, such as a string length prefix that is not a 7-bit integer (FormatException).
    /// </summary>
    public static bool IsDamage(Exception ex) =>
        ex is InvalidDataException or EndOfStreamException or IOException or ArgumentException or OverflowException or DecoderFallbackException
            or FormatException;

    public static FlagkeeperError Corrupt(string what, string shown, string detail) =>
        Warning($"{what} {shown} is corrupt ({detail}); it was discarded and will be rebuilt", shown);

    public static FlagkeeperError OtherVersion(string what, string shown, int found, int written) =>
        Warning($"{what} {shown} has format version {found}, this Flagkeeper writes {written}; it was discarded and will be rebuilt", shown);

    /// <summary>A reader over the body, after the magic; throws <see cref="InvalidDataException"/> for a foreign or damaged file.</summary>
    public static BinaryReader Open(byte[] bytes, ReadOnlySpan<byte> magic, string what)
    {
        if (bytes.Length < magic.Length + 12 || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
        {
            throw new InvalidDataException($"not a Flagkeeper {what}");
        }
        if (XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8)) != BitConverter.ToUInt64(bytes, bytes.Length - 8))
        {
            throw new InvalidDataException("checksum mismatch (truncated or modified)");
        }
        var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 8, writable: false), new UTF8Encoding(false, throwOnInvalidBytes: true));
        reader.ReadBytes(magic.Length);
        return reader;
    }

    /// <summary>
    /// A reader over a single-entry cache's body, past the magic and the format version; null, with a warning, when the
    /// file has another version. Damage throws, as <see cref="Open"/> does.
    /// </summary>
    public static BinaryReader? OpenVersion(byte[] bytes, ReadOnlySpan<byte> magic, string what, string shown, int formatVersion, out FlagkeeperError? warning)
    {
        warning = null;
        var reader = Open(bytes, magic, what);
        var version = reader.ReadInt32();
        if (version == formatVersion)
        {
            return reader;
        }
        reader.Dispose();
        warning = OtherVersion(what, shown, version, formatVersion);
        return null;
    }

    /// <summary>A cache file's path as messages show it: under <paramref name="displayDirectory"/> (root-relative) when given.</summary>
    public static string Shown(string path, string? displayDirectory, string fileName) =>
        displayDirectory is null ? path : $"{displayDirectory.TrimEnd('/')}/{fileName}";

    /// <summary>Where a cache file is written before its rename (<see cref="Performance.Caches.CacheFiles.Clear"/> deletes leftovers by this name).</summary>
    public static string TempPath(string directory, string fileName) => Path.Combine(directory, $".{fileName}.{Environment.ProcessId}.tmp");

    /// <summary>Writes magic, then <paramref name="body"/>, then the checksum, to a temp file renamed over <paramref name="fileName"/>.</summary>
    public static void Write(string directory, string fileName, byte[] magic, Action<BinaryWriter> body)
    {
        if (ReadOnlyFolder.Nearest(directory) is { } readOnly)
        {
            throw new UnauthorizedAccessException($"{readOnly} is read-only (chmod u+w to write the cache)");
        }
        Directory.CreateDirectory(directory);
        var temp = TempPath(directory, fileName);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var hasher = new XxHash64();
                // Buffered before the hash: the writer's many small writes (a usage is a dozen fields) reach it in 64 KB blocks.
                using (var writer = new BinaryWriter(new BufferedStream(new HashingStream(stream, hasher), 1 << 16), Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(magic);
                    body(writer);
                }
                stream.Write(BitConverter.GetBytes(hasher.GetCurrentHashAsUInt64()));
            }
            File.Move(temp, Path.Combine(directory, fileName), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp); // no half-written leftovers in the cache folder; the caller reports the failure
            throw;
        }
    }

    /// <summary>
    /// A cache file's summary for <c>flagkeeper cache stats</c>; never throws for I/O. <paramref name="load"/> reads it:
    /// its entries (null: unreadable), the usages they hold, the bytes allocated to load it, and the problem if any.
    /// </summary>
    public static ScanCacheSummary Summarize(string path, Func<(int? Entries, long Usages, long Allocated, string? Problem)> load)
    {
        if (!File.Exists(path))
        {
            return new ScanCacheSummary(path, Exists: false, 0, 0, 0, Current: false, 0, null);
        }
        var (entries, usages, allocated, problem) = load();
        long bytes;
        try
        {
            bytes = new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bytes = 0;
        }
        return entries is { } count
            ? new ScanCacheSummary(path, true, bytes, count, usages, Current: true, allocated, null)
            : new ScanCacheSummary(path, true, bytes, 0, 0, false, 0, problem ?? "unreadable");
    }

    public static void WriteNullable(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    public static string? ReadNullable(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static FlagkeeperError Warning(string message, string shown) => ErrorCodes.CacheCorrupt.Create(message, new SourceLocation(shown, 0, 0));
}
