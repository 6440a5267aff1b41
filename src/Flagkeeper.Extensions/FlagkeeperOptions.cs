namespace Flagkeeper.Extensions;

/// <summary>
/// Options of <c>services.AddFlagkeeper(...)</c>, bound from the <c>Flagkeeper</c> configuration section and
/// validated when the host starts (<see cref="FlagkeeperOptionsValidator"/>).
/// </summary>
public sealed class FlagkeeperOptions
{
    /// <summary>The configuration section read by <c>AddFlagkeeper(IConfiguration)</c>.</summary>
    public const string SectionName = "Flagkeeper";

    /// <summary>One registry file (<c>Flagkeeper:Registry</c>); relative paths are from the current directory.</summary>
    public string? Registry { get; set; }

    /// <summary>More registry files (<c>Flagkeeper:Registries:0</c>, …), after <see cref="Registry"/>; the first to declare a key wins.</summary>
    public IList<string> Registries { get; } = new List<string>();

    /// <summary>The environment evaluations use when the caller gives none (the default context accessor's).</summary>
    public string? Environment { get; set; }

    /// <summary>The TTL: how often the files are hashed again even without a change event. Zero: never. Default 2 minutes.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Watch the files' folders and reload shortly after a change (default on).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How long change events must be quiet before the files are checked (default 250 ms).</summary>
    public TimeSpan DebounceDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A missing file at start-up starts every flag at false and reports Degraded, instead of failing the start.</summary>
    public bool StartWithDefaultsIfMissing { get; set; }

    /// <summary>Add a <c>feature_flag.evaluation</c> event to the current activity per evaluation while the <c>Flagkeeper</c> source is listened to.</summary>
    public bool ActivityEvents { get; set; } = true;

    /// <summary><see cref="Registry"/> then <see cref="Registries"/>, as configured.</summary>
    internal List<string> AllRegistries() => Registry is null ? [.. Registries] : [Registry, .. Registries];
}
