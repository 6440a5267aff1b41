using Flagkeeper.Caching;
using Flagkeeper.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flagkeeper.Extensions;

/// <summary>Builds the singleton <see cref="FlagCache"/> from the options, the registered <see cref="TimeProvider"/> and the logger.</summary>
internal static class FlagkeeperCacheFactory
{
    public static FlagCache Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FlagkeeperOptions>>().Value;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(FlagkeeperLog.Category) ?? NullLogger.Instance;
        var cacheOptions = new FlagCacheOptions
        {
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
            CheckInterval = options.CheckInterval,
            Watch = options.Watch,
            DebounceDelay = options.DebounceDelay,
            StartWithDefaultsIfMissing = options.StartWithDefaultsIfMissing,
            OnWarning = warning => Log(logger, warning),
        };
        foreach (var path in options.AllRegistries())
        {
            cacheOptions.Registries.Add(path);
        }

        var cache = new FlagCache(cacheOptions);
        cache.Evaluator.ActivityEvents = options.ActivityEvents;
        cache.Reloaded += (_, e) => FlagkeeperLog.Reloaded(logger, e.Version, e.FlagCount, e.Duration.TotalMilliseconds);
        cache.Rejected += (_, e) => FlagkeeperLog.Rejected(logger, e.Rejection.Version, e.ActiveVersion, e.Rejection.Reason);
        if (cache.Health.Status == FlagCacheStatus.Degraded)
        {
            FlagkeeperLog.StartedWithDefaults(logger, cache.Health.Reason ?? "");
        }
        return cache;
    }

    private static void Log(ILogger logger, FlagWarning warning)
    {
        switch (warning.Kind)
        {
            case FlagWarningKind.UnknownFlag:
                FlagkeeperLog.UnknownFlag(logger, warning.Subject);
                break;
            case FlagWarningKind.UnknownEnvironment:
                FlagkeeperLog.UnknownEnvironment(logger, warning.Subject);
                break;
            default:
                FlagkeeperLog.EnvironmentVariable(logger, warning.Message);
                break;
        }
    }
}

/// <summary>Loads the registry when the host starts, so a missing or broken file fails the start instead of the first request.</summary>
internal sealed class FlagkeeperStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<FlagCache>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
