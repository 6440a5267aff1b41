using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Flagkeeper.Sample.Tests;

/// <summary>The sample on real Kestrel: answers like `flags eval`, follows edits of flags.yaml, survives a broken one.</summary>
public sealed class SampleWebTests : IDisposable
{
    private static readonly TimeSpan ReloadWindow = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<JsonElement> Get(SampleApp app, string path) =>
        await app.Http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));

    private static async Task<string> Health(SampleApp app) => (await Get(app, "/health")).GetProperty("status").GetString()!;

    [Fact]
    public async Task Answers_like_flags_eval_follows_edits_and_keeps_the_last_good_version_while_the_file_is_broken()
    {
        var registry = Path.Combine(_dir.Path, "flags.yaml");
        File.Copy(Path.Combine(RepositoryPaths.Samples, "web", "flags.yaml"), registry);
        await using var app = await SampleApp.StartAsync(registry);

        var answer = await Get(app, "/flags/new-checkout?user=user-123");
        Assert.Equal("""{"flag":"new-checkout","value":false,"reason":"OutOfRollout","percentile":67.190782}""", answer.GetRawText());
        Assert.Equal("Targeted", (await Get(app, "/flags/new-checkout?user=vip-1&group=beta")).GetProperty("reason").GetString());
        Assert.Equal("Enabled", (await Get(app, "/flags/new-checkout?user=user-123&env=dev")).GetProperty("reason").GetString());
        Assert.Equal("Healthy", await Health(app));

        // An edit the way the CLI writes (a rename over the file): the rollout goes to 80 %, user-123 (67.19) is in.
        FlagsYaml.WriteAtomically(registry, File.ReadAllText(registry).Replace("rollout: 25", "rollout: 80", StringComparison.Ordinal));
        Assert.True(await SampleApp.Until(async () => (await Get(app, "/flags/new-checkout?user=user-123")).GetProperty("value").GetBoolean(), ReloadWindow),
            $"the edit was not picked up within {ReloadWindow}:\n{app.Output}");

        // A broken file: the last good answers continue and health says Degraded, pointing at the file.
        File.WriteAllText(registry, "version: 1\nflags:\n  new-checkout:\n    enabled: [\n");
        Assert.True(await SampleApp.Until(async () => await Health(app) == "Degraded", ReloadWindow), $"never Degraded:\n{app.Output}");
        var degraded = await Get(app, "/health");
        Assert.Contains("flags.yaml:", degraded.GetProperty("entries").GetProperty("flagkeeper").GetProperty("description").GetString());
        Assert.True((await Get(app, "/flags/new-checkout?user=user-123")).GetProperty("value").GetBoolean());
        // The console logger writes from its own queue, so the line may follow the health answer by a moment.
        Assert.True(await SampleApp.Until(() => Task.FromResult(app.Output.Contains("Flagkeeper[1002]", StringComparison.Ordinal)), ReloadWindow),
            $"no reload-failed log (Flagkeeper[1002]):\n{app.Output}");

        // Fixed: Healthy again, and the new content answers.
        FlagsYaml.WriteAtomically(registry, File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "web", "flags.yaml")));
        Assert.True(await SampleApp.Until(async () => await Health(app) == "Healthy", ReloadWindow), $"never Healthy again:\n{app.Output}");
        Assert.False((await Get(app, "/flags/new-checkout?user=user-123")).GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task FeatureGate_and_the_feature_tag_answer_from_flags_yaml_and_follow_its_edits()
    {
        var registry = Path.Combine(_dir.Path, "flags.yaml");
        File.Copy(Path.Combine(RepositoryPaths.Samples, "web", "flags.yaml"), registry);
        await using var app = await SampleApp.StartAsync(registry);

        var page = await app.Http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.DoesNotContain("id=\"banner\"", page, StringComparison.Ordinal);          // maintenance-banner: enabled: false
        Assert.Contains("<p id=\"checkout\">Checkout</p>", page, StringComparison.Ordinal); // anonymous: out of the 25 % rollout
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync(new Uri("/reports", UriKind.Relative))).StatusCode);

        // Banner on, reports off: the page and the gate follow the file without a restart.
        var edited = File.ReadAllText(registry)
            .Replace("Shows the maintenance banner on every page\n    owner: platform\n    type: operational\n    enabled: false",
                "Shows the maintenance banner on every page\n    owner: platform\n    type: operational\n    enabled: true", StringComparison.Ordinal)
            .Replace("behind [FeatureGate(\"reports\")]\n    owner: analytics\n    type: release\n    expires: 2027-06-30\n    enabled: true",
                "behind [FeatureGate(\"reports\")]\n    owner: analytics\n    type: release\n    expires: 2027-06-30\n    enabled: false", StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllText(registry), edited);
        FlagsYaml.WriteAtomically(registry, edited);
        Assert.True(await SampleApp.Until(async () =>
            (await app.Http.GetAsync(new Uri("/reports", UriKind.Relative))).StatusCode == HttpStatusCode.NotFound, ReloadWindow),
            $"[FeatureGate] never closed:\n{app.Output}");
        Assert.Contains("id=\"banner\"", await app.Http.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }
}
