using System.CommandLine;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Performance.History;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Cli.Rendering.Reports;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// <c>flagkeeper perf report|check|reset</c>: reads the history <c>scan</c> and <c>check</c> append to
/// (<see cref="HistoryFile"/>) and judges each command's latest run against its baseline with the <c>perf:</c> thresholds.
/// </summary>
internal static class PerfCommand
{
    private sealed record History(string Root, PerfThresholds Thresholds, HistoryContents Contents)
    {
        public IReadOnlyList<SeriesReport> Latest() => LatestRuns.Judge(Contents.Records, Thresholds);
    }

    private const string NoHistory = $"no performance history yet ({HistoryFile.RelativePath}): run `flagkeeper scan` or `flagkeeper check` first; each run records its timings";

    public static Command Create(CliContext context)
    {
        var perf = new Command("perf", "Show, check or reset the performance history that scan and check record.");
        perf.Subcommands.Add(Report(context));
        perf.Subcommands.Add(Check(context));
        perf.Subcommands.Add(Reset(context));
        return perf;
    }

    private static Command Report(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var format = CommonOptions.Format("text", "json");
        var command = new Command("report", "Each operation of the latest scan and check run against its baseline: change, status and recent trend.")
        {
            path, format,
        };
        command.SetAction(parse =>
        {
            var json = parse.GetValue(format) == "json";
            return CommonOptions.RunOr(context, path.TryResolve(parse, context, announce: !json), found => WithHistory(context, found.Path, history =>
            {
                var series = history.Latest();
                if (json)
                {
                    JsonPerfReport.Write(context.Output, history.Root, series, history.Thresholds, history.Contents.Warnings);
                    if (series.Count == 0)
                    {
                        context.Error.WriteLine(NoHistory);
                    }
                }
                else if (series.Count == 0)
                {
                    context.Output.WriteLine(NoHistory);
                }
                else
                {
                    TextPerfReport.Write(Terminal.Stdout(context), context.Output, series, history.Thresholds);
                }
                return ExitCodes.Ok;
            }));
        });
        return command;
    }

    private static Command Check(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var command = new Command("check", "Exit 1 when the latest run of an operation regressed against its baseline (for CI).")
        {
            path,
        };
        command.SetAction(parse => CommonOptions.RunOr(context, path.TryResolve(parse, context, announce: true),
            found => WithHistory(context, found.Path, history => CheckLatest(context, history))));
        return command;
    }

    private static int CheckLatest(CliContext context, History history)
    {
        var series = history.Latest();
        if (series.Count == 0)
        {
            context.Output.WriteLine($"{NoHistory}; nothing to check");
            return ExitCodes.Ok;
        }
        foreach (var waiting in series.Where(s => s.BaselineRuns == 0))
        {
            context.Output.WriteLine($"{waiting.Latest.Command} {waiting.Latest.Operation}: {PerfText.NoBaseline} (no earlier run with fingerprint {waiting.Latest.Fingerprint})");
        }
        var regressions = series.SelectMany(s => PerfText.Regressions(s, history.Thresholds)).ToList();
        foreach (var line in regressions)
        {
            context.Output.WriteLine($"regressed: {line}");
        }
        context.Output.WriteLine(TextPerfReport.Summary(series));
        return regressions.Count > 0 ? ExitCodes.Findings : ExitCodes.Ok;
    }

    private static Command Reset(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var command = new Command("reset", $"Delete the performance history ({HistoryFile.RelativePath}); the next scan or check starts a new one.")
        {
            path,
        };
        command.SetAction(parse => CommonOptions.RunOr(context, path.TryResolve(parse, context, announce: true), found =>
        {
            // Reset reads no configuration: a broken flagkeeper.yaml must not keep an old history alive.
            context.Output.WriteLine(new HistoryFile(found.Path).Reset()
                ? $"deleted {HistoryFile.RelativePath}"
                : $"no performance history to delete ({HistoryFile.RelativePath} does not exist)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Loads the configuration (its thresholds) and the history; a bad configuration is exit 2, bad lines are warnings.</summary>
    private static int WithHistory(CliContext context, string root, Func<History, int> run)
    {
        var setup = WorkspaceSetup.Load(root, context.Monitor);
        if (setup.Failed)
        {
            return ErrorPrinter.Fail(context, setup.Errors);
        }
        var contents = new HistoryFile(setup.Root).Read();
        foreach (var warning in contents.Warnings)
        {
            context.Error.WriteLine($"warning: {warning}");
        }
        return run(new History(setup.Root, setup.Config.Perf, contents));
    }
}
