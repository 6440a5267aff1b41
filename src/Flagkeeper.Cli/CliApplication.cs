using System.CommandLine;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Cli.Commands;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Cli.Logging;

namespace Flagkeeper.Cli;

/// <summary>
/// Builds the command tree, runs one command line and maps every outcome to an exit code:
/// 0 ok, 1 findings at error severity, 2 usage/config/input error, 3 internal error.
/// Bad input is one clear line per problem; a stack trace only with --verbose.
/// </summary>
public static class CliApplication
{
    internal static readonly Option<bool> VerboseOption = new("--verbose")
    {
        Description = "Print stack traces for internal errors, and debug log lines (see --log-format).",
        Recursive = true,
    };

    internal static readonly Option<bool> StatsOption = new("--stats")
    {
        Description = "Print timings, CPU, allocations and cache hit rates to standard error.",
        Recursive = true,
    };

    internal static readonly Option<string> ColorOption = ColorOptionFor(Terminal.ColorModes);

    internal static readonly Option<bool> QuietOption = new("--quiet", "-q")
    {
        Description = "Only warnings and errors on standard error: no notes, no progress (see --log-format).",
        Recursive = true,
    };

    internal static readonly Option<string> LogFormatOption = LogSetup.FormatOption();

    private static Option<string> ColorOptionFor(IReadOnlyList<string> modes)
    {
        var option = new Option<string>("--color")
        {
            Description = "Colour human output: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always or never.",
            DefaultValueFactory = _ => modes[0],
            Recursive = true,
        };
        option.AcceptOnlyFromAmong([.. modes]);
        return option;
    }

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error, TimeProvider.System);

    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider time)
    {
        if (VersionReport.Matches(args))
        {
            VersionReport.Write(output);
            return ExitCodes.Ok;
        }
        using var monitor = new PerformanceMonitor(timeProvider: time);
        var context = new CliContext(output, error, time, monitor);
        var root = BuildCommandTree(context);
        var parse = root.Parse(args);
        var unknownOptions = UnknownOptions.Find(parse);
        if (parse.Errors.Count > 0 || unknownOptions.Count > 0)
        {
            foreach (var parseError in parse.Errors.Where(e => !UnknownOptions.IsExplainedBy(e, parse, unknownOptions)))
            {
                error.WriteLine($"error {ErrorCodes.InvalidArgument.Code}: {parseError.Message}");
            }
            foreach (var unknown in unknownOptions)
            {
                error.WriteLine($"error {unknown.Code}: {unknown.Message}");
            }
            error.WriteLine($"  hint: run '{string.Join(' ', UnknownOptions.CommandPath(parse.CommandResult.Command))} --help' for usage.");
            return ExitCodes.InputError;
        }

        context.Verbose = parse.GetValue(VerboseOption);
        context.Color = Terminal.ParseColorMode(parse.GetValue(ColorOption));
        context.Quiet = parse.GetValue(QuietOption);
        context.JsonLog = parse.GetValue(LogFormatOption) == "json";
        using var log = LogSetup.Apply(context, parse.GetValue(LogFormatOption)!, context.Verbose, context.Quiet);
        var commandPath = UnknownOptions.CommandPath(parse.CommandResult.Command);
        var command = string.Join(' ', commandPath);
        var started = time.GetTimestamp();
        LogEvents.CommandStarted(context.Log, command);
        error = context.Error;
        int exitCode;
        context.Pause = CollectionPause.For(commandPath);
        using var pause = new PauseScope(context);
        try
        {
            exitCode = parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (AggregateException ex) when (ex.InnerExceptions is [FlagkeeperException inner])
        {
            ErrorPrinter.Print(error, inner.Errors);
            PrintStack(context, inner);
            exitCode = ExitCodes.InputError;
        }
        catch (FlagkeeperException ex)
        {
            ErrorPrinter.Print(error, ex.Errors);
            PrintStack(context, ex);
            exitCode = ex.Error.Category == ErrorCategory.Internal ? ExitCodes.InternalError : ExitCodes.InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ErrorPrinter.Print(error, [ErrorCodes.FileUnreadable.Create(ex.Message)]);
            PrintStack(context, ex);
            exitCode = ExitCodes.InputError;
        }
#pragma warning disable CA1031 // The last line of defence: any other exception is a bug, reported as exit 3.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error.WriteLine($"internal error {ErrorCodes.Internal.Code}: {ex.GetType().Name}: {ex.Message}");
            error.WriteLine(context.Verbose ? ex.ToString() : $"  hint: {ErrorCodes.Internal.Advice}");
            exitCode = ExitCodes.InternalError;
        }

        if (parse.GetValue(StatsOption))
        {
            StatsPrinter.Print(context, context.Pause);
        }
        var elapsed = time.GetElapsedTime(started);
        LogEvents.CommandFinished(context.Log, command, exitCode, (long)elapsed.TotalMilliseconds);
        return exitCode;
    }

    internal static RootCommand BuildCommandTree(CliContext context)
    {
        var root = new RootCommand("Flagkeeper keeps feature flags registered, owned, expiring and switchable.")
        {
            VerboseOption,
            QuietOption,
            StatsOption,
            ColorOption,
            LogFormatOption,
        };
        root.Subcommands.Add(FlagsCommand.Create(context));
        root.Subcommands.Add(ScanCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(InitCommand.Create(context));
        root.Subcommands.Add(LiveCommand.Create(context));
        root.Subcommands.Add(PerfCommand.Create(context));
        root.Subcommands.Add(CacheCommand.Create(context));
        root.Subcommands.Add(HooksCommand.CommitMsg(context));
        root.Subcommands.Add(HooksCommand.Hooks(context));
        return root;
    }

    private static void PrintStack(CliContext context, Exception ex)
    {
        if (context.Verbose)
        {
            context.Error.WriteLine(ex.ToString());
        }
    }
}

/// <summary>Ends whatever pause the command took, the one taken at its start or one it took on its way (a warm scan).</summary>
file sealed class PauseScope(CliContext context) : IDisposable
{
    public void Dispose() => context.Pause?.Dispose();
}
