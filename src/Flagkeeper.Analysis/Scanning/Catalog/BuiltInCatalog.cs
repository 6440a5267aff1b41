using Flagkeeper.Analysis.Languages;

namespace Flagkeeper.Analysis.Scanning.Catalog;

/// <summary>
/// The call shapes Flagkeeper recognises without configuration. docs/patterns.md is generated from
/// this list, and every example here is a test case. Ids are stable: never rename one.
/// </summary>
public static class BuiltInCatalog
{
    /// <summary>Bumped whenever a shape's meaning changes, so scan caches built with the old catalog are discarded.</summary>
    public const int Version = 1;

    // Declared before Shapes: static initializers run in text order.
    private static readonly string[] ValueTypes = ["Boolean", "String", "Integer", "Double", "Number", "Object", "Float", "Int"];

    private const LanguageFamily Js = LanguageFamily.JavaScript;
    private const LanguageFamily Code = LanguageFamily.All & ~LanguageFamily.Markup & ~LanguageFamily.Data | LanguageFamily.Razor;

    public static IReadOnlyList<CallShape> Shapes { get; } =
    [
        // Seed shapes: these names mean a flag check in every file.
        new()
        {
            Id = "is-enabled", Source = "Unleash, Flagkeeper and most in-house wrappers", Names = ["isEnabled", "IsEnabled", "is_enabled"],
            Languages = Code | LanguageFamily.Markup, Position = KeyPosition.FirstArgument,
            Examples = [new(".ts", "if (unleash.isEnabled('new-checkout')) {", "new-checkout"), new(".cs", "if (flags.IsEnabled(\"dark-mode\"))", "dark-mode"), new(".py", "if client.is_enabled(\"beta\", ctx):", "beta")],
        },
        new()
        {
            Id = "is-feature-enabled", Source = "PostHog, Flagsmith and in-house wrappers", Names = ["isFeatureEnabled", "IsFeatureEnabled", "is_feature_enabled"],
            Languages = Code | LanguageFamily.Markup, Position = KeyPosition.FirstArgument,
            Examples = [new(".js", "posthog.isFeatureEnabled('new-onboarding')", "new-onboarding"), new(".py", "flags.is_feature_enabled(\"search_v2\")", "search_v2")],
        },
        new()
        {
            Id = "use-feature-flag", Source = "React hooks (ConfigCat React and wrappers)", Names = ["useFeatureFlag"],
            Languages = Js, Position = KeyPosition.FirstArgument,
            Examples = [new(".tsx", "const on = useFeatureFlag(\"wishlist\", false);", "wishlist")],
        },
        new()
        {
            Id = "use-flag", Source = "Unleash React, OpenFeature React", Names = ["useFlag"],
            Languages = Js, Position = KeyPosition.FirstArgument,
            Examples = [new(".tsx", "const enabled = useFlag('checkout-v2');", "checkout-v2")],
        },
        new()
        {
            Id = "msfm-is-enabled-async", Source = "Microsoft.FeatureManagement IFeatureManager", Names = ["IsEnabledAsync"],
            Languages = LanguageFamily.DotNet, Position = KeyPosition.FirstArgument,
            Examples = [new(".cs", "if (await featureManager.IsEnabledAsync(\"Beta\"))", "Beta"), new(".cshtml", "@if (await FeatureManager.IsEnabledAsync(\"Banner\")) {", "Banner")],
        },
        new()
        {
            Id = "msfm-feature-gate", Source = "Microsoft.FeatureManagement [FeatureGate] attribute", Names = ["FeatureGate"],
            Languages = LanguageFamily.DotNet, Position = KeyPosition.EveryStringArgument,
            Examples = [new(".cs", "[FeatureGate(\"Beta\")]", "Beta"), new(".cs", "[FeatureGate(RequirementType.Any, \"Alpha\", \"Beta\")]", "Alpha", "Beta")],
        },
        new()
        {
            Id = "msfm-feature-tag", Source = "Microsoft.FeatureManagement Razor tag helper", Names = ["feature"],
            Languages = LanguageFamily.Razor, Position = KeyPosition.TagAttribute, Attribute = "name",
            Examples = [new(".cshtml", "<feature name=\"Beta\">", "Beta"), new(".cshtml", "<feature name=\"Alpha, Beta\" requirement=\"Any\">", "Alpha", "Beta")],
        },
        // LaunchDarkly
        new()
        {
            Id = "launchdarkly-variation", Source = "LaunchDarkly server and client SDKs", Sdk = "launchdarkly",
            Names = [.. Variations("variation"), .. Variations("boolVariation"), .. Variations("stringVariation"), .. Variations("intVariation"),
                     .. Variations("floatVariation"), .. Variations("doubleVariation"), .. Variations("numberVariation"), .. Variations("jsonVariation"),
                     .. Variations("jsonValueVariation"), .. Variations("migrationVariation"), .. Variations("BoolVariation"), .. Variations("StringVariation"),
                     .. Variations("IntVariation"), .. Variations("FloatVariation"), .. Variations("DoubleVariation"), .. Variations("JsonVariation"),
                     .. Variations("EnumVariation"), .. Variations("Variation")],
            Languages = Code, Position = KeyPosition.FirstArgument,
            Examples = [new(".java", "import com.launchdarkly.sdk.server.LDClient; boolean on = ld.boolVariation(\"new-pricing\", ctx, false);", "new-pricing"), new(".cs", "using LaunchDarkly.Sdk.Server; var on = client.BoolVariation(\"new-pricing\", ctx, false);", "new-pricing")],
        },
        new()
        {
            Id = "launchdarkly-react-hook", Source = "LaunchDarkly React / Vue SDK hooks",
            Names = [.. Variations("useBoolVariation"), .. Variations("useStringVariation"), .. Variations("useNumberVariation"), .. Variations("useJsonVariation"), .. Variations("useVariation")],
            Languages = Js, Position = KeyPosition.FirstArgument,
            Examples = [new(".tsx", "const on = useBoolVariation('new-nav', false);", "new-nav")],
        },
        // OpenFeature
        new()
        {
            Id = "openfeature-value", Source = "OpenFeature SDKs (Java, Kotlin, JavaScript, .NET, PHP, Swift)",
            Names = [.. OpenFeatureGetters("get", "Value"), .. OpenFeatureGetters("get", "Details"), .. OpenFeatureGetters("Get", "ValueAsync"), .. OpenFeatureGetters("Get", "DetailsAsync")],
            Languages = Code, Position = KeyPosition.FirstArgument,
            Examples = [new(".ts", "const v = await client.getBooleanValue('new-search', false);", "new-search"), new(".cs", "var on = await client.GetBooleanValueAsync(\"new-search\", false);", "new-search"), new(".java", "String c = client.getStringDetails(\"color\", \"red\").getValue();", "color")],
        },
        new()
        {
            Id = "openfeature-python", Source = "OpenFeature Python SDK",
            Names = ["get_boolean_value", "get_string_value", "get_integer_value", "get_float_value", "get_object_value",
                     "get_boolean_details", "get_string_details", "get_integer_details", "get_float_details", "get_object_details",
                     "get_boolean_value_async", "get_string_value_async", "get_integer_value_async", "get_float_value_async", "get_object_value_async"],
            Languages = LanguageFamily.Python, Position = KeyPosition.FirstArgument,
            Examples = [new(".py", "if client.get_boolean_value(\"new-search\", False):", "new-search")],
        },
        new()
        {
            Id = "openfeature-go", Source = "OpenFeature Go SDK (the key is the second argument)",
            Names = ["BooleanValue", "StringValue", "IntValue", "FloatValue", "ObjectValue", "BooleanValueDetails", "StringValueDetails", "IntValueDetails", "FloatValueDetails", "ObjectValueDetails"],
            Languages = LanguageFamily.Go, Position = KeyPosition.SecondArgument,
            Examples = [new(".go", "on, _ := client.BooleanValue(ctx, \"new-search\", false, evalCtx)", "new-search")],
        },
        // Kubernetes featuregate: call sites often import only their own project's feature package (cluster-api's
        // feature.Gates), so the shape is tied to the receiver's name, not to an import; `.Enabled(` alone is too common.
        new()
        {
            Id = "go-feature-gate", Source = "Kubernetes featuregate and gates built on it (the receiver's name ends in FeatureGate or is Gates)",
            Names = ["Enabled"], NamePattern = @"(?<=\b(?:[A-Za-z0-9_]*[Ff]eatureGates?|Gates)\s*\.\s*)Enabled",
            Languages = LanguageFamily.Go, Position = KeyPosition.FirstArgument,
            Examples = [new(".go", "if utilfeature.DefaultFeatureGate.Enabled(\"SidecarContainers\") {", "SidecarContainers"), new(".go", "if feature.Gates.Enabled(\"MachinePool\") {", "MachinePool")],
        },
        new()
        {
            Id = "openfeature-react", Source = "OpenFeature React SDK hooks",
            Names = ["useBooleanFlagValue", "useStringFlagValue", "useNumberFlagValue", "useObjectFlagValue", "useBooleanFlagDetails", "useStringFlagDetails", "useNumberFlagDetails", "useObjectFlagDetails"],
            Languages = Js, Position = KeyPosition.FirstArgument,
            Examples = [new(".tsx", "const on = useBooleanFlagValue('new-search', false);", "new-search")],
        },
        // ConfigCat, Flagsmith, GrowthBook, PostHog, Split, Statsig, django-waffle
        new()
        {
            Id = "configcat-get-value", Source = "ConfigCat SDKs", Sdk = "configcat", Names = ["getValue", "getValueAsync", "GetValue", "GetValueAsync", "get_value"],
            Languages = Code, Position = KeyPosition.FirstArgument,
            Examples = [new(".cs", "using ConfigCat.Client; var on = await client.GetValueAsync(\"isMyFeatureOn\", false);", "isMyFeatureOn"), new(".js", "import * as configcat from 'configcat-js'; const v = await client.getValueAsync('isAwesome', false);", "isAwesome")],
        },
        new()
        {
            Id = "flagsmith-has-feature", Source = "Flagsmith JavaScript client", Sdk = "flagsmith", Names = ["hasFeature", "getValue"],
            Languages = Code, Position = KeyPosition.FirstArgument,
            Examples = [new(".js", "import flagsmith from 'flagsmith'; if (flagsmith.hasFeature('usage_chart')) {}", "usage_chart")],
        },
        new()
        {
            Id = "flagsmith-feature-value", Source = "Flagsmith server SDKs", Names = ["get_feature_value"],
            Languages = LanguageFamily.Python | LanguageFamily.Ruby, Position = KeyPosition.FirstArgument,
            Examples = [new(".py", "limit = flags.get_feature_value(\"max_items\")", "max_items")],
        },
        new()
        {
            Id = "growthbook-is-on", Source = "GrowthBook SDKs", Sdk = "growthbook", Names = ["isOn", "isOff", "is_on", "is_off", "getFeatureValue", "get_feature_value", "evalFeature"],
            Languages = Code, Position = KeyPosition.FirstArgument,
            Examples = [new(".ts", "import { GrowthBook } from '@growthbook/growthbook'; if (gb.isOn('dark-theme')) {}", "dark-theme")],
        },
        new()
        {
            Id = "growthbook-react-hook", Source = "GrowthBook React SDK", Names = ["useFeatureIsOn"],
            Languages = Js, Position = KeyPosition.FirstArgument,
            Examples = [new(".tsx", "const on = useFeatureIsOn('dark-theme');", "dark-theme")],
        },
        new()
        {
            Id = "growthbook-feature-value", Source = "GrowthBook React SDK", Sdk = "growthbook", Names = ["useFeatureValue"],
            Languages = Js, Position = KeyPosition.FirstArgument,
            Examples = [new(".tsx", "import { useFeatureValue } from '@growthbook/growthbook-react'; const c = useFeatureValue('cta-color', 'blue');", "cta-color")],
        },
        new()
        {
            Id = "growthbook-jsx", Source = "GrowthBook React components", Names = ["IfFeatureEnabled", "FeatureString"],
            Languages = Js, Position = KeyPosition.TagAttribute, Attribute = "feature",
            Examples = [new(".tsx", "<IfFeatureEnabled feature=\"new-banner\"><Banner /></IfFeatureEnabled>", "new-banner")],
        },
        new()
        {
            Id = "posthog-get-feature-flag", Source = "PostHog SDKs", Sdk = "posthog",
            Names = ["getFeatureFlag", "getFeatureFlagPayload", "getFeatureFlagResult", "get_feature_flag", "get_feature_flag_payload"],
            Languages = Code, Position = KeyPosition.FirstArgument,
            Examples = [new(".js", "import posthog from 'posthog-js'; const v = posthog.getFeatureFlag('pricing-test');", "pricing-test")],
        },
        new()
        {
            Id = "posthog-feature-enabled", Source = "PostHog Python SDK", Names = ["feature_enabled"],
            Languages = LanguageFamily.Python | LanguageFamily.Ruby, Position = KeyPosition.FirstArgument,
            Examples = [new(".py", "if posthog.feature_enabled('beta-feature', 'distinct_id'):", "beta-feature")],
        },
        new()
        {
            Id = "posthog-react-hook", Source = "PostHog React hooks", Names = ["useFeatureFlagEnabled", "useFeatureFlagVariantKey", "useFeatureFlagPayload"],
            Languages = Js, Position = KeyPosition.FirstArgument,
            Examples = [new(".tsx", "const on = useFeatureFlagEnabled('new-dashboard');", "new-dashboard")],
        },
        new()
        {
            Id = "split-get-treatment", Source = "Split / Harness FME (server: key second; browser: key first)", Sdk = "split",
            Names = ["getTreatment", "GetTreatment", "getTreatmentWithConfig", "GetTreatmentWithConfig", "get_treatment"],
            Languages = Code, Position = KeyPosition.SecondOrFirstArgument,
            Examples = [new(".java", "import io.split.client.SplitClient; String t = client.getTreatment(\"user-42\", \"new-checkout\");", "new-checkout"), new(".js", "import { SplitFactory } from '@splitsoftware/splitio'; const t = client.getTreatment('new-checkout');", "new-checkout")],
        },
        new()
        {
            Id = "statsig-check-gate", Source = "Statsig (client: key first; server: key second)", Sdk = "statsig", Names = ["checkGate", "CheckGate", "check_gate"],
            Languages = Code, Position = KeyPosition.SecondOrFirstArgument,
            Examples = [new(".ts", "import Statsig from 'statsig-js'; if (Statsig.checkGate('new-homepage')) {}", "new-homepage")],
        },
        new()
        {
            Id = "waffle-flag-is-active", Source = "django-waffle (the key is the second argument)", Names = ["flag_is_active"],
            Languages = LanguageFamily.Python, Position = KeyPosition.SecondArgument,
            Examples = [new(".py", "if waffle.flag_is_active(request, 'new-editor'):", "new-editor")],
        },
        new()
        {
            Id = "unleash-get-variant", Source = "Unleash SDKs", Sdk = "unleash", Names = ["getVariant", "GetVariant", "get_variant", "useVariant"],
            Languages = Code, Position = KeyPosition.FirstArgument,
            Examples = [new(".ts", "import { initialize } from 'unleash-client'; const v = unleash.getVariant('button-color');", "button-color")],
        },
        // Ruby symbols
        new()
        {
            Id = "gitlab-feature", Source = "GitLab Feature flags (Ruby)", Names = ["Feature"], NamePattern = @"Feature\s*\.\s*(?:enabled|disabled)\?",
            ParenthesesOptional = true, Languages = LanguageFamily.Ruby, Position = KeyPosition.FirstArgument,
            Examples = [new(".rb", "if Feature.enabled?(:new_navigation, current_user)", "new_navigation"), new(".rb", "return if Feature.disabled? :legacy_ui", "legacy_ui")],
        },
        new()
        {
            Id = "flipper-enabled", Source = "Flipper (Ruby)", Names = ["Flipper"], NamePattern = @"Flipper\s*\.\s*enabled\?",
            ParenthesesOptional = true, Languages = LanguageFamily.Ruby, Position = KeyPosition.FirstArgument,
            Examples = [new(".rb", "if Flipper.enabled?(:search, user)", "search")],
        },
        // Environment variables: the name with an env prefix (envPrefixes) stripped.
        new()
        {
            Id = "env-process", Source = "Node.js process.env", TriggeredByPrefix = true, Languages = Js, Position = KeyPosition.EnvironmentVariable,
            Pattern = @"\G(?<=\bprocess\.env\.)(?<name>[A-Za-z_][A-Za-z0-9_]*)|\G(?<=\bprocess\.env\[\s*[""'`])(?<name>[A-Za-z_][A-Za-z0-9_]*)(?=[""'`]\s*\])",
            Examples = [new(".js", "if (process.env.FEATURE_NEW_CHECKOUT === 'true') {", "NEW_CHECKOUT"), new(".ts", "const on = process.env['FEATURE_FLAG_DARK_MODE'];", "DARK_MODE")],
        },
        new()
        {
            Id = "env-import-meta", Source = "Vite import.meta.env", TriggeredByPrefix = true, Languages = Js, Position = KeyPosition.EnvironmentVariable,
            Pattern = @"\G(?<=\bimport\.meta\.env\.)(?<name>[A-Za-z_][A-Za-z0-9_]*)",
            Examples = [new(".ts", "if (import.meta.env.VITE_FEATURE_SEARCH) {", "SEARCH")],
        },
        new()
        {
            Id = "env-python", Source = "Python os.getenv / os.environ", TriggeredByPrefix = true, Languages = LanguageFamily.Python, Position = KeyPosition.EnvironmentVariable,
            Pattern = @"\G(?<=\b(?:getenv|environ\.get)\(\s*[""'])(?<name>[A-Za-z_][A-Za-z0-9_]*)(?=[""'])|\G(?<=\benviron\[\s*[""'])(?<name>[A-Za-z_][A-Za-z0-9_]*)(?=[""']\s*\])",
            Examples = [new(".py", "if os.getenv(\"FEATURE_BETA\") == \"1\":", "BETA"), new(".py", "on = os.environ[\"FEATURE_BETA\"]", "BETA"), new(".py", "on = os.environ.get('FEATURE_FLAG_BETA', '0')", "BETA")],
        },
        new()
        {
            Id = "env-dotnet", Source = ".NET Environment.GetEnvironmentVariable", TriggeredByPrefix = true, Languages = LanguageFamily.DotNet, Position = KeyPosition.EnvironmentVariable,
            Pattern = @"\G(?<=\bEnvironment\.GetEnvironmentVariable\(\s*@?"")(?<name>[A-Za-z_][A-Za-z0-9_]*)(?="")",
            Examples = [new(".cs", "var on = Environment.GetEnvironmentVariable(\"FEATURE_EXPORT\") == \"true\";", "EXPORT")],
        },
        new()
        {
            Id = "env-other", Source = "Go os.Getenv, Java System.getenv, PHP getenv, Ruby ENV, Rust env::var", TriggeredByPrefix = true,
            Languages = LanguageFamily.Go | LanguageFamily.Jvm | LanguageFamily.Php | LanguageFamily.Ruby | LanguageFamily.Rust | LanguageFamily.Swift, Position = KeyPosition.EnvironmentVariable,
            Pattern = @"\G(?<=(?:\bGetenv|\bgetenv|\bENV\.fetch|\benv::var|\benv::var_os)\(\s*[""'])(?<name>[A-Za-z_][A-Za-z0-9_]*)(?=[""'])|\G(?<=\bENV\[\s*[""'])(?<name>[A-Za-z_][A-Za-z0-9_]*)(?=[""']\s*\])",
            Examples = [new(".go", "if os.Getenv(\"FEATURE_FAST_PATH\") == \"1\" {", "FAST_PATH"), new(".rb", "if ENV[\"FEATURE_FAST_PATH\"]", "FAST_PATH")],
        },
        // Kill switches
        new()
        {
            Id = "kill-switch", Source = "Kill-switch identifiers (KILL_SWITCH_*)", TriggeredByPrefix = true, Names = ["KILL_SWITCH_"],
            Languages = LanguageFamily.All, Position = KeyPosition.Identifier,
            Pattern = @"\G(?<name>KILL_SWITCH_[A-Za-z0-9_]+)",
            Examples = [new(".cs", "if (Switches.KILL_SWITCH_PAYMENTS) return;", "KILL_SWITCH_PAYMENTS"), new(".py", "if KILL_SWITCH_EXPORT:", "KILL_SWITCH_EXPORT")],
        },
        // Flagkeeper's own runtime (src/Flagkeeper): IsEnabled/IsEnabledAsync are "is-enabled" above.
        new()
        {
            Id = "flagkeeper-evaluate", Source = "Flagkeeper runtime (Evaluate, GetVariant)", Sdk = "flagkeeper",
            Names = ["Evaluate", "EvaluateAsync", "GetVariant", "GetVariantAsync", "IsEnabledFor"],
            Languages = LanguageFamily.DotNet, Position = KeyPosition.FirstArgument,
            Examples = [new(".cs", "using Flagkeeper; var result = flags.Evaluate(\"new-checkout\", context);", "new-checkout")],
        },
    ];

    /// <summary>
    /// Substrings of the trigger words that ordinary text rarely contains: mostly a camelCase or
    /// snake_case boundary ("Enabled", "_enabled") rather than a plain word ("enabled", "value").
    /// The prefilter searches for these and looks at a file only around a hit;
    /// <see cref="ShapeIndex"/> checks that every trigger word contains one.
    /// </summary>
    public static IReadOnlyList<string> Anchors { get; } =
    [
        "Enabled", "_enabled", "Flag", "_flag", "flag_is", "Feature", "_feature", "<feature", "ariation", "Value", "_value",
        "Details", "_details", "isO", "is_o", "Treatment", "_treatment", "heckGate", "heck_gate", "Variant", "_variant", "Evaluate", "Flipper",
    ];

    private static string[] Variations(string name) => [name, name + "Detail"];

    private static IEnumerable<string> OpenFeatureGetters(string prefix, string suffix) =>
        ValueTypes.Select(t => $"{prefix}{t}{suffix}");
}
