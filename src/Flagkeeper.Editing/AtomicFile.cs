using System.Text;

namespace Flagkeeper.Editing;

/// <summary>
/// Replaces a file's content all at once: the new text goes to a temporary file in the same folder,
/// is flushed to disk, then renamed over the original. A crash leaves either the old or the new file,
/// never half of one. The new file keeps the old one's mode, owner and group (a 0640 file owned by
/// someone else stays so when root edits it); when the owner cannot be kept, nothing is replaced.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text, bool byteOrderMark)
    {
        using var replacement = Prepare(path, text, byteOrderMark);
        replacement.Commit();
    }

    /// <summary>
    /// Writes the new text to its temporary file and flushes it, without touching <paramref name="path"/> yet: the
    /// caller may still decide against it (disposing without <see cref="Replacement.Commit"/> deletes the temporary file).
    /// </summary>
    public static Replacement Prepare(string path, string text, bool byteOrderMark) => Prepare(path, [text.AsMemory()], byteOrderMark);

    /// <summary>As <see cref="Prepare(string, string, bool)"/>, the text given as its parts in order (an edit's unchanged text and its replacements).</summary>
    internal static Replacement Prepare(string path, IEnumerable<ReadOnlyMemory<char>> parts, bool byteOrderMark)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var replacement = new Replacement(path, temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                WriteUtf8(stream, parts, byteOrderMark);
                stream.Flush(flushToDisk: true);
            }
            if (File.Exists(path))
            {
                KeepPermissions(path, temp);
            }
            return replacement;
        }
        catch
        {
            replacement.Dispose();
            throw;
        }
    }

    /// <summary>A flushed temporary file waiting to replace its target; deleted on dispose unless committed.</summary>
    public sealed class Replacement(string path, string temp) : IDisposable
    {
        private bool _committed;

        /// <summary>Renames the temporary file over the target: the one step that changes what readers see.</summary>
        public void Commit()
        {
            File.Move(temp, path, overwrite: true);
            _committed = true;
        }

        public void Dispose()
        {
            if (!_committed && File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Encodes in 64 KB blocks through one reused buffer: a whole-file byte array would be fresh memory the size of a
    /// large registry on every edit. Parts are encoded into the block one after another and a block is written only
    /// when full: an edit of every flag has 20,000 parts, which written one by one were 20,000 system calls.
    /// </summary>
    internal static void WriteUtf8(Stream stream, IEnumerable<ReadOnlyMemory<char>> parts, bool byteOrderMark)
    {
        // Room for any one character's bytes, so a conversion always makes progress.
        const int MinimumRoom = 16;
        var encoder = Encoding.UTF8.GetEncoder();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var filled = 0;
            if (byteOrderMark)
            {
                Encoding.UTF8.Preamble.CopyTo(buffer);
                filled = Encoding.UTF8.Preamble.Length;
            }
            foreach (var part in parts)
            {
                // Not flushed between parts: a surrogate pair split by a part boundary is still encoded as one character.
                var chars = part.Span;
                while (!chars.IsEmpty)
                {
                    if (buffer.Length - filled < MinimumRoom)
                    {
                        stream.Write(buffer, 0, filled);
                        filled = 0;
                    }
                    encoder.Convert(chars, buffer.AsSpan(filled), flush: false, out var used, out var written, out _);
                    filled += written;
                    chars = chars[used..];
                }
            }
            if (buffer.Length - filled < MinimumRoom)
            {
                stream.Write(buffer, 0, filled);
                filled = 0;
            }
            encoder.Convert([], buffer.AsSpan(filled), flush: true, out _, out var last, out _);
            stream.Write(buffer, 0, filled + last);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void KeepPermissions(string original, string replacement)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (FileOwner.Of(original) is { } owner && FileOwner.Of(replacement) != owner && !FileOwner.TrySet(replacement, owner))
        {
            throw new IOException($"{original} belongs to uid {owner.Uid} gid {owner.Gid}, and replacing it as this user would change that; edit it as its owner");
        }
        File.SetUnixFileMode(replacement, File.GetUnixFileMode(original));
    }

    /// <summary>True when the file starts with a UTF-8 byte order mark.</summary>
    public static bool HasByteOrderMark(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[3];
        return stream.Read(head) == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
    }
}
