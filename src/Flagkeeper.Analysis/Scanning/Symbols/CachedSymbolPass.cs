using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning.Caching;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// A file a symbol pass may read, as the walk met it: its size, and when the scan read it or took it from the scan cache, its content hash and
/// its <see cref="DeclarationIndex"/> (null: not known, the symbol pass reads the file to search it).
/// </summary>
/// <param name="HasReturnedCheck">For the wrapper pass: see <see cref="Caching.CachedFile.HasReturnedCheck"/>.</param>
internal sealed record SymbolSource(string Path, long Length, ulong? Hash, string[]? Declarations, bool HasReturnedCheck);

/// <summary>Where the symbol cache lives; <paramref name="Shown"/> is the folder as messages name it (root-relative).</summary>
internal sealed record SymbolCacheLocation(string Directory, string Shown);

/// <summary>
/// Runs the symbol passes (<see cref="KeyResolver"/>: C#, Go, TypeScript and JavaScript, Java and Kotlin, Python) through the <see cref="SymbolCache"/>:
/// when no file those passes read changed and no dynamic usage changed since the last scan, the last outcome is applied
/// without reading a file. The scan already hashed every such file (or
/// took its hash from the scan cache), so the check costs a hash of the list, not a read.
/// </summary>
internal static class CachedSymbolPass
{
    public const string CacheName = "symbol-cache";

    /// <summary>
    /// Replaces, in <paramref name="usages"/>, each usage a pass resolves (no copy of the array: on a large tree a copy
    /// is a large-object allocation, which brought on a full garbage collection).
    /// </summary>
    /// <param name="fileSet">The order-free hash of <paramref name="files"/>, for the fingerprint.</param>
    /// <param name="cache">Null: no cache (<c>--no-cache</c>, or a scan of some files only, which lacks the others' hashes).</param>
    /// <param name="scanned">What the scan answered of the passes' questions while it had the files' bytes.</param>
    public static void Resolve(string root, Usage[] usages, IReadOnlyCollection<SymbolSource> files, FileSetHash fileSet, long maxFileSize,
        SymbolCacheLocation? cache, BindingAnswers scanned, PerformanceMonitor monitor, Action<FlagkeeperError> report)
    {
        var dynamic = KeyReferences.Dynamic(usages);
        var candidates = Array.FindAll(dynamic, i => KeyResolver.IsCandidate(usages[i]));
        if (cache is null || candidates.Length == 0)
        {
            KeyResolver.Resolve(root, usages, dynamic, files, maxFileSize, scanned);
            return;
        }
        var fingerprint = Fingerprint(usages, candidates, fileSet, maxFileSize);
        var cached = SymbolCache.Load(cache.Directory, fingerprint, candidates.Length, out var warning, cache.Shown);
        if (warning is not null)
        {
            report(warning);
        }
        if (cached is not null)
        {
            monitor.RecordCacheHit(CacheName);
            for (var c = 0; c < candidates.Length; c++)
            {
                if (cached[c] is { } outcome)
                {
                    usages[candidates[c]] = outcome.ApplyTo(usages[candidates[c]]);
                }
            }
            return;
        }
        monitor.RecordCacheMiss(CacheName);
        var before = Array.ConvertAll(candidates, i => usages[i]);
        KeyResolver.Resolve(root, usages, dynamic, files, maxFileSize, scanned);
        // A pass leaves an untouched usage the same object: that is "no outcome".
        var outcomes = candidates.Select((i, c) => ReferenceEquals(usages[i], before[c]) ? null : SymbolOutcome.Of(usages[i])).ToArray();
        try
        {
            SymbolCache.Save(cache.Directory, fingerprint, outcomes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report(ErrorCodes.CacheWriteFailed.Create($"symbol cache could not be written to {cache.Directory}: {ex.Message}"));
        }
    }

    /// <summary>Everything the passes' outcome depends on: the tool, the size limit, the content of every file they may read, the dynamic usages.</summary>
    private static string Fingerprint(Usage[] usages, int[] candidates, FileSetHash fileSet, long maxFileSize)
    {
        // Files without a hash (empty, too large or unreadable) are skipped by the resolver; their sizes, in the set's hash, say when that changes.
        var text = new HashedText()
            .Append("tool=").Append(typeof(KeyResolver).Assembly.ManifestModule.ModuleVersionId.ToString()).Append('\n')
            .Append("max=").Append(maxFileSize).Append('\n')
            .Append("files=").Append(fileSet.ToString()).Append('\n');
        foreach (var i in candidates)
        {
            var usage = usages[i];
            text.Append("use=").Append(usage.File).Append('\u0001').Append(usage.Line).Append('\u0001').Append(usage.Column).Append('\u0001').Append(usage.Argument).Append('\n');
        }
        return text.ToHex();
    }
}
