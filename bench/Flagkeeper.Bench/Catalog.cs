namespace Flagkeeper.Bench;

/// <summary>
/// The scanner's documented catalog (docs/patterns.md, src/Flagkeeper.Analysis/Scanning/Catalog), written
/// out again here on purpose: the benchmark is a black box and must not borrow the scanner's own code.
/// </summary>
internal static class Catalog
{
    private static readonly string[] ValueTypes = ["Boolean", "String", "Integer", "Double", "Number", "Object", "Float", "Int"];

    /// <summary>Default env prefixes, longest first (the key is the name with the longest matching one stripped).</summary>
    public static readonly string[] EnvPrefixes =
        ["NEXT_PUBLIC_FEATURE_", "VITE_FEATURE_FLAG_", "REACT_APP_FEATURE_", "VITE_FEATURE_", "FEATURE_FLAG_", "FEATURE_"];

    public const string KillSwitchPrefix = "KILL_SWITCH_";

    /// <summary>Every extension the scanner reads by default.</summary>
    public static readonly string[] ScannedExtensions =
    [
        "cs", "cshtml", "razor", "ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "vue", "svelte", "py", "pyi", "go",
        "rb", "rake", "erb", "java", "kt", "kts", "scala", "sc", "swift", "php", "rs",
    ];

    public static string[] Variations(string name) => [name, name + "Detail"];

    public static string[] OpenFeature(string prefix, string suffix) => [.. ValueTypes.Select(t => prefix + t + suffix)];

    public static readonly string[] LaunchDarklyLower =
    [
        .. Variations("variation"), .. Variations("boolVariation"), .. Variations("stringVariation"), .. Variations("intVariation"),
        .. Variations("floatVariation"), .. Variations("doubleVariation"), .. Variations("numberVariation"), .. Variations("jsonVariation"),
        .. Variations("jsonValueVariation"), .. Variations("migrationVariation"),
    ];

    public static readonly string[] LaunchDarklyUpper =
    [
        .. Variations("BoolVariation"), .. Variations("StringVariation"), .. Variations("IntVariation"), .. Variations("FloatVariation"),
        .. Variations("DoubleVariation"), .. Variations("JsonVariation"), .. Variations("EnumVariation"), .. Variations("Variation"),
    ];

    public static readonly string[] LaunchDarklyHooks =
    [
        .. Variations("useBoolVariation"), .. Variations("useStringVariation"), .. Variations("useNumberVariation"),
        .. Variations("useJsonVariation"), .. Variations("useVariation"),
    ];

    public static readonly string[] OpenFeatureValue =
        [.. OpenFeature("get", "Value"), .. OpenFeature("get", "Details")];

    public static readonly string[] OpenFeatureAsync =
        [.. OpenFeature("Get", "ValueAsync"), .. OpenFeature("Get", "DetailsAsync")];

    public static readonly string[] OpenFeaturePython =
    [
        "get_boolean_value", "get_string_value", "get_integer_value", "get_float_value", "get_object_value",
        "get_boolean_details", "get_string_details", "get_integer_details", "get_float_details", "get_object_details",
        "get_boolean_value_async", "get_string_value_async", "get_integer_value_async", "get_float_value_async", "get_object_value_async",
    ];

    public static readonly string[] OpenFeatureGo =
        ["BooleanValue", "StringValue", "IntValue", "FloatValue", "ObjectValue", "BooleanValueDetails", "StringValueDetails", "IntValueDetails", "FloatValueDetails", "ObjectValueDetails"];

    public static readonly string[] OpenFeatureReact =
        ["useBooleanFlagValue", "useStringFlagValue", "useNumberFlagValue", "useObjectFlagValue", "useBooleanFlagDetails", "useStringFlagDetails", "useNumberFlagDetails", "useObjectFlagDetails"];

    public static readonly string[] PostHogReact = ["useFeatureFlagEnabled", "useFeatureFlagVariantKey", "useFeatureFlagPayload"];

    /// <summary>Every identifier that starts a call shape (what rg searches for followed by a parenthesis).</summary>
    public static readonly string[] CallNames =
    [
        "isEnabled", "IsEnabled", "is_enabled", "isFeatureEnabled", "IsFeatureEnabled", "is_feature_enabled", "useFeatureFlag", "useFlag",
        "IsEnabledAsync", "FeatureGate",
        .. LaunchDarklyLower, .. LaunchDarklyUpper, .. LaunchDarklyHooks,
        .. OpenFeatureValue, .. OpenFeatureAsync, .. OpenFeaturePython, .. OpenFeatureGo, .. OpenFeatureReact,
        "getValue", "getValueAsync", "GetValue", "GetValueAsync", "get_value",
        "hasFeature", "get_feature_value",
        "isOn", "isOff", "is_on", "is_off", "getFeatureValue", "evalFeature", "useFeatureIsOn", "useFeatureValue",
        "getFeatureFlag", "getFeatureFlagPayload", "getFeatureFlagResult", "get_feature_flag", "get_feature_flag_payload", "feature_enabled",
        .. PostHogReact,
        "getTreatment", "GetTreatment", "getTreatmentWithConfig", "GetTreatmentWithConfig", "get_treatment",
        "checkGate", "CheckGate", "check_gate", "flag_is_active",
        "getVariant", "GetVariant", "get_variant", "useVariant",
        "Evaluate", "EvaluateAsync", "GetVariantAsync", "IsEnabledFor",
    ];

    /// <summary>Tag names and receivers that start a shape without a call (Razor / JSX tags, Ruby receivers).</summary>
    public static readonly string[] OtherTriggers = ["feature", "IfFeatureEnabled", "FeatureString", "Feature", "Flipper"];

    private static readonly HashSet<string> AllTriggers = new([.. CallNames, .. OtherTriggers], StringComparer.Ordinal);

    /// <summary>True when filler text must not use this identifier: it is a trigger word or starts like an env flag / kill switch.</summary>
    public static bool IsReserved(string identifier) =>
        AllTriggers.Contains(identifier)
        || identifier.StartsWith(KillSwitchPrefix, StringComparison.Ordinal)
        || EnvPrefixes.Any(p => identifier.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The key the scanner reports for an env variable name: the longest default prefix stripped.</summary>
    public static string EnvKey(string name)
    {
        foreach (var prefix in EnvPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                return name[prefix.Length..];
            }
        }
        throw new InvalidOperationException($"{name} has no env prefix");
    }
}
