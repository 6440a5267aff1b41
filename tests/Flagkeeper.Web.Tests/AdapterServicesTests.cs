using Flagkeeper.Evaluation;
using Flagkeeper.Loading;
using Flagkeeper.FeatureManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Flagkeeper.Web.Tests;

/// <summary>
/// The adapter outside a web app (a worker or console app): the services Microsoft.FeatureManagement resolves,
/// its missing-feature option, Flagkeeper's overrides, and the bridge from an IEvaluationContextAccessor.
/// </summary>
public sealed class AdapterServicesTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task Without_any_accessor_every_call_is_anonymous()
    {
        var (evaluator, services) = Build(accessor: null);
        await using var _ = services;
        var features = services.GetRequiredService<IFeatureManager>();

        Assert.True(await features.IsEnabledAsync("always-on"));
        Assert.False(await features.IsEnabledAsync("quarter")); // a rollout without a key serves the default
        Assert.Equal(EvaluationReason.NoTargetingKey, evaluator.Evaluate("quarter").Reason);
    }

    [Fact]
    public async Task A_registered_evaluation_context_accessor_gives_FeatureManagement_its_targeting_context()
    {
        var probe = Compile();
        var users = Enumerable.Range(0, 100).Select(i => $"user-{i}").ToList();
        var inside = users.First(u => probe.IsEnabled("quarter", new EvaluationContext(u)));
        var outside = users.First(u => !probe.IsEnabled("quarter", new EvaluationContext(u)));
        var accessor = new FixedAccessor { Current = new EvaluationContext(inside, ["beta"]) };
        var (_, services) = Build(accessor);
        await using var __ = services;
        var features = services.GetRequiredService<IFeatureManager>();

        var targeting = await services.GetRequiredService<ITargetingContextAccessor>().GetContextAsync();
        Assert.Equal(inside, targeting.UserId);
        Assert.Equal(["beta"], targeting.Groups);
        Assert.True(await features.IsEnabledAsync("quarter"));
        Assert.True(await features.IsEnabledAsync("banner"));

        accessor.Current = new EvaluationContext(outside);
        Assert.False(await features.IsEnabledAsync("quarter"));
        Assert.False(await features.IsEnabledAsync("banner"));
    }

    [Fact]
    public async Task An_unknown_flag_is_off_and_with_IgnoreMissingFeatures_false_FeatureManagement_throws_as_it_would()
    {
        var (_, lenient) = Build(accessor: null);
        var (_, strict) = Build(accessor: null, s => s.Configure<FeatureManagementOptions>(o => o.IgnoreMissingFeatures = false));
        await using var _1 = lenient;
        await using var _2 = strict;

        Assert.False(await lenient.GetRequiredService<IFeatureManager>().IsEnabledAsync("no-such-flag"));
        var error = await Assert.ThrowsAsync<FeatureManagementException>(() => strict.GetRequiredService<IFeatureManager>().IsEnabledAsync("no-such-flag"));
        Assert.Equal(FeatureManagementError.MissingFeature, error.Error);
        Assert.True(await strict.GetRequiredService<IFeatureManager>().IsEnabledAsync("always-on"));
    }

    [Fact]
    public async Task Flagkeepers_scoped_overrides_reach_FeatureManagement_even_for_keys_no_registry_declares()
    {
        var (evaluator, services) = Build(accessor: null);
        await using var _ = services;
        var features = services.GetRequiredService<IFeatureManager>();

        using (evaluator.Override("always-on", false))
        using (evaluator.Override("not-declared", true))
        {
            Assert.False(await features.IsEnabledAsync("always-on"));
            Assert.True(await features.IsEnabledAsync("not-declared"));
        }
        Assert.True(await features.IsEnabledAsync("always-on"));
        Assert.False(await features.IsEnabledAsync("not-declared"));
    }

    [Fact]
    public async Task The_options_environment_applies_when_the_accessor_names_none()
    {
        var (_, services) = Build(new FixedAccessor { Current = new EvaluationContext("user-1") }, s =>
            s.Configure<FlagkeeperFeatureManagementOptions>(o => o.Environment = "prod"));
        await using var _ = services;

        Assert.False(await services.GetRequiredService<IFeatureManager>().IsEnabledAsync("prod-dark"));
    }

    public void Dispose() => _folder.Dispose();

    private (FlagEvaluator Evaluator, ServiceProvider Services) Build(IEvaluationContextAccessor? accessor, Action<IServiceCollection>? configure = null)
    {
        var evaluator = Compile();
        var services = new ServiceCollection();
        services.AddSingleton(evaluator);
        if (accessor is not null)
        {
            services.AddSingleton(accessor);
        }
        services.AddFeatureManagement().AddFlagkeeperDefinitions();
        configure?.Invoke(services);
        return (evaluator, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    private FlagEvaluator Compile()
    {
        var loaded = RegistryReader.ReadFile(_folder.Write("flags.yaml", Registries.Mixed), "flags.yaml");
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        return new FlagEvaluator(FlagSnapshot.Compile([loaded.Registry!]));
    }

    private sealed class FixedAccessor : IEvaluationContextAccessor
    {
        public EvaluationContext Current { get; set; }
    }
}
