namespace Flagkeeper.Diagnostics;

/// <summary>
/// The catalog of every error Flagkeeper reports. Codes are stable: never renumber or reuse one.
/// <c>docs/errors.md</c> is generated from this list (a test keeps them in step).
/// Ranges: FK1xxx configuration, FK2xxx file reading, FK3xxx registry, FK4xxx validation,
/// FK5xxx detection, FK6xxx patterns, FK7xxx git, FK8xxx caches, FK9xxx internal.
/// </summary>
public static class ErrorCodes
{
    // Configuration: flagkeeper.yaml and command-line arguments.
    public static readonly ErrorDescriptor ConfigSyntax = new("FK1001", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.None,
        "Configuration file is not valid YAML", "Fix the YAML at the position shown; `flagkeeper.yaml` is documented in docs/configuration.md.");
    public static readonly ErrorDescriptor ConfigUnknownKey = new("FK1002", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.None,
        "Unknown configuration key", "Check the spelling against docs/configuration.md; unknown keys are rejected so typos do not pass silently.");
    public static readonly ErrorDescriptor ConfigInvalidValue = new("FK1003", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.None,
        "Invalid configuration value", "Use a value of the type and range documented in docs/configuration.md.");
    public static readonly ErrorDescriptor ConfigRegistryNotFound = new("FK1004", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.None,
        "A registry listed in the configuration does not exist", "Fix the path under `registries:` (relative to the root) or create the file.");
    public static readonly ErrorDescriptor InvalidArgument = new("FK1005", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.None,
        "Invalid command-line argument", "Run the command with --help to see the accepted values.");
    public static readonly ErrorDescriptor RootNotFound = new("FK1006", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.None,
        "The root directory does not exist", "Pass an existing directory.");
    public static readonly ErrorDescriptor ConfigDuplicateKey = new("FK1007", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.None,
        "A configuration key appears twice in the same mapping", "Keep one of them; YAML tools disagree on which one wins.");
    public static readonly ErrorDescriptor LiveStoreNotConfigured = new("FK1008", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.None,
        "No Redis store is configured for live overrides", "Pass --redis HOST:PORT, set FLAGKEEPER_REDIS, or add `live: { redis: HOST:PORT }` to flagkeeper.yaml (docs/fleet.md).");
    public static readonly ErrorDescriptor LiveStoreUnreachable = new("FK1009", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.Retry,
        "The Redis store of live overrides cannot be reached", "Check that Redis runs at the host:port shown and that the configuration string (TLS, password) is right; nothing was changed.");
    public static readonly ErrorDescriptor LiveStoreRefused = new("FK1010", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.None,
        "Redis refused the command (authentication or ACL)", "Check the user and password, and that the user's ACL covers the keys flagkeeper:{NAMESPACE}:* (docs/fleet.md#security); nothing was changed.");
    public static readonly ErrorDescriptor KeySourceNotFound = new("FK1011", ErrorCategory.Configuration, ErrorSeverity.High, RecoveryStrategy.None,
        "A key source names a file or a declaration that is not there", "Point `keySources:` in flagkeeper.yaml at the file and the class, enum, type, map or const object that lists the flags (docs/patterns.md).");

    // File reading.
    public static readonly ErrorDescriptor FileUnreadable = new("FK2001", ErrorCategory.FileRead, ErrorSeverity.Low, RecoveryStrategy.SkipAndReport,
        "A file could not be read", "Check the file's permissions; the rest of the run went on without it.");
    public static readonly ErrorDescriptor FileTooLarge = new("FK2002", ErrorCategory.FileRead, ErrorSeverity.High, RecoveryStrategy.None,
        "A file is larger than the allowed size", "Registries and configuration files are small; check that the path points to the right file.");
    public static readonly ErrorDescriptor FileNotFound = new("FK2003", ErrorCategory.FileRead, ErrorSeverity.High, RecoveryStrategy.None,
        "A file does not exist", "Check the path.");
    public static readonly ErrorDescriptor FileEncoding = new("FK2004", ErrorCategory.FileRead, ErrorSeverity.High, RecoveryStrategy.None,
        "A file is not valid UTF-8", "Save the file as UTF-8; an edit would otherwise rewrite bytes nobody touched.");
    public static readonly ErrorDescriptor BaselineInvalid = new("FK2005", ErrorCategory.FileRead, ErrorSeverity.High, RecoveryStrategy.None,
        "The baseline file (.flagkeeper/baseline.json) is not a baseline Flagkeeper wrote", "Fix or delete the file and record it again with `flagkeeper check --write-baseline`; it was left untouched.");

    // Registry: flags.yaml / flags.yml / flags.json and appsettings sources.
    public static readonly ErrorDescriptor RegistrySyntax = new("FK3001", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "Registry is not valid YAML or JSON", "Fix the syntax at the position shown.");
    public static readonly ErrorDescriptor RegistryEmpty = new("FK3002", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "Registry file is empty", "Start the file with `version: 1` and a `flags:` mapping (see docs/registry.md).");
    public static readonly ErrorDescriptor RegistryUnknownField = new("FK3003", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "Unknown field in the registry", "Check the spelling against docs/registry.md; unknown fields are rejected so typos do not pass silently.");
    public static readonly ErrorDescriptor RegistryWrongType = new("FK3004", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "A registry value has the wrong type", "Use the type docs/registry.md gives for that field.");
    public static readonly ErrorDescriptor RegistryVersion = new("FK3005", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "Unsupported registry schema version", "This Flagkeeper reads `version: 1`.");
    public static readonly ErrorDescriptor RegistryTooDeep = new("FK3006", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "Registry nesting is too deep", "A registry needs only a few levels of nesting; the file is probably not a registry or is hostile.");
    public static readonly ErrorDescriptor RegistryTooManyNodes = new("FK3007", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "Registry has too many values (or an alias expands too far)", "Remove the alias chain or split the registry; the limit protects against alias bombs.");
    public static readonly ErrorDescriptor RegistryNotFound = new("FK3008", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "No registry found", "Create flags.yaml at the root (`flagkeeper flags add` does it) or pass --registry FILE.");
    public static readonly ErrorDescriptor FlagNotFound = new("FK3009", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "The flag is not in any registry", "Check the key with `flagkeeper flags list`.");
    public static readonly ErrorDescriptor EditRejected = new("FK3010", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "The edit would make the registry invalid; nothing was written", "Fix what the message names (pass --expires for a release flag, drop a `requires:` entry before removing its flag) and try again.");
    public static readonly ErrorDescriptor RegistryLocked = new("FK3011", ErrorCategory.Registry, ErrorSeverity.Medium, RecoveryStrategy.Retry,
        "The registry is locked by another edit", "Another flagkeeper process is editing the file; it was retried until the timeout. Try again.");
    public static readonly ErrorDescriptor AmbiguousRegistry = new("FK3012", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "More than one registry could take this edit", "Pass --registry FILE to say which one.");
    public static readonly ErrorDescriptor FlagExists = new("FK3013", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "The flag already exists", "Pick another key, or edit the existing flag.");
    public static readonly ErrorDescriptor RegistryDuplicateKey = new("FK3014", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "A field appears twice in the same mapping", "Keep one of them; YAML tools disagree on which one wins.");
    public static readonly ErrorDescriptor UnsupportedEdit = new("FK3015", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "This registry cannot be edited from the command line", "Edit the file by hand; appsettings sources are read-only. A registry without write permission is refused (chmod u+w if the edit is meant); a link to outside the root needs --allow-outside-root.");
    public static readonly ErrorDescriptor RegistryNotEvaluable = new("FK3016", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "The registry cannot be evaluated: flags require each other in a cycle", "Remove one `requires:` entry; `flagkeeper flags validate` shows the cycle.");
    public static readonly ErrorDescriptor RegistryExists = new("FK3017", ErrorCategory.Registry, ErrorSeverity.High, RecoveryStrategy.None,
        "The repository already has a registry, so `init` left it alone", "Add flags with `flagkeeper flags add`; `flagkeeper init --force` replaces a root flags.yaml (its hand edits are lost).");

    // Validation of command-line values that feed the registry.
    public static readonly ErrorDescriptor InvalidValue = new("FK4001", ErrorCategory.Validation, ErrorSeverity.High, RecoveryStrategy.None,
        "A value is out of range or malformed", "Use a value the registry accepts (docs/registry.md).");

    // Detection: the scanner.
    public static readonly ErrorDescriptor FileSkipped = new("FK5001", ErrorCategory.Detection, ErrorSeverity.Low, RecoveryStrategy.SkipAndReport,
        "A file changed or vanished while it was scanned", "Nothing to do: the rest of the scan went on; scan again to include it.");
    public static readonly ErrorDescriptor TimedOut = new("FK5002", ErrorCategory.Detection, ErrorSeverity.High, RecoveryStrategy.None,
        "The time budget (--timeout) ran out; the results are partial", "Raise --timeout, or scan less (--changed-since, scan.exclude); what was found before the budget ran out is still reported.");
    public static readonly ErrorDescriptor KeySourceMemberSkipped = new("FK5003", ErrorCategory.Detection, ErrorSeverity.Low, RecoveryStrategy.SkipAndReport,
        "A member of a key source is not a constant key", "It does not count as declared: make its value a constant string of that file, or register the flag.");

    // Patterns: custom usage patterns in flagkeeper.yaml.
    public static readonly ErrorDescriptor PatternInvalid = new("FK6001", ErrorCategory.Pattern, ErrorSeverity.Medium, RecoveryStrategy.SkipAndReport,
        "A custom pattern does not compile", "Fix the regex under `patterns:` (it needs a named group `key`); the other patterns ran without it.");
    public static readonly ErrorDescriptor PatternTimeout = new("FK6002", ErrorCategory.Pattern, ErrorSeverity.Medium, RecoveryStrategy.SkipAndReport,
        "A custom pattern took too long and was stopped", "Simplify the regex (avoid nested quantifiers such as (a+)+); it was not run on the remaining files.");

    // Git.
    public static readonly ErrorDescriptor GitRefUnknown = new("FK7001", ErrorCategory.Git, ErrorSeverity.High, RecoveryStrategy.None,
        "A git revision could not be resolved", "Check the ref; in a shallow clone fetch more history (`git fetch --deepen=50`).");
    public static readonly ErrorDescriptor GitUnavailable = new("FK7002", ErrorCategory.Git, ErrorSeverity.High, RecoveryStrategy.None,
        "git is not available or the folder is not in a git repository", "Install git, or run inside a repository.");
    public static readonly ErrorDescriptor GitHistoryShallow = new("FK7003", ErrorCategory.Git, ErrorSeverity.High, RecoveryStrategy.None,
        "A commit's parent is missing from this shallow clone, so its diff cannot be checked", "Fetch more history (`git fetch --deepen=50`, or `fetch-depth: 0` in actions/checkout) and run again.");
    public static readonly ErrorDescriptor HookExists = new("FK7004", ErrorCategory.Git, ErrorSeverity.High, RecoveryStrategy.None,
        "A git hook exists that Flagkeeper did not write", "Merge it by hand, or pass --force to replace it (the old hook is kept as <hook>.flagkeeper-backup).");
    public static readonly ErrorDescriptor HookCommandUnusable = new("FK7005", ErrorCategory.Git, ErrorSeverity.High, RecoveryStrategy.None,
        "The command the git hooks would run does not start Flagkeeper", "Install the tool first (docs/cli.md#git-hooks), or pass --command with a command that runs it; no hook was written.");

    // Caches.
    public static readonly ErrorDescriptor CacheCorrupt = new("FK8001", ErrorCategory.Cache, ErrorSeverity.Low, RecoveryStrategy.Rebuild,
        "The scan cache was unreadable and was rebuilt", "Nothing to do: the cache was discarded and written again from this scan.");
    public static readonly ErrorDescriptor CacheWriteFailed = new("FK8002", ErrorCategory.Cache, ErrorSeverity.Low, RecoveryStrategy.SkipAndReport,
        "The scan cache could not be written", "Check that the cache folder (scan.cacheDir) is writable; the scan result is complete, the next run is just slower.");

    // Internal.
    public static readonly ErrorDescriptor Internal = new("FK9001", ErrorCategory.Internal, ErrorSeverity.Critical, RecoveryStrategy.None,
        "Internal error", "This is a bug in Flagkeeper. Re-run with --verbose and report the output.");

    /// <summary>Every descriptor, in code order.</summary>
    public static IReadOnlyList<ErrorDescriptor> All { get; } =
    [
        ConfigSyntax, ConfigUnknownKey, ConfigInvalidValue, ConfigRegistryNotFound, InvalidArgument, RootNotFound, ConfigDuplicateKey,
        LiveStoreNotConfigured, LiveStoreUnreachable, LiveStoreRefused, KeySourceNotFound,
        FileUnreadable, FileTooLarge, FileNotFound, FileEncoding, BaselineInvalid,
        RegistrySyntax, RegistryEmpty, RegistryUnknownField, RegistryWrongType, RegistryVersion, RegistryTooDeep,
        RegistryTooManyNodes, RegistryNotFound, FlagNotFound, EditRejected, RegistryLocked, AmbiguousRegistry, FlagExists,
        RegistryDuplicateKey, UnsupportedEdit, RegistryNotEvaluable, RegistryExists,
        InvalidValue,
        FileSkipped, TimedOut, KeySourceMemberSkipped,
        PatternInvalid, PatternTimeout,
        GitRefUnknown, GitUnavailable, GitHistoryShallow, HookExists, HookCommandUnusable,
        CacheCorrupt, CacheWriteFailed,
        Internal,
    ];
}
