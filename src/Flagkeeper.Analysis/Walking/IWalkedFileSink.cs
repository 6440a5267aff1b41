namespace Flagkeeper.Analysis.Walking;

/// <summary>
/// A second consumer of one walk: files it wants are handed to it as the walk meets them, whether or not the
/// walk's owner reads them too. So the scan's walk also finds discovery's registry files without the scanner
/// knowing what a registry file is.
/// </summary>
public interface IWalkedFileSink
{
    /// <summary>By file name alone (before any stat): whether this sink wants the file, also through a link to a file.</summary>
    bool Wants(ReadOnlySpan<char> fileName);

    /// <summary>A wanted file the walk met. Called on the walk's worker threads, so it must be thread-safe.</summary>
    void Add(WalkedFile file);
}
