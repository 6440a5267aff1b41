using Flagkeeper.Registry;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Configuration;

/// <summary>A user-defined usage pattern: a regex with a named group <c>key</c>.</summary>
public sealed record CustomPattern(string Id, string Regex, IReadOnlyList<string> Files, int Line);

/// <summary>The commit-message conventions <c>commits: { preset: ... }</c> offers (docs/configuration.md).</summary>
public enum CommitPreset
{
    /// <summary>Conventional Commits 1.0 with the rules of commitlint's config-conventional (the default).</summary>
    Conventional,
    /// <summary><c>type: summary [T-YYYY-MM-DD-NNN] [MODE:F|NF]</c>: type, task id and delivery mode.</summary>
    Flagkeeper,
    /// <summary>No commit-message gate (a custom <c>pattern</c> still applies).</summary>
    None,
}

/// <summary>The commit-message convention checked by the commit gates.</summary>
public sealed record CommitConvention
{
    /// <summary>The types of the flagkeeper preset.</summary>
    public static IReadOnlyList<string> FlagkeeperTypes { get; } = ["feat", "fix", "chore", "refactor", "revert", "test"];

    /// <summary>The types of commitlint's config-conventional (its <c>type-enum</c>).</summary>
    public static IReadOnlyList<string> ConventionalTypes { get; } =
        ["build", "chore", "ci", "docs", "feat", "fix", "perf", "refactor", "revert", "style", "test"];

    public CommitPreset Preset { get; init; } = CommitPreset.Conventional;

    /// <summary>Configured types; null means the preset's own list (see <see cref="Types"/>).</summary>
    public IReadOnlyList<string>? CustomTypes { get; init; }

    /// <summary>The allowed types: configured, else the preset's.</summary>
    public IReadOnlyList<string> Types => CustomTypes ?? (Preset == CommitPreset.Flagkeeper ? FlagkeeperTypes : ConventionalTypes);

    /// <summary>Null: the preset decides (see docs/configuration.md); set, it overrides the preset.</summary>
    public string? Pattern { get; init; }

    public IReadOnlyList<string> Exempt { get; init; } = [@"^Merge ", @"^Revert """, @"^fixup! ", @"^squash! "];

    /// <summary>Only the flagkeeper preset reads <c>[MODE:F|NF]</c> tags from subjects.</summary>
    public bool ReadsModeTags => Preset == CommitPreset.Flagkeeper;
}

/// <summary>
/// Where <c>flagkeeper live</c> finds the live overrides: a StackExchange.Redis configuration string and the
/// namespace (null: not configured here; the command line and the environment come first).
/// </summary>
public sealed record LiveConfig
{
    public string? Redis { get; init; }
    public string? Namespace { get; init; }

    /// <summary>
    /// A namespace is part of Redis key names and of the ACL pattern that confines a team to it, so it is kept to
    /// characters that mean nothing in a glob or a hash tag.
    /// </summary>
    public static bool IsValidNamespace(string name) =>
        name is { Length: >= 1 and <= 100 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}

/// <summary>
/// Everything <c>flagkeeper.yaml</c> can say. Every property has the default used when the file
/// (or the key) is absent; docs/configuration.md documents each key.
/// </summary>
public sealed record FlagkeeperConfig
{
    /// <summary>The config file it came from (root-relative), or null for defaults.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Extra registry files, relative to the root, loaded besides the discovered ones.</summary>
    public IReadOnlyList<string> Registries { get; init; } = [];

    /// <summary>Where each entry of <see cref="Registries"/> was written, for errors about it.</summary>
    public IReadOnlyDictionary<string, Flagkeeper.Diagnostics.SourceLocation> RegistryLocations { get; init; } =
        new Dictionary<string, Flagkeeper.Diagnostics.SourceLocation>();

    /// <summary>Read Microsoft.FeatureManagement sections of appsettings*.json as read-only registries.</summary>
    public bool AppSettings { get; init; }

    public IReadOnlyList<string> Include { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public KeyMatching KeyMatching { get; init; } = KeyMatching.Exact;
    public IReadOnlyList<string> Sdks { get; init; } = [];

    public IReadOnlyList<string> EnvPrefixes { get; init; } =
        ["NEXT_PUBLIC_FEATURE_", "VITE_FEATURE_FLAG_", "REACT_APP_FEATURE_", "VITE_FEATURE_", "FEATURE_FLAG_", "FEATURE_"];

    public IReadOnlyList<CustomPattern> Patterns { get; init; } = [];

    /// <summary>Globs of production code. Empty: every scanned source file outside test folders.</summary>
    public IReadOnlyList<string> Production { get; init; } = [];

    public CommitConvention Commits { get; init; } = new();
    public IReadOnlyList<string> Gates { get; init; } = RuleCatalog.Gates;

    /// <summary>The severities <c>rules:</c> sets, by rule id.</summary>
    public IReadOnlyDictionary<string, RuleSeverity> Rules { get => Severities.Overrides; init => Severities = new RuleSeverities(value); }

    /// <summary>Each rule's severity: the one <c>rules:</c> sets, else the rule's default.</summary>
    public RuleSeverities Severities { get; private init; } = RuleSeverities.Defaults;
    public int ExpiringSoonDays { get; init; } = 14;

    /// <summary>Files larger than this many bytes are not scanned.</summary>
    public long MaxFileSize { get; init; } = 2 * 1024 * 1024;

    public string CacheDirectory { get; init; } = ".flagkeeper/cache";

    /// <summary>Extensions scanned besides the default source list (e.g. ".md"); docs/patterns.md lists the languages.</summary>
    public IReadOnlyList<string> ScanExtensions { get; init; } = [];

    /// <summary>The <c>wrappers:</c> section: methods taken as wrappers by name pattern, or never (docs/patterns.md).</summary>
    public WrapperRules Wrappers { get; init; } = WrapperRules.None;

    /// <summary>The <c>keySources:</c> section: code whose keys count as declared flags (docs/patterns.md).</summary>
    public IReadOnlyList<KeySource> KeySources { get; init; } = [];

    /// <summary>The <c>live:</c> section (the Redis store of live overrides, docs/fleet.md).</summary>
    public LiveConfig Live { get; init; } = new();

    /// <summary>The <c>perf:</c> section: baselines and regression thresholds of the performance history.</summary>
    public Flagkeeper.Analysis.Performance.History.PerfThresholds Perf { get; init; } = Flagkeeper.Analysis.Performance.History.PerfThresholds.Default;

    public static FlagkeeperConfig Default { get; } = new();
}
