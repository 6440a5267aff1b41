using System.Text.Json.Nodes;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// The real CLI's JSON outputs match the schemas in <c>schemas/</c>, on the sample and on richer
/// repositories (git history, nested registries, dynamic keys, custom patterns, broken inputs). The
/// schemas forbid fields they do not list, so an output that gains a field fails here until its schema does.
/// </summary>
public class SchemaOutputTests
{
    private const string Today = "2026-12-04";

    public static TheoryData<string, string[]> SampleRuns() => new()
    {
        { SchemaFiles.Scan, ["scan", "samples/shop", "--format", "json", "--no-cache"] },
        { SchemaFiles.Check, ["check", "samples/shop", "--format", "json", "--no-cache", "--no-baseline", "--today", Today] },
        { SchemaFiles.FlagsList, ["flags", "list", "samples/shop", "--format", "json", "--today", Today] },
        { SchemaFiles.FlagsList, ["flags", "show", "new-checkout", "--root", "samples/shop", "--format", "json", "--today", Today] },
        { SchemaFiles.FlagsValidate, ["flags", "validate", "samples/shop", "--format", "json"] },
    };

    [Theory]
    [MemberData(nameof(SampleRuns))]
    public void Sample_output_matches_its_schema(string schema, string[] args)
    {
        var result = CliRunner.Run(RepositoryPaths.Root, args);

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        SchemaFiles.AssertValid(schema, result.Stdout, string.Join(' ', args));
    }

    [Fact]
    public void Outputs_of_a_repository_with_history_nested_registries_and_every_kind_of_usage_match()
    {
        using var repo = GitSandbox.Create();
        repo.Write("flagkeeper.yaml", "patterns:\n  - id: my-helper\n    regex: 'Flag\\(\"(?<key>[^\"]+)\"\\)'\n");
        repo.Write("services/api/flags.yaml", "version: 1\nenvironments: [prod]\nflags:\n  api-beta:\n    owner: api\n    type: experiment\n    expires: 2026-12-10\n    rollout: 12.5%\n    environments:\n      prod: { enabled: true }\n    tags: [api]\n");
        repo.Write("services/api/src/app.ts", "if (isEnabled('api-beta')) {}\nif (isEnabled(name)) {}\nif (isEnabled('ghost')) {}\nFlag(\"new-checkout\");\n");
        repo.Commit("chore: registries and usages [T-2026-12-04-001] [MODE:NF]");
        repo.Commit("feat: a server without a kill switch [T-2026-12-04-002]", ("services/api/src/server.ts", "export const port = 8080;\n"));
        repo.Commit("not a conventional subject");

        var range = new[] { "--range", "HEAD~2..HEAD" };
        var check = CliRunner.Run(repo.Path, ["check", ".", "--format", "json", "--no-cache", "--today", Today, .. range]);
        Assert.True(check.ExitCode == 1, check.ToString());
        SchemaFiles.AssertValid(SchemaFiles.Check, check.Stdout, "check");
        var report = JsonNode.Parse(check.Stdout)!;
        Assert.Equal(2, report["commits"]!.AsArray().Count);
        Assert.All(report["commits"]!.AsArray(), c => Assert.Matches("^[0-9a-f]{40}$", (string)c!["id"]!));
        var rules = report["gates"]!.AsArray().SelectMany(g => g!["findings"]!.AsArray()).Select(f => (string)f!["rule"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "dynamic-key", "unregistered-flag", "expiring-soon", "kill-switch-missing", "commit-message-invalid" }, rules);

        var scan = CliRunner.Run(repo.Path, "scan", ".", "--format", "json", "--no-cache");
        SchemaFiles.AssertValid(SchemaFiles.Scan, scan.Stdout, "scan");
        Assert.Contains(JsonNode.Parse(scan.Stdout)!["usages"]!.AsArray(), u => (string)u!["kind"]! == "dynamic");

        var list = CliRunner.Run(repo.Path, "flags", "list", ".", "--format", "json", "--today", Today);
        SchemaFiles.AssertValid(SchemaFiles.FlagsList, list.Stdout, "flags list");
        Assert.Equal(2, JsonNode.Parse(list.Stdout)!["flags"]!.AsArray().Count);
    }

    /// <summary>Broken inputs: the outputs still match, with their errors and error counts filled in.</summary>
    [Fact]
    public void Outputs_that_report_input_errors_match()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registries.Valid);
        dir.Write("broken/flags.yaml", "flags:\n  x: [\n");
        dir.Write("src/a.ts", "isEnabled('new-checkout')\n");

        foreach (var (schema, args) in new (string, string[])[]
        {
            (SchemaFiles.Scan, ["scan", ".", "--format", "json", "--no-cache"]),
            (SchemaFiles.Check, ["check", ".", "--format", "json", "--no-cache", "--today", Today]),
            (SchemaFiles.FlagsList, ["flags", "list", ".", "--format", "json", "--today", Today]),
            (SchemaFiles.FlagsValidate, ["flags", "validate", ".", "--format", "json"]),
        })
        {
            var result = CliRunner.Run(dir.Path, args);
            Assert.True(result.ExitCode == 2, result.ToString());
            SchemaFiles.AssertValid(schema, result.Stdout, string.Join(' ', args));
            Assert.NotEmpty(JsonNode.Parse(result.Stdout)!["errors"]!.AsArray());
        }
    }

    /// <summary>`flags kill --format json`, verified and not: both match, and a drifted report is rejected.</summary>
    [Fact]
    public void Kill_output_matches_its_schema_when_verified_and_when_not()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registries.Valid);
        dir.Write("broken/flags.yaml", "flags:\n  x: [\n");

        var failed = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes", "--format", "json");
        File.Delete(dir["broken/flags.yaml"]);
        var verified = CliRunner.Run(dir.Path, "flags", "kill", "--all", "--yes", "--format", "json");

        Assert.True(failed.ExitCode == 2, failed.ToString());
        SchemaFiles.AssertValid(SchemaFiles.FlagsKill, failed.Stdout, "flags kill with a broken registry");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        SchemaFiles.AssertValid(SchemaFiles.FlagsKill, verified.Stdout, "flags kill");
        Assert.NotEmpty(SchemaFiles.Problems(SchemaFiles.FlagsKill, Edit(verified.Stdout, o => o.Remove("verified"))));
        Assert.NotEmpty(SchemaFiles.Problems(SchemaFiles.FlagsKill, Edit(verified.Stdout, o => o["registries"]![0]!.AsObject().Add("extra", 1))));
    }

    /// <summary>The schemas are live: a field added, dropped or misspelt in an output is caught.</summary>
    [Fact]
    public void A_drifted_output_is_rejected()
    {
        var scan = CliRunner.Run(RepositoryPaths.Root, "scan", "samples/shop", "--format", "json", "--no-cache").Stdout;
        SchemaFiles.AssertValid(SchemaFiles.Scan, scan, "scan");

        Assert.NotEmpty(SchemaFiles.Problems(SchemaFiles.Scan, Edit(scan, o => o["usages"]![0]!.AsObject().Add("extra", 1))));
        Assert.NotEmpty(SchemaFiles.Problems(SchemaFiles.Scan, Edit(scan, o => o["stats"]!.AsObject().Remove("bytesRead"))));
        Assert.NotEmpty(SchemaFiles.Problems(SchemaFiles.Scan, Edit(scan, o => o["usages"]![0]!["kind"] = "literal")));
        Assert.NotEmpty(SchemaFiles.Problems(SchemaFiles.Scan, Edit(scan, o => o["usages"]![0]!["file"] = "web\\src\\a.ts")));
        Assert.NotEmpty(SchemaFiles.Problems(SchemaFiles.Scan, Edit(scan, o => o["errorCounts"]!["byCategory"]!.AsObject().Add("Nope", 1))));
        Assert.NotEmpty(SchemaFiles.Problems(SchemaFiles.Scan, Edit(scan, o => o["version"] = 2)));
        Assert.NotEmpty(SchemaFiles.Problems(SchemaFiles.Scan, Edit(scan, o => o["errors"]!.AsArray().Add(new JsonObject
        {
            ["code"] = "FK9", ["category"] = "Registry", ["severity"] = "High", ["message"] = "m", ["recovery"] = "None",
            ["file"] = null, ["line"] = null, ["column"] = null,
        }))));
    }

    private static string Edit(string json, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }
}
