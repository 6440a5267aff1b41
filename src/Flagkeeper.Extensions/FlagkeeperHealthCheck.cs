using Flagkeeper.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flagkeeper.Extensions;

/// <summary>Healthy while the active snapshot is what the files say; Degraded, with the located reason, while a rejected version is pending.</summary>
public sealed class FlagkeeperHealthCheck(FlagCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = cache.Health;
        var data = new Dictionary<string, object>
        {
            ["version"] = cache.Version,
            ["loadedAt"] = cache.LoadedAt,
            ["flags"] = cache.Evaluator.Snapshot.Count,
        };
        if (health.Status == FlagCacheStatus.Healthy)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"registry version {cache.Version} active", data));
        }
        if (health.Rejection is { } rejection)
        {
            data["rejectedVersion"] = rejection.Version;
            data["errors"] = rejection.Errors;
        }
        return Task.FromResult(HealthCheckResult.Degraded(health.Reason, data: data));
    }
}
