using Flagkeeper.Diagnostics;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>What the symbol pass made of one dynamic usage: the fields it sets (null: it left the usage alone).</summary>
public sealed record SymbolOutcome(UsageKind Kind, string? Flag, SourceLocation? DeclaredAt, string? Unresolved)
{
    public static SymbolOutcome Of(Usage usage) => new(usage.Kind, usage.Flag, usage.DeclaredAt, usage.Unresolved);

    public Usage ApplyTo(Usage usage) => usage with { Kind = Kind, Flag = Flag, DeclaredAt = DeclaredAt, Unresolved = Unresolved };
}

/// <summary>
/// The symbol pass's last result, under a fingerprint of everything it read (every path and content hash of a
/// file a pass may read, the dynamic usages, the tool): on a match the pass reads no file at all. One entry, next to the scan
/// cache and framed like it (<see cref="CacheFile"/>); a damaged file is discarded with a warning and rebuilt.
/// </summary>
public static class SymbolCache
{
    public const string FileName = "symbols-v1.bin";
    private const int FormatVersion = 1;
    private const string What = "symbol cache";
    private static readonly byte[] Magic = "FKSYMB"u8.ToArray();

    /// <summary>
    /// One outcome per candidate usage, in order, when the file was written for <paramref name="fingerprint"/>;
    /// null otherwise (no file, another fingerprint, or damaged: then with a warning).
    /// </summary>
    /// <param name="fingerprint">Null: whatever it was written for (<see cref="Inspect"/>).</param>
    /// <param name="count">Negative: as many as were written.</param>
    public static SymbolOutcome?[]? Load(string directory, string? fingerprint, int count, out FlagkeeperError? warning, string? displayDirectory = null)
    {
        var path = Path.Combine(directory, FileName);
        var shown = CacheFile.Shown(path, displayDirectory, FileName);
        if (CacheFile.ReadAll(path, What, shown, "resolving again", out warning) is not { } bytes)
        {
            return null;
        }
        try
        {
            using var reader = CacheFile.OpenVersion(bytes, Magic, What, shown, FormatVersion, out warning);
            if (reader is null)
            {
                return null;
            }
            if (reader.ReadString() is var written && fingerprint is not null && written != fingerprint)
            {
                return null; // the tree or its usages changed: resolve again, silently
            }
            var stored = reader.ReadInt32();
            count = count < 0 && stored >= 0 && stored <= bytes.Length ? stored : count;
            if (stored != count)
            {
                throw new InvalidDataException($"{stored} outcomes for {count} usages");
            }
            var outcomes = new SymbolOutcome?[count];
            for (var i = 0; i < count; i++)
            {
                outcomes[i] = reader.ReadBoolean() ? ReadOutcome(reader) : null;
            }
            return outcomes;
        }
        catch (Exception ex) when (CacheFile.IsDamage(ex))
        {
            warning = CacheFile.Corrupt(What, shown, ex.Message);
            return null;
        }
    }

    /// <summary>What the file in <paramref name="directory"/> holds, for <c>flagkeeper cache stats</c>; never throws for I/O.</summary>
    public static ScanCacheSummary Inspect(string directory) => CacheFile.Summarize(Path.Combine(directory, FileName), () =>
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcomes = Load(directory, null, -1, out var warning);
        return (outcomes?.Length, outcomes?.Count(o => o is not null) ?? 0, GC.GetAllocatedBytesForCurrentThread() - before, warning?.Message);
    });

    /// <summary>Writes the outcomes under <paramref name="fingerprint"/>, atomically, replacing the previous entry.</summary>
    public static void Save(string directory, string fingerprint, IReadOnlyList<SymbolOutcome?> outcomes) => CacheFile.Write(directory, FileName, Magic, writer =>
    {
        writer.Write(FormatVersion);
        writer.Write(fingerprint);
        writer.Write(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            writer.Write(outcome is not null);
            if (outcome is null)
            {
                continue;
            }
            writer.Write((byte)outcome.Kind);
            CacheFile.WriteNullable(writer, outcome.Flag);
            UsageFields.WriteLocation(writer, outcome.DeclaredAt);
            CacheFile.WriteNullable(writer, outcome.Unresolved);
        }
    });

    private static SymbolOutcome ReadOutcome(BinaryReader reader)
    {
        var kind = UsageFields.ReadKind(reader);
        var flag = CacheFile.ReadNullable(reader);
        var declaredAt = UsageFields.ReadLocation(reader);
        return new SymbolOutcome(kind, flag, declaredAt, CacheFile.ReadNullable(reader));
    }
}
