using System.CommandLine;
using System.Globalization;
using Flagkeeper.Analysis;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Evaluation;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// <c>flagkeeper flags eval KEY [--user U] [--group G]... [--env E]</c>: the value and the reason, computed by the
/// runtime library exactly as an application would. Exit 0 whatever the value; 2 when the registry cannot be read.
/// </summary>
internal static class FlagsEval
{
    public static Command Command(CliContext context)
    {
        var key = new Argument<string>("key") { Description = "The flag key (or an alias)." };
        var user = new Option<string?>("--user", "-u") { Description = "The targeting key (user id) rollouts bucket on." };
        var groups = new Option<string[]>("--group", "-g") { Description = "A group the user belongs to; repeat for several." };
        var environment = new Option<string?>("--env", "-e") { Description = "Evaluate in this environment (its `environments:` entry applies)." };
        var root = CommonOptions.Root();
        var format = CommonOptions.Format("text", "json");
        var store = new LiveStoreOptions(required: false);
        var command = new Command("eval", "Evaluate a flag for a user, groups and an environment, and say why (with --redis: with the live overrides).") { key, user, groups, environment, root, format, store };
        command.SetAction(parse => CommonOptions.RunOr(context, root.TryResolve(parse, context, parse.GetValue(format) != "json").Then(found => Live(context, parse, store, found.Path)),
            found => Run(context, found.Root, parse.GetValue(key)!, new EvaluationContext(parse.GetValue(user), parse.GetValue(groups) ?? [], parse.GetValue(environment)),
                parse.GetValue(format)!, found.Overrides)));
        return command;
    }

    /// <summary>The live overrides when --redis names a store (read before the registry, so a Redis problem is exit 2 like any input).</summary>
    private static Result<(string Root, LiveOverrideSet? Overrides)> Live(CliContext context, ParseResult parse, LiveStoreOptions store, string root)
    {
        if (parse.GetValue(store.Redis) is null)
        {
            return (root, null);
        }
        var config = Flagkeeper.Analysis.Configuration.ConfigLoader.Load(root);
        if (config.Errors.Count > 0)
        {
            return Result<(string, LiveOverrideSet?)>.Failure(config.Errors);
        }
        return store.Resolve(parse, root, config.Config.Live).Then(target => LiveEval.Read(context, target))
            .Then(set => Result<(string, LiveOverrideSet?)>.Success((root, set)));
    }

    private static int Run(CliContext context, string root, string key, EvaluationContext evaluationContext, string format, LiveOverrideSet? overrides)
    {
        var workspace = Workspace.Load(root, context.Monitor).NoteLinks(context);
        if (workspace.Errors.Count > 0)
        {
            return ErrorPrinter.Fail(context, workspace.Errors);
        }
        // The outermost registry first: when nested registries both declare a key, the root's declaration answers.
        var registries = workspace.Registries.Registries.OrderBy(r => r.ScopeDirectory.Length).ThenBy(r => r.FullPath, StringComparer.Ordinal);
        FlagSnapshot snapshot;
        try
        {
            snapshot = FlagSnapshot.Compile(registries, EnvironmentOverrides.FromProcess);
        }
        catch (FlagSnapshotException ex)
        {
            // The runtime library's load contract (a registry that requires itself in a cycle) is an exception; here it is input.
            return ErrorPrinter.Fail(context, [ErrorCodes.RegistryNotEvaluable.Create(ex.Message)]);
        }
        var flags = new FlagEvaluator(snapshot, warning => context.Error.WriteLine($"warning: {warning}"));
        if (overrides is not null)
        {
            flags.SetLiveOverrides(overrides, context.Time);
        }
        var result = flags.Evaluate(key, evaluationContext);

        if (format == "json")
        {
            JsonOutput.Write(context.Output, json =>
            {
                json.WriteString("flag", result.Key);
                json.WriteBoolean("value", result.Value);
                json.WriteString("reason", result.Reason.ToString());
                if (result.Percentile is { } p)
                {
                    json.WriteNumber("percentile", Math.Round(p, 6));
                }
                else
                {
                    json.WriteNull("percentile");
                }
            });
            return ExitCodes.Ok;
        }
        var percentile = result.Percentile is { } at ? $", percentile {Math.Round(at, 6).ToString(CultureInfo.InvariantCulture)}" : "";
        context.Output.WriteLine($"{result.Key}: {(result.Value ? "true" : "false")} ({result.Reason}{percentile})");
        return ExitCodes.Ok;
    }
}
