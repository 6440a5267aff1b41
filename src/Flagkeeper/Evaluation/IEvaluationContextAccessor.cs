namespace Flagkeeper.Evaluation;

/// <summary>
/// The <see cref="EvaluationContext"/> of the work in progress (in a web app, the current request's user,
/// groups and environment). Adapters read it when a caller evaluates without passing a context.
/// </summary>
public interface IEvaluationContextAccessor
{
    /// <summary>The context for the current flow; <c>default</c> when there is none (an anonymous caller).</summary>
    EvaluationContext Current { get; }
}
