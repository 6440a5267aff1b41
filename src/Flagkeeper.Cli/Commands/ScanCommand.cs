using System.CommandLine;
using Flagkeeper.Analysis.Performance.History;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Cli.Rendering.Reports;
using Flagkeeper.Cli.Invocation;

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
        command.SetAction(parse =>
        {
            var root = path.TryResolve(parse, context, parse.GetValue(format) != "json");
            return root.Failed
                ? ErrorPrinter.Fail(context, root.Errors)
                : Run(context, root.Value.Path, parse.GetValue(format)!, parse.GetValue(noCache), parse.GetValue(changedSince));
        });
        return command;
    }

    private static int Run(CliContext context, string root, string format, bool noCache, string? changedSince)
    {
        var started = context.Time.GetTimestamp();
        var report = new ScanRunner(context.Monitor, context.Time).Run(root, new ScanOptions { UseCache = !noCache, ChangedSince = changedSince });
        if (report is not { Result: { } result, Workspace: { } workspace })
        {
            if (format == "json")
            {
                JsonOutput.Write(context.Output, json => JsonOutput.WriteErrors(json, report.SetupErrors));
            }
            else
            {
                ErrorPrinter.Print(context.Error, report.SetupErrors);
            }
            return ExitCodes.InputError;
        }
        var (registries, resolver, errors) = (workspace.Registries, workspace.Resolver, report.Errors);

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
        var stats = result.Statistics;
        PerfRecording.Record(context, "scan", result.Root, new RunWork(stats.FilesScanned, stats.BytesScanned, result.Usages.Count), started);
        return report.HasInputErrors ? ExitCodes.InputError : ExitCodes.Ok;
    }
}
