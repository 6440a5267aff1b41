using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Analysis.Git;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Scanning;

/// <summary>
/// What <c>flagkeeper scan</c> found. When the root or its configuration did not load, nothing was scanned:
/// <see cref="Result"/> is null and <see cref="SetupErrors"/> says why.
/// </summary>
/// <param name="Errors">Registry and scan errors (skipped files, rebuilt caches); those of High severity mean exit 2.</param>
public sealed record ScanReport(Workspace? Workspace, ScanResult? Result, IReadOnlyList<FlagkeeperError> Errors)
{
    /// <summary>The root or its configuration did not load; these errors are all there is.</summary>
    public IReadOnlyList<FlagkeeperError> SetupErrors => Result is null ? Errors : [];

    public bool HasInputErrors => Errors.Any(e => e.Severity >= ErrorSeverity.High);
}

/// <summary>
/// Runs <c>flagkeeper scan</c> as <see cref="Checks.Checker"/> runs check: the workspace set-up, the scan, then the
/// registries the scan met on its walk and the resolver for its usages. Bad root or configuration, or a <c>--changed-since</c>
/// git cannot answer, never throws past here: it ends up in <see cref="ScanReport.SetupErrors"/>.
/// </summary>
public sealed class ScanRunner(PerformanceMonitor monitor, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public ScanReport Run(string root, ScanOptions options)
    {
        var setup = WorkspaceSetup.Load(root, monitor);
        if (setup.Failed)
        {
            return new ScanReport(null, null, setup.Errors);
        }
        if (options.ChangedSince is { } reference)
        {
            // A revision git does not know, or no git at all: nothing is scanned, as for a missing root.
            var changed = monitor.Measure("scan.git-changed", () => GitCommand.ChangedSince(setup.Root, reference));
            if (changed.Failed)
            {
                return new ScanReport(null, null, changed.Errors);
            }
            options = options with { OnlyFiles = changed.Value };
        }
        using var patternCache = new PatternCache(time: _time);
        var scanner = new Scanner(setup.Config, patternCache, monitor, _time);
        var registryFiles = new RegistryFileCollector(setup.Config.AppSettings);
        var result = scanner.Scan(setup.Root, options with { AlsoCollect = registryFiles });
        var workspace = setup.WithRegistries(registryFiles.Files, monitor);
        return new ScanReport(workspace, result, [.. workspace.Errors, .. result.Errors]);
    }
}
