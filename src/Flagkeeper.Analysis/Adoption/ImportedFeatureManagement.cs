using Flagkeeper.Analysis.Scanning.KeySources;
using Flagkeeper.Loading;

namespace Flagkeeper.Analysis.Adoption;

/// <summary>
/// The flags a skipped <c>flags.json</c> declares in one of Microsoft.FeatureManagement's schemas (the sections an
/// <c>appsettings.json</c> holds): <c>flagkeeper init</c> registers them, on or off and with a percentage rollout as they
/// are, instead of leaving them behind in a file the gates do not read. Targeting lists, time windows and custom filters
/// are not carried over (init says so). A file in any other format declares nothing here.
/// </summary>
public static class ImportedFeatureManagement
{
    /// <summary>The declared keys of <paramref name="files"/> (full paths), each with where and whether it is on.</summary>
    public static IReadOnlyList<DeclaredKey> Read(string root, IEnumerable<string> files)
    {
        var keys = new List<DeclaredKey>();
        foreach (var file in files)
        {
            var display = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (AppSettingsRegistryReader.ReadFile(file, display).Registry is not { Flags.Count: > 0 } registry)
            {
                continue; // another format (or unreadable): nothing to import, the skip note stands
            }
            foreach (var flag in registry.Flags)
            {
                keys.Add(new DeclaredKey(flag.Key, flag.Location, $"Microsoft.FeatureManagement in {display}", Enabled: flag.Enabled, Rollout: flag.Rollout));
            }
        }
        return keys;
    }
}
