using Flagkeeper.Cli.Invocation;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Redis;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// <c>live kill --all --yes</c>: overrides every registry flag to its safe state (the rule <c>flags kill</c> uses:
/// a kill switch on, every other flag off) in one atomic change, then reads the store back and reports only
/// what it verified; a flag the read-back does not show in its safe state is named, exit 2.
/// </summary>
internal static class LiveKill
{
    public static int Run(CliContext context, LiveActions.Where where, string reason)
    {
        var flags = LiveFlags.SafeStates(context, where.Root);
        if (flags.Failed)
        {
            return ErrorPrinter.Fail(context, flags.Errors);
        }
        if (flags.Value.Count == 0)
        {
            return ErrorPrinter.Fail(context, [ErrorCodes.RegistryNotFound.Create($"no registry under {where.Root} declares a flag, so there is nothing to kill")]);
        }
        var connection = LiveActions.Connect(context, where.Target);
        if (connection.Failed)
        {
            return ErrorPrinter.Fail(context, connection.Errors);
        }
        using var redis = connection.Value;
        var by = LiveInput.Who(where.Root);
        var killed = redis.Run(store => store.KillAllAsync(flags.Value, by, reason), LiveActions.Verbose(context));
        if (killed.Failed)
        {
            return ErrorPrinter.Fail(context, killed.Errors);
        }
        // Trust the store, not the plan: read every override back and count what is really in its safe state.
        var readBack = redis.Run(store => store.ReadAllAsync(), LiveActions.Verbose(context));
        if (readBack.Failed)
        {
            context.Output.WriteLine($"NOT VERIFIED: the kill was sent ({killed.Value} flags) but the store could not be read back");
            return ErrorPrinter.Fail(context, readBack.Errors);
        }
        var stored = readBack.Value.Overrides.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var now = context.Time.GetUtcNow();
        var (off, on) = (0, 0);
        var failures = new List<FlagkeeperError>();
        foreach (var (key, safe) in flags.Value)
        {
            if (stored.GetValueOrDefault(key) is { } o && o.State == safe && !o.IsExpiredAt(now))
            {
                context.Output.WriteLine($"{key}: {LiveText.State(o)}");
                _ = safe == LiveState.On ? on++ : off++;
                continue;
            }
            var found = stored.GetValueOrDefault(key) is { } other ? $"the store holds {LiveText.State(other)}" : "the store holds no override for it";
            failures.Add(ErrorCodes.UnsupportedEdit.Create($"'{key}' is not in its safe state ({(safe == LiveState.On ? "on" : "off")}): {found}; another change may have raced the kill, run it again"));
        }
        var summary = $"{off} flag{(off == 1 ? "" : "s")} off, {on} kill switch{(on == 1 ? "" : "es")} on in namespace '{where.Target.Namespace}' (store version {readBack.Value.Version})";
        context.Output.WriteLine(failures.Count == 0
            ? $"verified: {summary}"
            : $"NOT DONE: {failures.Count} flag(s) not in their safe state (see standard error); verified only: {summary}");
        return failures.Count == 0 ? ExitCodes.Ok : ErrorPrinter.Fail(context, failures);
    }
}
