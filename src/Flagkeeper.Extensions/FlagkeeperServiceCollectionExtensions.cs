using Flagkeeper.Caching;
using Flagkeeper.Evaluation;
using Flagkeeper.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// <c>services.AddFlagkeeper(...)</c>: a <see cref="FlagCache"/> singleton loaded when the host starts, its
/// <see cref="FlagEvaluator"/>, an <see cref="IEvaluationContextAccessor"/> (configured environment, no user, unless
/// one is registered before), and a scoped <see cref="IFlagkeeperSnapshot"/> for per-request consistency.
/// </summary>
public static class FlagkeeperServiceCollectionExtensions
{
    /// <summary>Registers Flagkeeper configured in code.</summary>
    public static IServiceCollection AddFlagkeeper(this IServiceCollection services, Action<FlagkeeperOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FlagkeeperOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Registers Flagkeeper bound from the <c>Flagkeeper</c> section of <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddFlagkeeper(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FlagkeeperOptions>().Bind(configuration.GetSection(FlagkeeperOptions.SectionName)).ValidateOnStart();
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlagkeeperOptions>, FlagkeeperOptionsValidator>());
        services.TryAddSingleton(FlagkeeperCacheFactory.Create);
        services.TryAddSingleton(sp => sp.GetRequiredService<FlagCache>().Evaluator);
        services.TryAddSingleton<IEvaluationContextAccessor>(sp =>
            new ConfiguredEnvironmentAccessor(sp.GetRequiredService<IOptions<FlagkeeperOptions>>().Value.Environment));
        services.TryAddScoped<IFlagkeeperSnapshot>(sp =>
            new ScopedFlags(sp.GetRequiredService<FlagEvaluator>(), sp.GetRequiredService<IEvaluationContextAccessor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Hosting.IHostedService, FlagkeeperStartup>());
        return services;
    }

    /// <summary>Adds the <c>flagkeeper</c> health check: Degraded, with the located reason, while a rejected registry version is pending.</summary>
    public static IHealthChecksBuilder AddFlagkeeper(this IHealthChecksBuilder builder, string name = "flagkeeper", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name, sp => new FlagkeeperHealthCheck(sp.GetRequiredService<FlagCache>()), HealthStatus.Degraded, tags));
    }
}
