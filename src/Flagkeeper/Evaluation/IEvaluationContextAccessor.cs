namespace Flagkeeper.Evaluation;

/// <summary>
/// The <see cref="EvaluationContext"/> of the work in progress (in a web app, the current request's user,
/// groups and environment). Adapters read it when a caller evaluates without passing a context. The DI
/// default gives the configured environment and no user; Flagkeeper.AspNetCore reads the request's claims.
/// </summary>
public interface IEvaluationContextAccessor
{
    /// <summary>The context for the current flow; <c>default</c> when there is none (an anonymous caller).</summary>
    EvaluationContext Current { get; }
}
