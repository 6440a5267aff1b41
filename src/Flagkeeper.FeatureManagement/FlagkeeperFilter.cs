using Flagkeeper.Evaluation;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Flagkeeper.FeatureManagement;

/// <summary>
/// The filter behind every Flagkeeper definition for calls without a context (<c>IsEnabledAsync("k")</c>,
/// <c>[FeatureGate]</c>, <c>&lt;feature&gt;</c>): the user and groups come from the registered
/// <see cref="ITargetingContextAccessor"/>, as Microsoft.FeatureManagement's own targeting filter reads them.
/// No accessor, or no context from it: an anonymous caller (a partial rollout serves the flag's default).
/// </summary>
[FilterAlias(FlagkeeperFilterAlias.Name)]
internal sealed class FlagkeeperFilter(FlagEvaluator evaluator, EvaluationContexts contexts, ITargetingContextAccessor? targeting = null) : IFeatureFilter
{
    public async Task<bool> EvaluateAsync(FeatureFilterEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = targeting is null ? null : await targeting.GetContextAsync().ConfigureAwait(false);
        return evaluator.IsEnabled(context.FeatureName, contexts.For(target?.UserId, target?.Groups));
    }
}

/// <summary>
/// The same filter for calls that pass a targeting context (<c>IsEnabledAsync("k", targetingContext)</c>):
/// that context's user and groups decide, the accessor is not asked.
/// </summary>
[FilterAlias(FlagkeeperFilterAlias.Name)]
internal sealed class FlagkeeperContextualFilter(FlagEvaluator evaluator, EvaluationContexts contexts) : IContextualFeatureFilter<ITargetingContext>
{
    public Task<bool> EvaluateAsync(FeatureFilterEvaluationContext featureFilterContext, ITargetingContext appContext)
    {
        ArgumentNullException.ThrowIfNull(featureFilterContext);
        return Task.FromResult(evaluator.IsEnabled(featureFilterContext.FeatureName, contexts.For(appContext?.UserId, appContext?.Groups)));
    }
}
