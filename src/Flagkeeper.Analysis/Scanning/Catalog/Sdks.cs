namespace Flagkeeper.Analysis.Scanning.Catalog;

/// <summary>
/// An SDK whose generic method names (<c>getValue</c>, <c>isOn</c>, <c>variation</c>) count only in
/// files that import it, or everywhere when <c>flagkeeper.yaml</c> lists it under <c>sdks:</c>.
/// </summary>
/// <param name="ImportMarkers">Lower-case text that, on an import line, means the file uses the SDK.</param>
public sealed record Sdk(string Id, string Name, IReadOnlyList<string> ImportMarkers);

public static class Sdks
{
    public static IReadOnlyList<Sdk> All { get; } =
    [
        new("launchdarkly", "LaunchDarkly", ["launchdarkly", "ldclient"]),
        new("configcat", "ConfigCat", ["configcat"]),
        new("flagsmith", "Flagsmith", ["flagsmith"]),
        new("growthbook", "GrowthBook", ["growthbook"]),
        new("posthog", "PostHog", ["posthog"]),
        new("split", "Split / Harness FME", ["splitsoftware", "splitio", "io.split"]),
        new("statsig", "Statsig", ["statsig"]),
        new("unleash", "Unleash", ["unleash"]),
        new("flagkeeper", "Flagkeeper runtime", ["flagkeeper"]),
    ];

    public static Sdk? Find(string id) => All.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));
}
