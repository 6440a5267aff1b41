using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Registry;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>
/// Writes the elements of <c>scan --format json</c>'s "usages" array, encoded a chunk at a time on every core and
/// written in order. Encoding is most of a warm scan's output time (143,669 usages: 128 ms on one core), and nothing
/// else runs then. One chunk per core and one more are in flight at most, and their buffers are reused, so memory stays bounded
/// by the chunk size, not the report.
/// </summary>
internal static class JsonUsageChunks
{
    /// <summary>About 340 KB of JSON on the dense benchmark corpus: well inside <see cref="BufferBytes"/>, so a buffer never grows.</summary>
    internal const int ChunkSize = 1024;

    private const int BufferBytes = 1 << 20;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>
    /// Writes the usages to <paramref name="stream"/> separated by commas, without brackets: the caller's writer has
    /// opened the array and been flushed, and closes it after. <paramref name="copy"/> gets the same bytes.
    /// </summary>
    public static void Write(Stream stream, ScanResult result, FlagResolver resolver, RenderedCopy copy)
    {
        var usages = result.Usages;
        var chunks = (usages.Count + ChunkSize - 1) / ChunkSize;
        var inFlight = Environment.ProcessorCount + 1;
        var pending = new Queue<Task<ArrayBufferWriter<byte>>>(inFlight);
        var spare = new Stack<ArrayBufferWriter<byte>>(inFlight);
        var next = 0;
        for (var written = 0; written < chunks; written++)
        {
            while (next < chunks && pending.Count < inFlight)
            {
                var buffer = spare.Count > 0 ? spare.Pop() : NewBuffer(usagesLeft: usages.Count - next * ChunkSize);
                var start = next++ * ChunkSize;
                pending.Enqueue(Task.Run(() => Encode(buffer, usages, start, Math.Min(start + ChunkSize, usages.Count), result.Root, resolver)));
            }
            var encoded = pending.Dequeue().GetAwaiter().GetResult();
            if (written > 0)
            {
                stream.WriteByte((byte)',');
                copy.Write(","u8);
            }
            stream.Write(encoded.WrittenSpan);
            copy.Write(encoded.WrittenSpan);
            encoded.ResetWrittenCount();
            spare.Push(encoded);
        }
    }

    /// <summary>A report of a few usages gets a buffer its size (1 KB a usage, grown if need be), not a megabyte.</summary>
    private static ArrayBufferWriter<byte> NewBuffer(int usagesLeft) => new((int)Math.Min(BufferBytes, Math.Max(4096, usagesLeft * 1024L)));

    private static ArrayBufferWriter<byte> Encode(ArrayBufferWriter<byte> buffer, IReadOnlyList<Usage> usages, int start, int end, string root, FlagResolver resolver)
    {
        // Validation off: a chunk is a run of objects with no array around them (the writer still puts commas between).
        using var json = new Utf8JsonWriter(buffer, Options);
        string? file = null;
        IReadOnlyList<FlagRegistry> applying = [];
        for (var i = start; i < end; i++)
        {
            var usage = usages[i];
            if (!ReferenceEquals(usage.File, file) && usage.File != file)
            {
                // Usages come grouped by file; the registries that apply depend on the folder only (the resolver caches them by it).
                var sameFolder = file is not null && Folder(file).SequenceEqual(Folder(usage.File));
                file = usage.File;
                if (!sameFolder)
                {
                    applying = resolver.ApplyingTo(Path.Combine(root, file));
                }
            }
            JsonScanReport.WriteUsage(json, usage, applying, resolver);
        }
        json.Flush();
        return buffer;
    }

    private static ReadOnlySpan<char> Folder(string relativePath) => relativePath.AsSpan(0, Math.Max(relativePath.LastIndexOf('/'), 0));
}
