using System.Net;
using Flagkeeper.Evaluation;
using static Flagkeeper.Web.Tests.FeatureManagerParityTests;
using static Flagkeeper.Web.Tests.Registries;

namespace Flagkeeper.Web.Tests;

/// <summary><c>[FeatureGate]</c> and the <c>&lt;feature&gt;</c> tag helper, answered by Flagkeeper through the real pipeline.</summary>
public sealed class AspNetCoreGateAndTagHelperTests
{
    private const string GatedForBeta = "  gated: { enabled: true, rollout: 0, targeting: { groups: [{ name: beta }] } }";

    [Fact]
    public async Task An_action_behind_FeatureGate_is_200_while_the_flag_is_on_and_404_once_it_is_off()
    {
        using var app = new WebApp(Mixed);

        using (var open = await app.Get("/gated", Claims("user-1", [])))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            Assert.Equal("gate open", await open.Content.ReadAsStringAsync());
        }

        app.Rewrite(Mixed.Replace("  gated: { enabled: true }", "  gated: { enabled: false }", StringComparison.Ordinal));

        using var closed = await app.Get("/gated", Claims("user-1", []));
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
    }

    [Fact]
    public async Task FeatureGate_opens_for_the_targeted_group_only()
    {
        using var app = new WebApp(Mixed.Replace("  gated: { enabled: true }", GatedForBeta, StringComparison.Ordinal));

        using var member = await app.Get("/gated", Claims("user-1", ["beta"]));
        using var other = await app.Get("/gated", Claims("user-1", ["staff"]));
        using var anonymous = await app.Get("/gated");

        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.True(app.Evaluator.IsEnabled("gated", new EvaluationContext("user-1", ["beta"])));
        Assert.False(app.Evaluator.IsEnabled("gated", new EvaluationContext("user-1", ["staff"])));
    }

    [Fact]
    public async Task The_feature_tag_helper_renders_its_content_only_when_the_flag_is_on()
    {
        using var app = new WebApp(Mixed);

        var member = await Page(app, Claims("user-9", ["beta"]));
        var other = await Page(app, Claims("user-9", ["staff"]));
        var anonymous = await Page(app);

        Assert.Contains("BANNER ON", member);
        Assert.DoesNotContain("BANNER OFF", member);
        Assert.Contains("BANNER OFF", other);
        Assert.DoesNotContain("BANNER ON", other);
        Assert.Contains("BANNER OFF", anonymous);
        Assert.DoesNotContain("<feature", member); // the tag helper ran, the tag is gone
    }

    [Fact]
    public async Task The_page_follows_a_swapped_snapshot()
    {
        using var app = new WebApp(Mixed);
        Assert.Contains("BANNER OFF", await Page(app, Claims("user-9", ["staff"])));

        app.Rewrite(Mixed.Replace("targeting: { groups: [{ name: beta }] }", "targeting: { groups: [{ name: staff }] }", StringComparison.Ordinal));

        Assert.Contains("BANNER ON", await Page(app, Claims("user-9", ["staff"])));
    }

    private static async Task<string> Page(WebApp app, params (string Type, string Value)[] claims)
    {
        using var response = await app.Get("/page", claims);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
