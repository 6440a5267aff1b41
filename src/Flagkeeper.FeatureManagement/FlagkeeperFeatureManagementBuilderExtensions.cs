using Flagkeeper.Evaluation;
using Flagkeeper.FeatureManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs Flagkeeper into Microsoft.FeatureManagement.</summary>
public static class FlagkeeperFeatureManagementBuilderExtensions
{
    /// <summary>
    /// Makes flags.yaml the source of every feature: <c>services.AddFeatureManagement().AddFlagkeeperDefinitions()</c>.
    /// Replaces the configuration-based definition provider (flags in appsettings are no longer read), adds the
    /// Flagkeeper filter, and, when the application registers no <see cref="ITargetingContextAccessor"/>, one that
    /// reads the registered <see cref="IEvaluationContextAccessor"/>. Needs a <see cref="FlagEvaluator"/> in the container.
    /// </summary>
    public static IFeatureManagementBuilder AddFlagkeeperDefinitions(this IFeatureManagementBuilder builder, Action<FlagkeeperFeatureManagementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<FlagkeeperFeatureManagementOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.RemoveAll<IFeatureDefinitionProvider>();
        services.AddSingleton<IFeatureDefinitionProvider>(sp => new FlagkeeperFeatureDefinitionProvider(sp.GetRequiredService<FlagEvaluator>()));
        services.TryAddSingleton(sp => new EvaluationContexts(
            sp.GetRequiredService<IOptions<FlagkeeperFeatureManagementOptions>>(), sp.GetService<IEvaluationContextAccessor>()));
        services.TryAddSingleton<ITargetingContextAccessor>(sp => new EvaluationContextTargetingAccessor(sp.GetService<IEvaluationContextAccessor>()));

        // Microsoft.FeatureManagement constructs them (singleton or scoped, as its manager); the same alias
        // serves calls without a context (FlagkeeperFilter) and with a targeting context (the contextual one).
        builder.AddFeatureFilter<FlagkeeperFilter>();
        builder.AddFeatureFilter<FlagkeeperContextualFilter>();
        return builder;
    }
}
