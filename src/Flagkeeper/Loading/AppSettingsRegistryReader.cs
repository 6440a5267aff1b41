using System.Globalization;
using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Registry;

namespace Flagkeeper.Loading;

/// <summary>
/// Reads the flags declared in an <c>appsettings*.json</c> in Microsoft.FeatureManagement's formats
/// as a read-only registry: the .NET schema (<c>"FeatureManagement": { "Flag": true | { "EnabledFor": [...] } }</c>)
/// and the Microsoft schema (<c>"feature_management": { "feature_flags": [ { "id": ... } ] }</c>).
/// Those formats carry no owner, type or expiry, so validation reports them as missing.
/// Section names are matched ignoring case, as IConfiguration does.
/// </summary>
public static class AppSettingsRegistryReader
{
    /// <summary>True for appsettings.json and appsettings.{Environment}.json.</summary>
    public static bool IsAppSettingsFile(string fileName) =>
        fileName.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static RegistryLoadResult ReadFile(string fullPath, string displayPath, DocumentLimits? limits = null)
    {
        limits ??= DocumentLimits.Default;
        var (text, error) = DocumentReader.ReadFileText(fullPath, displayPath, limits);
        return error is not null ? new RegistryLoadResult(null, [error]) : Read(fullPath, displayPath, text!, limits);
    }

    /// <summary>As <see cref="ReadFile"/> for text already read (the flag cache parses the very bytes it hashed).</summary>
    internal static RegistryLoadResult Read(string fullPath, string displayPath, string text, DocumentLimits limits)
    {
        var read = DocumentReader.Read(displayPath, text, DocumentFormat.Json, limits, ErrorCodes.RegistrySyntax);
        if (read.Error is not null)
        {
            return new RegistryLoadResult(null, [read.Error]);
        }

        var flags = new List<FlagDefinition>();
        var binder = new NodeBinder(displayPath, ErrorCodes.RegistryUnknownField, ErrorCodes.RegistryWrongType, ErrorCodes.RegistryDuplicateKey);
        if (read.Root is MappingNode root)
        {
            if (Section(root, "FeatureManagement") is MappingNode dotnet)
            {
                ReadDotnetSchema(binder, dotnet, flags);
            }
            if (Section(root, "feature_management") is MappingNode microsoft && Section(microsoft, "feature_flags") is SequenceNode list)
            {
                ReadMicrosoftSchema(binder, list, flags);
            }
        }
        var registry = new FlagRegistry { FullPath = fullPath, DisplayPath = displayPath, Kind = RegistrySourceKind.AppSettings, Flags = flags };
        return new RegistryLoadResult(binder.Errors.Count == 0 ? registry : null, binder.Errors);
    }

    private static void ReadDotnetSchema(NodeBinder binder, MappingNode section, List<FlagDefinition> flags)
    {
        foreach (var entry in section.Entries)
        {
            // Newer versions nest the Microsoft schema's list here too.
            if (entry.Key.Value.Equals("feature_flags", StringComparison.OrdinalIgnoreCase) && entry.Value is SequenceNode nested)
            {
                ReadMicrosoftSchema(binder, nested, flags);
                continue;
            }
            var location = binder.At(entry.Key);
            switch (entry.Value)
            {
                case ScalarNode scalar:
                    flags.Add(new FlagDefinition { Key = entry.Key.Value, Location = location, Enabled = string.Equals(scalar.Value, "true", StringComparison.OrdinalIgnoreCase) });
                    break;
                case MappingNode map:
                    var filters = Section(map, "EnabledFor") as SequenceNode;
                    var disabled = Section(map, "Status") is ScalarNode { Value: var status } && status.Equals("Disabled", StringComparison.OrdinalIgnoreCase);
                    flags.Add(new FlagDefinition
                    {
                        Key = entry.Key.Value,
                        Location = location,
                        Enabled = !disabled && filters is { Items.Count: > 0 },
                        Rollout = filters is null ? null : RolloutOf(filters),
                    });
                    break;
                default:
                    binder.Error(ErrorCodes.RegistryWrongType, $"feature '{entry.Key.Value}' must be true, false or a mapping", entry.Value);
                    break;
            }
        }
    }

    private static void ReadMicrosoftSchema(NodeBinder binder, SequenceNode list, List<FlagDefinition> flags)
    {
        foreach (var item in list.Items)
        {
            if (item is not MappingNode map || Section(map, "id") is not ScalarNode { IsNull: false } id)
            {
                binder.Error(ErrorCodes.RegistryWrongType, "each feature_flags item must be a mapping with an \"id\"", item);
                continue;
            }
            var filters = Section(map, "conditions") is MappingNode conditions ? Section(conditions, "client_filters") as SequenceNode : null;
            flags.Add(new FlagDefinition
            {
                Key = id.Value,
                Location = binder.At(id),
                Description = (Section(map, "description") as ScalarNode)?.Value,
                Enabled = Section(map, "enabled") is ScalarNode { Value: var enabled } && enabled.Equals("true", StringComparison.OrdinalIgnoreCase),
                Rollout = filters is null ? null : RolloutOf(filters),
            });
        }
    }

    /// <summary>The percentage of a Percentage filter, or the default rollout of a Targeting filter.</summary>
    private static double? RolloutOf(SequenceNode filters)
    {
        foreach (var filter in filters.Items.OfType<MappingNode>())
        {
            var name = (Section(filter, "Name") as ScalarNode)?.Value ?? "";
            if (Section(filter, "Parameters") is not MappingNode parameters)
            {
                continue;
            }
            var value = name.EndsWith("Percentage", StringComparison.OrdinalIgnoreCase) ? Section(parameters, "Value")
                : name.EndsWith("Targeting", StringComparison.OrdinalIgnoreCase) && Section(parameters, "Audience") is MappingNode audience
                    ? Section(audience, "DefaultRolloutPercentage")
                    : null;
            if (value is ScalarNode scalar && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
            {
                return percent;
            }
        }
        return null;
    }

    private static DocNode? Section(MappingNode map, string name) =>
        map.Entries.FirstOrDefault(e => e.Key.Value.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;
}
