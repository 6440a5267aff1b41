using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;
using Flagkeeper.Validation;

namespace Flagkeeper.Analysis;

/// <summary>
/// A root folder as Flagkeeper sees it: its configuration and every registry that applies under it.
/// Loading never throws for bad input; errors are collected in <see cref="Errors"/>.
/// </summary>
public sealed class Workspace
{
    private Workspace(string root, FlagkeeperConfig config, RegistrySet registries, IReadOnlyList<FlagkeeperError> errors)
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

    /// <summary>Configuration and registry errors; any of them makes the answer untrustworthy (exit 2).</summary>
    public IReadOnlyList<FlagkeeperError> Errors { get; }

    /// <summary>The absolute path of a root folder as given on the command line.</summary>
    /// <exception cref="FlagkeeperException">FK1006 when it is not a directory.</exception>
    public static string ResolveRoot(string root)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        return Directory.Exists(full)
            ? full
            : throw new FlagkeeperException(ErrorCodes.RootNotFound.Create($"root '{root}' is not a directory"));
    }

    public static Workspace Load(string root, PerformanceMonitor monitor)
    {
        var full = ResolveRoot(root);
        var config = monitor.Measure("config.load", () => ConfigLoader.Load(full));
        var registries = monitor.Measure("registry.discover", () => RegistryDiscovery.Discover(full, config.Config, monitor));
        return new Workspace(full, config.Config, registries, [.. config.Errors, .. registries.Errors]);
    }

    public RegistryValidator CreateValidator() => new(Config.Severities);

    /// <summary>Registry findings for every registry under the root.</summary>
    public IReadOnlyList<Finding> Validate(PerformanceMonitor monitor) =>
        monitor.Measure("registry.validate", () => CreateValidator().Validate(Registries.Registries));

    /// <summary>Findings for all registries, with <paramref name="replacement"/> standing in for the file it came from.</summary>
    public IReadOnlyList<Finding> ValidateWith(FlagRegistry replacement)
    {
        var registries = Registries.Registries
            .Where(r => !string.Equals(r.FullPath, replacement.FullPath, StringComparison.Ordinal))
            .Append(replacement)
            .ToList();
        return CreateValidator().Validate(registries);
    }
}
