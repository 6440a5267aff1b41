using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// The built-in catalog: every shape's examples are found by a real scan, the catalog is well formed,
/// a call inside a comment is never a usage, and generic method names count only with their SDK.
/// </summary>
public class CatalogTests
{
    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var shape in BuiltInCatalog.Shapes)
        {
            for (var i = 0; i < shape.Examples.Count; i++)
            {
                data.Add(shape.Id, i);
            }
        }
        return data;
    }

    public static TheoryData<string> ShapeIds()
    {
        var data = new TheoryData<string>();
        foreach (var shape in BuiltInCatalog.Shapes)
        {
            data.Add(shape.Id);
        }
        return data;
    }

    private static CallShape Shape(string id) => BuiltInCatalog.Shapes.Single(s => s.Id == id);

    /// <summary>A config under which an SDK-gated shape counts without an import (so comment tests test comments only).</summary>
    private static FlagkeeperConfig ConfigFor(CallShape shape) =>
        shape.Sdk is { } sdk ? FlagkeeperConfig.Default with { Sdks = [sdk] } : FlagkeeperConfig.Default;

    // ------------------------------------------------------------------ (a) every example

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_catalog_example_is_found_by_a_scan(string shapeId, int exampleIndex)
    {
        var shape = Shape(shapeId);
        var example = shape.Examples[exampleIndex];

        var result = ScannerSpecSupport.ScanText("src/example" + example.Extension, example.Code + "\n");

        Assert.True(result.Errors.Count == 0, ScannerSpecSupport.Describe(result));
        Assert.True(example.Keys.SequenceEqual(result.Usages.Select(u => u.Flag)), $"expected [{string.Join(", ", example.Keys)}] in: {example.Code}\n{ScannerSpecSupport.Describe(result)}");
        Assert.All(result.Usages, u =>
        {
            Assert.Equal(shapeId, u.Pattern);
            Assert.Equal(UsageKind.Usage, u.Kind);
            Assert.Equal("src/example" + example.Extension, u.File);
            Assert.Equal(1, u.Line);
            Assert.Equal(example.Code.Trim(), u.Text);
            // The column points at the key as written (examples are ASCII).
            Assert.Equal(u.Flag, example.Code.Substring(u.Column - 1, u.Flag!.Length));
        });
    }

    [Fact]
    public void Every_shape_has_an_example_with_a_key_in_a_known_language()
    {
        Assert.All(BuiltInCatalog.Shapes, shape =>
        {
            Assert.NotEmpty(shape.Examples);
            Assert.All(shape.Examples, example =>
            {
                Assert.NotEmpty(example.Keys);
                var language = LanguageCatalog.ForExtension(example.Extension);
                Assert.NotNull(language);
                Assert.True((language.Family & shape.Languages) != 0, $"{shape.Id}: example language {language.Id} is not among the shape's languages");
            });
        });
    }

    // ------------------------------------------------------------------ (b) catalog well formed

    [Fact]
    public void Catalog_has_at_least_30_shapes_with_unique_ids()
    {
        var ids = BuiltInCatalog.Shapes.Select(s => s.Id).ToList();

        Assert.True(ids.Count >= 30, $"only {ids.Count} shapes");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id));
    }

    [Fact]
    public void Catalog_names_the_shapes_the_issue_requires()
    {
        var names = BuiltInCatalog.Shapes.SelectMany(s => s.Names).ToHashSet(StringComparer.Ordinal);
        string[] required =
        [
            "isEnabled", "IsEnabled", "is_enabled", "isFeatureEnabled", "IsFeatureEnabled", "is_feature_enabled", "useFeatureFlag", "useFlag",
            "IsEnabledAsync", "FeatureGate", "feature",
            "variation", "boolVariation", "BoolVariation", "stringVariation", "boolVariationDetail", "BoolVariationDetail", "useBoolVariation",
            "getBooleanValue", "GetBooleanValueAsync", "getStringValue", "getIntegerValue", "getDoubleValue", "getNumberValue", "getObjectValue",
            "getBooleanDetails", "get_boolean_value", "BooleanValue", "useBooleanFlagValue",
            "getValue", "GetValue", "GetValueAsync", "getValueAsync", "hasFeature", "get_feature_value", "isOn", "isOff", "useFeatureIsOn",
            "useFeatureValue", "IfFeatureEnabled", "getFeatureFlag", "feature_enabled", "useFeatureFlagEnabled", "getTreatment", "checkGate",
            "flag_is_active",
        ];

        Assert.All(required, name => Assert.Contains(name, names));
    }

    [Fact]
    public void Every_trigger_name_contains_an_anchor()
    {
        var names = BuiltInCatalog.Shapes.Where(s => !s.TriggeredByPrefix).SelectMany(s => s.Names);

        Assert.All(names, name => Assert.True(BuiltInCatalog.Anchors.Any(a => name.Contains(a.TrimStart('<'), StringComparison.Ordinal)), $"no anchor in '{name}'"));
    }

    [Fact]
    public void Shape_index_for_the_default_config_builds()
    {
        var index = ShapeIndex.ForConfig(FlagkeeperConfig.Default);

        Assert.Equal(BuiltInCatalog.Shapes.Count, index.Patterns.Count);
        Assert.Equal(
            new[] { "VITE_FEATURE_FLAG_", "NEXT_PUBLIC_FEATURE_", "REACT_APP_FEATURE_", "FEATURE_FLAG_", "VITE_FEATURE_", "FEATURE_" }.Order(StringComparer.Ordinal),
            index.EnvPrefixes.Order(StringComparer.Ordinal));
        // Longest first, so VITE_FEATURE_FLAG_X loses VITE_FEATURE_FLAG_ and not just VITE_FEATURE_.
        Assert.True(index.EnvPrefixes.Zip(index.EnvPrefixes.Skip(1)).All(p => p.First.Length >= p.Second.Length), string.Join(", ", index.EnvPrefixes));
        Assert.Equal("VITE_FEATURE_FLAG_", index.EnvPrefixOf("VITE_FEATURE_FLAG_X"));
        Assert.Equal("FEATURE_", index.EnvPrefixOf("FEATURE_X"));
        Assert.Null(index.EnvPrefixOf("NODE_ENV"));
    }

    [Fact]
    public void Shape_index_throws_when_a_trigger_name_has_no_anchor()
    {
        var uncovered = new CallShape
        {
            Id = "uncovered", Source = "test", Names = ["zzzCheckQ"], Languages = LanguageFamily.JavaScript, Position = KeyPosition.FirstArgument,
            Examples = [new(".ts", "zzzCheckQ('x')", "x")],
        };

        var ex = Assert.Throws<InvalidOperationException>(() => new ShapeIndex([.. BuiltInCatalog.Shapes, uncovered], FlagkeeperConfig.Default.EnvPrefixes, []));
        Assert.Contains("zzzCheckQ", ex.Message);
    }

    [Fact]
    public void Shape_index_accepts_a_new_name_that_an_anchor_covers()
    {
        var covered = new CallShape
        {
            Id = "covered", Source = "test", Names = ["zzzFlagQ"], Languages = LanguageFamily.JavaScript, Position = KeyPosition.FirstArgument,
            Examples = [new(".ts", "zzzFlagQ('x')", "x")],
        };

        var index = new ShapeIndex([.. BuiltInCatalog.Shapes, covered], FlagkeeperConfig.Default.EnvPrefixes, []);

        Assert.True(index.TryGetByName("zzzFlagQ", out var shapes));
        Assert.Equal("covered", Assert.Single(shapes).Id);
    }

    // ------------------------------------------------------------------ (c) comments, for every shape

    [Theory]
    [MemberData(nameof(ShapeIds))]
    public void A_shape_inside_a_comment_is_not_reported(string shapeId)
    {
        var shape = Shape(shapeId);
        var config = ConfigFor(shape);
        using var dir = new TempDirectory();
        var commented = new List<string>();
        var controls = new List<(string File, string[] Keys)>();
        var n = 0;
        foreach (var example in shape.Examples)
        {
            var language = LanguageCatalog.ForExtension(example.Extension)!;
            var control = $"control{n++}{example.Extension}";
            dir.Write(control, example.Code + "\n");
            controls.Add((control, example.Keys));
            foreach (var marker in language.LineComments)
            {
                var file = $"line{n++}{example.Extension}";
                dir.Write(file, $"{marker} {example.Code}\n{marker}{example.Code}\n");
                commented.Add(file);
            }
            foreach (var block in language.BlockComments)
            {
                var file = $"block{n++}{example.Extension}";
                var oneLine = block.Open == "=begin" ? "" : $"{block.Open} {example.Code} {block.Close}\n";
                dir.Write(file, $"{oneLine}{block.Open}\n{example.Code}\n  {example.Code}\n{block.Close}\n");
                commented.Add(file);
            }
        }
        Assert.NotEmpty(commented);

        var result = ScannerSpecSupport.Scan(dir.Path, config);

        var inComments = result.Usages.Where(u => commented.Contains(u.File)).ToList();
        Assert.True(inComments.Count == 0, $"reported inside comments:\n{ScannerSpecSupport.Describe(inComments)}");
        // The same code outside a comment is found, so the check above is not vacuous.
        foreach (var (file, keys) in controls)
        {
            Assert.Equal(keys, result.Usages.Where(u => u.File == file).Select(u => u.Flag!));
        }
    }

    // ------------------------------------------------------------------ (d) SDK gating

    public static TheoryData<string, string, string, string, string, string> GatedCalls() => new()
    {
        // extension, import line, call line, key, pattern, sdk
        { ".js", "import * as configcat from 'configcat-js';", "const v = map.getValue(\"name\");", "name", "configcat-get-value", "configcat" },
        { ".cs", "using ConfigCat.Client;", "var v = await client.GetValueAsync(\"name\", false);", "name", "configcat-get-value", "configcat" },
        { ".ts", "import { GrowthBook } from '@growthbook/growthbook';", "if (gb.isOn(\"x\")) {}", "x", "growthbook-is-on", "growthbook" },
        { ".js", "const gb = require('@growthbook/growthbook');", "if (gb.isOff(\"x\")) {}", "x", "growthbook-is-on", "growthbook" },
        { ".js", "const LaunchDarkly = require('@launchdarkly/node-server-sdk');", "const on = await client.variation(\"x\", ctx, false);", "x", "launchdarkly-variation", "launchdarkly" },
        { ".cs", "using LaunchDarkly.Sdk.Server;", "var on = client.BoolVariation(\"x\", ctx, false);", "x", "launchdarkly-variation", "launchdarkly" },
        { ".ts", "import Statsig from 'statsig-js';", "if (checkGate(\"x\")) {}", "x", "statsig-check-gate", "statsig" },
        { ".js", "import { SplitFactory } from '@splitsoftware/splitio';", "const t = client.getTreatment(u, \"x\");", "x", "split-get-treatment", "split" },
        { ".js", "import flagsmith from 'flagsmith';", "if (flagsmith.hasFeature(\"x\")) {}", "x", "flagsmith-has-feature", "flagsmith" },
        { ".js", "import posthog from 'posthog-js';", "const v = posthog.getFeatureFlag(\"x\");", "x", "posthog-get-feature-flag", "posthog" },
        { ".py", "import posthog", "v = posthog.get_feature_flag(\"x\", \"user\")", "x", "posthog-get-feature-flag", "posthog" },
        { ".tsx", "import { useFeatureValue } from '@growthbook/growthbook-react';", "const c = useFeatureValue(\"x\", 'blue');", "x", "growthbook-feature-value", "growthbook" },
        { ".ts", "import { initialize } from 'unleash-client';", "const v = unleash.getVariant(\"x\");", "x", "unleash-get-variant", "unleash" },
    };

    [Theory]
    [MemberData(nameof(GatedCalls))]
    public void Generic_sdk_call_without_the_import_is_not_reported(string extension, string importLine, string call, string key, string pattern, string sdk)
    {
        _ = (importLine, key, pattern, sdk);
        var result = ScannerSpecSupport.ScanText("src/a" + extension, "// ordinary code\n" + call + "\n");

        Assert.True(result.Usages.Count == 0, ScannerSpecSupport.Describe(result));
    }

    [Theory]
    [MemberData(nameof(GatedCalls))]
    public void Generic_sdk_call_with_the_import_is_reported(string extension, string importLine, string call, string key, string pattern, string sdk)
    {
        _ = sdk;
        var result = ScannerSpecSupport.ScanText("src/a" + extension, importLine + "\n\n" + call + "\n");

        var usage = Assert.Single(result.Usages);
        Assert.Equal(key, usage.Flag);
        Assert.Equal(pattern, usage.Pattern);
        Assert.Equal(3, usage.Line);
        Assert.Equal(call.IndexOf("\"" + key + "\"", StringComparison.Ordinal) + 2, usage.Column);
    }

    [Theory]
    [MemberData(nameof(GatedCalls))]
    public void Generic_sdk_call_counts_everywhere_when_the_config_names_the_sdk(string extension, string importLine, string call, string key, string pattern, string sdk)
    {
        _ = importLine;
        var config = FlagkeeperConfig.Default with { Sdks = [sdk] };
        var result = ScannerSpecSupport.ScanText("src/a" + extension, call + "\n", config);

        var usage = Assert.Single(result.Usages);
        Assert.Equal(key, usage.Flag);
        Assert.Equal(pattern, usage.Pattern);
    }

    [Fact]
    public void Configcat_in_config_makes_getValue_count_without_an_import()
    {
        var config = FlagkeeperConfig.Default with { Sdks = ["configcat"] };
        const string line = "const v = map.getValue(\"name\");";

        var withSdk = ScannerSpecSupport.ScanText("a.js", line + "\n", config);
        var without = ScannerSpecSupport.ScanText("a.js", line + "\n");

        var usage = Assert.Single(withSdk.Usages);
        Assert.Equal("name", usage.Flag);
        Assert.Equal("configcat-get-value", usage.Pattern);
        Assert.Equal(25, usage.Column);
        Assert.Empty(without.Usages);
    }

    [Fact]
    public void Shared_generic_name_is_credited_to_the_sdk_the_file_imports()
    {
        var flagsmith = ScannerSpecSupport.ScanText("a.js", "import flagsmith from 'flagsmith';\nconst v = flagsmith.getValue('font-size');\n");
        var configcat = ScannerSpecSupport.ScanText("b.js", "import * as configcat from 'configcat-js';\nconst v = client.getValue('font-size');\n");

        Assert.Equal(("font-size", "flagsmith-has-feature"), flagsmith.Usages.Select(u => (u.Flag!, u.Pattern)).Single());
        Assert.Equal(("font-size", "configcat-get-value"), configcat.Usages.Select(u => (u.Flag!, u.Pattern)).Single());
    }

    [Theory]
    [InlineData(".go", "import (\n\t\"fmt\"\n\tld \"github.com/launchdarkly/go-server-sdk/v7\"\n)\n", "v, _ := client.BoolVariation(\"x\", ctx, false)")]
    [InlineData(".go", "import statsig \"github.com/statsig-io/go-sdk\"\n", "on := statsig.CheckGate(user, \"x\")")]
    [InlineData(".py", "from posthog import Posthog\n", "v = posthog.get_feature_flag('x', 'user')")]
    [InlineData(".rb", "require 'statsig'\n", "on = Statsig.check_gate(user, 'x')")]
    [InlineData(".java", "import com.launchdarkly.sdk.server.*;\n", "boolean on = client.boolVariation(\"x\", ctx, false);")]
    [InlineData(".php", "use ConfigCat\\ConfigCatClient;\n", "$v = $client->getValue('x', false);")]
    [InlineData(".ts", "import {\n  GrowthBook,\n  Context,\n} from '@growthbook/growthbook';\n", "if (gb.isOn('x')) {}")]
    [InlineData(".ts", "const { Statsig } = await import('statsig-node');\n", "if (Statsig.checkGate(user, 'x')) {}")]
    [InlineData(".vue", "<script setup>\nimport { useLDClient } from 'launchdarkly-vue-client-sdk';\n", "const on = ldClient.variation('x', false);")]
    public void Sdk_imports_are_recognised_across_languages(string extension, string imports, string call)
    {
        var result = ScannerSpecSupport.ScanText("a" + extension, imports + call + "\n");

        var usage = Assert.Single(result.Usages);
        Assert.Equal("x", usage.Flag);
    }

    [Fact]
    public void Sdk_names_in_config_are_case_insensitive()
    {
        var config = FlagkeeperConfig.Default with { Sdks = ["ConfigCat"] };

        var result = ScannerSpecSupport.ScanText("a.js", "map.getValue('k');\n", config);

        Assert.Equal("k", Assert.Single(result.Usages).Flag);
    }

    [Theory]
    [InlineData("a.js", "const s = \"configcat\";\nconst v = map.getValue(\"name\");\n")]
    [InlineData("a.js", "// we might use configcat one day\nconst v = map.getValue(\"name\");\n")]
    [InlineData("a.js", "const v = map.getValue(name);\n")]
    [InlineData("a.ts", "import { GrowthBook } from '@growthbook/growthbook';\nconst v = map.getValue(\"name\");\n")]
    [InlineData("a.cs", "using System.Collections.Generic;\nvar v = dict.GetValue(\"name\");\n")]
    [InlineData("a.java", "import java.util.Map;\nString v = props.getValue(\"name\");\n")]
    public void Generic_names_do_not_count_on_a_mention_or_another_sdks_import(string file, string content)
    {
        var result = ScannerSpecSupport.ScanText(file, content);

        Assert.True(result.Usages.Count == 0, ScannerSpecSupport.Describe(result));
    }

    [Fact]
    public void Generic_name_with_its_import_and_a_variable_key_is_dynamic()
    {
        var result = ScannerSpecSupport.ScanText("a.js", "import * as configcat from 'configcat-js';\nconst v = await client.getValueAsync(key, false);\n");

        var usage = Assert.Single(result.Usages);
        Assert.Equal(UsageKind.Dynamic, usage.Kind);
        Assert.Null(usage.Flag);
        Assert.Equal("key", usage.Argument);
        Assert.Equal("configcat-get-value", usage.Pattern);
        Assert.Equal(2, usage.Line);
    }

    // ------------------------------------------------------------------ (e) seed shapes

    [Theory]
    [InlineData(".ts", "if (isEnabled(\"k1\")) {}", "k1", "is-enabled")]
    [InlineData(".cs", "if (IsEnabled(\"k1\")) {}", "k1", "is-enabled")]
    [InlineData(".py", "if is_enabled(\"k1\"):", "k1", "is-enabled")]
    [InlineData(".js", "if (isFeatureEnabled('k1')) {}", "k1", "is-feature-enabled")]
    [InlineData(".cs", "if (IsFeatureEnabled(\"k1\")) {}", "k1", "is-feature-enabled")]
    [InlineData(".py", "if is_feature_enabled('k1'):", "k1", "is-feature-enabled")]
    [InlineData(".tsx", "const on = useFeatureFlag('k1');", "k1", "use-feature-flag")]
    [InlineData(".tsx", "const on = useFlag('k1');", "k1", "use-flag")]
    [InlineData(".cs", "if (await fm.IsEnabledAsync(\"k1\")) {}", "k1", "msfm-is-enabled-async")]
    [InlineData(".cs", "[FeatureGate(\"k1\")]", "k1", "msfm-feature-gate")]
    [InlineData(".cshtml", "<feature name=\"k1\">", "k1", "msfm-feature-tag")]
    [InlineData(".razor", "<feature name=\"k1\">", "k1", "msfm-feature-tag")]
    [InlineData(".ts", "const v = await client.getBooleanValue('k1', false);", "k1", "openfeature-value")]
    [InlineData(".java", "String v = client.getStringValue(\"k1\", \"x\");", "k1", "openfeature-value")]
    [InlineData(".cs", "var v = await client.GetIntegerValueAsync(\"k1\", 0);", "k1", "openfeature-value")]
    [InlineData(".kt", "val v = client.getDoubleDetails(\"k1\", 0.0)", "k1", "openfeature-value")]
    [InlineData(".py", "v = client.get_boolean_value(\"k1\", False)", "k1", "openfeature-python")]
    [InlineData(".go", "v, _ := client.BooleanValue(ctx, \"k1\", false, ec)", "k1", "openfeature-go")]
    [InlineData(".tsx", "const v = useBooleanFlagValue('k1', false);", "k1", "openfeature-react")]
    [InlineData(".rb", "if Feature.enabled?(:k1)", "k1", "gitlab-feature")]
    [InlineData(".rb", "if Feature.disabled?(:k1, user)", "k1", "gitlab-feature")]
    [InlineData(".rb", "if Flipper.enabled?(:k1, user)", "k1", "flipper-enabled")]
    [InlineData(".js", "if (process.env.FEATURE_K1) {}", "K1", "env-process")]
    [InlineData(".ts", "if (import.meta.env.VITE_FEATURE_K1) {}", "K1", "env-import-meta")]
    [InlineData(".py", "v = os.environ.get('FEATURE_K1')", "K1", "env-python")]
    [InlineData(".cs", "var v = Environment.GetEnvironmentVariable(\"FEATURE_K1\");", "K1", "env-dotnet")]
    [InlineData(".ts", "if (KILL_SWITCH_K1) {}", "KILL_SWITCH_K1", "kill-switch")]
    public void Seed_shapes_count_without_any_import(string extension, string line, string key, string pattern)
    {
        var result = ScannerSpecSupport.ScanText("src/a" + extension, line + "\n");

        var usage = Assert.Single(result.Usages);
        Assert.Equal(key, usage.Flag);
        Assert.Equal(pattern, usage.Pattern);
        Assert.Equal(line.IndexOf(key, StringComparison.Ordinal) + 1, usage.Column);
    }

    [Fact]
    public void Seed_shapes_have_no_sdk()
    {
        string[] seeds =
        [
            "is-enabled", "is-feature-enabled", "use-feature-flag", "use-flag", "msfm-is-enabled-async", "msfm-feature-gate", "msfm-feature-tag",
            "openfeature-value", "openfeature-python", "openfeature-go", "openfeature-react", "gitlab-feature", "flipper-enabled",
            "env-process", "env-import-meta", "env-python", "env-dotnet", "env-other", "kill-switch",
        ];

        Assert.All(seeds, id => Assert.Null(Shape(id).Sdk));
    }

    [Fact]
    public void Generic_names_are_gated_by_their_sdk()
    {
        var gated = new Dictionary<string, string>
        {
            ["getValue"] = "configcat", ["GetValue"] = "configcat", ["GetValueAsync"] = "configcat", ["getValueAsync"] = "configcat",
            ["isOn"] = "growthbook", ["isOff"] = "growthbook", ["variation"] = "launchdarkly", ["boolVariation"] = "launchdarkly",
            ["BoolVariation"] = "launchdarkly", ["getTreatment"] = "split", ["checkGate"] = "statsig", ["hasFeature"] = "flagsmith",
            ["getFeatureFlag"] = "posthog", ["useFeatureValue"] = "growthbook",
        };

        Assert.All(gated, pair =>
        {
            var shapes = BuiltInCatalog.Shapes.Where(s => s.Names.Contains(pair.Key)).ToList();
            Assert.NotEmpty(shapes);
            Assert.All(shapes, s => Assert.NotNull(s.Sdk));
            Assert.Contains(shapes, s => s.Sdk == pair.Value);
        });
    }
}
