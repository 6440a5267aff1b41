using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>
/// The wrapper pass's last result (the usages it added at wrappers' calls), under a fingerprint of everything it read
/// (every C# and Go file's path and content hash, the usages of those files, the <c>wrappers:</c> rules, the tool): on a
/// match the pass reads no file. One entry, next to the scan cache and framed like it (<see cref="CacheFile"/>); a
/// damaged file is discarded with a warning and rebuilt.
/// </summary>
public static class WrapperCache
{
    public const string FileName = "wrappers-v1.bin";
    private const int FormatVersion = 1;
    private const string What = "wrapper cache";
    private static readonly byte[] Magic = "FKWRAP"u8.ToArray();

    /// <summary>The usages written for <paramref name="fingerprint"/>; null otherwise (no file, another fingerprint, or damaged: then with a warning).</summary>
    /// <param name="fingerprint">Null: whatever it was written for (<see cref="Inspect"/>).</param>
    public static Usage[]? Load(string directory, string? fingerprint, out FlagkeeperError? warning, string? displayDirectory = null)
    {
        var path = Path.Combine(directory, FileName);
        var shown = CacheFile.Shown(path, displayDirectory, FileName);
        if (CacheFile.ReadAll(path, What, shown, "finding wrappers again", out warning) is not { } bytes)
        {
            return null;
        }
        try
        {
            using var reader = CacheFile.OpenVersion(bytes, Magic, What, shown, FormatVersion, out warning);
            if (reader is null || reader.ReadString() is var written && fingerprint is not null && written != fingerprint)
            {
                return null; // another version (warned), or the tree or its usages changed: find again, silently
            }
            var count = reader.ReadInt32();
            if (count < 0 || count > bytes.Length)
            {
                throw new InvalidDataException($"{count} usages in {bytes.Length} bytes");
            }
            var usages = new Usage[count];
            for (var i = 0; i < count; i++)
            {
                usages[i] = ReadUsage(reader);
            }
            return usages;
        }
        catch (Exception ex) when (CacheFile.IsDamage(ex))
        {
            warning = CacheFile.Corrupt(What, shown, ex.Message);
            return null;
        }
    }

    /// <summary>What the file in <paramref name="directory"/> holds, for <c>flagkeeper cache stats</c>: one entry, its usages; never throws for I/O.</summary>
    public static ScanCacheSummary Inspect(string directory) => CacheFile.Summarize(Path.Combine(directory, FileName), () =>
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var usages = Load(directory, null, out var warning);
        return (usages is null ? null : 1, usages?.Length ?? 0, GC.GetAllocatedBytesForCurrentThread() - before, warning?.Message);
    });

    /// <summary>Writes the usages under <paramref name="fingerprint"/>, atomically, replacing the previous entry.</summary>
    public static void Save(string directory, string fingerprint, IReadOnlyCollection<Usage> usages) => CacheFile.Write(directory, FileName, Magic, writer =>
    {
        writer.Write(FormatVersion);
        writer.Write(fingerprint);
        writer.Write(usages.Count);
        foreach (var usage in usages)
        {
            writer.Write(usage.File);
            UsageFields.Write(writer, usage);
            UsageFields.WriteLocation(writer, usage.DeclaredAt);
            CacheFile.WriteNullable(writer, usage.Unresolved);
            CacheFile.WriteNullable(writer, usage.Via?.Name);
            UsageFields.WriteLocation(writer, usage.Via?.DeclaredAt);
        }
    });

    private static Usage ReadUsage(BinaryReader reader)
    {
        var usage = UsageFields.Read(reader, reader.ReadString());
        if (!Enum.IsDefined(usage.Kind))
        {
            throw new InvalidDataException($"unknown usage kind {(int)usage.Kind}");
        }
        var declaredAt = UsageFields.ReadLocation(reader);
        var unresolved = CacheFile.ReadNullable(reader);
        var viaName = CacheFile.ReadNullable(reader);
        var viaAt = UsageFields.ReadLocation(reader);
        return usage with
        {
            DeclaredAt = declaredAt,
            Unresolved = unresolved,
            Via = viaName is not null && viaAt is { } at ? new WrapperReference(viaName, at) : null,
        };
    }
}
