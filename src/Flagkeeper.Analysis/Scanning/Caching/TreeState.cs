using System.Text;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Scanning.Caching;

/// <summary>
/// The key of <see cref="RenderedUsages"/>: what the report was rendered with (its format, the scan's fingerprint, the
/// root, the configuration file and the registries it names, by size and timestamp) and every file the walk handed
/// over, by path, size and timestamp, added as the walk meets them. A file's content is trusted by size and timestamp,
/// as the scan cache trusts it; a file changed within two seconds of the scan is not, so such a tree is not kept.
/// </summary>
internal sealed class TreeState(string settings, DateTime scanStart)
{
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private readonly FileSetHash _files = new();
    private int _racy;

    /// <summary>A file changed so close to the scan that a later change could keep its size and timestamp.</summary>
    public bool Racy => Volatile.Read(ref _racy) != 0;

    /// <summary>The key, once the walk has added every file.</summary>
    public string Key => $"{settings}files={_files}\n";

    /// <summary>What, besides the files, the report depends on.</summary>
    public static string Settings(string format, string scanFingerprint, string root, FlagkeeperConfig config)
    {
        var text = new StringBuilder()
            .Append("format=").Append(format).Append('\n')
            .Append("scan=").Append(scanFingerprint).Append('\n')
            .Append("root=").Append(root).Append('\n');
        Stamp(text, "config", config.SourcePath);
        foreach (var registry in config.Registries)
        {
            Stamp(text, "registry", Path.GetFullPath(Path.Combine(root, registry)));
        }
        return text.ToString();
    }

    public void Add(WalkedFile file)
    {
        _files.Add(file.RelativePath, file.Length, (ulong)file.LastWriteUtc.Ticks);
        if ((scanStart - file.LastWriteUtc).Duration() < RacyWindow)
        {
            Volatile.Write(ref _racy, 1);
        }
    }

    private static void Stamp(StringBuilder text, string name, string? path)
    {
        text.Append(name).Append('=').Append(path);
        var info = path is null ? null : new FileInfo(path);
        if (info is { Exists: true })
        {
            text.Append(':').Append(info.Length).Append(':').Append(info.LastWriteTimeUtc.Ticks);
        }
        text.Append('\n');
    }
}
