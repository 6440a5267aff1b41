using NJsonSchema;
using NJsonSchema.Validation;

namespace Flagkeeper.Cli.Tests;

/// <summary>The JSON Schemas in <c>schemas/</c>, loaded once, and readable reports of what they reject.</summary>
internal static class SchemaFiles
{
    public const string Registry = "flags.schema.json";
    public const string Config = "flagkeeper.schema.json";
    public const string Scan = "scan-output.schema.json";
    public const string Check = "check-output.schema.json";
    public const string FlagsList = "flags-list-output.schema.json";
    public const string FlagsValidate = "flags-validate-output.schema.json";
    public const string FlagsKill = "flags-kill-output.schema.json";
    public const string FlagsEval = "flags-eval-output.schema.json";
    public const string FlagsTarget = "flags-target-output.schema.json";
    public const string OutputCommon = "output-common.schema.json";
    public const string LiveList = "live-list-output.schema.json";
    public const string LiveHistory = "live-history-output.schema.json";
    public const string PerfReport = "perf-report-output.schema.json";
    public const string CacheStats = "cache-stats-output.schema.json";
    public const string LogEvent = "log-event.schema.json";

    public static string Folder => Path.Combine(RepositoryPaths.Root, "schemas");

    public static IReadOnlyList<string> All { get; } = [Registry, Config, Scan, Check, FlagsList, FlagsValidate, FlagsKill, FlagsEval, FlagsTarget, OutputCommon, LiveList, LiveHistory, PerfReport, CacheStats, LogEvent];

    private static readonly Dictionary<string, Lazy<JsonSchema>> Loaded = All.ToDictionary(
        name => name,
        name => new Lazy<JsonSchema>(() => JsonSchema.FromFileAsync(Path.Combine(Folder, name)).GetAwaiter().GetResult()));

    public static JsonSchema Load(string name) => Loaded[name].Value;

    /// <summary>Every problem, one per line, with the nested reasons of a failed oneOf / anyOf.</summary>
    public static IReadOnlyList<string> Problems(string name, string json) => [.. Load(name).Validate(json).SelectMany(e => Describe(e))];

    public static IReadOnlyList<string> ProblemsOfYaml(string name, string yaml) => Problems(name, YamlJson.ToJson(yaml));

    /// <summary>Asserts the document is valid, printing every problem and the document when it is not.</summary>
    public static void AssertValid(string name, string json, string what)
    {
        var problems = Problems(name, json);
        Assert.True(problems.Count == 0, $"{what} does not match schemas/{name}:\n  {string.Join("\n  ", problems)}\n{Shorten(json)}");
    }

    private static IEnumerable<string> Describe(ValidationError error, string indent = "")
    {
        yield return $"{indent}{error.Path}: {error.Kind}";
        if (error is ChildSchemaValidationError child)
        {
            foreach (var nested in child.Errors.SelectMany(pair => pair.Value))
            {
                foreach (var line in Describe(nested, indent + "  "))
                {
                    yield return line;
                }
            }
        }
    }

    private static string Shorten(string json) => json.Length <= 4000 ? json : json[..4000] + "…";
}
