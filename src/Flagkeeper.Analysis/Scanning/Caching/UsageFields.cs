using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>How the caches store a usage and a source location, so the scan, symbol and wrapper caches read and write them alike.</summary>
internal static class UsageFields
{
    /// <summary>A usage's own fields (its file aside, which the scan cache stores once per file): line, column, kind, flag, pattern, text, argument.</summary>
    public static void Write(BinaryWriter writer, Usage usage)
    {
        writer.Write(usage.Line);
        writer.Write(usage.Column);
        writer.Write((byte)usage.Kind);
        CacheFile.WriteNullable(writer, usage.Flag);
        writer.Write(usage.Pattern);
        writer.Write(usage.Text);
        CacheFile.WriteNullable(writer, usage.Argument);
    }

    /// <summary>What <see cref="Write"/> wrote, as a usage in <paramref name="file"/>.</summary>
    public static Usage Read(BinaryReader reader, string file)
    {
        var line = reader.ReadInt32();
        var column = reader.ReadInt32();
        var kind = (UsageKind)reader.ReadByte();
        var flag = CacheFile.ReadNullable(reader);
        var pattern = reader.ReadString();
        var text = reader.ReadString();
        var argument = CacheFile.ReadNullable(reader);
        return new Usage(file, line, column, kind, flag, pattern, text, argument);
    }

    /// <summary>A usage kind, checked: an unknown one is damage.</summary>
    public static UsageKind ReadKind(BinaryReader reader)
    {
        var kind = (UsageKind)reader.ReadByte();
        return Enum.IsDefined(kind) ? kind : throw new InvalidDataException($"unknown usage kind {(int)kind}");
    }

    public static void WriteLocation(BinaryWriter writer, SourceLocation? location)
    {
        writer.Write(location is not null);
        if (location is { } at)
        {
            writer.Write(at.File);
            writer.Write(at.Line);
            writer.Write(at.Column);
        }
    }

    public static SourceLocation? ReadLocation(BinaryReader reader) =>
        reader.ReadBoolean() ? new SourceLocation(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32()) : null;
}
