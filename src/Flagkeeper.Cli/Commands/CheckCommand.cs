using System.CommandLine;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Checks;
using Flagkeeper.Analysis.Git;
using Flagkeeper.Analysis.Performance.History;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Cli.Rendering.Reports;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Spectre.Console;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Cli.Logging;
using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Cli.Commands;

/// <summary><c>flagkeeper check</c>: the quality gates, for CI and git hooks.</summary>
internal static class CheckCommand
{
    private sealed record Arguments(
        string Root, string? Range, string? Mode, string? Today, string Format, string? Output, string[] Gates,
        bool WriteBaseline, bool NoBaseline, bool NoCache, string? Timeout);

    public static Command Create(CliContext context)
    {
        var path = CommonOptions.RootArgument();
        var range = new Option<string?>("--range") { Description = "Check the commits of BASE..HEAD (default: HEAD against its parent)." };
        var mode = new Option<string?>("--mode") { Description = $"Delivery mode of every commit, F or NF (default: ${DeliveryModes.EnvironmentVariable}, else each commit's [MODE:...] tag, else F)." };
        mode.AcceptOnlyFromAmong("F", "NF");
        var today = CommonOptions.Today();
        var format = CommonOptions.Format("text", "json", "sarif", "github");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (atomically) instead of standard output." };
        var gates = new Option<string[]>("--gate")
        {
            Description = $"Run only these gates: {string.Join(", ", GateIds.All)} (default: the gates flagkeeper.yaml lists).",
            AllowMultipleArgumentsPerToken = true,
        };
        gates.AcceptOnlyFromAmong([.. GateIds.All]);
        var writeBaseline = new Option<bool>("--write-baseline") { Description = $"Record today's findings in {Baseline.DefaultPath}; later runs report only new ones." };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Report every finding, also those in the baseline." };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the incremental scan cache." };
        var timeout = TimeoutOption.Create();
        var command = new Command("check", "Run the quality gates: flag lint, kill switch, commit message and delivery mode. Exit 1 on an error-severity finding.")
        {
            path, range, mode, today, format, output, gates, writeBaseline, noBaseline, noCache, timeout,
        };
        command.SetAction(parse =>
        {
            var root = path.TryResolve(parse, context, parse.GetValue(format) != "json");
            return root.Failed ? ErrorPrinter.Fail(context, root.Errors) : Run(context, new Arguments(
                root.Value.Path, parse.GetValue(range), parse.GetValue(mode), parse.GetValue(today), parse.GetValue(format)!,
                parse.GetValue(output), parse.GetValue(gates) ?? [], parse.GetValue(writeBaseline), parse.GetValue(noBaseline), parse.GetValue(noCache),
                parse.GetValue(timeout)));
        });
        return command;
    }

    private static int Run(CliContext context, Arguments args)
    {
        // Bad arguments are reported in the order they always were: the mode, then the date, then the range's shape,
        // then the timeout (checked here, before the scan, so a typo costs nothing and prints only the error).
        var mode = ForcedMode(args.Mode);
        var today = mode.Failed ? default : CommonOptions.TryParseDate(args.Today, "--today");
        var range = mode.Failed || today.Failed || args.Range is null ? default : GitRange.Parse(args.Range);
        var limit = mode.Failed || today.Failed || range.Failed ? default : TimeoutOption.Parse(args.Timeout);
        if (mode.Failed || today.Failed || range.Failed || limit.Failed)
        {
            return ErrorPrinter.Fail(context, [.. mode.Errors, .. today.Errors, .. range.Errors, .. limit.Errors]);
        }
        var started = context.Time.GetTimestamp();
        using var budget = RunBudget.Start(limit.Value, context.Time);
        var options = new CheckOptions
        {
            Range = args.Range,
            Mode = mode.Value,
            Today = context.Today(today.Value),
            Gates = args.Gates,
            UseBaseline = !args.NoBaseline && !args.WriteBaseline,
            UseScanCache = !args.NoCache,
            Budget = budget,
            BeforeCacheLoad = CollectionPause.WhenCacheFound(context),
        };
        // Progress only when the report goes to the terminal as text: --output and machine formats draw none.
        var shown = args.Output is null ? args.Format : "file";
        var report = ScanProgress.Run(context, shown, tick => new Checker(context.Monitor, context.Time).Run(args.Root, options with { Progress = tick }));
        var (ran, findings) = (report.Gates.Count(g => !g.Skipped), report.Findings.Count());
        LogEvents.CheckFinished(context.Log, ran, findings, report.Errors.Count);
        if (report.IncompleteReason is { } reason)
        {
            LogEvents.RunIncomplete(context.Log, reason);
        }

        if (args.WriteBaseline)
        {
            return WriteBaseline(context, report, options.Today);
        }

        var exitCode = report.HasInputErrors ? ExitCodes.InputError : report.Passed ? ExitCodes.Ok : ExitCodes.Findings;
        if (args.Output is null)
        {
            Render(context, report, args.Format, context.Output, toTerminal: true);
        }
        else
        {
            using var file = new StringWriter();
            Render(context, report, args.Format, file, toTerminal: false);
            var target = Path.GetFullPath(args.Output);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            AtomicFile.WriteAllText(target, file.ToString(), byteOrderMark: false);
            context.Error.WriteLine($"{TextCheckReport.Summary(report)} (report written to {args.Output})");
        }
        if (report.Gates.Count > 0 && !report.TimedOut) // the set-up loaded and the run was whole: there was work to record
        {
            var stats = report.Statistics;
            PerfRecording.Record(context, "check", report.Root, new RunWork(stats.FilesScanned, stats.BytesScanned, stats.Usages), started);
        }
        return exitCode;
    }

    private static void Render(CliContext context, CheckReport report, string format, TextWriter writer, bool toTerminal)
    {
        using var measuring = context.Monitor.Start("output." + format);
        switch (format)
        {
            case "json":
                JsonCheckReport.Write(writer, report);
                return;
            case "sarif":
                SarifCheckReport.Write(writer, report);
                ErrorPrinter.Print(context.Error, report.Errors, warnings: true);
                return;
            case "github":
                GithubCheckReport.Write(writer, report);
                return;
        }
        var console = toTerminal ? Terminal.Stdout(context, Terminal.Unwrapped) : Terminal.For(writer, redirected: true, Terminal.Unwrapped);
        TextCheckReport.Write(console, report);
        ErrorPrinter.Print(context.Error, report.Errors, warnings: true);
        foreach (var notice in report.Notices)
        {
            context.Note(notice);
        }
        console.WriteLine();
        console.WriteLine(TextCheckReport.Summary(report), Style.Plain);
    }

    private static int WriteBaseline(CliContext context, CheckReport report, DateOnly today)
    {
        if (report.HasInputErrors)
        {
            ErrorPrinter.Print(context.Error, report.Errors, warnings: true);
            context.Error.WriteLine($"the baseline was not written: fix the errors above first ({Baseline.DefaultPath} is unchanged)");
            return ExitCodes.InputError;
        }
        var findings = report.Findings.ToList();
        Baseline.Write(Path.Combine(report.Root, Baseline.DefaultPath), findings, today);
        context.Output.WriteLine($"wrote {findings.Count} finding(s) to {Baseline.DefaultPath}; later runs report only findings that are not in it");
        return ExitCodes.Ok;
    }

    /// <summary>--mode, else FLAGKEEPER_MODE; a malformed environment value is a usage error, not a silent F.</summary>
    private static Result<ForcedMode?> ForcedMode(string? option)
    {
        if (option is not null)
        {
            return Result<ForcedMode?>.Success(DeliveryModes.TryParse(option, out var chosen) ? new ForcedMode(chosen, ModeSource.Option) : null);
        }
        var text = Environment.GetEnvironmentVariable(DeliveryModes.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<ForcedMode?>.Success(null);
        }
        return DeliveryModes.TryParse(text, out var mode)
            ? Result<ForcedMode?>.Success(new ForcedMode(mode, ModeSource.Environment))
            : ErrorCodes.InvalidArgument.Create($"{DeliveryModes.EnvironmentVariable}='{text}' is not F or NF");
    }
}
