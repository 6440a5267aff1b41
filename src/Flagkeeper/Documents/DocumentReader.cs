using System.Buffers;
using System.Text;
using Flagkeeper.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Flagkeeper.Documents;

internal enum DocumentFormat
{
    Yaml,
    Json,
}

/// <summary>The outcome of reading a document: its root (null when the document is empty) or one error.</summary>
internal sealed record DocumentReadResult(DocNode? Root, FlagkeeperError? Error)
{
    /// <summary>YAML that <see cref="PlainYamlReader"/> read whole: its regions read alike on their own.</summary>
    public bool Plain => PlainNodes > 0;

    /// <summary>The nodes the fast reader counted (see <see cref="DocumentLimits.MaxNodes"/>), 0 when it did not read the text.</summary>
    public int PlainNodes { get; init; }
}

/// <summary>Reads YAML or JSON text into a positioned <see cref="DocNode"/> tree within <see cref="DocumentLimits"/>.</summary>
internal static class DocumentReader
{
    public static DocumentFormat FormatOf(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? DocumentFormat.Json : DocumentFormat.Yaml;

    /// <param name="displayPath">The path printed in error locations.</param>
    /// <param name="syntaxError">The descriptor to use for syntax errors (registry or configuration).</param>
    public static DocumentReadResult Read(string displayPath, string text, DocumentFormat format, DocumentLimits limits, ErrorDescriptor syntaxError)
    {
        try
        {
            var plainNodes = 0;
            var root = format == DocumentFormat.Json
                ? JsonDocumentReader.Read(displayPath, text, limits, syntaxError)
                : YamlDocumentReader.Read(displayPath, text, limits, syntaxError, out plainNodes);
            return new DocumentReadResult(root, null) { PlainNodes = plainNodes };
        }
        catch (DocumentException ex)
        {
            return new DocumentReadResult(null, ex.Error with { Message = OneLine(ex.Error.Message) });
        }
    }

    private static readonly byte[] Utf16LittleEndian = [0xFF, 0xFE];
    private static readonly byte[] Utf16BigEndian = [0xFE, 0xFF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parser messages may quote the input: keep them to one short line.</summary>
    private static string OneLine(string message)
    {
        var flat = string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 200 ? flat : flat[..197] + "...";
    }

    /// <summary>
    /// Decodes UTF-8 strictly (a leading byte order mark is dropped). Invalid bytes are an error at their
    /// line and column rather than a silent U+FFFD that a later edit would write back.
    /// </summary>
    public static (string? Text, FlagkeeperError? Error) Decode(byte[] bytes, string displayPath) => Decode(bytes, bytes.Length, displayPath);

    /// <summary>As <see cref="Decode(byte[], string)"/> for the first <paramref name="length"/> bytes of <paramref name="bytes"/>.</summary>
    private static (string? Text, FlagkeeperError? Error) Decode(byte[] bytes, int length, string displayPath)
    {
        var content = bytes.AsSpan(0, length);
        var start = content.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (content.StartsWith(Utf16LittleEndian) || content.StartsWith(Utf16BigEndian))
        {
            return (null, ErrorCodes.FileEncoding.Create($"{displayPath} is UTF-16; save it as UTF-8", new SourceLocation(displayPath, 1, 1)));
        }
        try
        {
            return (StrictUtf8.GetString(bytes, start, length - start), null);
        }
        catch (DecoderFallbackException ex)
        {
            var bad = start + Math.Max(0, ex.Index);
            var line = 1;
            var lineStart = start;
            for (var i = start; i < bad && i < length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            // The column counts the valid characters before the bad byte on its line.
            var column = Encoding.UTF8.GetCharCount(bytes, lineStart, bad - lineStart) + 1;
            return (null, ErrorCodes.FileEncoding.Create($"byte 0x{bytes[Math.Min(bad, length - 1)]:X2} is not valid UTF-8", new SourceLocation(displayPath, line, column)));
        }
    }

    /// <summary>
    /// Reads the file into a pooled buffer and decodes it: the bytes are needed only until the text exists, and a
    /// process that loads a registry again (a reload, an edit's read under the lock) reuses the buffer.
    /// </summary>
    private static (string? Text, FlagkeeperError? Error) DecodeFile(string path, string displayPath, long expected)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        if (expected >= BlockDecodedText.MinimumBytes && BlockDecodedText.TryRead(handle, expected) is { } text)
        {
            return (text, null);
        }
        // The file may grow between the size check and the read: one byte more than expected tells.
        var buffer = ArrayPool<byte>.Shared.Rent((int)expected + 1);
        try
        {
            var length = 0;
            int read;
            while (length < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0)
            {
                length += read;
            }
            if (length > expected)
            {
                // Changed under us: read it whole as it is now (the caller's size limit was checked on the old size).
                return Decode(File.ReadAllBytes(path), displayPath);
            }
            return Decode(buffer, length, displayPath);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// True when the file holds exactly <paramref name="text"/> (as <see cref="ReadFileText"/> would read it: UTF-8,
    /// a leading byte order mark dropped). Compared in chunks against the file's bytes, so confirming that a large
    /// registry is unchanged (an edit's read under its lock) costs no second copy of its text. Any doubt (a
    /// different size, an unreadable file) is false: the caller then reads the file.
    /// </summary>
    public static bool FileHoldsText(string path, string text, DocumentLimits limits) => FileHoldsText(path, [text.AsMemory()], limits);

    /// <summary>As <see cref="FileHoldsText(string, string, DocumentLimits)"/>, the text given as its parts in order (false when a part boundary splits a surrogate pair).</summary>
    internal static bool FileHoldsText(string path, IEnumerable<ReadOnlyMemory<char>> parts, DocumentLimits limits)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length == 0 || info.Length > limits.MaxBytes)
            {
                return false;
            }
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
            return FileHoldsText(handle, parts);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Encodes the text a block at a time and compares each block with the same bytes of the file: two small
    /// pooled buffers instead of a buffer the size of the file (fresh memory costs a page fault per 4 KB). Parts fill a
    /// block together: an edit of 10,000 flags has 20,000 parts, and a read per part took 50 ms.
    /// </summary>
    private static bool FileHoldsText(SafeFileHandle handle, IEnumerable<ReadOnlyMemory<char>> parts)
    {
        const int BlockBytes = 64 * 1024;
        var encoded = ArrayPool<byte>.Shared.Rent(BlockBytes);
        var onDisk = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            long offset = ReadFully(handle, onDisk.AsSpan(0, 3), 0) == 3 && onDisk.AsSpan(0, 3).SequenceEqual("\uFEFF"u8) ? 3 : 0;
            var filled = 0;
            foreach (var part in parts)
            {
                var chars = part.Span;
                while (!chars.IsEmpty)
                {
                    // A surrogate pair that does not fit the block is left for the next round (DestinationTooSmall).
                    var status = System.Text.Unicode.Utf8.FromUtf16(chars, encoded.AsSpan(filled, BlockBytes - filled), out var read, out var written, replaceInvalidSequences: false);
                    if (status == OperationStatus.InvalidData)
                    {
                        return false;
                    }
                    filled += written;
                    chars = chars[read..];
                    if (!chars.IsEmpty && !SameOnDisk(handle, encoded, onDisk, ref filled, ref offset))
                    {
                        return false; // the block is full: compare it before encoding more
                    }
                }
            }
            // Nothing may follow the text.
            return SameOnDisk(handle, encoded, onDisk, ref filled, ref offset) && ReadFully(handle, onDisk.AsSpan(0, 1), offset) == 0;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
            ArrayPool<byte>.Shared.Return(onDisk);
        }
    }

    /// <summary>True when the file holds the <paramref name="filled"/> encoded bytes at <paramref name="offset"/>; moves past them.</summary>
    private static bool SameOnDisk(SafeFileHandle handle, byte[] encoded, byte[] onDisk, ref int filled, ref long offset)
    {
        if (filled == 0)
        {
            return true;
        }
        var same = ReadFully(handle, onDisk.AsSpan(0, filled), offset) == filled && encoded.AsSpan(0, filled).SequenceEqual(onDisk.AsSpan(0, filled));
        offset += filled;
        filled = 0;
        return same;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends; the number of bytes read.</summary>
    private static int ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        var length = 0;
        int read;
        while (length < buffer.Length && (read = RandomAccess.Read(handle, buffer[length..], offset + length)) > 0)
        {
            length += read;
        }
        return length;
    }

    /// <summary>
    /// Reads a file's text within the size limit. The size is checked before any byte is read,
    /// so a 50 MB file fails at once with bounded memory.
    /// </summary>
    public static (string? Text, FlagkeeperError? Error) ReadFileText(string path, string displayPath, DocumentLimits limits)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return (null, ErrorCodes.FileNotFound.Create($"{displayPath} does not exist", new SourceLocation(displayPath, 0, 0)));
            }
            if (info.Length > limits.MaxBytes)
            {
                return (null, ErrorCodes.FileTooLarge.Create(
                    $"{displayPath} is {info.Length:N0} bytes; the limit is {limits.MaxBytes:N0}", new SourceLocation(displayPath, 0, 0)));
            }
            if (info.Length == 0)
            {
                // Not opened: an empty file has nothing to read, and a FIFO (also length 0) would block.
                return Decode([], displayPath);
            }
            return DecodeFile(path, displayPath, info.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, ErrorCodes.FileUnreadable.Create($"cannot read {displayPath}: {ex.Message}", new SourceLocation(displayPath, 0, 0)));
        }
    }
}
