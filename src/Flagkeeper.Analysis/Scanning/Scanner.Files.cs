using System.Collections.Concurrent;
using System.IO.Hashing;
using Flagkeeper.Analysis.Scanning.Caching;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Analysis.Scanning.Symbols;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Analysis.Walking;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning;

/// <summary>One file's scan: taken from the cache when its size and time are unchanged, else read, hashed and matched.</summary>
public sealed partial class Scanner
{
    /// <param name="seen">The file's entry when it was read or taken from the cache: its hash and declarations feed the symbol pass.</param>
    private Usage[] ScanFile(WalkedFile file, ScanWorker worker, ScanCache cache, bool useCache, DateTime scanStart, ScanCounters counters, ConcurrentBag<FlagkeeperError> errors,
        BindingAnswers bindingAnswers, out CachedFile? seen)
    {
        seen = null;
        if (file.Length == 0)
        {
            // Nothing to find, and never opened: a FIFO, socket or device also has length 0, and
            // opening a FIFO would block the scan forever.
            Interlocked.Increment(ref counters.Scanned);
            return [];
        }
        if (file.Length > _config.MaxFileSize)
        {
            Interlocked.Increment(ref counters.Large);
            return [];
        }
        if (useCache && cache.TakeUnchanged(file.RelativePath, file.Length, file.LastWriteUtc) is { } unchanged)
        {
            seen = unchanged;
            Interlocked.Increment(ref counters.CacheHits);
            Interlocked.Add(ref counters.BytesScanned, file.Length);
            return Counted(unchanged, file.RelativePath, counters);
        }

        int length;
        try
        {
            length = Read(worker, file, counters);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            Interlocked.Increment(ref counters.Unreadable);
            errors.Add(ErrorCodes.FileSkipped.Create($"{file.RelativePath} vanished while it was scanned", new SourceLocation(file.RelativePath, 0, 0)));
            return [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref counters.Unreadable);
            errors.Add(ErrorCodes.FileUnreadable.Create($"{file.RelativePath} could not be read: {ex.Message}", new SourceLocation(file.RelativePath, 0, 0)));
            return [];
        }
        if (length < 0)
        {
            Interlocked.Increment(ref counters.Large);
            return [];
        }
        Interlocked.Add(ref counters.BytesRead, length);
        Interlocked.Add(ref counters.BytesScanned, length);
        Interlocked.Increment(ref counters.CacheMisses);
        var data = worker.Buffer;
        var hash = XxHash3.HashToUInt64(data.AsSpan(0, length));
        var racy = ScanCache.IsRacy(file.LastWriteUtc, scanStart);
        var previous = useCache ? cache.FindPrevious(file.RelativePath) : null;
        CachedFile entry;
        if (previous is not null && previous.Hash == hash && previous.Length == length)
        {
            entry = previous with { ModifiedTicks = file.LastWriteUtc.Ticks, Racy = racy };
        }
        else if (SourceDecoder.Detect(data.AsSpan(0, length)) == SourceEncoding.Binary)
        {
            entry = new CachedFile(length, file.LastWriteUtc.Ticks, hash, racy, Binary: true, []);
        }
        else
        {
            var language = ScannedLanguage(file.RelativePath)!;
            var found = worker.Found;
            found.Clear();
            worker.Matcher.Match(data, length, file.RelativePath, language, found);
            foreach (var error in found.Errors)
            {
                errors.Add(error);
            }
            var declarations = DeclarationIndex.Indexes(file.RelativePath) ? DeclarationIndex.Extract(data.AsSpan(0, length), worker.Matcher.Latin1Text, JvmFile.IsKotlinFile(file.RelativePath)) : null;
            entry = new CachedFile(length, file.LastWriteUtc.Ticks, hash, racy, Binary: false, found.ToSortedArray(), found.HasSuppressionMarker, declarations, found.HasReturnedCheck);
            bindingAnswers.Record(file.RelativePath, data.AsSpan(0, length), entry.Usages);
            // An incomplete result (a pattern timed out) must not come back from the cache looking complete.
            useCache &= found.Errors.Count == 0 && !found.IsIncomplete;
        }
        if (useCache)
        {
            cache.Record(file.RelativePath, entry);
        }
        seen = entry;
        return Counted(entry, file.RelativePath, counters);
    }

    /// <summary>A file's usages, counted as binary or scanned (and as holding a suppression marker), from the cache or read.</summary>
    private static Usage[] Counted(CachedFile entry, string path, ScanCounters counters)
    {
        if (entry.Binary)
        {
            Interlocked.Increment(ref counters.Binary);
            return [];
        }
        Interlocked.Increment(ref counters.Scanned);
        if (entry.HasSuppressionMarker)
        {
            counters.MarkerFiles.Add(path);
        }
        return entry.Usages;
    }

    /// <summary>
    /// Reads a file into the worker's buffer, once more after a transient failure (an I/O error that says neither
    /// "gone" nor "denied"); a second failure is the caller's to skip and report.
    /// </summary>
    private int Read(ScanWorker worker, WalkedFile file, ScanCounters counters)
    {
        try
        {
            return worker.Read(file.FullPath, file.Length, _config.MaxFileSize);
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            Interlocked.Increment(ref counters.ReadRetries);
            var length = worker.Read(file.FullPath, file.Length, _config.MaxFileSize);
            Interlocked.Increment(ref counters.ReadRetriesRecovered);
            return length;
        }
    }
}
