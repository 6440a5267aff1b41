using System.CommandLine;
using Flagkeeper.Cli.Invocation;
using Microsoft.Extensions.Logging;

namespace Flagkeeper.Cli.Logging;

/// <summary>
/// <c>--log-format text|json</c> with <c>--verbose</c> and <c>--quiet</c>. Text (the default) keeps standard error
/// as people read it and adds log lines only with --verbose. JSON makes standard error a stream of JSON lines: the
/// lines meant for people become events too, so a machine never has to parse prose.
/// </summary>
internal static class LogSetup
{
    public static Option<string> FormatOption()
    {
        var option = new Option<string>("--log-format")
        {
            Description = "Standard error as readable text (default) or one JSON object per line: timestamp, level, eventId, event, message, properties (docs/errors.md#log-events).",
            DefaultValueFactory = _ => "text",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    /// <summary>The lowest level written: --verbose Debug, --quiet Warning; otherwise Information in JSON, nothing extra in text.</summary>
    public static LogLevel Minimum(bool json, bool verbose, bool quiet) =>
        quiet ? (json || verbose ? LogLevel.Warning : LogLevel.None)
        : verbose ? LogLevel.Debug
        : json ? LogLevel.Information : LogLevel.None;

    /// <summary>Sets the context's log (and, for JSON, its standard error); disposing flushes a last unfinished line.</summary>
    public static IDisposable? Apply(CliContext context, string format, bool verbose, bool quiet)
    {
        var json = format == "json";
        var logger = new StderrLogger(context.Error, json, Minimum(json, verbose, quiet), context.Time);
        context.Log = logger;
        if (!json)
        {
            return null;
        }
        var lines = new LogLineWriter(logger);
        context.Error = lines;
        return lines;
    }
}
