using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning.Caching;
using Flagkeeper.Analysis.Scanning.Symbols;
using Flagkeeper.Analysis.Scanning.Usages;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning.Wrappers;

/// <summary>
/// Runs the <see cref="WrapperPass"/> through the <see cref="WrapperCache"/>: when no C# or Go file changed, no usage of
/// those files changed and the <c>wrappers:</c> rules are the same, the last calls found are applied without reading a
/// file. The scan already hashed every such file (or took its hash from the scan cache), so the check costs a hash of the list.
/// </summary>
internal static class CachedWrapperPass
{
    public const string CacheName = "wrapper-cache";

    /// <param name="cache">Null: no cache (<c>--no-cache</c>, or a scan of some files only).</param>
    /// <param name="readableSet">The order-free hash of the files in <paramref name="files"/> the pass reads, for the fingerprint.</param>
    public static Usage[] Apply(string root, Usage[] usages, IReadOnlyCollection<SymbolSource> files, FileSetHash readableSet, long maxFileSize, WrapperRules rules,
        SymbolCacheLocation? cache, PerformanceMonitor monitor, Action<FlagkeeperError> report)
    {
        if (!WrapperPass.HasWork(usages))
        {
            return usages; // nothing to read, nothing to cache
        }
        // Listed only when the pass runs: a cache hit reads no file.
        List<SymbolSource> Readable() => [.. files.Where(f => WrapperPass.Reads(f.Path))];
        if (cache is null)
        {
            return WrapperPass.Merge(usages, WrapperPass.Find(root, usages, Readable(), maxFileSize, rules));
        }
        var fingerprint = Fingerprint(usages, readableSet, maxFileSize, rules);
        var cached = WrapperCache.Load(cache.Directory, fingerprint, out var warning, cache.Shown);
        if (warning is not null)
        {
            report(warning);
        }
        if (cached is not null)
        {
            monitor.RecordCacheHit(CacheName);
            return WrapperPass.Merge(usages, cached);
        }
        monitor.RecordCacheMiss(CacheName);
        var added = WrapperPass.Find(root, usages, Readable(), maxFileSize, rules);
        try
        {
            WrapperCache.Save(cache.Directory, fingerprint, added);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report(ErrorCodes.CacheWriteFailed.Create($"wrapper cache could not be written to {cache.Directory}: {ex.Message}"));
        }
        return WrapperPass.Merge(usages, added);
    }

    /// <summary>Everything the pass's outcome depends on: the tool, the size limit, the rules, every C# and Go file's content, their usages.</summary>
    /// <param name="readable">The hash of the files the pass reads (<see cref="WrapperPass.Reads"/>).</param>
    private static string Fingerprint(Usage[] usages, FileSetHash readable, long maxFileSize, WrapperRules rules)
    {
        var text = new HashedText()
            .Append("tool=").Append(typeof(WrapperPass).Assembly.ManifestModule.ModuleVersionId.ToString()).Append('\n')
            .Append("max=").Append(maxFileSize).Append('\n');
        AppendJoined(text.Append("include="), rules.Include).Append('\n');
        AppendJoined(text.Append("exclude="), rules.Exclude).Append('\n');
        text.Append("files=").Append(readable.ToString()).Append('\n');
        string? lastFile = null;
        var reads = false;
        foreach (var usage in usages)
        {
            if (!ReferenceEquals(usage.File, lastFile))
            {
                lastFile = usage.File; // usages come grouped by file: ask once per file
                reads = WrapperPass.Reads(lastFile);
            }
            if (!reads)
            {
                continue;
            }
            // The key and where it came from: a wrapper's calls take them from its check.
            text.Append("use=").Append(usage.File).Append('\u0001').Append(usage.Line).Append('\u0001').Append(usage.Column).Append('\u0001')
                .Append((int)usage.Kind).Append('\u0001').Append(usage.Flag).Append('\u0001').Append(usage.Pattern).Append('\u0001')
                .Append(usage.Argument).Append('\u0001').Append(usage.DeclaredAt?.ToString()).Append('\n');
        }
        return text.ToHex();
    }

    private static HashedText AppendJoined(HashedText text, IEnumerable<string> values)
    {
        var first = true;
        foreach (var value in values)
        {
            (first ? text : text.Append('\u0001')).Append(value);
            first = false;
        }
        return text;
    }
}
