namespace Flagkeeper.Redis.Tests;

public sealed class LiveOverrideJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 14, 0, 0, 500, TimeSpan.Zero);

    [Fact]
    public void Written_overrides_read_back_equal()
    {
        var rollout = new LiveOverride("k", LiveState.Rollout, 33.3, "ramp \"quoted\"", "bob", At, At.AddDays(1), 7);
        var on = new LiveOverride("k", LiveState.On, null, "", "", At, null, 1);

        Assert.True(LiveOverrideJson.TryRead("k", LiveOverrideJson.Write(rollout), out var back, out var error), error);
        Assert.Equal(rollout, back);
        Assert.True(LiveOverrideJson.TryRead("k", LiveOverrideJson.Write(on), out back, out _));
        Assert.Equal(on, back);
        Assert.Contains("\"at\":\"2026-12-05T14:00:00.5Z\"", LiveOverrideJson.Write(on));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("", "empty")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("""{"state":"maybe"}""", "state 'maybe' is not on, off or a rollout percentage 0..100")]
    [InlineData("""{"state":150}""", "rollout 150 is outside 0..100")]
    [InlineData("""{"state":-1}""", "outside 0..100")]
    [InlineData("""{"state":true}""", "state is not on, off")]
    [InlineData("""{"reason":"x"}""", "no state")]
    [InlineData("""{"state":"on","at":"yesterday"}""", "at 'yesterday' is not an ISO 8601 time")]
    [InlineData("""{"state":"on"} trailing""", "not valid JSON")]
    public void Malformed_overrides_are_refused_with_the_reason(string json, string expected)
    {
        Assert.False(LiveOverrideJson.TryRead("k", json, out var o, out var error));
        Assert.Null(o);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Unknown_properties_are_ignored_so_newer_writers_stay_readable()
    {
        Assert.True(LiveOverrideJson.TryRead("k", """{"future":{"a":[1]},"state":"off","version":3}""", out var o, out _));
        Assert.Equal(LiveState.Off, o!.State);
        Assert.Equal(3, o.Version);
    }

    [Fact]
    public void Change_messages_round_trip_and_bad_ones_are_refused()
    {
        var change = new LiveChange(4, "k", "set", new LiveOverride("k", LiveState.Off, null, "r", "b", At, null, 4));

        Assert.True(LiveOverrideJson.TryReadChange(LiveOverrideJson.WriteChange(change), out var back, out _));
        Assert.Equal(change, back);
        Assert.True(LiveOverrideJson.TryReadChange("""{"version":5,"key":"k","action":"clear","override":null}""", out back, out _));
        Assert.Equal(new LiveChange(5, "k", "clear", null), back);
        Assert.False(LiveOverrideJson.TryReadChange("""{"version":5,"key":"k","action":"explode"}""", out _, out var error));
        Assert.Contains("set, clear or kill", error);
        Assert.False(LiveOverrideJson.TryReadChange("""{"version":5,"key":"k","action":"set","override":{"state":101}}""", out _, out error));
        Assert.Contains("outside 0..100", error);
    }

    [Theory]
    [InlineData("on", LiveState.On, null)]
    [InlineData("OFF", LiveState.Off, null)]
    [InlineData("25", LiveState.Rollout, 25.0)]
    [InlineData("12.5%", LiveState.Rollout, 12.5)]
    public void States_parse_as_the_cli_spells_them(string text, LiveState state, double? rollout)
    {
        Assert.True(LiveOverrideJson.TryParseState(text, out var s, out var r, out _));
        Assert.Equal((state, rollout), (s, r));
    }

    [Theory]
    [InlineData("127.0.0.1:6379,password=hunter2", "127.0.0.1:6379,password=***")]
    [InlineData("h:1,user=team-a,Password=hunter2,ssl=true", "h:1,user=team-a,Password=***,ssl=true")]
    [InlineData("h:1,sslPassword=pfx-secret", "h:1,sslPassword=***")]
    [InlineData("redis://team-a:hunter2@h:6379", "redis://team-a:***@h:6379")]
    [InlineData("rediss://:hunter2@h", "rediss://:***@h")]
    [InlineData("localhost", "localhost")]
    public void Redaction_hides_passwords_and_keeps_users(string configuration, string expected)
    {
        Assert.Equal(expected, RedisSecrets.Redact(configuration));
        Assert.DoesNotContain("hunter2", RedisSecrets.Scrub("It was not possible to connect to " + configuration, configuration));
    }

    [Fact]
    public void Scrubbing_removes_the_password_wherever_a_message_repeats_it()
    {
        var scrubbed = RedisSecrets.Scrub("AUTH failed for 'hunter2' on h:1", "h:1,user=u,password=hunter2");

        Assert.Equal("AUTH failed for '***' on h:1", scrubbed);
    }
}
