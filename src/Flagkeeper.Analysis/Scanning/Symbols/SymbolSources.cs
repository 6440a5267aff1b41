using System.Buffers;
using System.Text;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>Reads source files for the symbol passes as the scan decodes them (BOMs, UTF-16, lone CRs).</summary>
internal static class SymbolSources
{
    /// <summary>A source file's text, or null when unreadable, binary, too large, or (UTF-8) without any of <paramref name="mustContainOne"/>.</summary>
    /// <param name="mustContainOne">UTF-8 byte strings searched in the raw file, so a file without them is never decoded; null: no filter.</param>
    public static string? Read(string path, long maxFileSize, byte[][]? mustContainOne = null)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length == 0 || info.Length > maxFileSize)
            {
                return null;
            }
            // A pooled buffer: most files are read only to learn that they declare none of the names.
            var data = ArrayPool<byte>.Shared.Rent((int)info.Length);
            try
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var length = RandomAccess.Read(handle, data.AsSpan(0, (int)info.Length), 0);
                var content = data.AsSpan(0, length);
                var encoding = SourceDecoder.Detect(content);
                if (encoding == SourceEncoding.Binary
                    || (mustContainOne is not null && encoding is SourceEncoding.Utf8 or SourceEncoding.Utf8Bom && !ContainsAny(content, mustContainOne)))
                {
                    return null;
                }
                var (bytes, decodedLength) = new SourceDecoder().Decode(data, length, encoding);
                return Encoding.UTF8.GetString(bytes, 0, decodedLength);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(data);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the scan itself reported it
        }
    }

    private static bool ContainsAny(ReadOnlySpan<byte> content, byte[][] needles)
    {
        foreach (var needle in needles)
        {
            if (content.IndexOf(needle) >= 0)
            {
                return true;
            }
        }
        return false;
    }
}
