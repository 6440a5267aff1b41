using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Flagkeeper.Documents;

/// <summary>
/// Decodes a large UTF-8 file straight into its text, 64 KB at a time: one pass counts the characters, a second decodes
/// them into a string of exactly that length. Reading the whole file into a buffer first cost a 10,000-flag registry
/// 3.4 MB of fresh memory, which in a short-lived process is page faults and clearing on every run; the file is in the
/// page cache, so reading it twice costs less. Anything unusual (a UTF-16 byte order mark, invalid UTF-8, a file that
/// changed between the passes) returns null, and the caller reads the file whole, which reports it exactly.
/// </summary>
internal static class BlockDecodedText
{
    /// <summary>Files from this size up are decoded in blocks; below it one buffer is cheaper than two passes.</summary>
    public const long MinimumBytes = 256 * 1024;

    private const int BlockBytes = 64 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="expected">The file's size when it was checked against the limits: a file of another size now is left to the caller.</param>
    public static string? TryRead(SafeFileHandle handle, long expected)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            var (chars, skip) = Count(handle, buffer, expected);
            if (chars < 0)
            {
                return null;
            }
            var text = string.Create(chars, (handle, buffer, expected, skip), static (span, state) =>
            {
                var decoder = StrictUtf8.GetDecoder();
                var written = 0;
                for (long offset = state.skip; offset < state.expected;)
                {
                    var read = RandomAccess.Read(state.handle, state.buffer.AsSpan(0, (int)Math.Min(BlockBytes, state.expected - offset)), offset);
                    if (read <= 0)
                    {
                        throw new InvalidDataException("the file shrank while it was read");
                    }
                    offset += read;
                    written += decoder.GetChars(state.buffer.AsSpan(0, read), span[written..], flush: offset == state.expected);
                }
                if (written != span.Length)
                {
                    throw new InvalidDataException("the file changed while it was read");
                }
            });
            // One byte past the expected end means the file grew: its new text is the caller's to read.
            return RandomAccess.Read(handle, buffer.AsSpan(0, 1), expected) == 0 ? text : null;
        }
        catch (Exception ex) when (ex is DecoderFallbackException or InvalidDataException or ArgumentException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The characters of the file after its byte order mark, and that mark's length; -1 characters for anything unusual.</summary>
    private static (int Chars, int Skip) Count(SafeFileHandle handle, byte[] buffer, long expected)
    {
        // Decoded into a scratch block and counted: a decoder's GetCharCount keeps no state, so a character split
        // between two blocks would count as invalid; Convert carries its first bytes over.
        var scratch = ArrayPool<char>.Shared.Rent(BlockBytes + 4);
        try
        {
            return Count(handle, buffer, scratch, expected);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    private static (int Chars, int Skip) Count(SafeFileHandle handle, byte[] buffer, char[] scratch, long expected)
    {
        var decoder = StrictUtf8.GetDecoder();
        long chars = 0;
        var skip = 0;
        for (long offset = 0; offset < expected;)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(BlockBytes, expected - offset)), offset);
            if (read <= 0)
            {
                return (-1, 0);
            }
            var block = buffer.AsSpan(0, read);
            if (offset == 0)
            {
                if (block.StartsWith([(byte)0xFF, (byte)0xFE]) || block.StartsWith([(byte)0xFE, (byte)0xFF]))
                {
                    return (-1, 0); // UTF-16: the caller says so
                }
                skip = block.StartsWith("\uFEFF"u8) ? 3 : 0;
                block = block[skip..];
            }
            offset += read;
            if (Ascii.IsValid(block))
            {
                // One character per byte, counted without decoding. A character the previous block left unfinished
                // is then invalid UTF-8, which the strict second pass reports (and the caller reads the file whole).
                chars += block.Length;
                continue;
            }
            decoder.Convert(block, scratch, flush: offset == expected, out var used, out var decoded, out _);
            if (used != block.Length)
            {
                return (-1, 0);
            }
            chars += decoded;
        }
        return chars > int.MaxValue ? (-1, 0) : ((int)chars, skip);
    }
}
