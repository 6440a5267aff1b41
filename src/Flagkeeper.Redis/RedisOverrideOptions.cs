namespace Flagkeeper.Redis;

/// <summary>
/// Where the live overrides are: bound from the <c>Flagkeeper</c> section (<c>Flagkeeper:Redis</c>,
/// <c>Flagkeeper:Namespace</c>) or set in code by <c>AddRedisOverrides(o =&gt; …)</c>.
/// </summary>
public sealed class RedisOverrideOptions
{
    /// <summary>A StackExchange.Redis configuration string (<c>host:port,user=…,password=…,ssl=true</c>); never printed unredacted.</summary>
    public string? Redis { get; set; }

    /// <summary>The namespace (<c>flagkeeper:{NS}:*</c>); default: the application name.</summary>
    public string? Namespace { get; set; }

    /// <summary>How often the whole hash is re-read even without a reconnect, so a missed message is never lost (default 30 s).</summary>
    public TimeSpan SafetyInterval { get; set; } = TimeSpan.FromSeconds(30);
}
