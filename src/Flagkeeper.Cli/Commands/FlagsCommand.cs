using System.CommandLine;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Commands;

/// <summary>The <c>flagkeeper flags</c> command tree: read and edit the registry.</summary>
internal static class FlagsCommand
{
    public static Command Create(CliContext context)
    {
        var flags = new Command("flags", "List, show, validate and edit the flag registry (flags.yaml).");
        flags.Subcommands.Add(List(context));
        flags.Subcommands.Add(Show(context));
        flags.Subcommands.Add(Validate(context));
        flags.Subcommands.Add(FlagsEval.Command(context));
        flags.Subcommands.Add(Add(context));
        flags.Subcommands.Add(Toggle(context, "enable", enabled: true));
        flags.Subcommands.Add(Toggle(context, "disable", enabled: false));
        flags.Subcommands.Add(Rollout(context));
        flags.Subcommands.Add(FlagsTargeting.Target(context));
        flags.Subcommands.Add(FlagsTargeting.Untarget(context));
        flags.Subcommands.Add(Kill(context));
        flags.Subcommands.Add(Remove(context));
        return flags;
    }

    private static Command List(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var format = CommonOptions.Format("table", "json");
        var today = CommonOptions.Today();
        var command = new Command("list", "List every registered flag: key, type, owner, state, rollout, expiry and days left.") { path, format, today };
        command.SetAction(parse => CommonOptions.RunOr(context,
            path.TryResolve(parse, context, parse.GetValue(format) != "json").Then(root => CommonOptions.TryParseDate(parse.GetValue(today), "--today").Then(date => Both(root, date))),
            args => FlagsQueries.List(context, args.First.Path, parse.GetValue(format)!, args.Second)));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var key = new Argument<string>("key") { Description = "The flag key (or an alias)." };
        var root = CommonOptions.Root();
        var format = CommonOptions.Format("text", "json");
        var today = CommonOptions.Today();
        var command = new Command("show", "Show everything the registry says about one flag.") { key, root, format, today };
        command.SetAction(parse => CommonOptions.RunOr(context,
            root.TryResolve(parse, context, parse.GetValue(format) != "json").Then(found => CommonOptions.TryParseDate(parse.GetValue(today), "--today").Then(date => Both(found, date))),
            args => FlagsQueries.Show(context, args.First.Path, parse.GetValue(key)!, parse.GetValue(format)!, args.Second)));
        return command;
    }

    private static Command Validate(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var format = CommonOptions.Format("text", "json");
        var command = new Command("validate", "Check every registry under the folder against the registry rules (no code needed).") { path, format };
        command.SetAction(parse => CommonOptions.RunOr(context, path.TryResolve(parse, context, parse.GetValue(format) != "json"),
            found => FlagsQueries.Validate(context, found.Path, parse.GetValue(format)!)));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var key = new Argument<string>("key") { Description = $"The new flag's key: {FlagKeys.Description}" };
        var owner = new Option<string>("--owner") { Description = "Team or person who owns the flag.", Required = true };
        var type = new Option<string>("--type") { Description = $"One of: {string.Join(", ", FlagTypes.Names)}.", Required = true };
        type.AcceptOnlyFromAmong([.. FlagTypes.Names]);
        var description = new Option<string>("--description", "-d") { Description = "What the flag gates.", Required = true };
        var expires = new Option<string?>("--expires") { Description = "Expiry date, YYYY-MM-DD (required for release and experiment flags)." };
        var defaultValue = new Option<bool>("--default") { Description = "Value served when the flag is off (default: false)." };
        var rollout = new Option<string?>("--rollout") { Description = PercentDescription("Percent of targets that get the flag once enabled") };
        var requires = new Option<string[]>("--requires") { Description = "Prerequisite flags.", AllowMultipleArgumentsPerToken = true };
        var aliases = new Option<string[]>("--alias") { Description = "Other spellings of the key used in code.", AllowMultipleArgumentsPerToken = true };
        var task = new Option<string?>("--task") { Description = "Task id, for example T-2026-01-10-001." };
        var root = CommonOptions.Root();
        var registry = CommonOptions.Registry();
        var today = CommonOptions.Today();
        var outside = AllowOutsideRoot();
        var command = new Command("add", "Register a new flag (off until enabled).")
        {
            key, owner, type, description, expires, defaultValue, rollout, requires, aliases, task, root, registry, today, outside,
        };
        command.SetAction(parse =>
        {
            // Problems are reported in the order the arguments are read: --expires, --rollout, the root, --today.
            var flag = CommonOptions.TryParseDate(parse.GetValue(expires), "--expires").Then(expiry =>
                PercentText.ParseOptional(parse.GetValue(rollout), "--rollout").Then(percent => Result<FlagsEdits.NewFlag>.Success(new FlagsEdits.NewFlag(
                    parse.GetValue(key)!, parse.GetValue(owner)!, parse.GetValue(type)!, parse.GetValue(description)!, expiry, parse.GetValue(defaultValue),
                    percent, parse.GetValue(requires) ?? [], parse.GetValue(aliases) ?? [], parse.GetValue(task)))));
            var args = flag.Then(f => Where(parse, context, root, registry, outside).Then(w => CommonOptions.TryParseDate(parse.GetValue(today), "--today")
                .Then(date => Result<(FlagsEdits.NewFlag, FlagsEdits.Where, DateOnly?)>.Success((f, w, date)))));
            return CommonOptions.RunOr(context, args, a => FlagsEdits.Add(context, a.Item1, a.Item2, a.Item3));
        });
        return command;
    }

    private static Command Toggle(CliContext context, string name, bool enabled)
    {
        var key = new Argument<string>("key") { Description = "The flag key (or an alias)." };
        var environment = CommonOptions.Environment();
        var root = CommonOptions.Root();
        var registry = CommonOptions.Registry();
        var what = enabled ? "Turn a flag on" : "Turn a flag off";
        var outside = AllowOutsideRoot();
        var command = new Command(name, $"{what}, everywhere or in one environment (--env).") { key, environment, root, registry, outside };
        command.SetAction(parse => CommonOptions.RunOr(context, Where(parse, context, root, registry, outside),
            where => FlagsEdits.Set(context, where, parse.GetValue(key)!, parse.GetValue(environment), "enabled", enabled)));
        return command;
    }

    private static Command Rollout(CliContext context)
    {
        var key = new Argument<string>("key") { Description = "The flag key (or an alias)." };
        var percent = new Argument<string>("percent") { Description = PercentDescription("Percent of targets that get the flag") };
        var environment = CommonOptions.Environment();
        var root = CommonOptions.Root();
        var registry = CommonOptions.Registry();
        var outside = AllowOutsideRoot();
        var command = new Command("rollout", "Set the rollout percentage, everywhere or in one environment (--env).") { key, percent, environment, root, registry, outside };
        command.SetAction(parse => CommonOptions.RunOr(context,
            Where(parse, context, root, registry, outside).Then(where => PercentText.Parse(parse.GetValue(percent)!, "rollout").Then(value => Both(where, value))),
            args => FlagsEdits.Set(context, args.First, parse.GetValue(key)!, parse.GetValue(environment), "rollout", args.Second)));
        return command;
    }

    private static string PercentDescription(string what) =>
        $"{what}: 0-100, a plain number with a dot for decimals (at most {Flagkeeper.Editing.RegistryNumbers.MaxDecimals}), a trailing % allowed.";

    private static Command Kill(CliContext context)
    {
        var key = new Argument<string?>("key") { Description = "The flag to move to its safe state everywhere, now (off; a kill switch: on).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Emergency: every flag in every registry under the root to its safe state." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --all." };
        var root = CommonOptions.Root();
        var registry = CommonOptions.Registry();
        var format = CommonOptions.Format("text", "json");
        var outside = AllowOutsideRoot();
        var command = new Command("kill", "Kill a flag everywhere at once (master switch off; a kill switch is engaged: on), or every flag with --all --yes; reads the result back and reports what it verified.")
        {
            key, all, yes, root, registry, format, outside,
        };
        command.SetAction(parse => CommonOptions.RunOr(context, Where(parse, context, root, registry, outside),
            where => FlagsKill.Run(context, where, parse.GetValue(key), parse.GetValue(all), parse.GetValue(yes), parse.GetValue(format)!)));
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var key = new Argument<string>("key") { Description = "The flag to remove from its registry." };
        var root = CommonOptions.Root();
        var registry = CommonOptions.Registry();
        var outside = AllowOutsideRoot();
        var command = new Command("remove", "Remove a flag from its registry (refused while other flags require it).") { key, root, registry, outside };
        command.SetAction(parse => CommonOptions.RunOr(context, Where(parse, context, root, registry, outside),
            where => FlagsEdits.Remove(context, where, parse.GetValue(key)!)));
        return command;
    }

    /// <summary>The root (found, announced on standard error), --registry and --allow-outside-root of an edit.</summary>
    internal static Result<FlagsEdits.Where> Where(ParseResult parse, CliContext context, RootOptions root, Option<string?> registry, Option<bool> outside) =>
        root.TryResolve(parse, context, announce: true)
            .Then(found => Result<FlagsEdits.Where>.Success(new FlagsEdits.Where(found.Path, parse.GetValue(registry), parse.GetValue(outside))));

    private static Result<(T1 First, T2 Second)> Both<T1, T2>(T1 first, T2 second) => (first, second);

    internal static Option<bool> AllowOutsideRoot() => new("--allow-outside-root")
    {
        Description = "Edit a registry that is a symbolic link to a file outside the root (refused without it).",
    };
}
