using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>
/// How the scan cache stores its entries. A warm scan loads every usage of the tree, so the layout keeps what loading
/// allocates small: flag keys and pattern ids are written once in a table and shared by every usage that has them, a
/// usage on the same line as the one before shares its text, and numbers are 7-bit encoded.
/// </summary>
internal static class ScanCacheEntries
{
    // A usage's header byte: its kind in the low bits, then which optional fields follow.
    private const byte KindMask = 3;
    private const byte HasFlag = 4;
    private const byte SameText = 8;
    private const byte HasArgument = 16;

    public static void Write(BinaryWriter writer, KeyValuePair<string, CachedFile>[] entries)
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        var strings = new List<string>();
        foreach (var (_, entry) in entries)
        {
            foreach (var usage in entry.Usages)
            {
                Add(usage.Pattern);
                if (usage.Flag is not null)
                {
                    Add(usage.Flag);
                }
            }
        }
        writer.Write7BitEncodedInt(strings.Count);
        foreach (var text in strings)
        {
            writer.Write(text);
        }
        writer.Write(entries.Length);
        foreach (var (file, entry) in entries)
        {
            writer.Write(file);
            writer.Write(entry.Length);
            writer.Write(entry.ModifiedTicks);
            writer.Write(entry.Hash);
            writer.Write((byte)((entry.Racy ? 1 : 0) | (entry.Binary ? 2 : 0) | (entry.HasSuppressionMarker ? 4 : 0) | (entry.HasReturnedCheck ? 8 : 0)));
            writer.Write7BitEncodedInt(entry.Usages.Length);
            Usage? previous = null;
            foreach (var usage in entry.Usages)
            {
                var sameText = previous is not null && Usage.SameText(previous, usage);
                writer.Write((byte)((byte)usage.Kind | (usage.Flag is null ? 0 : HasFlag) | (sameText ? SameText : 0) | (usage.Argument is null ? 0 : HasArgument)));
                writer.Write7BitEncodedInt(usage.Line);
                writer.Write7BitEncodedInt(usage.Column);
                if (usage.Flag is not null)
                {
                    writer.Write7BitEncodedInt(table[usage.Flag]);
                }
                writer.Write7BitEncodedInt(table[usage.Pattern]);
                if (!sameText)
                {
                    WriteText(writer, usage);
                }
                if (usage.Argument is not null)
                {
                    writer.Write(usage.Argument);
                }
                previous = usage;
            }
            writer.Write(entry.Declarations?.Length ?? -1);
            foreach (var name in entry.Declarations ?? [])
            {
                writer.Write(name);
            }
        }

        static void WriteText(BinaryWriter writer, Usage usage)
        {
            if (usage.TryGetUtf8Text(out var utf8))
            {
                writer.Write7BitEncodedInt(utf8.Length); // as Write(string) writes it, without decoding it first
                writer.Write(utf8);
            }
            else
            {
                writer.Write(usage.Text);
            }
        }

        void Add(string text)
        {
            if (table.TryAdd(text, strings.Count))
            {
                strings.Add(text);
            }
        }
    }

    /// <summary>What <see cref="Write"/> wrote, each entry with its place in the file; damage throws (see <see cref="CacheFile.IsDamage"/>).</summary>
    public static Dictionary<string, LoadedEntry> Read(ByteReader reader)
    {
        var table = new string[reader.ReadIndex(reader.Remaining + 1, "string count")];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = reader.ReadString();
        }
        var count = reader.ReadInt32();
        if (count < 0 || count > reader.Remaining)
        {
            throw new InvalidDataException("bad entry count");
        }
        var entries = new Dictionary<string, LoadedEntry>(count, StringComparer.Ordinal);
        var texts = new TextBlocks();
        for (var i = 0; i < count; i++)
        {
            var file = reader.ReadString();
            var length = reader.ReadInt64();
            var modified = reader.ReadInt64();
            var hash = reader.ReadUInt64();
            var flags = reader.ReadByte();
            var usages = new Usage[reader.ReadIndex(reader.Remaining + 1, "usage count")];
            CachedUtf8? previousText = null;
            for (var u = 0; u < usages.Length; u++)
            {
                var (usage, text) = ReadUsage(reader, file, table, texts, previousText);
                previousText = text;
                usages[u] = usage;
            }
            var declarationCount = reader.ReadInt32();
            if (declarationCount < -1 || declarationCount > reader.Remaining)
            {
                throw new InvalidDataException("bad declaration count");
            }
            var declarations = declarationCount < 0 ? null : new string[declarationCount];
            for (var d = 0; d < declarationCount; d++)
            {
                declarations![d] = reader.ReadString();
            }
            entries[file] = new LoadedEntry(new CachedFile(length, modified, hash, (flags & 1) != 0, (flags & 2) != 0, usages, (flags & 4) != 0, declarations, (flags & 8) != 0), i);
        }
        return entries;
    }

    private static (Usage Usage, CachedUtf8 Text) ReadUsage(ByteReader reader, string file, string[] table, TextBlocks texts, CachedUtf8? previousText)
    {
        var header = reader.ReadByte();
        var kind = (UsageKind)(header & KindMask);
        if (!Enum.IsDefined(kind) || header > (KindMask | HasFlag | SameText | HasArgument))
        {
            throw new InvalidDataException($"bad usage header {header}");
        }
        var line = reader.Read7BitEncodedInt();
        var column = reader.Read7BitEncodedInt();
        var flag = (header & HasFlag) != 0 ? table[reader.ReadIndex(table.Length, "string index")] : null;
        var pattern = table[reader.ReadIndex(table.Length, "string index")];
        var text = (header & SameText) == 0 ? reader.ReadUtf8(texts) : previousText ?? throw new InvalidDataException("no text to share");
        var argument = (header & HasArgument) != 0 ? reader.ReadString() : null;
        return (new Usage(file, line, column, kind, flag, pattern, text, argument), text);
    }
}

/// <summary>An entry as the scan cache loaded it, and its place among the loaded entries (which a warm scan marks as kept).</summary>
internal readonly record struct LoadedEntry(CachedFile File, int Index);
