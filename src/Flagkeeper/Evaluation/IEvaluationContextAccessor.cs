namespace Flagkeeper.Evaluation;

/// <summary>
/// The context flags are evaluated for when the caller does not pass one: the current user, groups and environment.
/// Hosts implement it (the DI default gives the configured environment and no user; an ASP.NET Core adapter reads the
/// request's claims).
/// </summary>
public interface IEvaluationContextAccessor
{
    EvaluationContext Current { get; }
}
