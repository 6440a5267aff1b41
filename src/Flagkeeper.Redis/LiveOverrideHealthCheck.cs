using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flagkeeper.Redis;

/// <summary>Degraded, with the reason (no secrets), while the live overrides are not in sync with Redis.</summary>
internal sealed class LiveOverrideHealthCheck(LiveOverrideSubscriber subscriber) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(subscriber.Status is { } problem
            ? HealthCheckResult.Degraded(problem)
            : HealthCheckResult.Healthy($"live overrides in sync at version {subscriber.Version}"));
}
