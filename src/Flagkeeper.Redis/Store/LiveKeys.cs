using StackExchange.Redis;

namespace Flagkeeper.Redis;

/// <summary>
/// The Redis names of one namespace. <c>{NS}</c> is a Redis Cluster hash tag, so every key of a namespace lives in one
/// slot and the change scripts may touch them all; an ACL can confine a team with <c>~flagkeeper:{NS}:*</c>.
/// </summary>
public sealed class LiveKeys
{
    public LiveKeys(string @namespace)
    {
        if (Validate(@namespace) is { } error)
        {
            throw new ArgumentException(error, nameof(@namespace));
        }

        Namespace = @namespace;
        var prefix = "flagkeeper:{" + @namespace + "}:";
        Overrides = new RedisKey(prefix + "overrides");
        Version = new RedisKey(prefix + "version");
        History = new RedisKey(prefix + "history");
        Changes = RedisChannel.Literal(prefix + "changes");
    }

    public string Namespace { get; }

    /// <summary>Hash: field = flag key, value = override JSON.</summary>
    public RedisKey Overrides { get; }

    /// <summary>String: the INCR counter every change takes its version from.</summary>
    public RedisKey Version { get; }

    /// <summary>Stream: one entry per change, trimmed to about 1000.</summary>
    public RedisKey History { get; }

    /// <summary>Pub/sub channel: one message per change.</summary>
    public RedisChannel Changes { get; }

    /// <summary>Null when <paramref name="namespace"/> can name a namespace, else why not.</summary>
    public static string? Validate(string? @namespace)
    {
        if (string.IsNullOrWhiteSpace(@namespace))
        {
            return "the Redis namespace is empty; set Flagkeeper:Namespace (default: the application name)";
        }

        foreach (var c in @namespace)
        {
            if (c is '{' or '}' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return $"the Redis namespace '{@namespace}' may not contain braces, spaces or control characters";
            }
        }

        return null;
    }
}
