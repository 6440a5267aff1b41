using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flagkeeper.Redis.Tests;

/// <summary>
/// A mistyped ACL user or password on a server whose default user needs no password: the connection works, but as
/// 'default', so health says Degraded and why (the overrides it reads still apply).
/// </summary>
public sealed class LiveOverrideIdentityTests : IDisposable
{
    private readonly RedisServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task A_wrong_password_for_an_acl_user_is_reported_degraded_not_served_silently_as_default()
    {
        _server.Command("ACL", "SETUSER", "app", "on", ">right-secret", "~*", "&*", "+@all");

        await using var host = await LiveHost.StartAsync($"127.0.0.1:{_server.Port},user=app,password=wrong-secret", "ns");

        var health = (await host.HealthAsync()).Entries["flagkeeper-redis"];
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("did not accept user 'app' and let the connection in as 'default'", health.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", health.Description, StringComparison.Ordinal);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 1107);
    }

    [Fact]
    public async Task The_right_acl_user_is_healthy()
    {
        _server.Command("ACL", "SETUSER", "app", "on", ">right-secret", "~*", "&*", "+@all");

        await using var host = await LiveHost.StartAsync($"127.0.0.1:{_server.Port},user=app,password=right-secret", "ns");

        Assert.Equal(HealthStatus.Healthy, (await host.HealthAsync()).Entries["flagkeeper-redis"].Status);
    }
}
