using Flagkeeper.Evaluation;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Flagkeeper.FeatureManagement;

/// <summary>
/// Microsoft.FeatureManagement's <see cref="ITargetingContextAccessor"/> over Flagkeeper's
/// <see cref="IEvaluationContextAccessor"/> (for example the claims accessor of Flagkeeper.AspNetCore), so
/// FeatureManagement's own targeting filter and variant allocation see the same user and groups.
/// Registered only when the application registers no accessor of its own.
/// </summary>
internal sealed class EvaluationContextTargetingAccessor(IEvaluationContextAccessor? accessor) : ITargetingContextAccessor
{
    public ValueTask<TargetingContext> GetContextAsync()
    {
        if (accessor is null)
        {
            return ValueTask.FromResult<TargetingContext>(null!);
        }
        var current = accessor.Current;
        return ValueTask.FromResult(new TargetingContext { UserId = current.TargetingKey, Groups = current.Groups ?? [] });
    }
}
