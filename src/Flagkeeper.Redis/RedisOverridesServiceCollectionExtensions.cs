using Flagkeeper.Evaluation;
using Flagkeeper.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// <c>services.AddFlagkeeper(…).AddRedisOverrides(…)</c>: live overrides from Redis on top of flags.yaml, a hosted
/// <see cref="LiveOverrideSubscriber"/> and the <c>flagkeeper-redis</c> health check.
/// </summary>
public static class RedisOverridesServiceCollectionExtensions
{
    /// <summary>Live overrides configured in code.</summary>
    public static IServiceCollection AddRedisOverrides(this IServiceCollection services, Action<RedisOverrideOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RedisOverrideOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>Live overrides bound from <c>Flagkeeper:Redis</c> and <c>Flagkeeper:Namespace</c>.</summary>
    public static IServiceCollection AddRedisOverrides(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RedisOverrideOptions>().Bind(configuration.GetSection("Flagkeeper"));
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisOverrideOptions>>().Value;
            if (string.IsNullOrWhiteSpace(options.Redis))
            {
                throw new OptionsValidationException("Flagkeeper:Redis", typeof(RedisOverrideOptions),
                    ["Flagkeeper:Redis is empty: set it to a Redis configuration string such as 127.0.0.1:6379"]);
            }

            var ns = string.IsNullOrWhiteSpace(options.Namespace) ? sp.GetService<IHostEnvironment>()?.ApplicationName : options.Namespace;
            if (LiveKeys.Validate(ns) is { } error)
            {
                throw new OptionsValidationException("Flagkeeper:Namespace", typeof(RedisOverrideOptions), [error]);
            }

            return new LiveOverrideSubscriber(sp.GetRequiredService<FlagEvaluator>(), options, ns!,
                sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>()?.CreateLogger("Flagkeeper"));
        });
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<LiveOverrideSubscriber>());
        services.AddHealthChecks().Add(new HealthCheckRegistration("flagkeeper-redis",
            sp => new LiveOverrideHealthCheck(sp.GetRequiredService<LiveOverrideSubscriber>()), HealthStatus.Degraded, null));
        return services;
    }
}
