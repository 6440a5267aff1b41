using Microsoft.Extensions.Logging;

namespace Flagkeeper.Extensions;

/// <summary>
/// Flagkeeper's log messages. Event ids are stable (dashboards and alerts key on them): 1001 reloaded, 1002 reload
/// rejected, 1003 unknown flag, 1004 unknown environment, 1005 bad FLAGKEEPER__ variable, 1006 started without its file.
/// </summary>
internal static partial class FlagkeeperLog
{
    public const string Category = "Flagkeeper";

    [LoggerMessage(EventId = 1001, EventName = "RegistryReloaded", Level = LogLevel.Information,
        Message = "Flagkeeper loaded registry version {Version} ({FlagCount} flags) in {DurationMs} ms")]
    public static partial void Reloaded(ILogger logger, string version, int flagCount, double durationMs);

    [LoggerMessage(EventId = 1002, EventName = "RegistryReloadRejected", Level = LogLevel.Error,
        Message = "Flagkeeper rejected registry version {Version} and keeps serving {ActiveVersion}: {Reason}")]
    public static partial void Rejected(ILogger logger, string version, string activeVersion, string reason);

    [LoggerMessage(EventId = 1003, EventName = "UnknownFlag", Level = LogLevel.Warning,
        Message = "Flagkeeper: flag '{Key}' is not in the registry; it evaluates to false (reported once)")]
    public static partial void UnknownFlag(ILogger logger, string key);

    [LoggerMessage(EventId = 1004, EventName = "UnknownEnvironment", Level = LogLevel.Warning,
        Message = "Flagkeeper: environment '{Environment}' is not one the registry lists; flags use their own values (reported once)")]
    public static partial void UnknownEnvironment(ILogger logger, string environment);

    [LoggerMessage(EventId = 1005, EventName = "EnvironmentVariableIgnored", Level = LogLevel.Warning, Message = "Flagkeeper: {Message}")]
    public static partial void EnvironmentVariable(ILogger logger, string message);

    [LoggerMessage(EventId = 1006, EventName = "StartedWithDefaults", Level = LogLevel.Warning,
        Message = "Flagkeeper started without its registry, every flag is false: {Reason}")]
    public static partial void StartedWithDefaults(ILogger logger, string reason);
}
