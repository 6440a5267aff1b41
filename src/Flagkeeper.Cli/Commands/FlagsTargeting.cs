using System.CommandLine;
using Flagkeeper.Analysis;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Flagkeeper.Registry;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// <c>flags target</c> and <c>flags untarget</c>: add or remove the users, groups and exclusions of a flag's (or one
/// environment's) <c>targeting:</c>. Both are idempotent: what is already there (or already gone) changes nothing.
/// The new targeting is worked out from the registry as loaded, then written by <see cref="RegistryFileEditor"/>.
/// </summary>
internal static class FlagsTargeting
{
    /// <summary>What one command asks for: to add (<c>target</c>) or remove; <see cref="All"/> (untarget only) drops the whole targeting.</summary>
    private sealed record Request(
        bool Adding, IReadOnlyList<string> Users, IReadOnlyList<TargetedGroup> Groups, IReadOnlyList<string> ExcludedUsers, IReadOnlyList<string> ExcludedGroups, bool All)
    {
        public bool IsEmpty => Users.Count == 0 && Groups.Count == 0 && ExcludedUsers.Count == 0 && ExcludedGroups.Count == 0;
    }

    public static Command Target(CliContext context) => Create(context, adding: true);

    public static Command Untarget(CliContext context) => Create(context, adding: false);

    private static Command Create(CliContext context, bool adding)
    {
        var key = new Argument<string>("key") { Description = "The flag key (or an alias)." };
        var users = new Option<string[]>("--user", "-u") { Description = adding ? "A user (targeting key) who always gets the flag; repeat for several." : "A user to take off the list; repeat for several." };
        var groups = new Option<string[]>("--group", "-g")
        {
            Description = adding
                ? "A group that gets the flag: NAME (all of it) or NAME:PERCENT (that percent of it; 0-100, a dot for decimals, a trailing % allowed); repeat for several."
                : "A group to take off the list; repeat for several.",
        };
        var excludeUsers = new Option<string[]>("--exclude-user") { Description = adding ? "A user who never gets the flag (wins over everything)." : "A user to take off the exclusions." };
        var excludeGroups = new Option<string[]>("--exclude-group") { Description = adding ? "A group that never gets the flag (wins over everything)." : "A group to take off the exclusions." };
        var all = new Option<bool>("--all") { Description = "Remove the whole targeting (of the flag, or of --env's override)." };
        var environment = new Option<string?>("--env", "-e") { Description = "Change this environment's targeting, which replaces the flag's own there." };
        var root = CommonOptions.Root();
        var registry = CommonOptions.Registry();
        var format = CommonOptions.Format("text", "json");
        var outside = FlagsCommand.AllowOutsideRoot();
        var command = adding
            ? new Command("target", "Target users and groups (and exclude some), everywhere or in one environment (--env).")
            : new Command("untarget", "Remove targeted users and groups or exclusions (or all of them with --all), everywhere or in one environment (--env).");
        command.Arguments.Add(key);
        foreach (var option in new Option[] { users, groups, excludeUsers, excludeGroups })
        {
            command.Options.Add(option);
        }
        if (!adding)
        {
            command.Options.Add(all);
        }
        command.Add(environment);
        command.Add(root);
        command.Add(registry);
        command.Add(format);
        command.Add(outside);
        command.SetAction(parse =>
        {
            var request = Parse(adding, parse.GetValue(users) ?? [], parse.GetValue(groups) ?? [], parse.GetValue(excludeUsers) ?? [],
                parse.GetValue(excludeGroups) ?? [], !adding && parse.GetValue(all));
            var args = request.Then(r => FlagsCommand.Where(parse, context, root, registry, outside).Then(w => Result<(Request, FlagsEdits.Where)>.Success((r, w))));
            return CommonOptions.RunOr(context, args, a => Run(context, a.Item2, parse.GetValue(key)!, parse.GetValue(environment), a.Item1, parse.GetValue(format)!));
        });
        return command;
    }

    private static Result<Request> Parse(bool adding, string[] users, string[] groups, string[] excludeUsers, string[] excludeGroups, bool all)
    {
        var parsedGroups = new List<TargetedGroup>();
        foreach (var text in groups)
        {
            var group = adding ? ParseGroup(text) : Result<TargetedGroup>.Success(new TargetedGroup(text.Trim(), null));
            if (group.Failed)
            {
                return Result<Request>.Failure(group.Errors);
            }
            parsedGroups.Add(group.Value);
        }
        var request = new Request(adding, Distinct(users), parsedGroups, Distinct(excludeUsers), Distinct(excludeGroups), all);
        var empty = request.Users.Concat(request.ExcludedUsers).Concat(request.ExcludedGroups).Concat(request.Groups.Select(g => g.Name))
            .FirstOrDefault(string.IsNullOrWhiteSpace);
        if (empty is not null)
        {
            return ErrorCodes.InvalidArgument.Create("a user or group name is empty; give a name");
        }
        if (all && !request.IsEmpty)
        {
            return ErrorCodes.InvalidArgument.Create("--all removes the whole targeting; give it alone, without --user, --group, --exclude-user or --exclude-group");
        }
        if (!all && request.IsEmpty)
        {
            return ErrorCodes.InvalidArgument.Create(adding
                ? "give at least one --user, --group, --exclude-user or --exclude-group"
                : "give at least one --user, --group, --exclude-user or --exclude-group, or --all");
        }
        var twice = parsedGroups.GroupBy(g => g.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            return ErrorCodes.InvalidArgument.Create($"--group {twice.Key} is given {twice.Count()} times; give each group once");
        }
        return request;
    }

    /// <summary>NAME or NAME:PERCENT; the percent is read like <c>flags rollout</c>'s.</summary>
    private static Result<TargetedGroup> ParseGroup(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return new TargetedGroup(text.Trim(), null);
        }
        var name = text[..colon].Trim();
        return PercentText.Parse(text[(colon + 1)..], $"--group {name}").Then(percent => Result<TargetedGroup>.Success(new TargetedGroup(name, percent)));
    }

    private static List<string> Distinct(string[] values) => [.. values.Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];

    private static int Run(CliContext context, FlagsEdits.Where where, string key, string? environment, Request request, string format)
    {
        var workspace = FlagsEdits.LoadForEdit(context, where.Root);
        var resolved = workspace.Then(w => FlagsEdits.Resolve(w, where.Registry, key));
        if (resolved.Failed)
        {
            return ErrorPrinter.Fail(context, resolved.Errors);
        }
        var (target, flagKey) = resolved.Value;
        if (target.Registry?.Find(flagKey) is not { } flag)
        {
            return ErrorPrinter.Fail(context, [.. FlagsEdits.LoadErrorsOf(workspace.Value, target.FullPath),
                ErrorCodes.FlagNotFound.Create($"{target.DisplayPath} does not declare '{key}'")]);
        }
        if (environment is not null && UnknownEnvironment(target.Registry, environment) is { } unknown)
        {
            return ErrorPrinter.Fail(context, [unknown]);
        }

        var current = TargetingSpec.From(environment is null ? flag.Targeting : flag.OverrideFor(environment)?.Targeting);
        var wanted = request.All ? TargetingSpec.Empty : Apply(current, request);
        var edited = wanted.SameAs(current)
            ? Result<EditOutcome>.Success(new EditOutcome(false, []))
            : FlagsEdits.Edit(context, workspace.Value, target, [new SetTargeting(flagKey, environment, wanted)], where.AllowOutsideRoot);
        if (edited.Failed)
        {
            return ErrorPrinter.Fail(context, edited.Errors);
        }
        var written = edited.Value.Changed ? wanted : current;
        if (format == "json")
        {
            WriteJson(context, target, flagKey, environment, edited.Value, written);
            return ExitCodes.Ok;
        }
        FlagsEdits.Report(context, target, edited.Value,
            $"{flagKey}{(environment is null ? "" : $" [{environment}]")}: targeting is already {(written.IsEmpty ? "empty" : written.Describe())}");
        return ExitCodes.Ok;
    }

    /// <summary>The targeting with the request applied: additions go last, in the order given; a group's rollout is replaced.</summary>
    private static TargetingSpec Apply(TargetingSpec current, Request request)
    {
        if (request.All)
        {
            return TargetingSpec.Empty;
        }
        return request.Adding
            ? new TargetingSpec(
                Add(current.Users, request.Users),
                [.. current.Groups.Select(g => request.Groups.FirstOrDefault(r => r.Name == g.Name) ?? g),
                    .. request.Groups.Where(r => current.Groups.All(g => g.Name != r.Name))],
                Add(current.ExcludedUsers, request.ExcludedUsers),
                Add(current.ExcludedGroups, request.ExcludedGroups))
            : new TargetingSpec(
                [.. current.Users.Except(request.Users, StringComparer.Ordinal)],
                [.. current.Groups.Where(g => request.Groups.All(r => r.Name != g.Name))],
                [.. current.ExcludedUsers.Except(request.ExcludedUsers, StringComparer.Ordinal)],
                [.. current.ExcludedGroups.Except(request.ExcludedGroups, StringComparer.Ordinal)]);
    }

    private static List<string> Add(IReadOnlyList<string> current, IReadOnlyList<string> added) =>
        [.. current, .. added.Where(a => !current.Contains(a, StringComparer.Ordinal))];

    /// <summary>With an <c>environments:</c> list, a name outside it is refused (with the closest name); without one, any name goes.</summary>
    private static FlagkeeperError? UnknownEnvironment(FlagRegistry registry, string environment)
    {
        if (registry.Environments is not { } known || known.Contains(environment, StringComparer.Ordinal))
        {
            return null;
        }
        var closest = Suggestions.Closest(environment, known);
        return ErrorCodes.InvalidArgument.Create(
            $"environment '{environment}' is not in {registry.DisplayPath}'s environments ({string.Join(", ", known)})"
            + (closest is null ? "" : $"; did you mean '{closest}'?"));
    }

    private static void WriteJson(CliContext context, FlagsEdits.Target target, string flagKey, string? environment, EditOutcome outcome, TargetingSpec targeting) =>
        JsonOutput.Write(context.Output, json =>
        {
            json.WriteString("flag", flagKey);
            json.WriteString("registry", target.DisplayPath);
            json.WriteStringOrNull("environment", environment);
            json.WriteBoolean("changed", outcome.Changed);
            json.WriteStringArray("changes", outcome.Changes);
            json.WritePropertyName("targeting");
            FlagJson.WriteTargeting(json, targeting.IsEmpty ? null : targeting);
        });
}
