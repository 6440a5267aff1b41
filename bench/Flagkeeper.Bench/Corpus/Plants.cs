using static Flagkeeper.Bench.Corpus.Langs;

namespace Flagkeeper.Bench.Corpus;

/// <summary>Where a planted snippet goes.</summary>
internal enum Where
{
    /// <summary>An expression: wrapped by the context (`if (…) {`, `@if (…)`, `v-if="…"`, `&lt;% if … %&gt;`).</summary>
    Expr,
    /// <summary>Whole statements, in code only.</summary>
    Stmt,
    /// <summary>A class member (an attribute on a method).</summary>
    Member,
    /// <summary>Markup (a Razor tag), in templates only.</summary>
    Template,
}

/// <summary>One way to plant a usage of a catalog shape.</summary>
/// <param name="Sdk">The SDK import the file must carry for the shape to count (generic names), or null.</param>
internal sealed record Planter(string Shape, string? Sdk, Func<Lang, bool> Applies, Where Where, Func<FileBuilder, Snip> Make);

/// <summary>A call argument: its text, and whether the scanner reports it (with the key, or null when dynamic).</summary>
internal readonly record struct Arg(string Text, bool Reported = false, string? Flag = null)
{
    public static Arg Plain(string text) => new(text);
}

/// <summary>The planters: every shape of the built-in catalog, in the forms its examples use, per language.</summary>
internal static class Plants
{
    public static readonly IReadOnlyList<string> ShapeIds =
    [
        "is-enabled", "is-feature-enabled", "use-feature-flag", "use-flag", "msfm-is-enabled-async", "msfm-feature-gate", "msfm-feature-tag",
        "launchdarkly-variation", "launchdarkly-react-hook", "openfeature-value", "openfeature-python", "openfeature-go", "openfeature-react",
        "configcat-get-value", "flagsmith-has-feature", "flagsmith-feature-value", "growthbook-is-on", "growthbook-react-hook",
        "growthbook-feature-value", "growthbook-jsx", "posthog-get-feature-flag", "posthog-feature-enabled", "posthog-react-hook",
        "split-get-treatment", "statsig-check-gate", "waffle-flag-is-active", "unleash-get-variant", "gitlab-feature", "flipper-enabled",
        "env-process", "env-import-meta", "env-python", "env-dotnet", "env-other", "kill-switch", "flagkeeper-evaluate",
    ];

    public static string Pick(Random r, params string[] options) => options[r.Next(options.Length)];

    // ---------------- building blocks ----------------

    /// <summary>A literal key argument.</summary>
    public static Arg Key(FileBuilder f, string key) => new(f.Q(key), true, key);

    /// <summary>The key argument: usually a literal, sometimes dynamic.</summary>
    public static Arg KeyOrDynamic(FileBuilder f, int dynamicPercent = 12)
    {
        if (f.R.Next(100) < dynamicPercent)
        {
            return new Arg(Dynamic(f), true, null);
        }
        return Key(f, Text.Key(f.R));
    }

    /// <summary>An argument that is not a literal: a variable, a concatenation or an interpolated string.</summary>
    public static string Dynamic(FileBuilder f)
    {
        var r = f.R;
        var snake = Snake(f.Lang);
        var variable = snake ? Pick(r, "flag_name", "key", "name", "feature_key", "toggle") : Pick(r, "flagName", "key", "name", "featureKey", "toggle");
        const string part = "region";
        var prefix = Text.Key(r).Split('-', '_')[0];
        switch (r.Next(3))
        {
            case 0:
                return f.Var(variable);
            case 1:
                return f.Lang switch
                {
                    Lang.Php => f.Q(prefix + "-") + " . $" + part,
                    Lang.Rs => $"&format!(\"{prefix}-{{}}\", {part})",
                    _ => f.Q(prefix + "-") + " + " + part,
                };
            default:
                return f.Lang switch
                {
                    _ when IsJs(f.Lang) => "`" + prefix + "_${" + part + "}`",
                    Lang.Cs or Lang.Razor => "$\"" + prefix + "_{" + part + "}\"",
                    Lang.Py => "f\"" + prefix + "_{" + part + "}\"",
                    Lang.Kt => "\"" + prefix + "_${" + part + "}\"",
                    Lang.Scala => "s\"" + prefix + "_${" + part + "}\"",
                    Lang.Swift => "\"" + prefix + "_\\(" + part + ")\"",
                    Lang.Rb or Lang.Erb => "\"" + prefix + "_#{" + part + "}\"",
                    Lang.Php => "\"" + prefix + "_{$" + part + "}\"",
                    Lang.Go => "fmt.Sprintf(\"" + prefix + "_%s\", " + part + ")",
                    Lang.Java => "String.format(\"" + prefix + "_%s\", " + part + ")",
                    Lang.Rs => $"&format!(\"{prefix}_{{}}\", {part})",
                    _ => f.Q(prefix + "-") + " + " + part,
                };
        }
    }

    public static Arg Ctx(FileBuilder f) => Arg.Plain(f.Lang switch
    {
        Lang.Cs or Lang.Razor => Pick(f.R, "context", "user", "ctx"),
        Lang.Php => Pick(f.R, "$ctx", "$user", "$context"),
        _ => Pick(f.R, "ctx", "user", "context"),
    });

    public static Arg Default(FileBuilder f) => Arg.Plain(f.Lang switch
    {
        Lang.Py => Pick(f.R, "False", "True", "None"),
        Lang.Rb or Lang.Erb => Pick(f.R, "false", "true", "nil"),
        _ => Pick(f.R, "false", "true"),
    });

    /// <summary>A call, laid out on one line, one argument per line, with a space before the parenthesis, or with a line break before it.</summary>
    public static Snip Call(FileBuilder f, string receiver, string name, params Arg[] args)
    {
        var layout = f.R.Next(100) switch { < 84 => 0, < 93 => 1, < 97 => 2, _ => 3 };
        if (layout == 3 && !(f.Lang is Lang.Cs or Lang.Java || (IsJs(f.Lang) && !f.SingleQuotesOnly)))
        {
            layout = 0;
        }
        if (layout == 2 && f.Lang is Lang.Rb or Lang.Erb)
        {
            layout = 0;
        }
        if (layout == 1 && args.Length == 0)
        {
            layout = 0;
        }
        var hits = new List<Hit>();
        switch (layout)
        {
            case 1:
            {
                var lines = new List<string> { receiver + name + "(" };
                for (var i = 0; i < args.Length; i++)
                {
                    lines.Add("    " + args[i].Text + (i < args.Length - 1 ? "," : ")"));
                    if (args[i].Reported)
                    {
                        hits.Add(new Hit(i + 1, args[i].Flag, ""));
                    }
                }
                return new Snip(lines, hits);
            }
            case 3:
            {
                hits.AddRange(args.Where(a => a.Reported).Select(a => new Hit(1, a.Flag, "")));
                return new Snip([receiver + name, "    (" + string.Join(", ", args.Select(a => a.Text)) + ")"], hits);
            }
            default:
            {
                hits.AddRange(args.Where(a => a.Reported).Select(a => new Hit(0, a.Flag, "")));
                return new Snip(receiver + name + (layout == 2 ? " (" : "(") + string.Join(", ", args.Select(a => a.Text)) + ")", [.. hits]);
            }
        }
    }

    private static Snip Shape(this Snip snip, string shape) =>
        new(snip.Lines, snip.Hits.Select(h => h with { Shape = shape }));

    private static string Receiver(FileBuilder f, params string[] names)
    {
        var r = f.R;
        if (r.Next(7) == 0)
        {
            return "";
        }
        var name = names[r.Next(names.Length)];
        if (f.Lang == Lang.Php && r.Next(4) == 0)
        {
            return Text.Pascal(name) + "::";
        }
        if (f.Lang is Lang.Rb or Lang.Erb && r.Next(4) == 0)
        {
            return "@" + name + ".";
        }
        return f.Recv(name);
    }

    /// <summary>isEnabled / IsEnabled / is_enabled, by the language's naming style (all three count everywhere).</summary>
    private static string Styled(FileBuilder f, string camel, string pascal, string snake)
    {
        if (f.R.Next(12) == 0)
        {
            return Pick(f.R, camel, pascal, snake);
        }
        return f.Lang switch
        {
            Lang.Cs or Lang.Razor or Lang.Go => pascal,
            _ when Snake(f.Lang) => snake,
            _ => camel,
        };
    }

    private static string EnvName(FileBuilder f, params string[] prefixes)
    {
        var prefix = prefixes.Length > 0 && f.R.Next(3) > 0 ? prefixes[f.R.Next(prefixes.Length)] : Catalog.EnvPrefixes[f.R.Next(Catalog.EnvPrefixes.Length)];
        return prefix + Text.UpperKey(f.R);
    }

    private static Snip Env(string before, string name, string after, string shape) =>
        new(before + name + after, new Hit(0, Catalog.EnvKey(name), shape));

    // ---------------- the planters ----------------

    private static bool Any(Lang _) => true;

    public static readonly IReadOnlyList<Planter> All = Build();

    private static List<Planter> Build()
    {
        var list = new List<Planter>();
        void Add(string shape, string? sdk, Func<Lang, bool> applies, Where where, Func<FileBuilder, Snip> make) =>
            list.Add(new Planter(shape, sdk, applies, where, f => make(f).Shape(shape)));

        // ---- seed shapes ----
        Add("is-enabled", null, Any, Where.Expr, f =>
        {
            var args = new List<Arg> { KeyOrDynamic(f, 15) };
            if (f.R.Next(3) == 0)
            {
                args.Add(Ctx(f));
            }
            return Call(f, Receiver(f, "flags", "unleash", "featureFlags", "client", "toggles"), Styled(f, "isEnabled", "IsEnabled", "is_enabled"), [.. args]);
        });
        Add("is-feature-enabled", null, Any, Where.Expr, f =>
        {
            var args = new List<Arg> { KeyOrDynamic(f) };
            if (f.R.Next(3) == 0)
            {
                args.Add(f.Lang is Lang.Py or Lang.Rb or Lang.Erb ? Arg.Plain(f.Q("distinct-id")) : Ctx(f));
            }
            return Call(f, Receiver(f, "posthog", "flagsmith", "flags", "features"), Styled(f, "isFeatureEnabled", "IsFeatureEnabled", "is_feature_enabled"), [.. args]);
        });
        Add("use-feature-flag", null, IsJs, Where.Expr, f => Call(f, "", "useFeatureFlag", KeyOrDynamic(f), Default(f)));
        Add("use-flag", null, IsJs, Where.Expr, f => Call(f, "", "useFlag", KeyOrDynamic(f)));
        Add("msfm-is-enabled-async", null, IsDotNet, Where.Expr, f =>
            Call(f, f.Lang == Lang.Razor ? "FeatureManager." : Pick(f.R, "_featureManager.", "featureManager.", "_features."), "IsEnabledAsync", KeyOrDynamic(f, 8)).Wrap("await ", ""));
        Add("msfm-feature-gate", null, l => l == Lang.Cs, Where.Member, FeatureGateMember);
        Add("msfm-feature-gate", null, l => l == Lang.Razor, Where.Template, f =>
        {
            var a = Text.Key(f.R);
            return new Snip($"@attribute [FeatureGate(\"{a}\")]", new Hit(0, a, ""));
        });
        Add("msfm-feature-tag", null, l => l == Lang.Razor, Where.Template, FeatureTag);

        // ---- LaunchDarkly ----
        Add("launchdarkly-variation", "launchdarkly", l => IsJs(l) || IsJvm(l), Where.Expr, f =>
        {
            var name = Pick(f.R, Catalog.LaunchDarklyLower);
            return f.R.Next(3) == 0
                ? Call(f, Pick(f.R, "ldClient.", "this.ldClient."), name, KeyOrDynamic(f, 8), Default(f))
                : Call(f, Pick(f.R, "client.", "ld.", "ldClient."), name, KeyOrDynamic(f, 8), Ctx(f), Default(f));
        });
        Add("launchdarkly-variation", "launchdarkly", l => l is Lang.Cs or Lang.Razor or Lang.Go, Where.Expr, f =>
            Call(f, Pick(f.R, "client.", "_ldClient.", "ld."), Pick(f.R, Catalog.LaunchDarklyUpper), KeyOrDynamic(f, 8), Ctx(f), Default(f)));
        Add("launchdarkly-variation", "launchdarkly", l => l is Lang.Py or Lang.Rb or Lang.Php, Where.Expr, f =>
            Call(f, f.Lang == Lang.Py ? "ldclient.get()." : f.Recv("client"), "variation", KeyOrDynamic(f, 8), Ctx(f), Default(f)));
        Add("launchdarkly-react-hook", null, IsJs, Where.Expr, f => Call(f, "", Pick(f.R, Catalog.LaunchDarklyHooks), KeyOrDynamic(f, 8), Default(f)));

        // ---- OpenFeature ----
        Add("openfeature-value", null, l => IsJs(l) || IsJvm(l) || l == Lang.Php, Where.Expr, f =>
        {
            var call = Call(f, f.Recv("client"), Pick(f.R, Catalog.OpenFeatureValue), KeyOrDynamic(f, 8), Default(f));
            return IsJs(f.Lang) && f.R.Next(2) == 0 ? call.Wrap("await ", "") : call;
        });
        Add("openfeature-value", null, IsDotNet, Where.Expr, f =>
            Call(f, Pick(f.R, "client.", "_featureClient."), Pick(f.R, Catalog.OpenFeatureAsync), KeyOrDynamic(f, 8), Default(f)).Wrap("await ", ""));
        Add("openfeature-python", null, l => l == Lang.Py, Where.Expr, f => Call(f, "client.", Pick(f.R, Catalog.OpenFeaturePython), KeyOrDynamic(f, 8), Default(f)));
        Add("openfeature-go", null, l => l == Lang.Go, Where.Expr, f =>
            Call(f, Pick(f.R, "client.", "ofClient."), Pick(f.R, Catalog.OpenFeatureGo), Arg.Plain("ctx"), KeyOrDynamic(f, 10), Default(f), Arg.Plain("evalCtx")));
        Add("openfeature-react", null, IsJs, Where.Expr, f => Call(f, "", Pick(f.R, Catalog.OpenFeatureReact), KeyOrDynamic(f, 8), Default(f)));

        // ---- ConfigCat, Flagsmith, GrowthBook, PostHog, Split, Statsig, waffle, Unleash ----
        Add("configcat-get-value", "configcat", IsJs, Where.Expr, f =>
        {
            var name = Pick(f.R, "getValue", "getValueAsync");
            var call = Call(f, Pick(f.R, "client.", "configCatClient."), name, KeyOrDynamic(f, 8), Default(f));
            return name == "getValueAsync" ? call.Wrap("await ", "") : call;
        });
        Add("configcat-get-value", "configcat", IsDotNet, Where.Expr, f =>
        {
            var name = Pick(f.R, "GetValue", "GetValueAsync");
            var generic = f.R.Next(4) == 0 ? "<bool>" : "";
            var call = Call(f, Pick(f.R, "client.", "_configCat."), name + generic, KeyOrDynamic(f, 8), Default(f));
            return name == "GetValueAsync" ? call.Wrap("await ", "") : call;
        });
        Add("configcat-get-value", "configcat", l => l is Lang.Py or Lang.Rb or Lang.Rs, Where.Expr, f =>
            Call(f, "client.", "get_value", KeyOrDynamic(f, 8), Default(f)));
        Add("configcat-get-value", "configcat", l => l == Lang.Php, Where.Expr, f => Call(f, "$client->", "getValue", KeyOrDynamic(f, 8), Default(f)));
        Add("flagsmith-has-feature", "flagsmith", l => IsJs(l) || l == Lang.Php, Where.Expr, f =>
            Call(f, f.Recv("flagsmith"), Pick(f.R, "hasFeature", "getValue"), KeyOrDynamic(f, 8)));
        Add("flagsmith-feature-value", null, l => l is Lang.Py or Lang.Rb or Lang.Erb, Where.Expr, f => Call(f, "flags.", "get_feature_value", KeyOrDynamic(f, 8)));
        Add("growthbook-is-on", "growthbook", IsJs, Where.Expr, f =>
            Call(f, Pick(f.R, "gb.", "growthbook."), Pick(f.R, "isOn", "isOff", "getFeatureValue", "evalFeature"), KeyOrDynamic(f, 8)));
        Add("growthbook-is-on", "growthbook", l => l is Lang.Py, Where.Expr, f => Call(f, "gb.", Pick(f.R, "is_on", "is_off"), KeyOrDynamic(f, 8)));
        Add("growthbook-is-on", "growthbook", l => l is Lang.Java or Lang.Kt or Lang.Php, Where.Expr, f =>
            Call(f, f.Recv("gb"), Pick(f.R, "isOn", "isOff"), KeyOrDynamic(f, 8)));
        Add("growthbook-react-hook", null, IsJs, Where.Expr, f => Call(f, "", "useFeatureIsOn", KeyOrDynamic(f, 8)));
        Add("growthbook-feature-value", "growthbook", IsJs, Where.Expr, f => Call(f, "", "useFeatureValue", KeyOrDynamic(f, 8), Arg.Plain(f.Q("blue"))));
        Add("growthbook-jsx", null, IsJsx, Where.Stmt, JsxTag);
        Add("posthog-get-feature-flag", "posthog", IsJs, Where.Expr, f =>
        {
            var name = Pick(f.R, "getFeatureFlag", "getFeatureFlagPayload", "getFeatureFlagResult");
            return f.R.Next(2) == 0 ? Call(f, "posthog.", name, KeyOrDynamic(f, 8)) : Call(f, "client.", name, KeyOrDynamic(f, 8), Arg.Plain("distinctId")).Wrap("await ", "");
        });
        Add("posthog-get-feature-flag", "posthog", l => l is Lang.Py or Lang.Rb, Where.Expr, f =>
            Call(f, "posthog.", f.Lang == Lang.Py ? Pick(f.R, "get_feature_flag", "get_feature_flag_payload") : "get_feature_flag", KeyOrDynamic(f, 8), Arg.Plain(f.Q("user-distinct-id"))));
        Add("posthog-get-feature-flag", "posthog", l => l is Lang.Php, Where.Expr, f => Call(f, "PostHog::", "getFeatureFlag", KeyOrDynamic(f, 8), Arg.Plain("$distinctId")));
        Add("posthog-get-feature-flag", "posthog", l => l is Lang.Kt or Lang.Swift, Where.Expr, f =>
            Call(f, f.Lang == Lang.Kt ? "PostHog." : "PostHogSDK.shared.", "getFeatureFlag", KeyOrDynamic(f, 8)));
        Add("posthog-feature-enabled", null, l => l is Lang.Py or Lang.Rb or Lang.Erb, Where.Expr, f => Call(f, "posthog.", "feature_enabled", KeyOrDynamic(f, 8), Arg.Plain(f.Q("distinct-id"))));
        Add("posthog-react-hook", null, IsJs, Where.Expr, f => Call(f, "", Pick(f.R, Catalog.PostHogReact), KeyOrDynamic(f, 8)));
        Add("split-get-treatment", "split", l => IsJs(l) || l is Lang.Java or Lang.Kt or Lang.Cs or Lang.Py or Lang.Php, Where.Expr, SplitTreatment);
        Add("statsig-check-gate", "statsig", l => l is not (Lang.Razor or Lang.Erb or Lang.Scala), Where.Expr, StatsigGate);
        Add("waffle-flag-is-active", null, l => l == Lang.Py, Where.Expr, f => Call(f, f.R.Next(2) == 0 ? "waffle." : "", "flag_is_active", Arg.Plain("request"), KeyOrDynamic(f, 10)));
        Add("unleash-get-variant", "unleash", l => l is not (Lang.Razor or Lang.Erb or Lang.Scala or Lang.Swift or Lang.Rs), Where.Expr, f =>
        {
            if (IsJs(f.Lang) && f.R.Next(3) == 0)
            {
                return Call(f, "", "useVariant", KeyOrDynamic(f, 8));
            }
            var name = f.Lang switch { Lang.Cs or Lang.Go => "GetVariant", Lang.Py or Lang.Rb => "get_variant", _ => "getVariant" };
            return Call(f, f.Lang == Lang.Rb ? "UNLEASH." : f.Recv(f.Lang == Lang.Py ? "client" : "unleash"), name, KeyOrDynamic(f, 8));
        });

        // ---- Ruby symbols ----
        Add("gitlab-feature", null, IsRuby, Where.Expr, f => RubyReceiverCall(f, "Feature", Pick(f.R, "enabled?", "disabled?")));
        Add("flipper-enabled", null, IsRuby, Where.Expr, f => RubyReceiverCall(f, "Flipper", "enabled?"));

        // ---- environment variables ----
        Add("env-process", null, IsJs, Where.Expr, f =>
        {
            var name = EnvName(f, "FEATURE_", "FEATURE_FLAG_", "REACT_APP_FEATURE_", "NEXT_PUBLIC_FEATURE_");
            var compare = f.R.Next(2) == 0 ? " === " + f.Q("true") : "";
            if (f.R.Next(3) == 0)
            {
                var q = f.SingleQuotesOnly ? "'" : Pick(f.R, "'", "\"");
                return Env("process.env[" + q, name, q + "]" + compare, "env-process");
            }
            return Env("process.env.", name, compare, "env-process");
        });
        Add("env-import-meta", null, IsJs, Where.Expr, f => Env("import.meta.env.", EnvName(f, "VITE_FEATURE_", "VITE_FEATURE_FLAG_"), "", "env-import-meta"));
        Add("env-python", null, l => l == Lang.Py, Where.Expr, f =>
        {
            var name = EnvName(f);
            var q = Pick(f.R, "'", "\"");
            return f.R.Next(3) switch
            {
                0 => Env("os.getenv(" + q, name, q + ")", "env-python"),
                1 => Env("os.environ[" + q, name, q + "]", "env-python"),
                _ => Env("os.environ.get(" + q, name, q + ", " + q + "0" + q + ") == " + q + "1" + q, "env-python"),
            };
        });
        Add("env-dotnet", null, IsDotNet, Where.Expr, f =>
            Env("Environment.GetEnvironmentVariable(" + (f.Lang == Lang.Cs && f.R.Next(6) == 0 ? "@\"" : "\""), EnvName(f), "\") == \"true\"", "env-dotnet"));
        Add("env-other", null, l => l is Lang.Go or Lang.Java or Lang.Kt or Lang.Scala or Lang.Php or Lang.Rb or Lang.Erb or Lang.Rs or Lang.Swift, Where.Expr, f =>
        {
            var name = EnvName(f);
            return f.Lang switch
            {
                Lang.Go => Env("os.Getenv(\"", name, "\") == \"1\"", "env-other"),
                Lang.Java or Lang.Kt or Lang.Scala => Env("System.getenv(\"", name, "\") != null", "env-other"),
                Lang.Php => Env("getenv('", name, "') === 'true'", "env-other"),
                Lang.Rs => Env(Pick(f.R, "env::var(\"", "std::env::var(\"", "env::var_os(\""), name, "\").is_ok()", "env-other"),
                Lang.Swift => Env("getenv(\"", name, "\") != nil", "env-other"),
                _ => f.R.Next(2) == 0 ? Env("ENV[\"", name, "\"] == \"true\"", "env-other") : Env("ENV.fetch('", name, "', 'false') == 'true'", "env-other"),
            };
        });

        // ---- kill switches ----
        Add("kill-switch", null, Any, Where.Expr, f =>
        {
            var name = Catalog.KillSwitchPrefix + Text.UpperKey(f.R);
            var before = f.R.Next(3) switch
            {
                0 => "",
                1 => f.Lang == Lang.Php ? "Switches::" : f.Lang is Lang.Py or Lang.Rb or Lang.Erb ? "switches." : "Switches.",
                _ => f.Lang == Lang.Php ? "self::" : f.Lang is Lang.Rs ? "switches::" : f.Lang is Lang.Go ? "config." : f.Lang is Lang.Py ? "settings." : "",
            };
            return new Snip((f.R.Next(4) == 0 && f.Lang is not (Lang.Rb or Lang.Erb or Lang.Py) ? "!" : "") + before + name, new Hit(0, name, ""));
        });

        // ---- Flagkeeper runtime ----
        Add("flagkeeper-evaluate", "flagkeeper", IsDotNet, Where.Expr, f =>
        {
            var name = Pick(f.R, "Evaluate", "EvaluateAsync", "GetVariant", "GetVariantAsync", "IsEnabledFor");
            var call = Call(f, Pick(f.R, "flags.", "_flags.", "Flags."), name, KeyOrDynamic(f, 8), Ctx(f));
            return name.EndsWith("Async", StringComparison.Ordinal) ? call.Wrap("await ", "") : call;
        });
        return list;
    }

    private static Snip RubyReceiverCall(FileBuilder f, string receiver, string method)
    {
        var r = f.R;
        var key = Text.SymbolKey(r);
        var dynamic = r.Next(10) == 0;
        var arg = dynamic ? Pick(r, "flag_name", "feature_key", "name") : r.Next(5) == 0 ? f.Q(key) : ":" + key;
        Hit Hit(int line) => new(line, dynamic ? null : key, "");
        switch (dynamic ? r.Next(2) : r.Next(4))
        {
            case 0:
                return new Snip($"{receiver}.{method}({arg}{(r.Next(2) == 0 ? ", current_user" : "")})", Hit(0));
            case 1:
                return new Snip([$"{receiver}.{method}(", $"  {arg},", "  type: :ops)"], [Hit(1)]);
            case 2:
                return new Snip($"{receiver}.{method} {arg}{(r.Next(3) == 0 ? ", project" : "")}", Hit(0));
            default:
                return new Snip($"{receiver}.{method}( {arg} )", Hit(0));
        }
    }

    private static Snip SplitTreatment(FileBuilder f)
    {
        var r = f.R;
        var name = f.Lang switch
        {
            Lang.Cs => Pick(r, "GetTreatment", "GetTreatmentWithConfig"),
            Lang.Py => "get_treatment",
            _ => Pick(r, "getTreatment", "getTreatmentWithConfig"),
        };
        var receiver = f.Recv(Pick(r, "client", "splitClient"));
        var key = KeyOrDynamic(f, 10);
        // Server SDKs: (user, key); the browser SDK: (key) or (key, attributes). A literal user id only goes with
        // a literal key: with a dynamic key the shape falls back to the first argument by design.
        if (IsJs(f.Lang) && r.Next(2) == 0)
        {
            return key.Flag is not null && r.Next(2) == 0 ? Call(f, receiver, name, key, Arg.Plain("attributes")) : Call(f, receiver, name, key);
        }
        var user = f.Lang == Lang.Php ? "$userId" : key.Flag is not null && r.Next(2) == 0 ? f.Q("user-42") : "userId";
        return Call(f, receiver, name, Arg.Plain(user), key);
    }

    private static Snip StatsigGate(FileBuilder f)
    {
        var r = f.R;
        var key = KeyOrDynamic(f, 10);
        return f.Lang switch
        {
            _ when IsJs(f.Lang) => r.Next(2) == 0 ? Call(f, "Statsig.", "checkGate", key) : Call(f, "statsig.", "checkGate", Arg.Plain("user"), key),
            Lang.Cs => Call(f, "StatsigServer.", "CheckGate", Arg.Plain("user"), key),
            Lang.Go => Call(f, "statsig.", "CheckGate", Arg.Plain("user"), key),
            Lang.Py => Call(f, "statsig.", "check_gate", Arg.Plain("user"), key),
            Lang.Rb => Call(f, "Statsig.", "check_gate", Arg.Plain("user"), key),
            Lang.Rs => Call(f, "statsig.", "check_gate", Arg.Plain("&user"), key),
            Lang.Swift => Call(f, "Statsig.", "checkGate", key),
            Lang.Php => Call(f, "$statsig->", "checkGate", Arg.Plain("$user"), key),
            _ => Call(f, "Statsig.", "checkGate", Arg.Plain("user"), key),
        };
    }

    /// <summary>[FeatureGate(...)] on a controller action.</summary>
    private static Snip FeatureGateMember(FileBuilder f)
    {
        var r = f.R;
        string a = Text.Key(r), b = Text.Key(r);
        var action = Text.PascalId(r);
        Snip attribute = r.Next(6) switch
        {
            0 => new Snip($"[FeatureGate(RequirementType.Any, \"{a}\", \"{b}\")]", new Hit(0, a, ""), new Hit(0, b, "")),
            1 => new Snip($"[FeatureGate(\"{a}\", \"{b}\")]", new Hit(0, a, ""), new Hit(0, b, "")),
            2 => new Snip(["[FeatureGate(RequirementType.All,", $"    \"{a}\",", $"    \"{b}\")]"], [new Hit(1, a, ""), new Hit(2, b, "")]),
            // nameof(X.Search) is the key "Search" (the symbol pass knows it); the other names are declared nowhere, so dynamic.
            3 => Pick(r, "FeatureFlags.Beta", "Features.NewCheckout", "nameof(Features.Search)") is var name && name.StartsWith("nameof", StringComparison.Ordinal)
                ? new Snip($"[FeatureGate({name})]", new Hit(0, "Search", ""))
                : new Snip($"[FeatureGate({name})]", new Hit(0, null, "")),
            _ => new Snip($"[FeatureGate(\"{a}\")]", new Hit(0, a, "")),
        };
        return attribute.Around([], [$"[HttpGet(\"{Text.Noun(r)}\")]", $"public IActionResult {action}()", "{", "    return View();", "}"]);
    }

    /// <summary>Razor &lt;feature name="a, b"&gt; tag helper.</summary>
    private static Snip FeatureTag(FileBuilder f)
    {
        var r = f.R;
        string a = Text.Key(r), b = Text.Key(r);
        var body = new[] { $"    <p class=\"notice\">{Text.Sentence(r)}</p>", "</feature>" };
        return r.Next(6) switch
        {
            0 => new Snip($"<feature name=\"{a}, {b}\" requirement=\"Any\">", new Hit(0, a, ""), new Hit(0, b, "")).Around([], body),
            1 => new Snip($"<feature name=\"{a},{b}\">", new Hit(0, a, ""), new Hit(0, b, "")).Around([], body),
            2 => new Snip($"<feature name=\"@Model.{Text.PascalId(r)}\">", new Hit(0, null, "")).Around([], body),
            3 => new Snip(["<feature", $"    name=\"{a}\"", "    negate=\"true\">"], [new Hit(1, a, "")]).Around([], body),
            _ => new Snip($"<feature name=\"{a}\">", new Hit(0, a, "")).Around([], body),
        };
    }

    /// <summary>GrowthBook's &lt;IfFeatureEnabled feature="k"&gt; and &lt;FeatureString feature="k" /&gt;.</summary>
    private static Snip JsxTag(FileBuilder f)
    {
        var r = f.R;
        var key = Text.Key(r);
        var variable = Text.Camel(r);
        Snip tag = r.Next(7) switch
        {
            0 => new Snip($"<FeatureString feature=\"{key}\" default=\"{Text.Noun(r)}\" />", new Hit(0, key, "")),
            1 => new Snip($"<IfFeatureEnabled feature={{'{key}'}}>", new Hit(0, key, "")).Around([], ["  <Banner />", "</IfFeatureEnabled>"]),
            2 => new Snip("<IfFeatureEnabled feature={flagName}>", new Hit(0, null, "")).Around([], ["  <Banner />", "</IfFeatureEnabled>"]),
            3 => new Snip(["<IfFeatureEnabled", $"  feature=\"{key}\"", ">"], [new Hit(1, key, "")]).Around([], ["  <Banner />", "</IfFeatureEnabled>"]),
            4 => new Snip($"<IfFeatureEnabled feature='{key}'>", new Hit(0, key, "")).Around([], ["  <Banner />", "</IfFeatureEnabled>"]),
            _ => new Snip($"<IfFeatureEnabled feature=\"{key}\">", new Hit(0, key, "")).Around([], ["  <Banner />", "</IfFeatureEnabled>"]),
        };
        return tag.IndentAll("  ").Around([$"const {variable} = ("], [");"]);
    }

    /// <summary>Import lines for an SDK in a language, or null when the corpus does not use that SDK there.</summary>
    public static string[]? ImportLines(string sdk, Lang lang, Random r)
    {
        if (IsJs(lang))
        {
            return sdk switch
            {
                "launchdarkly" => [Pick(r, "import * as LDClient from 'launchdarkly-js-client-sdk';", "import { init } from '@launchdarkly/node-server-sdk';", "const LaunchDarkly = require('@launchdarkly/node-server-sdk');")],
                "configcat" => [Pick(r, "import * as configcat from 'configcat-js';", "import * as configcat from \"configcat-node\";", "const configcat = require('configcat-node');")],
                "flagsmith" => [Pick(r, "import flagsmith from 'flagsmith';", "import flagsmith from \"flagsmith/isomorphic\";")],
                "growthbook" => [Pick(r, "import { GrowthBook } from '@growthbook/growthbook';", "import { useFeatureValue, useGrowthBook } from '@growthbook/growthbook-react';", "const { GrowthBook } = require('@growthbook/growthbook');")],
                "posthog" => [Pick(r, "import posthog from 'posthog-js';", "import { PostHog } from 'posthog-node';", "const { PostHog } = require('posthog-node');")],
                "split" => [Pick(r, "import { SplitFactory } from '@splitsoftware/splitio';", "const { SplitFactory } = require('@splitsoftware/splitio');")],
                "statsig" => [Pick(r, "import Statsig from 'statsig-js';", "import Statsig from \"statsig-node\";", "import { StatsigClient } from '@statsig/js-client';")],
                "unleash" => [Pick(r, "import { initialize } from 'unleash-client';", "import { useVariant, useFlag } from '@unleash/proxy-client-react';", "const { UnleashClient } = require('unleash-proxy-client');")],
                _ => null,
            };
        }
        return (sdk, lang) switch
        {
            ("launchdarkly", Lang.Cs) => [Pick(r, "using LaunchDarkly.Sdk.Server;", "using LaunchDarkly.Sdk;")],
            ("configcat", Lang.Cs) => ["using ConfigCat.Client;"],
            ("split", Lang.Cs) => ["using Splitio.Services.Client.Classes;"],
            ("statsig", Lang.Cs) => [Pick(r, "using Statsig;", "using Statsig.Server;")],
            ("unleash", Lang.Cs) => ["using Unleash;"],
            ("flagkeeper", Lang.Cs) => [Pick(r, "using Flagkeeper;", "using Flagkeeper.Runtime;")],
            ("launchdarkly", Lang.Razor) => ["@using LaunchDarkly.Sdk.Server"],
            ("configcat", Lang.Razor) => ["@using ConfigCat.Client"],
            ("flagkeeper", Lang.Razor) => ["@using Flagkeeper"],
            ("launchdarkly", Lang.Py) => [Pick(r, "import ldclient", "from ldclient import Context")],
            ("configcat", Lang.Py) => ["import configcatclient"],
            ("growthbook", Lang.Py) => ["from growthbook import GrowthBook"],
            ("posthog", Lang.Py) => [Pick(r, "import posthog", "from posthog import Posthog")],
            ("split", Lang.Py) => ["from splitio import get_factory"],
            ("statsig", Lang.Py) => ["from statsig import statsig"],
            ("unleash", Lang.Py) => ["from UnleashClient import UnleashClient"],
            ("launchdarkly", Lang.Go) => ["ld \"github.com/launchdarkly/go-server-sdk/v7\""],
            ("statsig", Lang.Go) => ["statsig \"github.com/statsig-io/go-sdk\""],
            ("unleash", Lang.Go) => ["\"github.com/Unleash/unleash-client-go/v4\""],
            ("launchdarkly", Lang.Java or Lang.Kt or Lang.Scala) => ["import com.launchdarkly.sdk.server.LDClient" + (lang == Lang.Java ? ";" : "")],
            ("split", Lang.Java or Lang.Kt) => ["import io.split.client.SplitClient" + (lang == Lang.Java ? ";" : "")],
            ("statsig", Lang.Java or Lang.Kt) => ["import com.statsig.sdk.Statsig" + (lang == Lang.Java ? ";" : "")],
            ("unleash", Lang.Java or Lang.Kt) => ["import io.getunleash.Unleash" + (lang == Lang.Java ? ";" : "")],
            ("growthbook", Lang.Java or Lang.Kt) => ["import growthbook.sdk.java.GrowthBook" + (lang == Lang.Java ? ";" : "")],
            ("posthog", Lang.Kt) => ["import com.posthog.PostHog"],
            ("statsig", Lang.Swift) => ["import Statsig"],
            ("posthog", Lang.Swift) => ["import PostHog"],
            ("launchdarkly", Lang.Php) => ["use LaunchDarkly\\LDClient;"],
            ("configcat", Lang.Php) => ["use ConfigCat\\ConfigCatClient;"],
            ("split", Lang.Php) => ["use SplitIO\\Sdk;"],
            ("unleash", Lang.Php) => ["use Unleash\\Client\\UnleashBuilder;"],
            ("flagsmith", Lang.Php) => ["use Flagsmith\\Flagsmith;"],
            ("posthog", Lang.Php) => ["use PostHog\\PostHog;"],
            ("statsig", Lang.Php) => ["use Statsig\\StatsigServer;"],
            ("growthbook", Lang.Php) => ["use Growthbook\\Growthbook;"],
            ("launchdarkly", Lang.Rb) => ["require 'ldclient-rb'"],
            ("configcat", Lang.Rb) => ["require 'configcat'"],
            ("posthog", Lang.Rb) => ["require 'posthog-ruby'"],
            ("statsig", Lang.Rb) => ["require 'statsig'"],
            ("unleash", Lang.Rb) => ["require 'unleash'"],
            ("statsig", Lang.Rs) => ["use statsig::Statsig;"],
            ("configcat", Lang.Rs) => ["use configcat::{Client, User};"],
            _ => null,
        };
    }

    public static readonly string[] SdkIds = ["launchdarkly", "configcat", "flagsmith", "growthbook", "posthog", "split", "statsig", "unleash", "flagkeeper"];

    /// <summary>Planters usable in a file of <paramref name="lang"/> importing <paramref name="sdk"/>, at <paramref name="where"/>.</summary>
    public static Planter[] For(Lang lang, string? sdk, params Where[] where) =>
        [.. All.Where(p => p.Applies(lang) && (p.Sdk is null || p.Sdk == sdk) && where.Contains(p.Where))];
}
