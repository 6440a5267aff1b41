using System.Security.Claims;
using Flagkeeper.Evaluation;
using Flagkeeper.FeatureManagement;
using Microsoft.Extensions.DependencyInjection;
using static Flagkeeper.Web.Tests.Registries;

namespace Flagkeeper.Web.Tests;

/// <summary>
/// Through HTTP requests to the test app, Microsoft.FeatureManagement's IFeatureManager, IFeatureManagerSnapshot
/// and IVariantFeatureManager answer exactly what FlagEvaluator.IsEnabled answers for the same user and groups.
/// </summary>
public sealed class FeatureManagerParityTests
{
    private const int Users = 1_000;

    [Fact]
    public async Task Every_entry_point_answers_what_the_evaluator_answers_for_a_thousand_users()
    {
        using var app = new WebApp(Mixed);

        var mismatches = new List<string>();
        var seen = Keys.ToDictionary(k => k, _ => new HashSet<bool>());
        for (var i = 0; i < Users; i++)
        {
            var user = $"user-{i}";
            var groups = GroupSets[i % GroupSets.Length];
            var answers = await app.Flags(Keys, Claims(user, groups));
            foreach (var key in Keys)
            {
                var expected = app.Evaluator.IsEnabled(key, new EvaluationContext(user, groups));
                seen[key].Add(expected);
                if (answers[key].Any(a => a != expected))
                {
                    mismatches.Add($"{key} for {user} [{string.Join(",", groups)}]: evaluator {expected}, FeatureManagement {string.Join("/", answers[key])}");
                }
            }
        }

        Assert.Empty(mismatches);
        // The population really was split where the registry splits it, so agreeing meant something.
        foreach (var split in new[] { "quarter", "QUARTER", "beta-only", "not-for-blocked", "needs-quarter", "banner" })
        {
            Assert.Equal([false, true], seen[split].Order());
        }
        Assert.Equal([true], seen["killed-default-on"]); // off: its default, true
        Assert.Equal([true], seen["half-default-on"]); // out of the rollout: its default, true
        Assert.Equal([false], seen["no-such-flag"]);
    }

    [Fact]
    public async Task A_targeting_context_passed_by_the_caller_decides_instead_of_the_claims()
    {
        using var app = new WebApp(Mixed);
        var mismatches = new List<string>();

        for (var i = 0; i < 200; i++)
        {
            var user = $"user-{i}";
            var groups = GroupSets[i % GroupSets.Length];
            foreach (var key in new[] { "quarter", "beta-only", "not-for-blocked", "needs-quarter" })
            {
                var query = $"/flags/explicit?key={key}&user={user}" + string.Concat(groups.Select(g => "&group=" + g));
                using var response = await app.Get(query, Claims("someone-else", ["blocked"]));
                var answer = bool.Parse(await response.Content.ReadAsStringAsync());
                if (answer != app.Evaluator.IsEnabled(key, new EvaluationContext(user, groups)))
                {
                    mismatches.Add($"{key} for {user}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task The_registry_flags_are_the_feature_names_each_once_without_aliases()
    {
        using var app = new WebApp(Mixed);

        using var response = await app.Get("/flags/names");
        var names = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<string[]>(response.Content);

        Assert.Equal(Keys.Where(k => k is not "QUARTER" and not "no-such-flag").Order(StringComparer.Ordinal), names!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Swapping_the_evaluators_snapshot_changes_the_answers()
    {
        using var app = new WebApp(Mixed);
        var user = Claims("user-1", []);
        Assert.Equal(Three(true), (await app.Flags(["always-on"], user))["always-on"]);

        app.Rewrite(Mixed.Replace("always-on: { enabled: true }", "always-on: { enabled: false }", StringComparison.Ordinal));

        Assert.Equal(Three(false), (await app.Flags(["always-on"], user))["always-on"]);
        Assert.False(app.Evaluator.IsEnabled("always-on", new EvaluationContext("user-1")));
    }

    [Fact]
    public async Task A_flag_removed_from_the_registry_is_unknown_and_off_and_one_added_answers()
    {
        using var app = new WebApp(Mixed);
        var user = Claims("user-1", []);

        app.Rewrite(Mixed.Replace("  gated: { enabled: true }", "  brand-new: { enabled: true }", StringComparison.Ordinal));

        var answers = await app.Flags(["gated", "brand-new"], user);
        Assert.Equal(Three(false), answers["gated"]);
        Assert.Equal(Three(true), answers["brand-new"]);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("dev", true)]
    [InlineData("prod", false)]
    public async Task The_environment_comes_from_the_options(string? environment, bool expected)
    {
        using var app = new WebApp(Mixed, services => services.Configure<FlagkeeperFeatureManagementOptions>(o => o.Environment = environment));

        var answers = await app.Flags(["prod-dark"], Claims("user-1", []));

        Assert.Equal(Three(expected), answers["prod-dark"]);
        Assert.Equal(expected, app.Evaluator.IsEnabled("prod-dark", new EvaluationContext("user-1", Environment: environment)));
    }

    /// <summary>The same answer from IFeatureManager, IFeatureManagerSnapshot and IVariantFeatureManager.</summary>
    internal static bool[] Three(bool value) => [value, value, value];

    internal static (string Type, string Value)[] Claims(string user, string[] groups) =>
        [(ClaimTypes.NameIdentifier, user), .. groups.Select(g => (ClaimTypes.Role, g))];
}
