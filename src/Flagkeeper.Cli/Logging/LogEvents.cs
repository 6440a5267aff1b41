using Microsoft.Extensions.Logging;

namespace Flagkeeper.Cli.Logging;

/// <summary>
/// Every log event the CLI writes (<c>--log-format</c>), with a stable id: docs/errors.md lists them beside the error
/// codes (LogEventDocsTests keeps the two in step). Source-generated, so no reflection and no boxing (Native AOT).
/// </summary>
internal static partial class LogEvents
{
    /// <summary>Id, name and level of each event, in id order (the docs table is checked against it).</summary>
    public static IReadOnlyList<(int Id, string Name, string Level)> All { get; } =
    [
        (1, nameof(Diagnostic), "as the line: Error, Warning or Information"),
        (2, nameof(ErrorReported), "Error (High and up), else Warning"),
        (3, nameof(Hint), "Information"),
        (10, nameof(CommandStarted), "Debug"),
        (11, nameof(CommandFinished), "Information"),
        (20, nameof(ScanFinished), "Information"),
        (21, nameof(RunIncomplete), "Warning"),
        (30, nameof(CheckFinished), "Information"),
    ];

    /// <summary>A line the command printed for people on standard error ("note: ...", "using root ..."), as an event.</summary>
    [LoggerMessage(EventId = 1, EventName = nameof(Diagnostic), Message = "{Text}")]
    public static partial void Diagnostic(ILogger logger, LogLevel level, string text);

    /// <summary>An error record (<c>path: error FKnnnn: message</c>) with its code and place as properties.</summary>
    // The file is a property only: the message stays the error's own words, as in the text output.
#pragma warning disable SYSLIB1015
    [LoggerMessage(EventId = 2, EventName = nameof(ErrorReported), Message = "{Code}: {Text}")]
    public static partial void ErrorReported(ILogger logger, LogLevel level, string code, string? file, string text);
#pragma warning restore SYSLIB1015

    /// <summary>What to do about the error before it.</summary>
    [LoggerMessage(EventId = 3, EventName = nameof(Hint), Level = LogLevel.Information, Message = "hint: {Text}")]
    public static partial void Hint(ILogger logger, string text);

    [LoggerMessage(EventId = 10, EventName = nameof(CommandStarted), Level = LogLevel.Debug, Message = "{Command} started")]
    public static partial void CommandStarted(ILogger logger, string command);

    [LoggerMessage(EventId = 11, EventName = nameof(CommandFinished), Level = LogLevel.Information, Message = "{Command} finished with exit code {ExitCode} in {ElapsedMs} ms")]
    public static partial void CommandFinished(ILogger logger, string command, int exitCode, long elapsedMs);

    [LoggerMessage(EventId = 20, EventName = nameof(ScanFinished), Level = LogLevel.Information, Message = "{Files} file(s) scanned, {Usages} usage(s) found, {Errors} error record(s)")]
    public static partial void ScanFinished(ILogger logger, int files, int usages, int errors);

    [LoggerMessage(EventId = 21, EventName = nameof(RunIncomplete), Level = LogLevel.Warning, Message = "the result is partial: {Reason}")]
    public static partial void RunIncomplete(ILogger logger, string reason);

    [LoggerMessage(EventId = 30, EventName = nameof(CheckFinished), Level = LogLevel.Information, Message = "{Gates} gate(s) run, {Findings} finding(s), {Errors} error record(s)")]
    public static partial void CheckFinished(ILogger logger, int gates, int findings, int errors);
}
