using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Diagnostics;
using Flagkeeper.Loading;
using Flagkeeper.Registry;
using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// The JSON Schemas in <c>schemas/</c> are well-formed, name exactly what the code knows (fields, SDKs,
/// gates, rules, error categories), and accept every registry, configuration and JSON example the
/// repository ships: samples, docs and test fixtures.
/// </summary>
public partial class SchemaTests
{
    // ---------------------------------------------------------------- the schemas themselves

    /// <summary>
    /// Draft-07 keywords. A schema validator ignores a keyword it does not know, so a typo such as
    /// `requried` would silently validate nothing; this list catches it (a meta-schema would not).
    /// Left out: those NJsonSchema does not enforce, so these tests could not catch what they say
    /// (`const`: write `enum` with one value; `if`/`then`/`else`: write `anyOf`; `propertyNames`: list the
    /// `properties` and forbid others).
    /// </summary>
    private static readonly HashSet<string> Keywords =
    [
        "$schema", "$id", "$ref", "$comment", "title", "description", "default", "examples", "definitions",
        "type", "enum", "properties", "patternProperties", "additionalProperties", "required",
        "items", "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "minLength", "maxLength", "pattern",
        "format", "oneOf", "anyOf", "allOf", "not",
    ];

    private static readonly HashSet<string> Types = ["object", "array", "string", "number", "integer", "boolean", "null"];

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void Schema_is_well_formed_draft_07(string name)
    {
        var path = Path.Combine(SchemaFiles.Folder, name);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        Assert.Equal("http://json-schema.org/draft-07/schema#", root.GetProperty("$schema").GetString());
        Assert.Equal($"https://raw.githubusercontent.com/flagkeeper/flagkeeper/main/schemas/{name}", root.GetProperty("$id").GetString());
        var problems = new List<string>();
        CheckSchema(root, "#", problems, name);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.NotNull(SchemaFiles.Load(name)); // NJsonSchema reads it and resolves its references
    }

    public static TheoryData<string> SchemaNames() => [.. SchemaFiles.All];

    [Fact]
    public void Every_file_in_schemas_is_tested()
    {
        var files = Directory.GetFiles(SchemaFiles.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(SchemaFiles.All.Order(StringComparer.Ordinal), files);
    }

    private static void CheckSchema(JsonElement schema, string at, List<string> problems, string file)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind == JsonValueKind.False)
        {
            return;
        }
        if (schema.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{at}: a schema must be an object or a boolean");
            return;
        }
        foreach (var keyword in schema.EnumerateObject())
        {
            var here = $"{at}/{keyword.Name}";
            var value = keyword.Value;
            if (!Keywords.Contains(keyword.Name))
            {
                problems.Add($"{here}: not a draft-07 keyword");
                continue;
            }
            switch (keyword.Name)
            {
                case "properties" or "patternProperties" or "definitions":
                    foreach (var child in value.EnumerateObject())
                    {
                        if (keyword.Name == "patternProperties")
                        {
                            CheckPattern(child.Name, here, problems);
                        }
                        CheckSchema(child.Value, $"{here}/{child.Name}", problems, file);
                    }
                    break;
                case "items" or "additionalProperties" or "propertyNames" or "not":
                    CheckSchema(value, here, problems, file);
                    break;
                case "oneOf" or "anyOf" or "allOf":
                    var index = 0;
                    foreach (var child in value.EnumerateArray())
                    {
                        CheckSchema(child, $"{here}/{index++}", problems, file);
                    }
                    break;
                case "type":
                    var names = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(t => t.GetString()!) : [value.GetString()!];
                    problems.AddRange(names.Where(t => !Types.Contains(t)).Select(t => $"{here}: unknown type '{t}'"));
                    break;
                case "pattern":
                    CheckPattern(value.GetString()!, here, problems);
                    break;
                case "$ref":
                    CheckReference(value.GetString()!, here, problems, file);
                    break;
                case "required" when schema.TryGetProperty("properties", out var properties):
                    problems.AddRange(value.EnumerateArray().Select(r => r.GetString()!)
                        .Where(r => !properties.TryGetProperty(r, out _)).Select(r => $"{here}: '{r}' is required but not a property"));
                    break;
            }
        }
    }

    private static void CheckPattern(string pattern, string at, List<string> problems)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.ECMAScript);
        }
        catch (ArgumentException ex)
        {
            problems.Add($"{at}: pattern '{pattern}' does not compile: {ex.Message}");
        }
    }

    /// <summary>A reference names a definition that exists: in this file, or in a sibling file of schemas/.</summary>
    private static void CheckReference(string reference, string at, List<string> problems, string file)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var target = hash <= 0 ? file : reference[..hash];
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        var path = Path.Combine(SchemaFiles.Folder, target);
        if (!File.Exists(path))
        {
            problems.Add($"{at}: '{reference}' names a missing file");
            return;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var node = document.RootElement;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                problems.Add($"{at}: '{reference}' does not resolve");
                return;
            }
        }
    }

    // ---------------------------------------------------------------- the schemas name what the code knows

    [Fact]
    public void Registry_schema_has_exactly_the_fields_the_reader_accepts()
    {
        using var schema = Schema(SchemaFiles.Registry);
        var root = schema.RootElement;
        Assert.Equal(PrivateStrings(typeof(RegistryReader), "TopLevelFields"), PropertyNames(root));
        var flag = root.GetProperty("definitions").GetProperty("flag");
        Assert.Equal(PrivateStrings(typeof(RegistryReader), "FlagFields").Order(StringComparer.Ordinal), PropertyNames(flag).Order(StringComparer.Ordinal));
        Assert.Equal(PrivateStrings(typeof(RegistryReader), "OverrideFields"), PropertyNames(root.GetProperty("definitions").GetProperty("override")));
        Assert.Equal(FlagTypes.Names, Enum(flag.GetProperty("properties").GetProperty("type")));
    }

    /// <summary>Keys the schema already lists for work arriving on another branch (commits.preset: the commit presets).</summary>
    private static readonly string[] PendingConfigKeys = [];

    [Fact]
    public void Config_schema_has_exactly_the_keys_the_loader_accepts()
    {
        using var schema = Schema(SchemaFiles.Config);
        var root = schema.RootElement;
        var code = new List<string>(PrivateStrings(typeof(ConfigLoader), "TopLevelKeys"));
        code.AddRange(PrivateStrings(typeof(ConfigLoader), "PatternKeys").Select(k => $"patterns.{k}"));
        code.AddRange(PrivateStrings(typeof(ConfigLoader), "CommitKeys").Select(k => $"commits.{k}"));
        code.AddRange(PrivateStrings(typeof(ConfigLoader), "ScanKeys").Select(k => $"scan.{k}"));
        code.AddRange(PrivateStrings(typeof(ConfigLoader), "PerfKeys").Select(k => $"perf.{k}"));
        code.AddRange(PrivateStrings(typeof(ConfigLoader), "PerfTimeKeys").Select(k => $"perf.time.{k}"));
        code.AddRange(PrivateStrings(typeof(ConfigLoader), "PerfMemoryKeys").Select(k => $"perf.memory.{k}"));
        foreach (var pending in PendingConfigKeys)
        {
            Assert.False(code.Contains(pending), $"the loader now knows {pending}: remove it from {nameof(PendingConfigKeys)}");
        }

        var inSchema = new List<string>(PropertyNames(root));
        var properties = root.GetProperty("properties");
        inSchema.AddRange(PropertyNames(properties.GetProperty("patterns").GetProperty("items")).Select(k => $"patterns.{k}"));
        inSchema.AddRange(PropertyNames(properties.GetProperty("commits")).Select(k => $"commits.{k}"));
        inSchema.AddRange(PropertyNames(properties.GetProperty("scan")).Select(k => $"scan.{k}"));
        var perf = properties.GetProperty("perf");
        inSchema.AddRange(PropertyNames(perf).Select(k => $"perf.{k}"));
        inSchema.AddRange(PropertyNames(perf.GetProperty("properties").GetProperty("time")).Select(k => $"perf.time.{k}"));
        inSchema.AddRange(PropertyNames(perf.GetProperty("properties").GetProperty("memory")).Select(k => $"perf.memory.{k}"));
        Assert.Equal(code.Concat(PendingConfigKeys).Order(StringComparer.Ordinal), inSchema.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Config_schema_enums_are_the_catalogs()
    {
        using var schema = Schema(SchemaFiles.Config);
        var root = schema.RootElement;
        var definitions = root.GetProperty("definitions");
        Assert.Equal(Sdks.All.Select(s => s.Id), Enum(definitions.GetProperty("sdk")));
        Assert.Equal(RuleCatalog.Gates, Enum(definitions.GetProperty("gate")));
        Assert.Equal(RuleCatalog.AllRuleIds, PropertyNames(root.GetProperty("properties").GetProperty("rules")));
        Assert.Equal(LowerNames<Flagkeeper.Diagnostics.RuleSeverity>().Reverse(), Enum(definitions.GetProperty("severity")));
        Assert.Equal(LowerNames<KeyMatching>(), Enum(root.GetProperty("properties").GetProperty("keyMatching")));
    }

    [Fact]
    public void Output_schema_enums_are_the_catalogs()
    {
        using var common = Schema(SchemaFiles.OutputCommon);
        var definitions = common.RootElement.GetProperty("definitions");
        Assert.Equal(RuleCatalog.AllRuleIds, Enum(definitions.GetProperty("ruleId")));
        Assert.Equal(RuleCatalog.Gates, Enum(definitions.GetProperty("gateId")));
        Assert.Equal(System.Enum.GetNames<ErrorCategory>(), Enum(definitions.GetProperty("category")));
        Assert.Equal(System.Enum.GetNames<ErrorSeverity>(), Enum(definitions.GetProperty("errorSeverity")));
        var counts = definitions.GetProperty("errorCounts").GetProperty("properties");
        Assert.Equal(System.Enum.GetNames<ErrorCategory>(), PropertyNames(counts.GetProperty("byCategory")));
        Assert.Equal(System.Enum.GetNames<ErrorSeverity>(), PropertyNames(counts.GetProperty("bySeverity")));
        Assert.Equal(System.Enum.GetNames<RecoveryStrategy>(), Enum(definitions.GetProperty("recovery")));

        using var check = Schema(SchemaFiles.Check);
        var checkDefinitions = check.RootElement.GetProperty("definitions");
        Assert.Equal(System.Enum.GetNames<DeliveryMode>(), Enum(checkDefinitions.GetProperty("mode")));
        Assert.Equal(LowerNames<ModeSource>(), Enum(checkDefinitions.GetProperty("modeSource")));
    }

    private static JsonDocument Schema(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFiles.Folder, name)));

    private static IEnumerable<string> PropertyNames(JsonElement schema) =>
        [.. schema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];

    private static IEnumerable<string> Enum(JsonElement schema) => [.. schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    private static IEnumerable<string> LowerNames<TEnum>() where TEnum : struct, System.Enum =>
        [.. System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant())];

    /// <summary>A private list of field names in the code: the single truth the schema must match.</summary>
    private static IEnumerable<string> PrivateStrings(Type type, string field)
    {
        var value = type.GetField(field, BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null);
        Assert.True(value is string[], $"{type.Name}.{field} (a string[] of field names) is gone: point this test at its replacement");
        return (string[])value!;
    }
}
