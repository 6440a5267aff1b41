using Flagkeeper.Evaluation;

namespace Flagkeeper.Extensions;

/// <summary>
/// Flags for one scope (an HTTP request): the snapshot is captured on first use, so every answer in the scope comes
/// from the same registry version even if the file reloads meanwhile. Without a context, <see cref="IEvaluationContextAccessor.Current"/> is used.
/// </summary>
public interface IFlagkeeperSnapshot
{
    /// <summary>The snapshot this scope answers from (captured now if not yet).</summary>
    FlagSnapshot Snapshot { get; }

    bool IsEnabled(string key);

    bool IsEnabled(string key, EvaluationContext context);

    FlagEvaluation Evaluate(string key);

    FlagEvaluation Evaluate(string key, EvaluationContext context);
}

internal sealed class ScopedFlags(FlagEvaluator evaluator, IEvaluationContextAccessor contexts) : IFlagkeeperSnapshot
{
    private FlagSnapshot? _snapshot;

    // The first caller's snapshot wins, even when two threads of one request ask at once.
    public FlagSnapshot Snapshot => Volatile.Read(ref _snapshot) ?? Interlocked.CompareExchange(ref _snapshot, evaluator.Snapshot, null) ?? _snapshot!;

    public bool IsEnabled(string key) => Evaluate(key, contexts.Current).Value;

    public bool IsEnabled(string key, EvaluationContext context) => Evaluate(key, context).Value;

    public FlagEvaluation Evaluate(string key) => Evaluate(key, contexts.Current);

    public FlagEvaluation Evaluate(string key, EvaluationContext context) => evaluator.EvaluateOn(Snapshot, key, context);
}

/// <summary>The default accessor: the configured environment, no user.</summary>
internal sealed class ConfiguredEnvironmentAccessor(string? environment) : IEvaluationContextAccessor
{
    public EvaluationContext Current { get; } = new(Environment: environment);
}
