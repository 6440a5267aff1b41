using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;
using Flagkeeper.Validation;

namespace Flagkeeper.Analysis;

/// <summary>
/// A root folder as Flagkeeper sees it: its configuration, every registry that applies under it and the resolver
/// that finds a usage's flag. Every command builds it here (<see cref="Load(string, PerformanceMonitor)"/>, or <see cref="WorkspaceSetup"/> when a
/// scan finds the registry files). Loading never throws for bad input; errors are collected in <see cref="Errors"/>.
/// </summary>
public sealed class Workspace
{
    private FlagResolver? _resolver;

    internal Workspace(string root, FlagkeeperConfig config, RegistrySet registries, IReadOnlyList<FlagkeeperError> errors)
    {
        Root = root;
        Config = config;
        Registries = registries;
        Errors = errors;
    }

    /// <summary>Absolute path of the root.</summary>
    public string Root { get; }
    public FlagkeeperConfig Config { get; }
    public RegistrySet Registries { get; }

    /// <summary>Root, configuration and registry errors; any of them makes the answer untrustworthy (exit 2).</summary>
    public IReadOnlyList<FlagkeeperError> Errors { get; }

    /// <summary>Finds the flag a usage names, by the registries that apply to its file and the configured key matching.</summary>
    public FlagResolver Resolver => _resolver ??= new FlagResolver(Registries.Registries, Config.KeyMatching);

    /// <summary>The root, its configuration and the registries found under it.</summary>
    public static Workspace Load(string root, PerformanceMonitor monitor) => Load(root, monitor, KeptSources.None);

    /// <param name="kept">What to keep of each registry, so an edit of an unchanged file need not parse it again.</param>
    public static Workspace Load(string root, PerformanceMonitor monitor, KeptSources kept) =>
        WorkspaceSetup.Load(root, monitor).Discover(monitor, kept);

    public RegistryValidator CreateValidator() => new(Config.Severities);

    /// <summary>Registry findings for every registry under the root.</summary>
    public IReadOnlyList<Finding> Validate(PerformanceMonitor monitor) =>
        monitor.Measure("registry.validate", () => CreateValidator().Validate(Registries.Registries));

    /// <summary>Findings for all registries, with <paramref name="replacement"/> standing in for the file it came from.</summary>
    public IReadOnlyList<Finding> ValidateWith(FlagRegistry replacement) => ValidateWith(replacement, null);

    /// <summary>
    /// As <see cref="ValidateWith(FlagRegistry)"/>; with <paramref name="changedKeys"/>, the checks of one flag alone run
    /// only for those flags of <paramref name="replacement"/> (an edit's, see <c>Editing.EditValidation</c>).
    /// </summary>
    public IReadOnlyList<Finding> ValidateWith(FlagRegistry replacement, IReadOnlySet<string>? changedKeys)
    {
        var registries = Registries.Registries
            .Where(r => !string.Equals(r.FullPath, replacement.FullPath, StringComparison.Ordinal))
            .Append(replacement)
            .ToList();
        return CreateValidator().Validate(registries, changedKeys is null ? null : (replacement, changedKeys));
    }
}

/// <summary>
/// The first step of every command: the root as an absolute folder and its flagkeeper.yaml. The registries come
/// next, found by a walk of their own (<see cref="Discover"/>) or by the scan that already walked the tree
/// (<see cref="WithRegistries"/>).
/// </summary>
/// <param name="Errors">The root is not a folder, or the configuration did not load.</param>
public sealed record WorkspaceSetup(string Root, FlagkeeperConfig Config, IReadOnlyList<FlagkeeperError> Errors)
{
    public bool Failed => Errors.Count > 0;

    public static WorkspaceSetup Load(string root, PerformanceMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var folder = WorkspaceRoot.Folder(root);
        if (folder.Error is { } missing)
        {
            return new WorkspaceSetup(folder.Path, FlagkeeperConfig.Default, [missing]);
        }
        var loaded = monitor.Measure("config.load", () => ConfigLoader.Load(folder.Path));
        return new WorkspaceSetup(folder.Path, loaded.Config, loaded.Errors);
    }

    /// <summary>The workspace with the registries a walk of the root finds (none when the root is not a folder).</summary>
    /// <param name="kept">What to keep of each registry, so an edit of an unchanged file need not parse it again.</param>
    public Workspace Discover(PerformanceMonitor monitor, KeptSources kept = KeptSources.None) =>
        With(Directory.Exists(Root)
            ? monitor.Measure("registry.discover", () => RegistryDiscovery.Discover(Root, Config, monitor, kept))
            : new RegistrySet(Root, [], []));

    /// <summary>The workspace with the registry files a scan met on its walk (<see cref="Discovery.RegistryFileCollector"/>).</summary>
    public Workspace WithRegistries(IEnumerable<string> registryFiles, PerformanceMonitor monitor) =>
        With(monitor.Measure("registry.load", () => RegistryDiscovery.Load(Root, Config, registryFiles, monitor)));

    private Workspace With(RegistrySet registries) => new(Root, Config, registries, [.. Errors, .. registries.Errors]);
}
