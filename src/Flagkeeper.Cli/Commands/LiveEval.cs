using Flagkeeper.Cli.Invocation;
using Flagkeeper.Diagnostics;
using Flagkeeper.Evaluation;
using Flagkeeper.Redis;

namespace Flagkeeper.Cli.Commands;

/// <summary><c>flags eval --redis</c>: the namespace's live overrides, read once, as the evaluator of an instance holds them.</summary>
internal static class LiveEval
{
    public static Result<LiveOverrideSet> Read(CliContext context, LiveTarget target)
    {
        var connection = LiveActions.Connect(context, target);
        if (connection.Failed)
        {
            return Result<LiveOverrideSet>.Failure(connection.Errors);
        }
        using var redis = connection.Value;
        return redis.Run(store => store.ReadAllAsync(), LiveActions.Verbose(context)).Then(snapshot =>
        {
            foreach (var bad in snapshot.Malformed)
            {
                context.Error.WriteLine($"warning: the live override of '{LiveInput.Printable(bad.Key)}' is malformed and ignored: {LiveInput.Printable(bad.Error)}");
            }
            return Result<LiveOverrideSet>.Success(LiveOverrideSet.Create(snapshot.Overrides.Select(o => new LiveFlagOverride(o.Key,
                o.State switch { LiveState.On => true, LiveState.Off => false, _ => null }, o.State == LiveState.Rollout ? o.Rollout : null, o.Expires))));
        });
    }
}
