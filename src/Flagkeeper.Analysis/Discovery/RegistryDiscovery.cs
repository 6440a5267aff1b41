using System.Collections.Concurrent;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Diagnostics;
using Flagkeeper.Loading;
using Flagkeeper.Registry;
using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Discovery;

/// <summary>
/// Finds every registry under a root (flags.yaml / flags.yml / flags.json in any folder, the
/// configuration's extra paths, and appsettings*.json when enabled) and loads them in parallel.
/// Honours .gitignore and .flagkeeperignore like the scanner; never descends into .git, dependency
/// or build-output folders, nor follows a symbolic link to a folder; a registry file that is a link
/// to a file is read through the link (a shared registry).
/// </summary>
public static class RegistryDiscovery
{
    /// <summary>Folders that never hold a project's own registry.</summary>
    public static IReadOnlySet<string> SkippedDirectories { get; } =
        new HashSet<string>(StringComparer.Ordinal) { ".git", ".hg", ".svn", "node_modules", "bin", "obj", ".flagkeeper", ".venv", "venv", "__pycache__", "target", "vendor", "dist", "build" };

    /// <param name="monitor">Receives one "registry.read" measurement per file, when given.</param>
    public static RegistrySet Discover(string root, FlagkeeperConfig config, PerformanceMonitor? monitor = null) =>
        Discover(root, config, monitor, KeptSources.None);

    /// <param name="kept">What to keep of each registry's source (<c>FlagRegistry.Source</c>) for an edit to reuse.</param>
    internal static RegistrySet Discover(string root, FlagkeeperConfig config, PerformanceMonitor? monitor, KeptSources kept)
    {
        root = Path.GetFullPath(root);
        return Load(root, config, FindFiles(root, config), monitor, kept);
    }

    /// <summary>Loads <paramref name="found"/> (registry files a walk already met) plus the configuration's extra registries.</summary>
    public static RegistrySet Load(string root, FlagkeeperConfig config, IEnumerable<string> found, PerformanceMonitor? monitor = null) =>
        Load(root, config, found, monitor, KeptSources.None);

    private static RegistrySet Load(string root, FlagkeeperConfig config, IEnumerable<string> found, PerformanceMonitor? monitor, KeptSources kept)
    {
        ArgumentNullException.ThrowIfNull(config);
        root = Path.GetFullPath(root);
        var errors = new ConcurrentBag<FlagkeeperError>();
        // A flags.json met by its name that has not the registry's shape belongs to another tool: skipped with a note.
        // One that `registries:` names is read whatever it holds, so its errors still fail the run.
        var named = config.Registries.Select(r => Path.GetFullPath(Path.Combine(root, r))).ToHashSet(StringComparer.Ordinal);
        var files = new List<string>();
        var notes = new List<(string File, string Note)>();
        foreach (var file in found)
        {
            if (!named.Contains(file) && RegistryShape.IsForeignRegistryFile(file))
            {
                notes.Add((file, $"{DisplayPath(root, file)} is not a Flagkeeper registry (its top level has neither `version` nor `flags`), so it was skipped; name it under `registries:` in flagkeeper.yaml to have it read as one"));
                continue;
            }
            files.Add(file);
        }

        foreach (var extra in config.Registries)
        {
            var full = Path.GetFullPath(Path.Combine(root, extra));
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else
            {
                errors.Add(ErrorCodes.ConfigRegistryNotFound.Create(
                    $"registry '{extra}' listed in {config.SourcePath ?? "flagkeeper.yaml"} does not exist",
                    config.RegistryLocations.TryGetValue(extra, out var at) ? at : null));
            }
        }

        var loaded = new ConcurrentBag<FlagRegistry>();
        Parallel.ForEach(files.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var display = DisplayPath(root, file);
            using var measurement = monitor?.Start("registry.read");
            var result = Load(file, display, kept);
            foreach (var error in result.Errors)
            {
                errors.Add(error);
            }
            if (result.Registry is { } registry && (registry.Kind != RegistrySourceKind.AppSettings || registry.Flags.Count > 0))
            {
                loaded.Add(registry);
            }
        });

        var ordered = loaded.OrderBy(r => r.DisplayPath, StringComparer.Ordinal).ToList();
        var orderedErrors = errors.OrderBy(e => e.Location?.File, StringComparer.Ordinal).ThenBy(e => e.Location?.Line).ThenBy(e => e.Location?.Column).ToList();
        notes.Sort((a, b) => string.CompareOrdinal(a.Note, b.Note));
        return new RegistrySet(root, ordered, orderedErrors) { Skipped = [.. notes.Select(n => n.Note)], SkippedFiles = [.. notes.Select(n => n.File)] };
    }

    private static RegistryLoadResult Load(string file, string display, KeptSources kept)
    {
        try
        {
            return AppSettingsRegistryReader.IsAppSettingsFile(Path.GetFileName(file))
                ? AppSettingsRegistryReader.ReadFile(file, display)
                : RegistryReader.ReadFile(file, display, null, keepSource: kept != KeptSources.None, keepTree: kept == KeptSources.WholeTree);
        }
#pragma warning disable CA1031 // One file that trips a bug must not stop the others: skip it and report it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new RegistryLoadResult(null, [ErrorCodes.Internal.Create($"reading {display} failed: {ex.GetType().Name}: {ex.Message}", new SourceLocation(display, 0, 0))]);
        }
    }

    /// <summary>The path printed for a file: relative to the root, with '/' separators.</summary>
    public static string DisplayPath(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        return relative.Replace('\\', '/');
    }

    private static List<string> FindFiles(string root, FlagkeeperConfig config)
    {
        if (!Directory.Exists(root))
        {
            throw new FlagkeeperException(ErrorCodes.RootNotFound.Create($"{root} is not a directory"));
        }
        var files = new ConcurrentBag<string>();
        var options = new WalkOptions
        {
            Exclude = new GlobSet(config.Exclude),
            SkippedDirectoryNames = SkippedDirectories,
            WantFile = name => IsRegistryFileName(name, config.AppSettings),
            FollowFileLink = name => IsRegistryFileName(name, config.AppSettings),
        };
        FileWalker.Walk(root, options, file => files.Add(file.FullPath));
        return [.. files];
    }

    /// <summary>True for flags.yaml / flags.yml / flags.json, and appsettings*.json when <paramref name="appSettings"/>.</summary>
    public static bool IsRegistryFileName(ReadOnlySpan<char> name, bool appSettings)
    {
        if (name.Length == 0 || name[0] is not ('f' or 'a'))
        {
            return false; // the common case on a walk, decided without comparing strings
        }
        foreach (var registryName in RegistryReader.FileNames)
        {
            if (name.Equals(registryName, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return appSettings && AppSettingsRegistryReader.IsAppSettingsFile(name.ToString());
    }

    /// <summary>False when a root-relative path runs through a folder that never holds a project's own registry.</summary>
    public static bool IsProjectRegistryPath(string relativePath) =>
        !relativePath.Split('/').Any(SkippedDirectories.Contains);
}
