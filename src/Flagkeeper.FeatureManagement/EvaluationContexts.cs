using Flagkeeper.Evaluation;
using Microsoft.Extensions.Options;

namespace Flagkeeper.FeatureManagement;

/// <summary>
/// Builds the <see cref="EvaluationContext"/> for a Microsoft.FeatureManagement call: user and groups from its
/// targeting context, the environment from the <see cref="IEvaluationContextAccessor"/> when it names one,
/// else from <see cref="FlagkeeperFeatureManagementOptions.Environment"/>.
/// </summary>
internal sealed class EvaluationContexts(IOptions<FlagkeeperFeatureManagementOptions> options, IEvaluationContextAccessor? accessor)
{
    private readonly string? _environment = options.Value.Environment;

    public EvaluationContext For(string? userId, IEnumerable<string>? groups)
    {
        var ambient = accessor?.Current ?? default;
        return new EvaluationContext(
            string.IsNullOrEmpty(userId) ? null : userId,
            groups as IReadOnlyList<string> ?? groups?.ToArray(),
            ambient.Environment ?? _environment,
            ambient.Attributes);
    }
}
