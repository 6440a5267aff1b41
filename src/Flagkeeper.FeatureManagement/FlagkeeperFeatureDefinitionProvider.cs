using System.Collections.Concurrent;
using Flagkeeper.Evaluation;
using Microsoft.FeatureManagement;

namespace Flagkeeper.FeatureManagement;

/// <summary>
/// One <see cref="FeatureDefinition"/> per flag of the evaluator's current snapshot, each requiring the
/// <see cref="FlagkeeperFilterAlias.Name"/> filter, which asks <see cref="FlagEvaluator"/>. A name the snapshot
/// does not know has no definition, so Microsoft.FeatureManagement's <c>IgnoreMissingFeatures</c> applies
/// (its default: false, as <see cref="FlagEvaluator"/> answers), unless a scoped override forces that name.
/// Aliases get a definition when asked for by name but are not listed, so each flag is listed once.
/// </summary>
public sealed class FlagkeeperFeatureDefinitionProvider(FlagEvaluator evaluator) : IFeatureDefinitionProvider
{
    // A definition only names the filter, so one per name serves every snapshot; bounded by the names flags.yaml has had.
    private readonly ConcurrentDictionary<string, FeatureDefinition> _definitions = new(StringComparer.Ordinal);

    public Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName)
    {
        ArgumentNullException.ThrowIfNull(featureName);
        if (evaluator.Snapshot.Contains(featureName))
        {
            return Task.FromResult(_definitions.GetOrAdd(featureName, Define));
        }
        // Unknown to the registry: only an override (Flagkeeper's testing API) makes it a feature. Evaluating
        // also reports the unknown key once, as FlagEvaluator.IsEnabled does.
        return Task.FromResult(evaluator.Evaluate(featureName).Reason == EvaluationReason.Override ? Define(featureName) : null!);
    }

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        // One snapshot for the whole listing, even if the file reloads meanwhile.
        foreach (var key in evaluator.Snapshot.Keys)
        {
            yield return _definitions.GetOrAdd(key, Define);
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static FeatureDefinition Define(string name) => new()
    {
        Name = name,
        EnabledFor = [new FeatureFilterConfiguration { Name = FlagkeeperFilterAlias.Name }],
        RequirementType = RequirementType.Any,
        Status = FeatureStatus.Conditional,
    };
}
