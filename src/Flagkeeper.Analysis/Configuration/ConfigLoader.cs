using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Registry;

namespace Flagkeeper.Analysis.Configuration;

/// <summary>The configuration, or the errors that made it unusable (each with file:line:col).</summary>
public sealed record ConfigLoadResult(FlagkeeperConfig Config, IReadOnlyList<FlagkeeperError> Errors);

/// <summary>
/// Loads <c>flagkeeper.yaml</c> (or <c>.yml</c>) from the root. Absent file: defaults. Unknown keys
/// and values of the wrong type are errors with their position, so a typo never passes silently.
/// </summary>
public static class ConfigLoader
{
    public static IReadOnlyList<string> FileNames { get; } = ["flagkeeper.yaml", "flagkeeper.yml"];

    private static readonly string[] TopLevelKeys =
    [
        "version", "registries", "appsettings", "include", "exclude", "keyMatching", "sdks", "envPrefixes", "patterns",
        "production", "commits", "gates", "rules", "expiringSoonDays", "scan", "live", "perf", "wrappers",
        "keySources",
    ];

    private static readonly string[] PatternKeys = ["id", "regex", "files"];
    private static readonly string[] CommitKeys = ["preset", "types", "pattern", "exempt"];
    private static readonly string[] ScanKeys = ["maxFileSize", "cacheDir", "extensions"];
    private static readonly string[] LiveKeys = ["redis", "namespace"];
    private static readonly string[] WrapperKeys = ["include", "exclude"];
    private static readonly string[] KeySourceKeys = ["file", "name"];
    private static readonly string[] PerfKeys = ["baselineRuns", "time", "memory"];
    private static readonly string[] PerfTimeKeys = ["threshold", "minDeltaMs"];
    private static readonly string[] PerfMemoryKeys = ["threshold", "minDeltaMB"];

    public static ConfigLoadResult Load(string root)
    {
        foreach (var name in FileNames)
        {
            var path = Path.Combine(root, name);
            if (File.Exists(path))
            {
                return LoadFile(path, name);
            }
        }
        return new ConfigLoadResult(FlagkeeperConfig.Default, []);
    }

    public static ConfigLoadResult LoadFile(string fullPath, string displayPath)
    {
        var (text, error) = DocumentReader.ReadFileText(fullPath, displayPath, DocumentLimits.Default);
        if (error is not null)
        {
            return new ConfigLoadResult(FlagkeeperConfig.Default, [error]);
        }
        return Parse(displayPath, text!);
    }

    public static ConfigLoadResult Parse(string displayPath, string text)
    {
        var read = DocumentReader.Read(displayPath, text, DocumentFormat.Yaml, DocumentLimits.Default, ErrorCodes.ConfigSyntax);
        if (read.Error is not null)
        {
            return new ConfigLoadResult(FlagkeeperConfig.Default, [read.Error]);
        }
        if (read.Root is null)
        {
            // An empty configuration file means "all defaults".
            return new ConfigLoadResult(FlagkeeperConfig.Default with { SourcePath = displayPath }, []);
        }

        var binder = new NodeBinder(displayPath, ErrorCodes.ConfigUnknownKey, ErrorCodes.ConfigInvalidValue, ErrorCodes.ConfigDuplicateKey);
        var config = Bind(binder, read.Root, displayPath);
        return new ConfigLoadResult(config, binder.Errors);
    }

    private static FlagkeeperConfig Bind(NodeBinder binder, DocNode root, string displayPath)
    {
        var config = FlagkeeperConfig.Default with { SourcePath = displayPath };
        if (binder.Mapping(root, "the configuration") is not { } map)
        {
            return config;
        }
        binder.RejectUnknownKeys(map, TopLevelKeys, "flagkeeper.yaml");
        binder.RejectDuplicateKeys(map, "flagkeeper.yaml");

        foreach (var entry in map.Entries)
        {
            var value = entry.Value;
            var key = entry.Key.Value;
            switch (key)
            {
                case "version":
                    if (binder.WholeNumber(value, key) is { } version && version != 1)
                    {
                        binder.Error(ErrorCodes.ConfigInvalidValue, $"configuration version {version} is not supported; use 1", value);
                    }
                    break;
                case "registries":
                    var registries = binder.StringList(value, key);
                    config = config with
                    {
                        Registries = registries.Select(r => r.Value).ToList(),
                        RegistryLocations = registries.GroupBy(r => r.Value).ToDictionary(g => g.Key, g => binder.At(g.First().Node)),
                    };
                    break;
                case "appsettings": config = config with { AppSettings = binder.Boolean(value, key) ?? false }; break;
                case "include": config = config with { Include = Strings(binder, value, key) }; break;
                case "exclude": config = config with { Exclude = Strings(binder, value, key) }; break;
                case "sdks": config = config with { Sdks = KnownSdks(binder, value) }; break;
                case "envPrefixes": config = config with { EnvPrefixes = Strings(binder, value, key).OrderByDescending(p => p.Length).ToList() }; break;
                case "production": config = config with { Production = Strings(binder, value, key) }; break;
                case "keyMatching":
                    config = binder.Text(value, key) switch
                    {
                        "exact" => config with { KeyMatching = KeyMatching.Exact },
                        "loose" => config with { KeyMatching = KeyMatching.Loose },
                        var other => Invalid(binder, value, $"keyMatching must be 'exact' or 'loose', found '{other}'", config),
                    };
                    break;
                case "expiringSoonDays":
                    if (binder.WholeNumber(value, key) is { } days)
                    {
                        config = days is >= 0 and <= 3650 ? config with { ExpiringSoonDays = (int)days }
                            : Invalid(binder, value, "expiringSoonDays must be from 0 to 3650", config);
                    }
                    break;
                case "gates": config = config with { Gates = Gates(binder, value) }; break;
                case "rules": config = config with { Rules = Rules(binder, value) }; break;
                case "patterns": config = config with { Patterns = Patterns(binder, value) }; break;
                case "commits": config = config with { Commits = Commits(binder, value) }; break;
                case "scan": config = Scan(binder, value, config); break;
                case "live": config = config with { Live = Live(binder, value) }; break;
                case "wrappers": config = config with { Wrappers = Wrappers(binder, value) }; break;
                case "keySources": config = config with { KeySources = KeySources(binder, value) }; break;
                case "perf": config = config with { Perf = PerfConfigBinder.Bind(binder, value, PerfKeys, PerfTimeKeys, PerfMemoryKeys) }; break;
            }
        }
        return config;
    }

    private static FlagkeeperConfig Invalid(NodeBinder binder, DocNode node, string message, FlagkeeperConfig config)
    {
        binder.Error(ErrorCodes.ConfigInvalidValue, message, node);
        return config;
    }

    private static List<string> Strings(NodeBinder binder, DocNode node, string what) =>
        binder.StringList(node, what).Select(x => x.Value).ToList();

    /// <summary>The <c>sdks:</c> list; an id the scanner does not know is an error at its place (ids match in any case).</summary>
    private static List<string> KnownSdks(NodeBinder binder, DocNode node)
    {
        var sdks = new List<string>();
        foreach (var (id, at) in binder.StringList(node, "sdks"))
        {
            if (Scanning.Catalog.Sdks.Find(id) is not null)
            {
                sdks.Add(id);
                continue;
            }
            var known = Scanning.Catalog.Sdks.All.Select(s => s.Id).ToList();
            var guess = Suggestions.Closest(id, known);
            binder.Error(ErrorCodes.ConfigInvalidValue,
                $"unknown SDK '{id}' in sdks{(guess is null ? "" : $"; did you mean '{guess}'?")} (known SDKs: {string.Join(", ", known)})", at);
        }
        return sdks;
    }

    private static List<string> Gates(NodeBinder binder, DocNode node)
    {
        var gates = new List<string>();
        foreach (var (gate, at) in binder.StringList(node, "gates"))
        {
            if (RuleCatalog.Gates.Contains(gate))
            {
                gates.Add(gate);
            }
            else
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, $"unknown gate '{gate}'; known gates: {string.Join(", ", RuleCatalog.Gates)}", at);
            }
        }
        return gates;
    }

    private static Dictionary<string, RuleSeverity> Rules(NodeBinder binder, DocNode node)
    {
        var rules = new Dictionary<string, RuleSeverity>(StringComparer.Ordinal);
        if (binder.Mapping(node, "rules") is not { } map)
        {
            return rules;
        }
        binder.RejectUnknownKeys(map, RuleCatalog.AllRuleIds, "rules");
        binder.RejectDuplicateKeys(map, "rules");
        foreach (var entry in map.Entries)
        {
            // YAML reads a bare `off` as text here (we do not use YAML 1.1 booleans).
            var text = binder.Text(entry.Value, $"rules: {entry.Key.Value}");
            if (RuleSeverities.TryParse(text, out var severity))
            {
                rules[entry.Key.Value] = severity;
            }
            else
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, $"rules: {entry.Key.Value} must be error, warning or off, found '{text}'", entry.Value);
            }
        }
        return rules;
    }

    private static List<CustomPattern> Patterns(NodeBinder binder, DocNode node) =>
        MappingList(binder, node, "patterns must be a list", "a pattern", PatternKeys, (map, item) =>
        {
            var id = map.Find("id") is { } idEntry ? binder.Text(idEntry.Value, "pattern id") : null;
            var regex = map.Find("regex") is { } regexEntry ? binder.Text(regexEntry.Value, "pattern regex") : null;
            if (id is null || regex is null)
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, "a pattern needs an `id` and a `regex` (with a named group `key`)", item);
                return null;
            }
            var files = map.Find("files") is { } filesEntry ? Strings(binder, filesEntry.Value, "pattern files") : [];
            return new CustomPattern(id, regex, files, item.Start.Line);
        });

    /// <summary>A list of mappings with <paramref name="keys"/>, each bound by <paramref name="bind"/> (null: it said why, and is left out).</summary>
    private static List<T> MappingList<T>(NodeBinder binder, DocNode node, string notAList, string what, string[] keys, Func<MappingNode, DocNode, T?> bind)
        where T : class
    {
        var bound = new List<T>();
        if (node is not SequenceNode list)
        {
            binder.Error(ErrorCodes.ConfigInvalidValue, $"{notAList}, found {node.KindName}", node);
            return bound;
        }
        foreach (var item in list.Items)
        {
            if (binder.Mapping(item, what) is not { } map)
            {
                continue;
            }
            binder.RejectUnknownKeys(map, keys, what);
            binder.RejectDuplicateKeys(map, what);
            if (bind(map, item) is { } value)
            {
                bound.Add(value);
            }
        }
        return bound;
    }

    private static CommitConvention Commits(NodeBinder binder, DocNode node)
    {
        var commits = new CommitConvention();
        if (binder.Mapping(node, "commits") is not { } map)
        {
            return commits;
        }
        binder.RejectUnknownKeys(map, CommitKeys, "commits");
        binder.RejectDuplicateKeys(map, "commits");
        if (map.Find("preset") is { } preset)
        {
            commits = binder.Text(preset.Value, "commits: preset") switch
            {
                "conventional" => commits with { Preset = CommitPreset.Conventional },
                "flagkeeper" => commits with { Preset = CommitPreset.Flagkeeper },
                "none" => commits with { Preset = CommitPreset.None },
                null => commits,
                var other => InvalidPreset(binder, preset.Value, other, commits),
            };
        }
        if (map.Find("types") is { } types)
        {
            commits = commits with { CustomTypes = Strings(binder, types.Value, "commits: types") };
        }
        if (map.Find("pattern") is { } pattern && binder.Text(pattern.Value, "commits: pattern") is { } text)
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(text, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
                commits = commits with { Pattern = text };
            }
            catch (ArgumentException ex)
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, $"commits: pattern is not a valid regular expression: {ex.Message}", pattern.Value);
            }
        }
        if (map.Find("exempt") is { } exempt)
        {
            commits = commits with { Exempt = Strings(binder, exempt.Value, "commits: exempt") };
        }
        return commits;
    }

    private static CommitConvention InvalidPreset(NodeBinder binder, DocNode node, string found, CommitConvention commits)
    {
        var guess = Suggestions.Closest(found, PresetNames);
        binder.Error(ErrorCodes.ConfigInvalidValue,
            $"commits: preset must be conventional, flagkeeper or none, found '{found}'{(guess is null ? "" : $" (did you mean '{guess}'?)")}", node);
        return commits;
    }

    private static readonly string[] PresetNames = ["conventional", "flagkeeper", "none"];

    private static FlagkeeperConfig Scan(NodeBinder binder, DocNode node, FlagkeeperConfig config)
    {
        if (binder.Mapping(node, "scan") is not { } map)
        {
            return config;
        }
        binder.RejectUnknownKeys(map, ScanKeys, "scan");
        binder.RejectDuplicateKeys(map, "scan");
        if (map.Find("maxFileSize") is { } size && binder.WholeNumber(size.Value, "scan: maxFileSize") is { } bytes)
        {
            config = bytes is >= 1 and <= 1L << 32 ? config with { MaxFileSize = bytes }
                : Invalid(binder, size.Value, "scan: maxFileSize must be from 1 to 4294967296 bytes", config);
        }
        if (map.Find("cacheDir") is { } cache && binder.Text(cache.Value, "scan: cacheDir") is { } dir)
        {
            config = config with { CacheDirectory = dir };
        }
        if (map.Find("extensions") is { } extensions)
        {
            config = config with { ScanExtensions = Strings(binder, extensions.Value, "scan: extensions") };
        }
        return config;
    }

    /// <summary>The <c>wrappers:</c> section: method name patterns taken as wrappers (<c>include</c>) or never (<c>exclude</c>).</summary>
    private static WrapperRules Wrappers(NodeBinder binder, DocNode node)
    {
        if (binder.Mapping(node, "wrappers") is not { } map)
        {
            return WrapperRules.None;
        }
        binder.RejectUnknownKeys(map, WrapperKeys, "wrappers");
        binder.RejectDuplicateKeys(map, "wrappers");
        return new WrapperRules(NamePatterns(binder, map, "include"), NamePatterns(binder, map, "exclude"));
    }

    /// <summary>The <c>keySources:</c> list: each a <c>file</c> (root-relative) and the <c>name</c> declared in it.</summary>
    private static List<KeySource> KeySources(NodeBinder binder, DocNode node) =>
        MappingList(binder, node, "keySources must be a list of {file, name}", "a key source", KeySourceKeys, (map, item) =>
        {
            var file = map.Find("file") is { } fileEntry ? binder.Text(fileEntry.Value, "key source file") : null;
            var name = map.Find("name") is { } nameEntry ? binder.Text(nameEntry.Value, "key source name") : null;
            if (string.IsNullOrWhiteSpace(file) || string.IsNullOrWhiteSpace(name))
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, "a key source needs a `file` (relative to the root) and the `name` declared in it, e.g. {file: src/FeatureFlags.cs, name: FeatureFlags}", item);
                return null;
            }
            var relative = file.Replace('\\', '/');
            if (Path.IsPathRooted(relative) || relative.Split('/').Contains(".."))
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, $"key source file '{file}' must be a path under the root, like src/FeatureFlags.cs", item);
                return null;
            }
            if (!name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$'))
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, $"key source name '{name}' is not a declared name (a class, enum, type, map or const object, without dots)", item);
                return null;
            }
            return new KeySource(relative.StartsWith("./", StringComparison.Ordinal) ? relative[2..] : relative, name, binder.At(item));
        });

    /// <summary>A list of method names or patterns: letters, digits, '_', and the wildcards '*' and '?'.</summary>
    private static List<string> NamePatterns(NodeBinder binder, MappingNode map, string key)
    {
        var patterns = new List<string>();
        if (map.Find(key) is not { } entry)
        {
            return patterns;
        }
        foreach (var (pattern, at) in binder.StringList(entry.Value, $"wrappers: {key}"))
        {
            if (pattern.Length > 0 && pattern.All(c => char.IsLetterOrDigit(c) || c is '_' or '*' or '?'))
            {
                patterns.Add(pattern);
            }
            else
            {
                binder.Error(ErrorCodes.ConfigInvalidValue, $"wrappers: {key}: '{pattern}' is not a method name or a name pattern (letters, digits, '_', '*' and '?')", at);
            }
        }
        return patterns;
    }

    /// <summary>The <c>live:</c> section: where <c>flagkeeper live</c> finds the Redis store of live overrides.</summary>
    private static LiveConfig Live(NodeBinder binder, DocNode node)
    {
        var live = new LiveConfig();
        if (binder.Mapping(node, "live") is not { } map)
        {
            return live;
        }
        binder.RejectUnknownKeys(map, LiveKeys, "live");
        binder.RejectDuplicateKeys(map, "live");
        if (map.Find("redis") is { } redis && binder.Text(redis.Value, "live: redis") is { } connection)
        {
            live = string.IsNullOrWhiteSpace(connection)
                ? Invalid(binder, redis.Value, "live: redis must name a Redis server, for example 127.0.0.1:6379", live)
                : live with { Redis = connection };
        }
        if (map.Find("namespace") is { } ns && binder.Text(ns.Value, "live: namespace") is { } name)
        {
            live = LiveConfig.IsValidNamespace(name)
                ? live with { Namespace = name }
                : Invalid(binder, ns.Value, $"live: namespace '{name}' must be 1-100 letters, digits, '.', '_' or '-'", live);
        }
        return live;
    }

    private static LiveConfig Invalid(NodeBinder binder, DocNode node, string message, LiveConfig live)
    {
        binder.Error(ErrorCodes.ConfigInvalidValue, message, node);
        return live;
    }
}
