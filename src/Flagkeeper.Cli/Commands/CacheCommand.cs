using System.CommandLine;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Performance.Caches;
using Flagkeeper.Analysis.Performance.History;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Cli.Rendering.Reports;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Commands;

/// <summary><c>flagkeeper cache stats|clear</c>: the health of the scan, pattern and flag caches, and a clean start.</summary>
internal static class CacheCommand
{
    public static Command Create(CliContext context)
    {
        var cache = new Command("cache", "Show the health of Flagkeeper's caches (scan, pattern, flag) or clear the scan cache.");
        cache.Subcommands.Add(Stats(context));
        cache.Subcommands.Add(Clear(context));
        return cache;
    }

    private static Command Stats(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var format = CommonOptions.Format("text", "json");
        var command = new Command("stats", "Entries, memory, on-disk size, recent hit rate and a Healthy, Degraded or Empty status for each cache.")
        {
            path, format,
        };
        command.SetAction(parse =>
        {
            var json = parse.GetValue(format) == "json";
            return CommonOptions.RunOr(context, path.TryResolve(parse, context, announce: !json), found =>
            {
                var workspace = WorkspaceSetup.Load(found.Path, context.Monitor);
                if (workspace.Failed)
                {
                    return ErrorPrinter.Fail(context, workspace.Errors);
                }
                var discovered = workspace.Discover(context.Monitor);
                var history = new HistoryFile(discovered.Root).Read();
                var caches = CacheInspector.Inspect(discovered, history.Records, context.Monitor);
                // A broken registry is the flag cache's finding (Degraded), not a failure of this command.
                var warnings = history.Warnings.Concat(discovered.Errors.Select(e => e.ToString())).ToList();
                if (json)
                {
                    CacheReports.WriteJson(context.Output, discovered.Root, caches, warnings);
                }
                else
                {
                    foreach (var warning in warnings)
                    {
                        context.Error.WriteLine($"warning: {warning}");
                    }
                    CacheReports.WriteText(context.Output, caches);
                }
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command Clear(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var command = new Command("clear", "Delete the scan cache files; the next scan reads every file again. The history stays (perf reset).")
        {
            path,
        };
        command.SetAction(parse => CommonOptions.RunOr(context, path.TryResolve(parse, context, announce: true), found =>
        {
            var setup = WorkspaceSetup.Load(found.Path, context.Monitor);
            if (setup.Failed)
            {
                return ErrorPrinter.Fail(context, setup.Errors);
            }
            var cleared = CacheFiles.Clear(setup.Root, setup.Config.CacheDirectory);
            foreach (var file in cleared.Deleted)
            {
                context.Output.WriteLine($"deleted {file.Path} ({file.Bytes:N0} bytes)");
            }
            if (cleared.Failed.Count > 0)
            {
                return ErrorPrinter.Fail(context, [.. cleared.Failed.Select(f => ErrorCodes.CacheWriteFailed.Create($"{f.Path} could not be deleted: {f.Reason}", new SourceLocation(f.Path, 0, 0)))]);
            }
            if (cleared.Deleted.Count == 0)
            {
                context.Output.WriteLine($"no cache to clear in {cleared.Directory}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
