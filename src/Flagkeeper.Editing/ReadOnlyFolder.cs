namespace Flagkeeper.Editing;

/// <summary>
/// A folder nobody may write (0555) is read-only on purpose. Root could write it anyway, so the tool's own files
/// (caches, performance history) ask the mode of the nearest existing folder, as the registry editor does for a
/// 0444 registry: root and everyone else then see the same run.
/// </summary>
public static class ReadOnlyFolder
{
    /// <summary>The nearest existing folder at or above <paramref name="folder"/> when it has no write bit; else null.</summary>
    public static string? Nearest(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        var dir = folder;
        while (!Directory.Exists(dir) && Path.GetDirectoryName(dir) is { } parent)
        {
            dir = parent;
        }
        const UnixFileMode Writable = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        return Directory.Exists(dir) && (File.GetUnixFileMode(dir) & Writable) == 0 ? dir : null;
    }
}
