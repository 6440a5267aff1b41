using System.Collections.Concurrent;
using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Discovery;

/// <summary>
/// Collects the registry files another walk (the scan's) meets, so discovery needs no walk of its own:
/// registry names as <see cref="RegistryDiscovery.IsRegistryFileName"/> has them, dropping those under folders
/// that never hold a project's own registry (judged below the walk's root, never above it).
/// </summary>
public sealed class RegistryFileCollector(bool appSettings) : IWalkedFileSink
{
    private readonly ConcurrentBag<string> _files = [];

    /// <summary>Full paths of the registry files met so far, in ordinal order.</summary>
    public IReadOnlyList<string> Files => [.. _files.Order(StringComparer.Ordinal)];

    public bool Wants(ReadOnlySpan<char> fileName) => RegistryDiscovery.IsRegistryFileName(fileName, appSettings);

    public void Add(WalkedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (RegistryDiscovery.IsProjectRegistryPath(file.RelativePath))
        {
            _files.Add(file.FullPath);
        }
    }
}
