using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>Reads source files for the symbol passes as the scan decodes them (BOMs, UTF-16, lone CRs).</summary>
internal static class SymbolSources
{
    /// <summary>A source file's text, or null when unreadable, binary, too large, or (UTF-8) without any of <paramref name="mustContainOne"/>.</summary>
    /// <param name="mustContainOne">UTF-8 byte strings searched in the raw file, so a file without them is never decoded; null: no filter.</param>
    public static string? Read(string path, long maxFileSize, byte[][]? mustContainOne = null) =>
        Read(path, maxFileSize, mustContainOne, head: null)?.Text;

    /// <summary>
    /// A source file's text as <see cref="Read(string, long, byte[][])"/> gives it, or only its first <paramref name="head"/>
    /// bytes when that says where to cut (at a line end) in the text as UTF-8: for a file of which only the start is wanted.
    /// </summary>
    /// <returns>The text, and whether it is all of it; null when unreadable, binary or too large.</returns>
    public static (string Text, bool IsWhole)? ReadHead(string path, long maxFileSize, Func<ReadOnlySpan<byte>, int?> head) =>
        Read(path, maxFileSize, mustContainOne: null, head);

    private static (string Text, bool IsWhole)? Read(string path, long maxFileSize, byte[][]? mustContainOne, Func<ReadOnlySpan<byte>, int?>? head) =>
        WithBytes<(string, bool)?>(path, maxFileSize, (data, length) =>
        {
            var content = data.AsSpan(0, length);
            var encoding = SourceDecoder.Detect(content);
            if (encoding == SourceEncoding.Binary || (mustContainOne is not null && LacksAll(content, encoding, mustContainOne)))
            {
                return null;
            }
            var (bytes, decodedLength) = new SourceDecoder().Decode(data, length, encoding);
            var cut = head?.Invoke(bytes.AsSpan(0, decodedLength)) ?? decodedLength;
            return (Encoding.UTF8.GetString(bytes, 0, cut), cut == decodedLength);
        });

    /// <summary>
    /// <paramref name="check"/> on a UTF-8 source file's bytes (its BOM dropped, lone CRs as they are), without decoding
    /// them: most files a pass looks at are only read to learn that they declare none of its names. Null when it cannot
    /// be told that way (unreadable, binary, too large, UTF-16, or not valid UTF-8): the caller reads the file as usual.
    /// </summary>
    public static bool? CheckUtf8(string path, long maxFileSize, Utf8Check check) =>
        WithBytes<bool?>(path, maxFileSize, (data, length) => CheckUtf8(data.AsSpan(0, length), check));

    /// <summary><see cref="CheckUtf8(string, long, Utf8Check)"/> on a file's bytes already read, as stored.</summary>
    public static bool? CheckUtf8(ReadOnlySpan<byte> content, Utf8Check check)
    {
        var encoding = SourceDecoder.Detect(content);
        var text = encoding == SourceEncoding.Utf8Bom ? content[3..] : content;
        return encoding is (SourceEncoding.Utf8 or SourceEncoding.Utf8Bom) && Utf8.IsValid(text) ? check(text) : null;
    }

    /// <summary>The file's bytes in a pooled buffer (most files are read only to learn that they declare none of the names); default when unreadable, empty or too large.</summary>
    private static T? WithBytes<T>(string path, long maxFileSize, Func<byte[], int, T?> use)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length == 0 || info.Length > maxFileSize)
            {
                return default;
            }
            var data = ArrayPool<byte>.Shared.Rent((int)info.Length);
            try
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return use(data, RandomAccess.Read(handle, data.AsSpan(0, (int)info.Length), 0));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(data);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return default; // the scan itself reported it
        }
    }

    /// <summary>
    /// Whether <see cref="Read(string, long, byte[][])"/> skips a file of these bytes for holding none of
    /// <paramref name="mustContainOne"/>: a UTF-8 file (BOM or not) without any of them. Other encodings are decoded and read.
    /// </summary>
    public static bool LacksAll(ReadOnlySpan<byte> content, byte[][] mustContainOne) => LacksAll(content, SourceDecoder.Detect(content), mustContainOne);

    private static bool LacksAll(ReadOnlySpan<byte> content, SourceEncoding encoding, byte[][] mustContainOne) =>
        encoding is SourceEncoding.Utf8 or SourceEncoding.Utf8Bom && !ContainsAny(content, mustContainOne);

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
