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
internal sealed class TreeState
{
    private readonly FileSetHash _files = new();
    private readonly string _settings;
    private readonly DateTime _scanStart;
    private int _racy;

    /// <param name="format">The report's format and build; the rest of the settings are read here.</param>
    public TreeState(string format, string scanFingerprint, string root, FlagkeeperConfig config, DateTime scanStart)
    {
        _scanStart = scanStart;
        var text = new StringBuilder()
            .Append("format=").Append(format).Append('\n')
            .Append("scan=").Append(scanFingerprint).Append('\n')
            .Append("root=").Append(root).Append('\n');
        Stamp(text, "config", config.SourcePath);
        foreach (var registry in config.Registries)
        {
            Stamp(text, "registry", Path.GetFullPath(Path.Combine(root, registry)));
        }
        _settings = text.ToString();
    }

    /// <summary>A file changed so close to the scan that a later change could keep its size and timestamp.</summary>
    public bool Racy => Volatile.Read(ref _racy) != 0;

    /// <summary>The key, once the walk has added every file.</summary>
    public string Key => $"{_settings}files={_files}\n";

    public void Add(WalkedFile file)
    {
        _files.Add(file.RelativePath, file.Length, (ulong)file.LastWriteUtc.Ticks);
        NoteTime(file.LastWriteUtc);
    }

    private void NoteTime(DateTime modified)
    {
        if (ScanCache.IsRacy(modified, _scanStart))
        {
            Volatile.Write(ref _racy, 1);
        }
    }

    /// <summary>A settings file by size and time (and racy like a walked file), or by its absence.</summary>
    private void Stamp(StringBuilder text, string name, string? path)
    {
        text.Append(name).Append('=').Append(path);
        var info = path is null ? null : new FileInfo(path);
        if (info is { Exists: true })
        {
            text.Append(':').Append(info.Length).Append(':').Append(info.LastWriteTimeUtc.Ticks);
            NoteTime(info.LastWriteTimeUtc);
        }
        text.Append('\n');
    }
}
