using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Registry;

namespace Flagkeeper.Loading;

/// <summary>The outcome of reading one registry: the registry, or the errors that stopped it.</summary>
public sealed record RegistryLoadResult(FlagRegistry? Registry, IReadOnlyList<FlagkeeperError> Errors)
{
    public bool Succeeded => Registry is not null && Errors.Count == 0;

    /// <summary>The parsed document, kept so an editor need not parse the same text again.</summary>
    internal DocNode? Document { get; init; }

    /// <summary>The fast reader read the whole YAML text: one region of it may be read again on its own (<see cref="RegistryRegionReader"/>).</summary>
    internal bool Plain => PlainNodes > 0;

    /// <summary>The nodes of the text when <see cref="Plain"/>, as counted against the node limit; else 0.</summary>
    internal int PlainNodes { get; init; }

    /// <summary>Set when only an edited region was read again (<see cref="RegistryRegionReader"/>); null after a whole read.</summary>
    internal EditedRegion? Region { get; init; }
}

/// <summary>
/// What a region read of an edit read again: the keys of the flags in the region, before and after the edit (every other
/// flag is the same flag, at most moved by whole lines), and the edited registry with the later flags not moved yet.
/// That one holds the same values as the edited registry and differs only in the later flags' lines.
/// </summary>
internal sealed record EditedRegion(IReadOnlySet<string> ChangedKeys, FlagRegistry Unmoved);

/// <summary>
/// Reads <c>flags.yaml</c> / <c>flags.yml</c> / <c>flags.json</c> (schema version 1) into a
/// <see cref="FlagRegistry"/>. Structural problems (syntax, wrong types, unknown fields, an empty
/// file) are errors; rule violations (a missing owner, a bad rollout) are left to
/// <see cref="Validation.RegistryValidator"/> so they can be reported with severities.
/// </summary>
public static partial class RegistryReader
{
    public const int SupportedVersion = 1;

    /// <summary>File names that are registries wherever they appear, in order of preference.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["flags.yaml", "flags.yml", "flags.json"];

    internal static readonly string[] TopLevelFields = ["version", "environments", "flags"];

    internal static readonly string[] FlagFields =
        ["description", "owner", "type", "expires", "enabled", "default", "rollout", "environments", "requires", "aliases", "created", "task", "tags", "targeting"];

    internal static readonly string[] OverrideFields = ["enabled", "rollout", "targeting"];

    public static RegistryLoadResult ReadFile(string fullPath, string displayPath, DocumentLimits? limits = null) =>
        ReadFile(fullPath, displayPath, limits, keepSource: false);

    /// <param name="keepSource">Keep the text and tree in <see cref="FlagRegistry.Source"/>, for an edit to reuse.</param>
    /// <param name="keepTree">
    /// With <paramref name="keepSource"/>: keep the flags' tree of a registry read in chunks too (it is dropped chunk by
    /// chunk otherwise), for an edit of every flag.
    /// </param>
    internal static RegistryLoadResult ReadFile(string fullPath, string displayPath, DocumentLimits? limits, bool keepSource, bool keepTree = false)
    {
        limits ??= DocumentLimits.Default;
        var (text, error) = DocumentReader.ReadFileText(fullPath, displayPath, limits);
        return error is not null
            ? new RegistryLoadResult(null, [error])
            : Read(fullPath, displayPath, text!, limits, keepSource, SplitParts(text!.Length), keepTree && keepSource);
    }

    public static RegistryLoadResult Read(string fullPath, string displayPath, string text, DocumentLimits? limits = null) =>
        Read(fullPath, displayPath, text, limits, keepSource: false);

    internal static RegistryLoadResult Read(string fullPath, string displayPath, string text, DocumentLimits? limits, bool keepSource) =>
        Read(fullPath, displayPath, text, limits, keepSource, SplitParts(text.Length));

    /// <param name="parts">Read the flags in this many parts in parallel when the text allows it (1: whole, on this thread).</param>
    /// <param name="keepTree">Read in parts, keep the parts' trees too: the source's document is then the whole tree.</param>
    internal static RegistryLoadResult Read(string fullPath, string displayPath, string text, DocumentLimits? limits, bool keepSource, int parts, bool keepTree = false)
    {
        limits ??= DocumentLimits.Default;
        var format = DocumentReader.FormatOf(fullPath);
        if (format == DocumentFormat.Yaml && parts > 1
            && PlainYamlSplitReader.TryRead(text, "flags", parts, limits, entries => BindPart(displayPath, entries), keepEntries: keepTree) is { } split)
        {
            // Unless kept, the flags' tree went with each chunk: an edit gets the text and where each flag is instead.
            var parted = new DocumentReadResult(split.Root, null) { PlainNodes = split.Nodes };
            return Bound(fullPath, displayPath, text, parted, RegistrySourceKind.Yaml, keepSource, split.Parts, split.End, keepTree);
        }
        var read = DocumentReader.Read(displayPath, text, format, limits, ErrorCodes.RegistrySyntax);
        if (read.Error is not null)
        {
            return new RegistryLoadResult(null, [read.Error]);
        }
        if (read.Root is null)
        {
            return new RegistryLoadResult(null,
                [ErrorCodes.RegistryEmpty.Create("the registry is empty; expected `version: 1` and a `flags:` mapping", new SourceLocation(displayPath, 1, 1))]);
        }
        return Bound(fullPath, displayPath, text, read, format == DocumentFormat.Json ? RegistrySourceKind.Json : RegistrySourceKind.Yaml, keepSource, bound: null, flagsEnd: 0, treeKept: true);
    }

    /// <param name="bound">The flags bound in chunks (the document then holds none of their entries), or null.</param>
    /// <param name="flagsEnd">With <paramref name="bound"/>: where the flags' lines end.</param>
    /// <param name="treeKept">The document holds every flag's entry (always so when not <paramref name="bound"/>).</param>
    private static RegistryLoadResult Bound(string fullPath, string displayPath, string text, DocumentReadResult read, RegistrySourceKind kind, bool keepSource, BoundPart[]? bound, int flagsEnd, bool treeKept)
    {
        var binder = CreateBinder(displayPath);
        var registry = Bind(binder, read.Root!, fullPath, displayPath, kind, bound);
        var document = treeKept ? read.Root : null;
        if (keepSource && registry is not null)
        {
            var lines = bound is not null ? Lines(bound, flagsEnd) : read.PlainNodes > 0 ? EntryLines.Of(read.Root, "flags", text.Length) : null;
            registry = registry with { Source = new RegistrySource(text, document, read.PlainNodes) { Lines = lines } };
        }
        return new RegistryLoadResult(binder.Errors.Count == 0 ? registry : null, binder.Errors) { Document = document, PlainNodes = read.PlainNodes };
    }

    internal static NodeBinder CreateBinder(string displayPath) =>
        new(displayPath, ErrorCodes.RegistryUnknownField, ErrorCodes.RegistryWrongType, ErrorCodes.RegistryDuplicateKey);

    /// <param name="bound">The flags' entries already bound, in parts, in order (<see cref="BindPart"/>); null to bind them here.</param>
    private static FlagRegistry? Bind(NodeBinder binder, DocNode root, string fullPath, string displayPath, RegistrySourceKind kind, BoundPart[]? bound)
    {
        var top = binder.Mapping(root, "the registry");
        if (top is null)
        {
            return null;
        }
        binder.RejectUnknownKeys(top, TopLevelFields, "the registry");
        binder.RejectDuplicateKeys(top, "the registry");

        var version = SupportedVersion;
        if (top.Find("version") is { } versionEntry && binder.WholeNumber(versionEntry.Value, "version") is { } v)
        {
            version = (int)Math.Clamp(v, int.MinValue, int.MaxValue);
            if (v != SupportedVersion)
            {
                binder.Error(ErrorCodes.RegistryVersion, $"registry version {v} is not supported; this Flagkeeper reads version {SupportedVersion}", versionEntry.Value);
            }
        }

        IReadOnlyList<string>? environments = null;
        if (top.Find("environments") is { } envEntry)
        {
            environments = binder.StringList(envEntry.Value, "environments").Select(e => e.Value).ToList();
        }

        var flags = new List<FlagDefinition>();
        var duplicates = new List<FlagReference>();
        var byKey = new Dictionary<string, FlagDefinition>(StringComparer.Ordinal);
        if (top.Find("flags") is { } flagsEntry && !(flagsEntry.Value is ScalarNode { IsNull: true }))
        {
            if (binder.Mapping(flagsEntry.Value, "flags") is { } flagsMap)
            {
                var count = bound?.Sum(part => part.Flags.Length) ?? flagsMap.Entries.Count;
                byKey.EnsureCapacity(count);
                flags.Capacity = count;
                foreach (var flag in BoundFlags(binder, flagsMap, bound))
                {
                    if (flag is null)
                    {
                        continue;
                    }
                    if (byKey.TryAdd(flag.Key, flag))
                    {
                        flags.Add(flag);
                    }
                    else
                    {
                        duplicates.Add(new FlagReference(flag.Key, flag.Location));
                    }
                }
            }
        }

        return new FlagRegistry
        {
            FullPath = fullPath,
            DisplayPath = displayPath,
            Kind = kind,
            Version = version,
            Environments = environments,
            Flags = flags,
            DuplicateKeys = duplicates,
        }.WithIndex(byKey);
    }

    /// <summary>One entry of <c>flags:</c>; null (with the binder's error) when it is not a mapping.</summary>
    internal static FlagDefinition? BindFlag(NodeBinder binder, MappingEntry entry)
    {
        var key = entry.KeyText;
        var where = new Place("flag '", key, "'");
        var location = binder.At(entry.KeyStart);
        if (entry.Value is ScalarNode { IsNull: true })
        {
            // `my-flag:` with nothing under it: registered, with every required field missing.
            return new FlagDefinition { Key = key, Location = location };
        }
        var map = binder.Mapping(entry.Value, where);
        if (map is null)
        {
            return null;
        }
        binder.RejectUnknownKeys(map, FlagFields, where);
        binder.RejectDuplicateKeys(map, where);

        var fields = FieldLocations(binder, map);

        return new FlagDefinition
        {
            Key = key,
            Location = location,
            Description = Field(map, "description") is { } d ? binder.Text(d, where, "description") : null,
            Owner = Field(map, "owner") is { } o ? binder.Text(o, where, "owner") : null,
            TypeText = Field(map, "type") is { } t ? binder.Text(t, where, "type") : null,
            ExpiresText = Field(map, "expires") is { } e ? binder.Text(e, where, "expires") : null,
            Enabled = Field(map, "enabled") is { } en && binder.Boolean(en, where, "enabled") is true,
            Default = Field(map, "default") is { } df && binder.Boolean(df, where, "default") is true,
            Rollout = Field(map, "rollout") is { } r ? binder.Number(r, where, "rollout", allowPercent: true) : null,
            Environments = Field(map, "environments") is { } envs ? BindOverrides(binder, envs, key) : [],
            Requires = Field(map, "requires") is { } req ? References(binder, req, where) : [],
            Aliases = Field(map, "aliases") is { } al ? binder.Strings(al, where, "aliases") : [],
            Tags = Field(map, "tags") is { } tg ? binder.Strings(tg, where, "tags") : [],
            CreatedText = Field(map, "created") is { } c ? binder.Text(c, where, "created") : null,
            Task = Field(map, "task") is { } tk ? binder.Text(tk, where, "task") : null,
            FieldLocations = fields,
            Targeting = TargetingBinder.Bind(binder, map, where),
        };
    }

    private static DocNode? Field(MappingNode map, string name) => map.Find(name)?.Value;

    private static FlagReference[] References(NodeBinder binder, DocNode node, Place where)
    {
        var items = binder.StringList(node, where, "requires");
        var references = new FlagReference[items.Count];
        for (var i = 0; i < references.Length; i++)
        {
            references[i] = new FlagReference(items[i].Value, binder.At(items[i].Node));
        }
        return references;
    }

    /// <summary>Where each field's value is, the first of a repeated field (an error anyway).</summary>
    private static FieldLocationMap FieldLocations(NodeBinder binder, MappingNode map)
    {
        var entries = map.Entries;
        var fields = new FieldLocationMap.Field[entries.Count];
        var count = 0;
        for (var e = 0; e < entries.Count; e++)
        {
            var field = entries[e];
            var repeated = false;
            for (var i = 0; i < count && !repeated; i++)
            {
                repeated = fields[i].Name == field.KeyText;
            }
            if (!repeated)
            {
                var start = field.Value.Start;
                fields[count++] = new(field.KeyText, start.Line, start.Column);
            }
        }
        return new FieldLocationMap(binder.DisplayPath, count == fields.Length ? fields : fields[..count]);
    }

    private static EnvironmentOverride[] BindOverrides(NodeBinder binder, DocNode node, string key)
    {
        if (node is ScalarNode { IsNull: true } || binder.Mapping(node, new Place("flag '", key, "': environments")) is not { } map)
        {
            return [];
        }
        binder.RejectDuplicateKeys(map, new Place("flag '", key, "': environments"));
        var entries = map.Entries;
        // An exact-size array (no list around it): it lives as long as the registry.
        var result = new EnvironmentOverride[entries.Count];
        var count = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (BindOverride(binder, entries[i], key) is { } bound)
            {
                result[count++] = bound;
            }
        }
        return count == result.Length ? result : result[..count];
    }

    /// <summary>One entry of a flag's <c>environments:</c>; null (with the binder's error) when it is not a mapping.</summary>
    internal static EnvironmentOverride? BindOverride(NodeBinder binder, MappingEntry entry, string key)
    {
        var envWhere = new Place("flag '", key, "': environment '", entry.KeyText, "'");
        if (entry.Value is ScalarNode { IsNull: true })
        {
            return new EnvironmentOverride(entry.KeyText, null, null, binder.At(entry.KeyStart));
        }
        if (binder.Mapping(entry.Value, envWhere) is not { } envMap)
        {
            return null;
        }
        binder.RejectUnknownKeys(envMap, OverrideFields, envWhere);
        binder.RejectDuplicateKeys(envMap, envWhere);
        return new EnvironmentOverride(
            entry.KeyText,
            envMap.Find("enabled") is { } en ? binder.Boolean(en.Value, envWhere, "enabled") : null,
            envMap.Find("rollout") is { } r ? binder.Number(r.Value, envWhere, "rollout", allowPercent: true) : null,
            binder.At(entry.KeyStart)) { Targeting = TargetingBinder.Bind(binder, envMap, envWhere) };
    }
}
