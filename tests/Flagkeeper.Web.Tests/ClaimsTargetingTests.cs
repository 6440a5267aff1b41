using System.Security.Claims;
using Flagkeeper.AspNetCore;
using Flagkeeper.Evaluation;
using Flagkeeper.FeatureManagement;
using Microsoft.Extensions.DependencyInjection;
using static Flagkeeper.Web.Tests.FeatureManagerParityTests;
using static Flagkeeper.Web.Tests.Registries;

namespace Flagkeeper.Web.Tests;

/// <summary>
/// Claims targeting: an authenticated request lands in the cohort FlagEvaluator gives its user id and groups,
/// with the default claim types or configured ones; an anonymous request has no targeting key.
/// </summary>
public sealed class ClaimsTargetingTests
{
    private static readonly string[] Split = ["quarter", "beta-only", "not-for-blocked", "needs-quarter", "banner"];

    [Fact]
    public async Task The_sub_claim_and_the_roles_and_groups_claims_are_read_by_default()
    {
        using var app = new WebApp(Mixed);

        // No NameIdentifier: the user id comes from sub; groups split over the "roles" and "groups" claim types.
        var mismatches = await Mismatches(app, 300, (user, groups) =>
            [("sub", user), .. groups.Select((g, n) => (n % 2 == 0 ? "groups" : "roles", g))]);

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task NameIdentifier_wins_over_sub()
    {
        using var app = new WebApp(Mixed);
        var (inside, outside) = OneInOneOut(app.Evaluator, "quarter");

        var answers = await app.Flags(["quarter"], [("sub", outside), (ClaimTypes.NameIdentifier, inside)]);

        Assert.Equal(Three(true), answers["quarter"]);
    }

    [Fact]
    public async Task Configured_claim_types_replace_the_defaults()
    {
        using var app = new WebApp(Mixed, services => services.Configure<ClaimsTargetingOptions>(o =>
        {
            o.UserIdClaimTypes.Clear();
            o.UserIdClaimTypes.Add("oid");
            o.GroupClaimTypes.Clear();
            o.GroupClaimTypes.Add("department");
        }));

        // Decoys under the default types must be ignored: another user id, the excluded group as a role.
        var mismatches = await Mismatches(app, 200, (user, groups) =>
            [("oid", user), (ClaimTypes.NameIdentifier, "decoy"), (ClaimTypes.Role, "blocked"), .. groups.Select(g => ("department", g))]);

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task An_anonymous_request_has_no_targeting_key_and_partial_rollouts_serve_their_default()
    {
        using var app = new WebApp(Mixed);

        var answers = await app.Flags(Keys);

        foreach (var key in Keys)
        {
            Assert.Equal(Three(app.Evaluator.IsEnabled(key)), answers[key]);
        }
        Assert.Equal(EvaluationReason.NoTargetingKey, app.Evaluator.Evaluate("quarter").Reason);
        Assert.Equal(Three(false), answers["quarter"]);
        Assert.Equal(Three(true), answers["half-default-on"]);
        Assert.Equal(Three(true), answers["always-on"]);
    }

    [Fact]
    public async Task A_user_without_a_user_id_claim_is_anonymous_but_keeps_its_groups()
    {
        using var app = new WebApp(Mixed);

        var answers = await app.Flags(["banner", "quarter"], [(ClaimTypes.Role, "beta")]);

        Assert.Equal(Three(true), answers["banner"]); // the whole beta group is in
        Assert.Equal(Three(false), answers["quarter"]); // a rollout without a key: the default
    }

    [Fact]
    public async Task The_claims_accessors_environment_wins_over_the_adapters_option()
    {
        using var app = new WebApp(Mixed, services =>
        {
            services.Configure<FlagkeeperFeatureManagementOptions>(o => o.Environment = "dev");
            services.Configure<ClaimsTargetingOptions>(o => o.Environment = "prod");
        });

        var answers = await app.Flags(["prod-dark"], Claims("user-1", []));

        Assert.Equal(Three(false), answers["prod-dark"]);
    }

    /// <summary>
    /// For <paramref name="users"/> users cycling through the group sets, requests carrying the claims
    /// <paramref name="claims"/> makes of each user id and groups; every answer that differs from the evaluator's.
    /// </summary>
    private static async Task<List<string>> Mismatches(WebApp app, int users, Func<string, string[], (string, string)[]> claims)
    {
        var mismatches = new List<string>();
        for (var i = 0; i < users; i++)
        {
            var user = $"user-{i}";
            var groups = GroupSets[i % GroupSets.Length];
            var answers = await app.Flags(Split, claims(user, groups));
            mismatches.AddRange(Split
                .Where(key => answers[key].Any(a => a != app.Evaluator.IsEnabled(key, new EvaluationContext(user, groups))))
                .Select(key => $"{key} for {user} [{string.Join(",", groups)}]"));
        }
        return mismatches;
    }

    /// <summary>A user inside the flag's rollout and one outside it, found with the evaluator.</summary>
    private static (string Inside, string Outside) OneInOneOut(FlagEvaluator evaluator, string key)
    {
        var users = Enumerable.Range(0, 100).Select(i => $"user-{i}").ToList();
        return (users.First(u => evaluator.IsEnabled(key, new EvaluationContext(u))), users.First(u => !evaluator.IsEnabled(key, new EvaluationContext(u))));
    }
}
