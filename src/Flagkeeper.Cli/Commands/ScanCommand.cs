using System.CommandLine;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Performance.History;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Cli.Rendering.Reports;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Cli.Logging;

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
        var timeout = TimeoutOption.Create();
        var command = new Command("scan", "Find every flag usage: the call shapes of the common SDKs, environment-variable flags, kill switches and your own patterns.")
        {
            path, format, noCache, changedSince, timeout,
        };
        command.SetAction(parse =>
        {
            var limit = TimeoutOption.Parse(parse.GetValue(timeout));
            if (limit.Failed)
            {
                return ErrorPrinter.Fail(context, limit.Errors);
            }
            var root = path.TryResolve(parse, context, parse.GetValue(format) != "json");
            if (root.Failed)
            {
                return ErrorPrinter.Fail(context, root.Errors);
            }
            using var budget = RunBudget.Start(limit.Value, context.Time);
            var json = parse.GetValue(format) == "json";
            var options = new ScanOptions
            {
                UseCache = !parse.GetValue(noCache), ChangedSince = parse.GetValue(changedSince), Budget = budget,
                RenderedFormat = json ? JsonScanReport.RenderedFormat : null, // a warm JSON report of an unchanged tree is copied, not encoded again
            };
            return Run(context, root.Value.Path, parse.GetValue(format)!, options);
        });
        return command;
    }

    private static int Run(CliContext context, string root, string format, ScanOptions options)
    {
        var started = context.Time.GetTimestamp();
        options = options with { BeforeCacheLoad = CollectionPause.WhenCacheFound(context) };
        var report = ScanProgress.Run(context, format, tick => new ScanRunner(context.Monitor, context.Time).Run(root, options with { Progress = tick }));
        if (report is not { Result: { } result, Workspace: { } workspace })
        {
            if (format == "json")
            {
                JsonOutput.Write(context.Output, json => JsonOutput.WriteErrors(json, report.SetupErrors, RecoveryCounts.None));
            }
            else
            {
                ErrorPrinter.Print(context.Error, report.SetupErrors);
            }
            return ExitCodes.InputError;
        }
        var (registries, resolver, errors) = (workspace.Registries, workspace.Resolver, report.Errors);
        LogEvents.ScanFinished(context.Log, result.Statistics.FilesScanned, result.UsageCount, errors.Count);
        if (result.IncompleteReason is { } reason)
        {
            LogEvents.RunIncomplete(context.Log, reason);
        }

        if (format == "json")
        {
            using (context.Monitor.Start("output.json"))
            {
                JsonScanReport.Write(context.Output, result, resolver, errors, [.. registries.Skipped, registries.NoRegistryNotice]);
            }
        }
        else
        {
            TextScanReport.Write(context.Output, result, resolver);
            ErrorPrinter.Print(context.Error, errors, warnings: true);
            FlagsQueries.PrintNoRegistryNotice(context, registries);
        }
        result.Rendered?.Dispose(); // written: the kept report's mapping is let go
        if (result.IncompleteReason is not null)
        {
            return ExitCodes.InputError; // a partial run is no measure of the tree: not recorded in the history
        }
        var stats = result.Statistics;
        PerfRecording.Record(context, "scan", result.Root, new RunWork(stats.FilesScanned, stats.BytesScanned, result.UsageCount), started);
        return report.HasInputErrors ? ExitCodes.InputError : ExitCodes.Ok;
    }
}
