using System.Text;

namespace Flagkeeper.Bench;

/// <summary>
/// Turns a generated corpus into the custom-pattern corpus (issue 14, "user patterns at full speed"): ten
/// `patterns:` in its flagkeeper.yaml, one of them an alternation of 72 method names as in the repository the
/// issue measured, and calls that match them appended to one source file in ten of the languages they cover.
/// The benchmark scans it with and without the flagkeeper.yaml (bench/custom-patterns.sh).
/// </summary>
internal static class CustomPatternCorpus
{
    private static readonly string[] Areas = ["Checkout", "Search", "Billing", "Profile", "Cart", "Shipping", "Ranking", "Banner", "Export", "Import", "Audit", "Invoice"];
    private static readonly string[] Verbs = ["Is{0}On", "Is{0}Enabled", "Use{0}", "Can{0}", "Show{0}", "{0}Active"];

    /// <summary>The 72 wrapper names of the first pattern.</summary>
    public static IReadOnlyList<string> MethodNames { get; } = [.. Areas.SelectMany(a => Verbs.Select(v => string.Format(System.Globalization.CultureInfo.InvariantCulture, v, a)))];

    /// <summary>(id, regex, file globs (space-separated) or null, extensions it plants into, a call with {0} for the key).</summary>
    private static readonly (string Id, string Regex, string? Files, string[] Extensions, string Call)[] Patterns =
    [
        ("wrappers-72", @"\b(?:" + string.Join('|', MethodNames) + @")\(\s*""(?<key>[a-z0-9-]+)""", null, ["cs", "cshtml"], "        var on = Toggles.IsCheckoutOn(\"{0}\");"),
        ("feature-gate", @"featureGate\(\s*'(?<key>[a-z0-9-]+)'", "**/*.ts **/*.tsx **/*.js **/*.jsx **/*.mjs **/*.vue **/*.svelte", ["ts", "tsx", "js"], "const gated = featureGate('{0}');"),
        ("python-flag-on", @"flag_on\(\s*[""'](?<key>[a-z0-9_-]+)[""']", "**/*.py", ["py"], "enabled = flag_on(\"{0}\")"),
        ("go-toggles", @"toggles\.On\(ctx,\s*""(?<key>[a-z0-9-]+)""", "**/*.go", ["go"], "\tgated := toggles.On(ctx, \"{0}\")"),
        ("java-features", @"Features\.active\(\s*""(?<key>[a-z0-9-]+)""\)", "**/*.java **/*.kt **/*.scala", ["java"], "        boolean gated = Features.active(\"{0}\");"),
        ("kotlin-flags", @"flags\.isOn\(\s*""(?<key>[a-z0-9-]+)""\)", "**/*.kt", ["kt"], "    val gated = flags.isOn(\"{0}\")"),
        ("ruby-feature", @"feature_on\?\(\s*:(?<key>[a-z0-9_]+)\)", "**/*.rb **/*.erb", ["rb"], "gated = feature_on?(:{0})"),
        ("php-feature", @"Feature::on\(\s*'(?<key>[a-z0-9-]+)'\)", "**/*.php", ["php"], "$gated = Feature::on('{0}');"),
        ("rust-flag-macro", @"flag!\(\s*""(?<key>[a-z0-9-]+)""\)", "**/*.rs", ["rs"], "    let gated = flag!(\"{0}\");"),
        ("swift-flags", @"Flags\.enabled\(\s*""(?<key>[a-z0-9-]+)""\)", "**/*.swift", ["swift"], "let gated = Flags.enabled(\"{0}\")"),
    ];

    public static int Run(string corpus, int seed, double share)
    {
        if (!Directory.Exists(corpus))
        {
            throw new ArgumentException($"--corpus {corpus} is not a folder");
        }
        var random = new Random(seed);
        var planted = 0;
        var files = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/.git/", StringComparison.Ordinal) && !f.Contains("/.flagkeeper/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            var extension = Path.GetExtension(file).TrimStart('.');
            var pattern = Patterns.FirstOrDefault(p => p.Extensions.Contains(extension));
            if (pattern.Id is null || random.NextDouble() >= share)
            {
                continue;
            }
            var key = $"custom-{pattern.Id}-{planted:x5}";
            if (pattern.Id == "ruby-feature")
            {
                key = key.Replace('-', '_');
            }
            File.AppendAllText(file, "\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern.Call, key) + "\n");
            planted++;
        }
        File.WriteAllText(Path.Combine(corpus, "flagkeeper.yaml"), Config());
        Console.WriteLine($"planted={planted} patterns={Patterns.Length} files={files.Count}");
        return 0;
    }

    private static string Config()
    {
        var text = new StringBuilder("# The custom-pattern benchmark's ten patterns (Flagkeeper.Bench custom-patterns).\npatterns:\n");
        foreach (var (id, regex, files, _, _) in Patterns)
        {
            text.Append("  - id: ").Append(id).Append('\n');
            text.Append("    regex: '").Append(regex.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
            if (files is not null)
            {
                text.Append("    files: [").Append(string.Join(", ", files.Split(' ').Select(g => $"'{g}'"))).Append("]\n");
            }
        }
        return text.ToString();
    }
}
