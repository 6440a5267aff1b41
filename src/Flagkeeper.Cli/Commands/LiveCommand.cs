using System.CommandLine;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Diagnostics;
using Flagkeeper.Redis;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// <c>flagkeeper live</c>: override flags at once on every running instance through Redis, without a deploy
/// (docs/fleet.md). Every change needs a reason and is kept in the namespace's history.
/// </summary>
internal static class LiveCommand
{
    public static Command Create(CliContext context)
    {
        var live = new Command("live", "Override flags at once on every running instance, through Redis (docs/fleet.md): set, clear, list, kill, history.");
        live.Subcommands.Add(Set(context));
        live.Subcommands.Add(Clear(context));
        live.Subcommands.Add(List(context));
        live.Subcommands.Add(Kill(context));
        live.Subcommands.Add(History(context));
        return live;
    }

    private static Command Set(CliContext context)
    {
        var key = new Argument<string>("key") { Description = "The flag key (or an alias); refused when no registry declares it, unless --force." };
        var state = new Argument<string?>("state") { Description = "on or off (or give --rollout N instead).", Arity = ArgumentArity.ZeroOrOne };
        var rollout = new Option<string?>("--rollout") { Description = "Serve the flag as flags.yaml says but to N percent of targets (0-100), same bucketing.", HelpName = "N" };
        var reason = Reason();
        var duration = new Option<string?>("--for") { Description = "Let the override expire after this long: 90s, 30m, 2h, 1d (at most 30d). Default: until `live clear`.", HelpName = "DURATION" };
        var force = Force("Override a key no registry declares.");
        var (root, store) = (CommonOptions.Root(), new LiveStoreOptions());
        var command = new Command("set", "Force a flag on, off or to a rollout percentage on every instance, now.") { key, state, rollout, reason, duration, force, root, store };
        command.SetAction(parse =>
        {
            var request = StateOf(parse.GetValue(state), parse.GetValue(rollout)).Then(s =>
                LiveInput.ParseReason(parse.GetValue(reason), "set").Then(why =>
                    LiveInput.ParseDuration(parse.GetValue(duration)).Then(span =>
                        Result<LiveActions.SetRequest>.Success(new LiveActions.SetRequest(parse.GetValue(key)!, s.State, s.Rollout, why, span, parse.GetValue(force))))));
            return CommonOptions.RunOr(context, request.Then(r => Where(parse, context, root, store, announce: true).Then(w => Pair(r, w))),
                args => LiveActions.Set(context, args.Item2, args.Item1));
        });
        return command;
    }

    private static Command Clear(CliContext context)
    {
        var key = new Argument<string>("key") { Description = "The flag whose override to remove: instances go back to flags.yaml." };
        var reason = Reason();
        var force = Force("Clear a key no registry declares (an override left behind by a removed flag).");
        var (root, store) = (CommonOptions.Root(), new LiveStoreOptions());
        var command = new Command("clear", "Remove a flag's live override: every instance serves flags.yaml again.") { key, reason, force, root, store };
        command.SetAction(parse =>
        {
            // A clear is a change like any other: history keeps who, when and why (the incident it closes).
            var why = LiveInput.ParseReason(parse.GetValue(reason), "clear");
            return CommonOptions.RunOr(context, why.Then(r => Where(parse, context, root, store, announce: true).Then(w => Pair(r, w))),
                args => LiveActions.Clear(context, args.Item2, parse.GetValue(key)!, args.Item1, parse.GetValue(force)));
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var format = CommonOptions.Format("text", "json");
        var (root, store) = (CommonOptions.Root(), new LiveStoreOptions());
        var command = new Command("list", "List the live overrides of the namespace (expired ones marked), with the store's version.") { format, root, store };
        command.SetAction(parse => CommonOptions.RunOr(context, Where(parse, context, root, store, announce: parse.GetValue(format) != "json"),
            where => LiveActions.List(context, where, parse.GetValue(format)!)));
        return command;
    }

    private static Command Kill(CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Every flag of every registry under the root to its safe state (required)." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --all." };
        var reason = Reason();
        var (root, store) = (CommonOptions.Root(), new LiveStoreOptions());
        var command = new Command("kill", "Emergency: override every registry flag to its safe state on every instance (kill switches on, everything else off); reads the store back and reports what it verified.")
        {
            all, yes, reason, root, store,
        };
        command.SetAction(parse =>
        {
            var request = !parse.GetValue(all)
                ? ErrorCodes.InvalidArgument.Create("`live kill` needs --all --yes (it overrides every flag); for one flag use `live set KEY off --reason TEXT`")
                : !parse.GetValue(yes)
                    ? ErrorCodes.InvalidArgument.Create("`live kill --all` overrides every flag on every instance (kill switches on, every other flag off); add --yes to confirm")
                    : LiveInput.ParseReason(parse.GetValue(reason), "kill");
            return CommonOptions.RunOr(context, request.Then(r => Where(parse, context, root, store, announce: true).Then(w => Pair(r, w))),
                args => LiveKill.Run(context, args.Item2, args.Item1));
        });
        return command;
    }

    private static Command History(CliContext context)
    {
        var count = new Option<int>("--count", "-n") { Description = "How many of the latest changes (1-1000).", DefaultValueFactory = _ => 50 };
        var format = CommonOptions.Format("text", "json");
        var (root, store) = (CommonOptions.Root(), new LiveStoreOptions());
        var command = new Command("history", "The latest live changes, oldest first: version, when, who, what and why (a capped Redis stream).") { count, format, root, store };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            var valid = n is >= 1 and <= 1000 ? Result<int>.Success(n) : ErrorCodes.InvalidArgument.Create($"--count {n} must be from 1 to 1000 (the history keeps about the last 1000 changes)");
            return CommonOptions.RunOr(context, valid.Then(c => Where(parse, context, root, store, announce: parse.GetValue(format) != "json").Then(w => Pair(c, w))),
                args => LiveActions.History(context, args.Item2, args.Item1, parse.GetValue(format)!));
        });
        return command;
    }

    /// <summary>The root (for the registry and flagkeeper.yaml) and the store; the store's configuration is checked before any connection.</summary>
    private static Result<LiveActions.Where> Where(ParseResult parse, CliContext context, RootOptions root, LiveStoreOptions store, bool announce) =>
        root.TryResolve(parse, context, announce).Then(found => LiveActions.Where.Load(context, found.Path, parse, store));

    private static Result<(LiveState State, double? Rollout)> StateOf(string? state, string? rollout)
    {
        if (rollout is not null)
        {
            return state is null
                ? PercentText.Parse(rollout, "--rollout").Then(p => Result<(LiveState, double?)>.Success((LiveState.Rollout, p)))
                : ErrorCodes.InvalidArgument.Create($"give either a state ('{state}') or --rollout N, not both");
        }
        return state?.Trim().ToLowerInvariant() switch
        {
            "on" => (LiveState.On, (double?)null),
            "off" => (LiveState.Off, (double?)null),
            null => ErrorCodes.InvalidArgument.Create("say what to force: `live set KEY on`, `live set KEY off` or `live set KEY --rollout N`"),
            _ => ErrorCodes.InvalidArgument.Create($"'{LiveInput.Printable(state)}' is not a state; use on or off (or --rollout N for a percentage)"),
        };
    }

    private static Option<string?> Reason() => new("--reason") { Description = "Why (required; kept in `live history`): an incident, a ticket.", HelpName = "TEXT" };

    private static Option<bool> Force(string description) => new("--force") { Description = description };

    private static Result<(T1, T2)> Pair<T1, T2>(T1 first, T2 second) => (first, second);
}
