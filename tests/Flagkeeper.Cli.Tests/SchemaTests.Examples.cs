using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Flagkeeper.Cli.Tests;

/// <summary>Every registry, configuration and JSON output example the repository ships matches its schema.</summary>
public partial class SchemaTests
{
    [Fact]
    public void Sample_registries_match_except_for_their_deliberate_problems()
    {
        var registries = Directory.GetFiles(RepositoryPaths.Samples, "flags.yaml", SearchOption.AllDirectories);
        Assert.NotEmpty(registries);
        foreach (var path in registries)
        {
            var text = File.ReadAllText(path);
            AssertModelineNames(path, text, SchemaFiles.Registry);
            var problems = SchemaFiles.ProblemsOfYaml(SchemaFiles.Registry, text);
            if (Path.GetRelativePath(RepositoryPaths.Samples, path).Replace('\\', '/') == "shop/flags.yaml")
            {
                // The shop's deliberate problems that a schema can see: dark-mode has no owner, bulk-discount a rollout of 150.
                var report = string.Join("\n", problems);
                Assert.True(problems.Count(p => !p.StartsWith(' ')) == 2, report);
                Assert.Contains("#/flags.dark-mode.owner: PropertyRequired", problems.Select(p => p.Trim()));
                Assert.Contains("#/flags.bulk-discount.rollout: NumberTooBig", problems.Select(p => p.Trim()));
            }
            else
            {
                Assert.True(problems.Count == 0, $"{path}:\n{string.Join("\n", problems)}");
            }
        }
    }

    [Fact]
    public void Sample_and_repository_configurations_match()
    {
        var configs = Directory.GetFiles(RepositoryPaths.Samples, "flagkeeper.yaml", SearchOption.AllDirectories)
            .Append(Path.Combine(RepositoryPaths.Root, "flagkeeper.yaml")).ToList();
        Assert.True(configs.Count >= 2);
        foreach (var path in configs)
        {
            AssertModelineNames(path, File.ReadAllText(path), SchemaFiles.Config);
            SchemaFiles.AssertValid(SchemaFiles.Config, YamlJson.ToJson(File.ReadAllText(path)), path);
        }
    }

    /// <summary>The file's first line points VS Code and Rider (yaml-language-server) at the schema, by a relative path that exists.</summary>
    private static void AssertModelineNames(string path, string text, string schema)
    {
        var modeline = Modeline().Match(text);
        Assert.True(modeline.Success, $"{path}: the first line should be `# yaml-language-server: $schema=<relative path to schemas/{schema}>`");
        var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, modeline.Groups["schema"].Value));
        Assert.Equal(Path.Combine(SchemaFiles.Folder, schema), target);
    }

    [GeneratedRegex(@"\A# yaml-language-server: \$schema=(?<schema>\S+)\r?\n")]
    private static partial Regex Modeline();

    [Fact]
    public void Test_fixture_registries_match()
    {
        SchemaFiles.AssertValid(SchemaFiles.Registry, YamlJson.ToJson(Registries.Valid), nameof(Registries.Valid));
        SchemaFiles.AssertValid(SchemaFiles.Registry, YamlJson.ToJson(Registries.Many(3)), nameof(Registries.Many));
    }

    /// <summary>A flags.json registry is checked by the same schema: the JSON form of a valid registry loads cleanly and matches.</summary>
    [Fact]
    public void A_json_registry_that_flagkeeper_reads_matches()
    {
        var json = YamlJson.ToJson(Registries.Valid);
        var read = Flagkeeper.Loading.RegistryReader.Read(Path.Combine(Path.GetTempPath(), "flags.json"), "flags.json", json);
        Assert.True(read.Succeeded, string.Join("\n", read.Errors));
        Assert.Equal(2, read.Registry!.Flags.Count);
        SchemaFiles.AssertValid(SchemaFiles.Registry, json, "flags.json");
    }

    /// <summary>
    /// Every YAML and JSON block in docs/*.md: registries (a top-level `flags:`), configurations (in
    /// configuration.md) and outputs (told apart by their fields). A block no schema covers fails, so a new
    /// example gets a schema or a deliberate decision.
    /// </summary>
    [Fact]
    public void Docs_examples_match_their_schemas()
    {
        var checkedBlocks = new List<string>();
        foreach (var doc in Directory.GetFiles(RepositoryPaths.Docs, "*.md"))
        {
            foreach (var (language, line, text) in CodeBlocks(File.ReadAllText(doc)))
            {
                var where = $"docs/{Path.GetFileName(doc)}:{line} ({language})";
                var json = language == "json" ? text : YamlJson.ToJson(text);
                var schema = SchemaOf(Path.GetFileName(doc), language, JsonNode.Parse(json));
                Assert.True(schema is not null, $"{where}: no schema covers this example");
                SchemaFiles.AssertValid(schema, json, where);
                checkedBlocks.Add($"{Path.GetFileName(doc)}:{schema}");
            }
        }
        // The examples this test is known to reach; a docs reshuffle that hides them fails here.
        foreach (var expected in new[]
        {
            "registry.md:" + SchemaFiles.Registry, "configuration.md:" + SchemaFiles.Config, "cli.md:" + SchemaFiles.FlagsList,
            "cli.md:" + SchemaFiles.FlagsValidate, "cli.md:" + SchemaFiles.Scan, "cli.md:" + SchemaFiles.Check, "cli.md:" + SchemaFiles.FlagsKill,
            "cli.md:" + SchemaFiles.FlagsEval, "cli.md:" + SchemaFiles.FlagsTarget, "cli.md:" + SchemaFiles.LiveHistory, "cli.md:" + SchemaFiles.PerfReport,
            "cli.md:" + SchemaFiles.CacheStats, "cli.md:" + SchemaFiles.LogEvent,
        })
        {
            Assert.Contains(expected, checkedBlocks);
        }
    }

    private static string? SchemaOf(string doc, string language, JsonNode? root)
    {
        var fields = root as JsonObject;
        return language switch
        {
            "yaml" when fields?.ContainsKey("flags") == true => SchemaFiles.Registry,
            "yaml" when doc == "configuration.md" || fields?.ContainsKey("keySources") == true => SchemaFiles.Config,
            "json" when fields?.ContainsKey("eventId") == true => SchemaFiles.LogEvent,
            "json" when fields?.ContainsKey("thresholds") == true => SchemaFiles.PerfReport,
            "json" when fields?.ContainsKey("caches") == true => SchemaFiles.CacheStats,
            "json" when fields?.ContainsKey("usages") == true => SchemaFiles.Scan,
            "json" when fields?.ContainsKey("overrides") == true => SchemaFiles.LiveList,
            "json" when fields?.ContainsKey("namespace") == true && fields.ContainsKey("changes") => SchemaFiles.LiveHistory,
            "json" when fields?.ContainsKey("gates") == true => SchemaFiles.Check,
            "json" when fields?.ContainsKey("findings") == true => SchemaFiles.FlagsValidate,
            "json" when fields?.ContainsKey("killSwitchesEngaged") == true => SchemaFiles.FlagsKill,
            "json" when fields?.ContainsKey("flags") == true => SchemaFiles.FlagsList,
            "json" when fields?.ContainsKey("changed") == true => SchemaFiles.FlagsTarget,
            "json" when fields?.ContainsKey("reason") == true => SchemaFiles.FlagsEval,
            _ => null,
        };
    }

    private static IEnumerable<(string Language, int Line, string Text)> CodeBlocks(string markdown)
    {
        foreach (Match block in CodeBlock().Matches(markdown.ReplaceLineEndings("\n")))
        {
            var line = markdown[..block.Index].Count(c => c == '\n') + 1;
            yield return (block.Groups["language"].Value, line, block.Groups["body"].Value);
        }
    }

    [GeneratedRegex(@"^```(?<language>yaml|json)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
