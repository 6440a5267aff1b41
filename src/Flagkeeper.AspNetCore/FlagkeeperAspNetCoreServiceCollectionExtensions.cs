using Flagkeeper.AspNetCore;
using Flagkeeper.Evaluation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ASP.NET Core claims targeting for Flagkeeper.</summary>
public static class FlagkeeperAspNetCoreServiceCollectionExtensions
{
    /// <summary>
    /// Makes the request's claims the <see cref="IEvaluationContextAccessor"/> (replacing any registered one):
    /// <c>services.AddFlagkeeperClaimsTargeting(o => o.GroupClaimTypes.Add("department"))</c>. With
    /// Flagkeeper.FeatureManagement, Microsoft.FeatureManagement's targeting reads the same user and groups.
    /// </summary>
    public static IServiceCollection AddFlagkeeperClaimsTargeting(this IServiceCollection services, Action<ClaimsTargetingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpContextAccessor();
        var options = services.AddOptions<ClaimsTargetingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.RemoveAll<IEvaluationContextAccessor>();
        services.AddSingleton<IEvaluationContextAccessor, ClaimsEvaluationContextAccessor>();
        return services;
    }
}
