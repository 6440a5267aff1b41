using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Diagnostics;
using Flagkeeper.Loading;
using Flagkeeper.Validation;

namespace Flagkeeper.Cli.Tests;

/// <summary>
/// The schemas say what Flagkeeper says: a registry or configuration an editor accepts is one Flagkeeper
/// accepts (no input error, no error-severity finding a schema can express), and the other way round.
/// Each case runs through the real reader and validator and through the schema, as an editor reads YAML.
/// </summary>
public class SchemaExactnessTests
{
    private const string Flag = "flags:\n  new-checkout:\n    owner: payments-team\n    type: operational\n";

    public static TheoryData<string> RegistryCases() =>
    [
        "version: 1\n" + Flag,
        "flags:\n",
        "environments: [staging]\n" + Flag + "    environments:\n      staging: { enabled: false, rollout: 5 }\n",
        "environments: production\n" + Flag + "    environments:\n      production:\n",
        Flag + "    rollout: 25%\n",
        Flag + "    rollout: 12.5\n",
        Flag + "    rollout: 0\n",
        Flag + "    rollout: 100\n",
        Flag + "    rollout:\n",
        Flag + "    enabled: true\n    default: false\n",
        Flag + "    enabled:\n    description:\n    task:\n",
        Flag + "    description: Saved cards\n    tags: []\n    aliases: NEW_CHECKOUT\n    task: T-2026-10-01-001\n",
        Flag + "    created: 2028-02-29\n    expires: 2029-12-31\n",
        "flags:\n  a.b_c:d-E9:\n    owner: o\n    type: kill-switch\n",
        "flags:\n  beta:\n    owner: o\n    type: release\n    expires: 2027-06-30\n",
        "flags:\n  beta:\n    owner: o\n    type: experiment\n    expires: 2027-06-30\n",
        "flags:\n  beta:\n    owner: o\n    type: permission\n",
        // Mistakes.
        "version: 2\n" + Flag,
        "flag:\n  new-checkout:\n    owner: o\n    type: operational\n",
        Flag + "    ownr: payments-team\n",
        Flag + "    enabled: yes\n",
        Flag + "    enabled: \"true\"\n",
        Flag + "    enabled: maybe\n",
        Flag + "    rollout: 150\n",
        Flag + "    rollout: -1\n",
        Flag + "    rollout: 101%\n",
        Flag + "    rollout: \"50\"\n",
        Flag + "    rollout: [1, 2]\n",
        Flag + "    rollout: .nan\n",
        Flag + "    expires: 2026-02-30\n",
        Flag + "    created: 31/03/2027\n",
        Flag + "    environments:\n      production: { enabled: on }\n",
        Flag + "    environments:\n      production: { rolout: 5 }\n",
        Flag + "    requires: { a: b }\n",
        "flags:\n  new-checkout:\n    type: operational\n",
        "flags:\n  new-checkout:\n    owner: '  '\n    type: operational\n",
        "flags:\n  new-checkout:\n    owner: o\n",
        "flags:\n  new-checkout:\n    owner: o\n    type: feature\n",
        "flags:\n  beta:\n    owner: o\n    type: release\n",
        "flags:\n  beta:\n    owner: o\n    type: experiment\n    expires:\n",
        "flags:\n  new checkout:\n    owner: o\n    type: operational\n",
        "flags:\n  " + new string('k', 129) + ":\n    owner: o\n    type: operational\n",
        "flags:\n  new-checkout:\n",
        "flags: [new-checkout]\n",
    ];

    [Theory]
    [MemberData(nameof(RegistryCases))]
    public void Registry_schema_accepts_what_flagkeeper_accepts(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), "flagkeeper-schema-case", "flags.yaml");
        var read = RegistryReader.Read(path, "flags.yaml", yaml);
        var findings = read.Registry is { } registry ? new RegistryValidator().Validate([registry]) : [];
        var flagkeeper = read.Errors.Select(e => e.ToString()).Concat(findings.Where(f => f.Severity == RuleSeverity.Error).Select(f => f.Message)).ToList();

        var schema = SchemaFiles.ProblemsOfYaml(SchemaFiles.Registry, yaml);

        Assert.True(flagkeeper.Count == 0 == (schema.Count == 0),
            $"flagkeeper says:\n  {string.Join("\n  ", flagkeeper)}\nthe schema says:\n  {string.Join("\n  ", schema)}\nfor:\n{yaml}");
    }

    public static TheoryData<string> ConfigCases() =>
    [
        "",
        "# only a comment\n",
        "version: 1\nkeyMatching: loose\nexpiringSoonDays: 0\nappsettings: true\n",
        "sdks: configcat\ngates: flag-lint\n",
        "sdks: [launchdarkly, unleash]\ngates: [flag-lint, kill-switch, commit-message, delivery-mode]\n",
        "rules:\n  unused-flag: off\n  mode-missing: error\n  missing-description: warning\n",
        "patterns:\n  - id: mine\n    regex: 'On\\(\"(?<key>[^\"]+)\"\\)'\n    files: ['**/*.cs']\n",
        "scan:\n  maxFileSize: 4294967296\n  cacheDir: .cache/fk\n  extensions: [.md]\n",
        "commits:\n  types: [feat, fix]\n  exempt: ['^Merge ']\n",
        "include: src/**\nexclude: ['**/gen/**']\nproduction: [src/**]\nenvPrefixes: [FEATURE_]\nregistries: [x/flags.yaml]\n",
        "expiringSoonDays: 3650\n",
        // Mistakes.
        "version: 2\n",
        "sdk: [configcat]\n",
        "keyMatching: fuzzy\n",
        "keyMatching:\n",
        "expiringSoonDays: 3651\n",
        "expiringSoonDays: -1\n",
        "expiringSoonDays: '14'\n",
        "gates: [lint]\n",
        "rules:\n  unknown-rule: off\n",
        "rules:\n  unused-flag: silent\n",
        "rules: [unused-flag]\n",
        "patterns:\n  - id: mine\n",
        "patterns:\n  - regex: x\n",
        "patterns:\n  - id: mine\n    regex: x\n    file: ['*.cs']\n",
        "patterns: {id: mine}\n",
        "scan:\n  maxFileSize: 0\n",
        "scan:\n  maxFileSize: 4294967297\n",
        "scan:\n  cache: x\n",
        "live:\n  redis: 127.0.0.1:6379\n  namespace: team-a.web_1\n",
        "live:\n  redis:\n  namespace:\n",
        "live:\n  redis: '  '\n",
        "live:\n  namespace: 'team a'\n",
        "live:\n  namespace: 'flagkeeper:{x}'\n",
        "live:\n  reddis: localhost\n",
        "live: localhost:6379\n",
        "perf:\n  baselineRuns: 200\n  time: { threshold: 10%, minDeltaMs: 5 }\n  memory: { threshold: 40, minDeltaMB: 0.5 }\n",
        "perf:\n  time:\n    threshold:\n",
        "perf:\n  baselineRuns: 0\n",
        "perf:\n  baselineRuns: 201\n",
        "perf:\n  time: { threshold: 1001 }\n",
        "perf:\n  time: { threshold: -1% }\n",
        "perf:\n  time: { minDeltaMB: 5 }\n",
        "perf:\n  memory: { minDeltaMs: 5 }\n",
        "perf:\n  memory: { minDeltaMB: -1 }\n",
        "perf:\n  runs: 5\n",
        "perf: fast\n",
        "wrappers:\n  include: ['Is*Enabled', Get?Variant]\n  exclude: [IsDebugEnabled]\n",
        "wrappers:\n  include: IsOn\n",
        "wrappers:\n  include: ['Is Enabled']\n",
        "wrappers:\n  exclude: ['Flags.IsOn']\n",
        "wrappers:\n  includes: [IsOn]\n",
        "wrappers: [IsOn]\n",
        "keySources:\n  - {file: src/FeatureFlags.cs, name: FeatureFlags}\n  - file: feature/gates.go\n    name: defaultGates\n",
        "keySources: []\n",
        "keySources: src/Flags.cs\n",
        "keySources:\n  - {file: src/Flags.cs}\n",
        "keySources:\n  - {name: Flags}\n",
        "keySources:\n  - {file: src/Flags.cs, name: Flags, kind: class}\n",
        "keySources:\n  - {file: ../Flags.cs, name: Flags}\n",
        "keySources:\n  - {file: /abs/Flags.cs, name: Flags}\n",
        "keySources:\n  - {file: src/Flags.cs, name: Shop.Flags}\n",
        "keySources:\n  - Flags\n",
        "appsettings: \"yes\"\n",
        "commits:\n  typs: [feat]\n",
        "commits: [feat]\n",
        "- version\n",
    ];

    [Theory]
    [MemberData(nameof(ConfigCases))]
    public void Config_schema_accepts_what_flagkeeper_accepts(string yaml)
    {
        var flagkeeper = ConfigLoader.Parse("flagkeeper.yaml", yaml).Errors.Select(e => e.ToString()).ToList();

        var schema = SchemaFiles.ProblemsOfYaml(SchemaFiles.Config, yaml);

        Assert.True(flagkeeper.Count == 0 == (schema.Count == 0),
            $"flagkeeper says:\n  {string.Join("\n  ", flagkeeper)}\nthe schema says:\n  {string.Join("\n  ", schema)}\nfor:\n{yaml}");
    }

    /// <summary>An unknown SDK name is almost surely a typo: the loader (with "did you mean") and the schema both refuse it.</summary>
    [Fact]
    public void Config_schema_rejects_an_sdk_name_flagkeeper_does_not_know()
    {
        Assert.NotEmpty(ConfigLoader.Parse("flagkeeper.yaml", "sdks: [launchdarkley]\n").Errors);
        Assert.NotEmpty(SchemaFiles.ProblemsOfYaml(SchemaFiles.Config, "sdks: [launchdarkley]\n"));
    }
}
