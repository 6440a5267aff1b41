using Flagkeeper.Analysis.Scanning.Caching;

namespace Flagkeeper.Analysis.Performance.Caches;

/// <summary>What <see cref="CacheFiles.Clear"/> did: every file it deleted (verified gone) and every one it could not.</summary>
public sealed record ClearedCaches(string Directory, IReadOnlyList<(string Path, long Bytes)> Deleted, IReadOnlyList<(string Path, string Reason)> Failed);

/// <summary>
/// The files Flagkeeper keeps in its cache folder. Only these names are ever deleted: the folder is configurable
/// (<c>cacheDirectory</c>) and may hold other people's files.
/// </summary>
public static class CacheFiles
{
    /// <summary>The cache files by name; their atomic writes' temporary files are <c>.NAME.PID.tmp</c> beside them.</summary>
    public static IReadOnlyList<string> Known { get; } = [ScanCache.FileName, SymbolCache.FileName, WrapperCache.FileName, RenderedUsages.FileName];

    public static ClearedCaches Clear(string root, string cacheDirectory)
    {
        var folder = Path.GetFullPath(Path.Combine(root, cacheDirectory));
        var shown = Path.GetRelativePath(root, folder).Replace('\\', '/');
        var deleted = new List<(string, long)>();
        var failed = new List<(string, string)>();
        if (!Directory.Exists(folder))
        {
            return new ClearedCaches(shown, deleted, failed);
        }
        foreach (var name in Known)
        {
            var files = Directory.EnumerateFiles(folder, $".{name}.*.tmp").Prepend(Path.Combine(folder, name));
            foreach (var file in files.Where(File.Exists))
            {
                var display = $"{shown}/{Path.GetFileName(file)}";
                try
                {
                    var bytes = new FileInfo(file).Length;
                    File.Delete(file);
                    if (File.Exists(file))
                    {
                        failed.Add((display, "it is still there after the delete"));
                    }
                    else
                    {
                        deleted.Add((display, bytes));
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    failed.Add((display, ex.Message));
                }
            }
        }
        return new ClearedCaches(shown, deleted, failed);
    }
}
