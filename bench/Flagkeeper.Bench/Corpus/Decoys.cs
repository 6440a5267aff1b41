using static Flagkeeper.Bench.Corpus.Langs;
using static Flagkeeper.Bench.Corpus.Plants;

namespace Flagkeeper.Bench.Corpus;

/// <summary>
/// Text that looks like a usage and is none: calls inside comments, look-alike names, generic SDK method
/// names in files without the SDK's import, and the declarations of functions with a trigger's name.
/// </summary>
internal static class Decoys
{
    /// <summary>The line-comment marker of code in this language (Razor: inside an @{ } block).</summary>
    public static string LineComment(Lang lang) => lang switch
    {
        Lang.Py or Lang.Rb => "#",
        _ => "//",
    };

    /// <summary>A planted expression's text with its usages dropped, to be put in a comment.</summary>
    public static Snip SilentUsage(FileBuilder f)
    {
        var planters = For(f.Lang, f.Sdk, Where.Expr);
        return planters[f.R.Next(planters.Length)].Make(f).Silent();
    }

    /// <summary>A usage inside a comment, in code: line comments, block comments, doc comments.</summary>
    public static Snip CodeComment(FileBuilder f)
    {
        var r = f.R;
        var usage = SilentUsage(f);
        var text = usage.Lines;
        var line = f.Lang == Lang.Php && r.Next(2) == 0 ? "#" : LineComment(f.Lang);
        switch (f.Lang is Lang.Py or Lang.Rb ? r.Next(2) : r.Next(4))
        {
            case 0:
                return new Snip(text.Select(l => line + " " + l));
            case 1:
                return new Snip([line + " " + Text.Sentence(r) + ":", .. text.Select(l => line + "   " + l)]);
            case 2:
                return text.Count == 1 && r.Next(2) == 0
                    ? new Snip("/* " + text[0] + " */")
                    : new Snip(["/*", " * " + Text.Sentence(r), .. text.Select(l => " * " + l), " */"]);
            default:
                return new Snip(["/**", " * " + Text.Sentence(r), " * @example", .. text.Select(l => " *   " + l), " */"]);
        }
    }

    /// <summary>Ruby's =begin / =end block (must start at column 0; the caller emits it raw).</summary>
    public static IReadOnlyList<string> RubyBlockComment(FileBuilder f) =>
        ["=begin", Text.Sentence(f.R), .. SilentUsage(f).Lines, "=end"];

    /// <summary>A usage inside a markup comment: Razor @* *@ and &lt;!-- --&gt;, ERB &lt;%# %&gt;, Vue/Svelte &lt;!-- --&gt;.</summary>
    public static Snip MarkupComment(FileBuilder f)
    {
        var r = f.R;
        var text = SilentUsage(f).Lines;
        switch (f.Lang)
        {
            case Lang.Razor:
                switch (r.Next(3))
                {
                    case 0:
                        return new Snip(text.Count == 1 ? ["@* @if (" + text[0] + ") { } *@"] : ["@*", .. text, "*@"]);
                    case 1:
                        var a = Text.Key(r);
                        return new Snip(r.Next(2) == 0 ? [$"<!-- <feature name=\"{a}\"> -->"] : ["<!--", $"<feature name=\"{a}\">", "-->"]);
                    default:
                        return new Snip(["@{", "    // " + text[0], "    /* " + string.Join(" ", text) + " */", "}"]);
                }
            case Lang.Erb:
                return r.Next(2) == 0
                    ? new Snip(text.Count == 1 ? ["<%# if " + text[0] + " %>"] : ["<%#", .. text, "%>"])
                    : new Snip(["<!--", .. text.Select(l => "  " + l), "-->"]);
            default:
                return new Snip(text.Count == 1 && r.Next(2) == 0 ? ["<!-- " + text[0] + " -->"] : ["<!--", .. text.Select(l => "  " + l), "-->"]);
        }
    }

    /// <summary>Names that contain a trigger word but are another identifier, env names without a prefix, properties.</summary>
    public static Snip LookAlike(FileBuilder f)
    {
        var r = f.R;
        var key = Text.Key(r);
        var q = f.Q(key);
        var env = Text.UpperKey(r);
        string[] options = f.Lang switch
        {
            _ when IsJs(f.Lang) =>
            [
                $"isEnabledX({q})", $"myIsEnabled({q})", $"unleashisEnabled({q})", "useFlags()", $"useFeatureFlags({q})", $"isFeatureEnabledFor({q})",
                $"checkGates({q})", $"$isEnabled({q})", "flags.isEnabled", $"process.env.MY_FEATURE_{env}", "process.env.FEATURES_LIST", "import.meta.env.VITE_APP_TITLE",
                $"NO_KILL_SWITCH_{env}", $"kill_switch_{env.ToLowerInvariant()}", $"isEnabled_({q})", $"IsEnabledAsyncCore({q})", $"useFlagValue({q})",
            ],
            Lang.Cs or Lang.Razor =>
            [
                $"IsEnabledX({q})", $"MyIsEnabled({q})", $"IsEnabledAsyncCore({q})", $"IsFeatureEnabledFor({q})", "flags.IsEnabled",
                $"Environment.GetEnvironmentVariable(\"APP_FEATURE_{env}\")", $"NO_KILL_SWITCH_{env}", $"UnleashIsEnabled({q})", $"FeatureGates.Count",
            ],
            Lang.Py =>
            [
                $"is_enabled_for({q})", $"my_is_enabled({q})", $"unleash_is_enabled({q})", $"is_enabledx({q})", $"os.getenv('APP_FEATURE_{env}')",
                $"flag_is_active_for(request, {q})", "KILL_SWITCHES", $"flags.is_enabled", $"os.environ['FEATURES_{env}']",
            ],
            Lang.Go => [$"IsEnabledX({q})", $"isEnabledLocal({q})", $"os.Getenv(\"APP_FEATURE_{env}\")", $"NoKillSwitch{Text.Pascal(env.ToLowerInvariant())}", $"flags.IsEnabled"],
            Lang.Rb or Lang.Erb =>
            [
                $"Feature.enabled_for?(:{Text.SymbolKey(r)})", $"Features.enabled?(:{Text.SymbolKey(r)})", $"Flipper.enable(:{Text.SymbolKey(r)})",
                $"MyFeature.enabled?(:{Text.SymbolKey(r)})", $"is_enabled_for({q})", $"ENV['APP_FEATURE_{env}']", $"Flipper.enabled(:{Text.SymbolKey(r)})",
            ],
            Lang.Php => [$"isEnabledX({q})", $"myIsEnabled({q})", $"$isEnabled({q})", $"getenv('APP_FEATURE_{env}')", $"$this->isEnabledFlag({q})"],
            Lang.Rs => [$"is_enabled_x({q})", $"my_is_enabled({q})", $"env::var(\"APP_FEATURE_{env}\")", $"flags.is_enabled"],
            _ => [$"isEnabledX({q})", $"myIsEnabled({q})", $"unleashisEnabled({q})", $"isFeatureEnabledFor({q})", $"System.getenv(\"APP_FEATURE_{env}\")"],
        };
        return new Snip(options[r.Next(options.Length)]);
    }

    /// <summary>Markup look-alikes: tags that are not the Razor tag helper or the GrowthBook component.</summary>
    public static Snip MarkupLookAlike(FileBuilder f)
    {
        var key = Text.Key(f.R);
        var tag = Pick(f.R, "feature-flag", "feature-toggle", "features", "Feature");
        return f.Lang == Lang.Razor
            ? new Snip([$"<{tag} name=\"{key}\">", $"    <p>{Text.Sentence(f.R)}</p>", $"</{tag}>"])
            : new Snip($"<p class=\"{Pick(f.R, "is-enabled", "feature", "flag")}\">{Text.Sentence(f.R)}</p>");
    }

    /// <summary>A generic SDK method name (getValue, isOn, variation, …) in a file that does not import that SDK; null when the file does.</summary>
    public static Snip? GenericName(FileBuilder f)
    {
        var r = f.R;
        var q = f.Q(Text.Key(r));
        (string Text, string[] Sdks)[] options = f.Lang switch
        {
            _ when IsJs(f.Lang) =>
            [
                ($"map.getValue({q})", ["configcat", "flagsmith"]), ($"store.getValueAsync({q})", ["configcat"]), ($"gb.isOn({q})", ["growthbook"]),
                ($"toggle.isOff({q})", ["growthbook"]), ($"settings.getFeatureValue({q}, 0)", ["growthbook"]), ($"theme.variation({q})", ["launchdarkly"]),
                ($"router.getTreatment({q})", ["split"]), ($"validator.checkGate({q})", ["statsig"]), ($"registry.hasFeature({q})", ["flagsmith"]),
                ($"tracker.getFeatureFlag({q})", ["posthog"]), ($"useFeatureValue({q}, 0)", ["growthbook"]), ($"cache.getVariant({q})", ["unleash"]),
                ($"product.evalFeature({q})", ["growthbook"]),
            ],
            Lang.Cs or Lang.Razor =>
            [
                ($"dict.GetValue({q})", ["configcat"]), ($"await cache.GetValueAsync({q})", ["configcat"]), ($"expression.Evaluate(\"1 + 2\")", ["flagkeeper"]),
                ($"await engine.EvaluateAsync({q})", ["flagkeeper"]), ($"product.GetVariant({q})", ["unleash", "flagkeeper"]), ($"matrix.GetTreatment({q})", ["split"]),
                ($"rules.CheckGate({q})", ["statsig"]), ($"style.Variation({q})", ["launchdarkly"]), ($"acl.IsEnabledFor({q}, user)", ["flagkeeper"]),
            ],
            Lang.Py =>
            [
                ($"config.get_value({q})", ["configcat"]), ($"gb.is_on({q})", ["growthbook"]), ($"tracker.get_feature_flag({q})", ["posthog"]),
                ($"store.get_treatment('u', {q})", ["split"]), ($"rules.check_gate(user, {q})", ["statsig"]), ($"cache.get_variant({q})", ["unleash"]),
                ($"theme.variation({q})", ["launchdarkly"]),
            ],
            Lang.Java or Lang.Kt or Lang.Scala =>
            [
                ($"props.getValue({q})", ["configcat", "flagsmith"]), ($"switcher.isOn({q})", ["growthbook"]), ($"palette.variation({q})", ["launchdarkly"]),
                ($"matrix.getTreatment({q})", ["split"]), ($"rules.checkGate({q})", ["statsig"]), ($"product.getVariant({q})", ["unleash"]),
                ($"tracker.getFeatureFlag({q})", ["posthog"]),
            ],
            Lang.Go =>
            [
                ($"style.Variation({q})", ["launchdarkly"]), ($"rules.CheckGate(u, {q})", ["statsig"]), ($"product.GetVariant({q})", ["unleash"]),
                ($"registry.GetValue({q})", ["configcat"]), ($"matrix.GetTreatment({q})", ["split"]),
            ],
            Lang.Swift => [($"gate.checkGate({q})", ["statsig"]), ($"analytics.getFeatureFlag({q})", ["posthog"]), ($"dict.getValue({q})", ["configcat", "flagsmith"])],
            Lang.Php =>
            [
                ($"$map->getValue({q})", ["configcat", "flagsmith"]), ($"$gb->isOn({q})", ["growthbook"]), ($"$matrix->getTreatment({q})", ["split"]),
                ($"$rules->checkGate($user, {q})", ["statsig"]), ($"$theme->variation({q})", ["launchdarkly"]), ($"$registry->hasFeature({q})", ["flagsmith"]),
            ],
            Lang.Rb or Lang.Erb =>
            [
                ($"config.get_value({q})", ["configcat"]), ($"rules.check_gate(user, {q})", ["statsig"]), ($"cache.get_variant({q})", ["unleash"]),
                ($"theme.variation({q})", ["launchdarkly"]), ($"tracker.get_feature_flag({q})", ["posthog"]),
            ],
            Lang.Rs => [($"cfg.get_value({q})", ["configcat"]), ($"rules.check_gate(&u, {q})", ["statsig"])],
            _ => [],
        };
        var usable = options.Where(o => f.Sdk is null || !o.Sdks.Contains(f.Sdk)).ToArray();
        return usable.Length == 0 ? null : new Snip(usable[r.Next(usable.Length)].Text);
    }

    /// <summary>The declaration of a function whose name is a trigger: a member of the current class, or a top-level function.</summary>
    public static Snip? Declaration(FileBuilder f)
    {
        var r = f.R;
        string[][] options = f.Lang switch
        {
            Lang.Cs =>
            [
                ["public bool IsEnabled(string key)", "{", "    return _flags.Contains(key);", "}"],
                ["public async Task<bool> IsEnabledAsync(string featureName)", "{", "    return await Task.FromResult(_flags.Contains(featureName));", "}"],
                ["private static bool IsFeatureEnabled(IFlagSource flags, string key) => flags.Has(key);"],
                ["public interface IToggles", "{", "    bool IsEnabled(string key);", "    bool? IsFeatureEnabled(string key, bool fallback);", "}"],
            ],
            Lang.Razor => [["@functions {", "    bool IsEnabled(string key) => Flags.Contains(key);", "}"]],
            Lang.Java =>
            [
                ["public boolean isEnabled(String key) {", "    return flags.contains(key);", "}"],
                ["@Override", "public boolean isFeatureEnabled(final String key) {", "    return flags.contains(key);", "}"],
                ["public interface Toggles {", "    boolean isEnabled(String key);", "}"],
            ],
            Lang.Kt =>
            [
                ["fun isEnabled(key: String): Boolean = key in flags"],
                ["override fun isFeatureEnabled(key: String): Boolean {", "    return flags.contains(key)", "}"],
            ],
            Lang.Scala => [["def isEnabled(key: String): Boolean = flags.contains(key)"]],
            Lang.Swift => [["func isEnabled(_ key: String) -> Bool {", "    return flags.contains(key)", "}"]],
            Lang.Php =>
            [
                ["public function isEnabled(string $key): bool", "{", "    return in_array($key, $this->flags, true);", "}"],
                ["public static function isFeatureEnabled($key)", "{", "    return self::$flags[$key] ?? false;", "}"],
            ],
            Lang.Rs =>
            [
                ["pub fn is_enabled(&self, key: &str) -> bool {", "    self.flags.contains(key)", "}"],
                ["fn is_feature_enabled(&self, key: &str) -> bool {", "    self.flags.contains(key)", "}"],
            ],
            Lang.Go =>
            [
                ["func IsEnabled(key string) bool {", "\treturn flags[key]", "}"],
                ["func (c *Client) IsEnabled(key string) bool {", "\treturn c.flags[key]", "}"],
                ["func (c *Client) IsFeatureEnabled(ctx context.Context, key string) bool {", "\treturn c.flags[key]", "}"],
            ],
            _ when IsJs(f.Lang) => IsTyped(f.Lang)
                ?
                [
                    ["export function isEnabled(key: string): boolean {", "  return flags.has(key);", "}"],
                    ["export function useFeatureFlag(key: string, fallback = false): boolean {", "  return flags.get(key) ?? fallback;", "}"],
                    ["export class Toggles {", "  isEnabled(key: string): boolean {", "    return this.flags.has(key);", "  }", "", "  async isFeatureEnabled(key: string) {", "    return this.flags.has(key);", "  }", "}"],
                    ["interface FlagClient {", "  isEnabled(key: string): boolean;", "  useFlag(name: string): boolean;", "}"],
                ]
                :
                [
                    ["function isEnabled(key) {", "  return flags.has(key);", "}"],
                    ["export function useFlag(name, fallback = false) {", "  return flags.get(name) ?? fallback;", "}"],
                    ["class Toggles {", "  isEnabled(key) {", "    return this.flags.has(key);", "  }", "}"],
                ],
            Lang.Py =>
            [
                ["def is_enabled(key):", "    return key in FLAGS"],
                ["async def is_feature_enabled(key: str) -> bool:", "    return key in FLAGS"],
                ["class FlagClient:", "    def is_enabled(self, key, default=False):", "        return self.flags.get(key, default)"],
            ],
            Lang.Rb => [["def is_enabled(key)", "  FLAGS.include?(key)", "end"]],
            _ => [],
        };
        return options.Length == 0 ? null : new Snip(options[r.Next(options.Length)]);
    }

    /// <summary>Declarations the issue does not name but that are declarations all the same (Go interface methods, Ruby class methods).</summary>
    public static Snip? OtherDeclaration(FileBuilder f) => f.Lang switch
    {
        Lang.Go => new Snip(["type Toggles interface {", "\tIsEnabled(key string) bool", "}"]),
        Lang.Rb => new Snip(["def self.is_enabled(key)", "  FLAGS.include?(key)", "end"]),
        _ => null,
    };
}
