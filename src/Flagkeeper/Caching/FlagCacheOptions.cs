using Flagkeeper.Diagnostics;
using Flagkeeper.Evaluation;

namespace Flagkeeper.Caching;

/// <summary>What a <see cref="FlagCache"/> loads and how it notices changes.</summary>
public sealed class FlagCacheOptions
{
    /// <summary>Registry files (flags.yaml, flags.json or an appsettings*.json); when two declare a key, the first listed wins.</summary>
    public IList<string> Registries { get; } = new List<string>();

    /// <summary>The TTL of the active version: how often the files are hashed again even if no change was noticed. Zero or less: never.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Watch the files' folders for changes (a reload follows within <see cref="DebounceDelay"/>).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How long after the last change event the files are checked: editors and atomic renames fire several events.</summary>
    public TimeSpan DebounceDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// When a file does not exist at start-up, start with an empty snapshot (every flag <c>false</c> with
    /// <see cref="EvaluationReason.UnknownFlag"/>) and report Degraded until it appears, instead of throwing.
    /// </summary>
    public bool StartWithDefaultsIfMissing { get; set; }

    /// <summary>The clock for timers, the TTL and load times.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Rule severities for validation; a new version with an error-level finding is rejected. Null: the defaults.</summary>
    public RuleSeverities? Severities { get; set; }

    /// <summary>Reads <c>FLAGKEEPER__KEY</c> overrides when compiling; null reads none.</summary>
    public Func<string, string?>? EnvironmentVariables { get; set; } = EnvironmentOverrides.FromProcess;

    /// <summary>Receives the evaluator's warnings (unknown flag or environment, each once).</summary>
    public Action<FlagWarning>? OnWarning { get; set; }
}
