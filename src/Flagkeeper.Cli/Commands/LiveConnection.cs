using Flagkeeper.Diagnostics;
using Flagkeeper.Redis;
using StackExchange.Redis;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// Opens the store a live command works on, and turns everything Redis can throw into one line naming the
/// <c>host:port</c> (never the configuration string): FK1009 unreachable, FK1010 refused (auth, ACL). With
/// --verbose the library's own message follows, with every password taken out.
/// </summary>
internal sealed class LiveConnection : IDisposable
{
    private readonly ConnectionMultiplexer _redis;

    private LiveConnection(ConnectionMultiplexer redis, LiveTarget target, TimeProvider time)
    {
        _redis = redis;
        Target = target;
        Store = new LiveOverrideStore(redis, target.Namespace, time);
    }

    public LiveTarget Target { get; }
    public LiveOverrideStore Store { get; }

    public static Result<LiveConnection> Open(LiveTarget target, TimeProvider time, Action<string> verbose)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(target.Configuration);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            verbose(RedisSecrets.Scrub(ex.Message, target.Configuration));
            return ErrorCodes.InvalidArgument.Create($"the Redis configuration for {target.Endpoints} does not parse: {RedisSecrets.Scrub(ex.Message, target.Configuration)}");
        }
        // A command line fails fast instead of retrying in the background, and needs no master-change channel
        // (a user confined by ACL to its namespace may not subscribe to it).
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConfigurationChannel = string.Empty;
        try
        {
            var redis = ConnectionMultiplexer.Connect(options);
            if (ConnectedAs(redis, options.User) is { } other)
            {
                redis.Dispose();
                return ErrorCodes.LiveStoreRefused.Create(
                    $"Redis at {target.Endpoints} did not accept user '{options.User}' with the password in the configuration: it let the connection in as '{other}' instead (that user needs no password there); nothing was read or written");
            }
            return new LiveConnection(redis, target, time);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            verbose(RedisSecrets.Scrub(ex.ToString(), target.Configuration));
            return Failure(ex, target);
        }
    }

    /// <summary>
    /// The user Redis actually authenticated when it is not <paramref name="user"/>, else null. StackExchange.Redis
    /// connects even when AUTH fails, and a server whose default user needs no password then serves the connection as
    /// that user: a mistyped ACL user or password must not quietly act with the default user's rights.
    /// </summary>
    private static string? ConnectedAs(ConnectionMultiplexer redis, string? user)
    {
        if (string.IsNullOrEmpty(user))
        {
            return null;
        }
        try
        {
            var whoami = (string?)redis.GetDatabase().Execute("ACL", "WHOAMI");
            return whoami is not null && !string.Equals(whoami, user, StringComparison.Ordinal) ? whoami : null;
        }
        catch (RedisServerException)
        {
            return null; // ACL WHOAMI refused: not the unrestricted default user, and the store calls say what they may do
        }
    }

    /// <summary>Runs one store call; a Redis failure becomes FK1009 / FK1010 with the host:port and the namespace.</summary>
    public Result<T> Run<T>(Func<LiveOverrideStore, Task<T>> call, Action<string> verbose)
    {
        try
        {
            return call(Store).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            verbose(RedisSecrets.Scrub(ex.ToString(), Target.Configuration));
            return Failure(ex, Target);
        }
    }

    private static FlagkeeperError Failure(Exception ex, LiveTarget target)
    {
        var message = RedisSecrets.Scrub(ex.Message, target.Configuration);
        if (message.Contains("NOPERM", StringComparison.Ordinal) || message.Contains("NOAUTH", StringComparison.Ordinal)
            || message.Contains("WRONGPASS", StringComparison.Ordinal) || ex is RedisServerException && message.Contains("permission", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorCodes.LiveStoreRefused.Create(
                $"Redis at {target.Endpoints} refused the command for namespace '{target.Namespace}' (keys flagkeeper:{{{target.Namespace}}}:*): {FirstLine(message)}");
        }
        if (message.Contains("AuthenticationFailure", StringComparison.Ordinal))
        {
            return ErrorCodes.LiveStoreRefused.Create($"Redis at {target.Endpoints} did not accept the user and password in the configuration");
        }
        return ErrorCodes.LiveStoreUnreachable.Create($"cannot reach Redis at {target.Endpoints}: {Reason(ex, message)}");
    }

    private static string Reason(Exception ex, string message) => ex switch
    {
        RedisConnectionException { FailureType: ConnectionFailureType.UnableToConnect or ConnectionFailureType.UnableToResolvePhysicalConnection } =>
            "no connection (is redis-server running there? is the port right?)",
        TimeoutException or RedisTimeoutException => "it did not answer in time",
        _ => FirstLine(message),
    };

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    public void Dispose() => _redis.Dispose();
}
