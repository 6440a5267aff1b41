using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// A real second consumer of the scan's walk (<see cref="IWalkedFileSink"/>, the seam discovery uses) that runs an
/// action when the walk hands it one file, after the file was listed and before the scanner reads it: the moment to
/// change the tree or the clock under a running scan.
/// </summary>
internal sealed class WalkHook(string fileName, Action<WalkedFile> action) : IWalkedFileSink
{
    public bool Wants(ReadOnlySpan<char> name) => name.SequenceEqual(fileName);

    public void Add(WalkedFile file) => action(file);
}
