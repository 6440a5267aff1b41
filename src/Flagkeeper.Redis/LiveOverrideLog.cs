using Microsoft.Extensions.Logging;

namespace Flagkeeper.Redis;

/// <summary>
/// Live override log messages; event ids are stable: 1101 loaded, 1102 Redis unreachable, 1103 malformed override,
/// 1104 version gap, 1105 started without Redis, 1106 connection restored, 1107 connected as another user.
/// </summary>
internal static partial class LiveOverrideLog
{
    [LoggerMessage(EventId = 1101, EventName = "LiveOverridesLoaded", Level = LogLevel.Information,
        Message = "Flagkeeper live overrides of namespace {Namespace}: {Count} active at version {Version}")]
    public static partial void Loaded(ILogger logger, string @namespace, int count, long version);

    [LoggerMessage(EventId = 1102, EventName = "LiveOverridesUnavailable", Level = LogLevel.Warning,
        Message = "Flagkeeper live overrides: Redis {Endpoint} is unreachable ({Reason}); keeping the {Count} last-known overrides")]
    public static partial void Unavailable(ILogger logger, string endpoint, string reason, int count);

    [LoggerMessage(EventId = 1103, EventName = "LiveOverrideMalformed", Level = LogLevel.Error,
        Message = "Flagkeeper ignored the live override of '{Key}': {Error}")]
    public static partial void Malformed(ILogger logger, string key, string error);

    [LoggerMessage(EventId = 1104, EventName = "LiveOverrideVersionGap", Level = LogLevel.Information,
        Message = "Flagkeeper live overrides: received version {Received} after {Current}; re-reading the namespace")]
    public static partial void Gap(ILogger logger, long received, long current);

    [LoggerMessage(EventId = 1105, EventName = "LiveOverridesStartedWithoutRedis", Level = LogLevel.Warning,
        Message = "Flagkeeper started without its live overrides (flags.yaml only): Redis {Endpoint} is unreachable ({Reason})")]
    public static partial void StartedWithout(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 1106, EventName = "LiveOverridesReconnected", Level = LogLevel.Information,
        Message = "Flagkeeper live overrides: Redis {Endpoint} is back; re-reading the namespace")]
    public static partial void Restored(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1107, EventName = "LiveOverridesWrongUser", Level = LogLevel.Warning,
        Message = "Flagkeeper live overrides: Redis {Endpoint} did not accept user '{User}' and let the connection in as '{Actual}'; check the user and password")]
    public static partial void WrongUser(ILogger logger, string endpoint, string user, string actual);
}
