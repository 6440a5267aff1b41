using System.CommandLine;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Cli.Rendering.Reports;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Commands;

/// <summary><c>flagkeeper scan</c>: every flag usage under a root, as text or JSON.</summary>
internal static class ScanCommand
{
    public static Command Create(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var format = CommonOptions.Format("text", "json");
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the incremental scan cache." };
        var changedSince = new Option<string?>("--changed-since") { Description = "Scan only files changed since this git revision, plus untracked files." };
        var command = new Command("scan", "Find every flag usage: the call shapes of the common SDKs, environment-variable flags, kill switches and your own patterns.")
        {
            path, format, noCache, changedSince,
        };
        command.SetAction(parse => Run(context, path.Resolve(parse, context, parse.GetValue(format) != "json").Path, parse.GetValue(format)!, parse.GetValue(noCache), parse.GetValue(changedSince)));
        return command;
    }

    private static int Run(CliContext context, string root, string format, bool noCache, string? changedSince)
    {
        var full = Workspace.ResolveRoot(root);
        var config = context.Monitor.Measure("config.load", () => ConfigLoader.Load(full));
        if (config.Errors.Count > 0)
        {
            if (format == "json")
            {
                JsonOutput.Write(context.Output, json => JsonOutput.WriteErrors(json, config.Errors));
            }
            else
            {
                ErrorPrinter.Print(context.Error, config.Errors);
            }
            return ExitCodes.InputError;
        }

        using var patternCache = new PatternCache(time: context.Time);
        var scanner = new Scanner(config.Config, patternCache, context.Monitor, context.Time);
        var registryFiles = new RegistryFileCollector(config.Config.AppSettings);
        var result = scanner.Scan(full, new ScanOptions { UseCache = !noCache, ChangedSince = changedSince, AlsoCollect = registryFiles });
        var registries = context.Monitor.Measure("registry.load", () => RegistryDiscovery.Load(full, config.Config, registryFiles.Files, context.Monitor));
        var resolver = new FlagResolver(registries.Registries, config.Config.KeyMatching);
        IReadOnlyList<FlagkeeperError> errors = [.. registries.Errors, .. result.Errors];

        if (format == "json")
        {
            using (context.Monitor.Start("output.json"))
            {
                JsonScanReport.Write(context, result, resolver, errors, registries.NoRegistryNotice);
            }
        }
        else
        {
            TextScanReport.Write(context.Output, result, resolver);
            ErrorPrinter.Print(context.Error, errors, warnings: true);
            FlagsQueries.PrintNoRegistryNotice(context, registries);
        }
        return errors.Any(e => e.Severity >= ErrorSeverity.High) ? ExitCodes.InputError : ExitCodes.Ok;
    }
}
