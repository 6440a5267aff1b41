using Flagkeeper.Analysis.Checks.Commits;
namespace Flagkeeper.Analysis.Checks;

/// <summary>What <c>flagkeeper check</c> was asked to do (command-line options; flagkeeper.yaml gives the rest).</summary>
public sealed record CheckOptions
{
    /// <summary><c>BASE..HEAD</c>; null checks HEAD against its parent.</summary>
    public string? Range { get; init; }

    /// <summary>F or NF for every commit (<c>--mode</c>, else <c>FLAGKEEPER_MODE</c>); null reads each commit's tag.</summary>
    public ForcedMode? Mode { get; init; }

    /// <summary>The date rules compare with (<c>--today</c>, else today from the clock).</summary>
    public required DateOnly Today { get; init; }

    /// <summary>Gates to run; empty runs the ones flagkeeper.yaml lists.</summary>
    public IReadOnlyList<string> Gates { get; init; } = [];

    /// <summary>Hide findings recorded in the baseline file.</summary>
    public bool UseBaseline { get; init; } = true;

    public bool UseScanCache { get; init; } = true;

    /// <summary>The time the check may take (<c>--timeout</c>): the scan stops where it is, gates not yet begun do not run.</summary>
    public RunBudget? Budget { get; init; }

    /// <summary>Called once per file the scan looks at, on the scan's worker threads (a progress display counts them).</summary>
    public Action? Progress { get; init; }

    /// <summary>Passed on to the scan (<see cref="Scanning.ScanOptions.BeforeCacheLoad"/>): whether a scan cache is there to reload.</summary>
    public Action<bool>? BeforeCacheLoad { get; init; }
}
