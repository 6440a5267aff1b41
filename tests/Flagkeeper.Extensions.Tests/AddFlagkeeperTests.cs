using Flagkeeper.Caching;
using Flagkeeper.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flagkeeper.Extensions.Tests;

public sealed class AddFlagkeeperTests : IDisposable
{
    private static readonly string On = FlagsYaml.Of(("checkout", "enabled: true"));
    private static readonly string Off = FlagsYaml.Of(("checkout", "enabled: false"));
    private const string Broken = "version: 1\nflags:\n  checkout:\n    enabled: [\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Settings with the watcher off: reloads come from the TTL, which the fake clock drives exactly.</summary>
    private Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Flagkeeper:Registry"] = _dir["flags.yaml"],
            ["Flagkeeper:Watch"] = "false",
            ["Flagkeeper:CheckInterval"] = "00:00:30",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    private static async Task<HealthReport> Health(TestHost host) => await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    [Fact]
    public async Task The_evaluator_follows_the_file_through_a_reload_on_the_configured_ttl()
    {
        _dir.Write("flags.yaml", On);
        await using var host = await TestHost.StartAsync(Settings());
        var flags = host.Services.GetRequiredService<FlagEvaluator>();
        Assert.Same(host.Services.GetRequiredService<FlagCache>().Evaluator, flags);
        Assert.True(flags.IsEnabled("checkout"));

        _dir.Write("flags.yaml", Off);
        host.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(flags.IsEnabled("checkout"));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(flags.IsEnabled("checkout"));
    }

    [Fact]
    public async Task Health_is_degraded_with_the_located_reason_while_a_broken_file_is_pending_and_healthy_once_fixed()
    {
        _dir.Write("flags.yaml", On);
        await using var host = await TestHost.StartAsync(Settings());
        var cache = host.Services.GetRequiredService<FlagCache>();
        Assert.Equal(HealthStatus.Healthy, (await Health(host)).Status);

        _dir.Write("flags.yaml", Broken);
        cache.CheckNow();
        var degraded = await Health(host);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Matches(@"flags\.yaml:\d+:\d+: ", degraded.Entries["flagkeeper"].Description);
        Assert.True(host.Services.GetRequiredService<FlagEvaluator>().IsEnabled("checkout"));

        _dir.Write("flags.yaml", Off);
        cache.CheckNow();
        Assert.Equal(HealthStatus.Healthy, (await Health(host)).Status);
    }

    [Fact]
    public async Task Reloads_rejections_and_unknown_names_are_logged_with_stable_event_ids_unknown_ones_once()
    {
        _dir.Write("flags.yaml", FlagsYaml.Of(("checkout", "enabled: true\nenvironments:\n      prod: { enabled: true }")));
        await using var host = await TestHost.StartAsync(Settings());
        var cache = host.Services.GetRequiredService<FlagCache>();
        var flags = host.Services.GetRequiredService<FlagEvaluator>();

        flags.IsEnabled("nope");
        flags.IsEnabled("nope");
        flags.IsEnabled("checkout", new EvaluationContext(Environment: "staging"));
        flags.IsEnabled("checkout", new EvaluationContext(Environment: "staging"));
        _dir.Write("flags.yaml", Broken);
        cache.CheckNow();
        _dir.Write("flags.yaml", On);
        cache.CheckNow();

        var records = host.Logs.GetSnapshot().Where(r => r.Category == "Flagkeeper").ToList();
        Assert.Equal([1003, 1004, 1002, 1001], records.Select(r => r.Id.Id));
        Assert.Contains("'nope'", records[0].Message);
        Assert.Contains("'staging'", records[1].Message);
        Assert.Equal(LogLevel.Error, records[2].Level);
        Assert.Matches(@"flags\.yaml:\d+:\d+: ", records[2].Message);
        Assert.Contains(cache.Version, records[3].Message);
    }

    [Fact]
    public async Task A_scope_answers_from_one_snapshot_even_if_the_file_reloads_in_the_middle()
    {
        _dir.Write("flags.yaml", On);
        await using var host = await TestHost.StartAsync(Settings());
        var cache = host.Services.GetRequiredService<FlagCache>();

        using var request = host.Services.CreateScope();
        var scoped = request.ServiceProvider.GetRequiredService<IFlagkeeperSnapshot>();
        Assert.True(scoped.IsEnabled("checkout"));

        _dir.Write("flags.yaml", Off);
        Assert.Equal(FlagCacheCheckResult.Reloaded, cache.CheckNow());

        Assert.True(scoped.IsEnabled("checkout"));
        Assert.Same(scoped, request.ServiceProvider.GetRequiredService<IFlagkeeperSnapshot>());
        using var next = host.Services.CreateScope();
        Assert.False(next.ServiceProvider.GetRequiredService<IFlagkeeperSnapshot>().IsEnabled("checkout"));
    }

    [Fact]
    public async Task The_default_context_is_the_configured_environment_and_no_user()
    {
        _dir.Write("flags.yaml", FlagsYaml.Of(("checkout", "enabled: true\nenvironments:\n      prod: { enabled: false }")));
        await using var host = await TestHost.StartAsync(Settings(("Flagkeeper:Environment", "prod")));

        Assert.Equal(new EvaluationContext(Environment: "prod"), host.Services.GetRequiredService<IEvaluationContextAccessor>().Current);
        using var scope = host.Services.CreateScope();
        Assert.Equal(EvaluationReason.Disabled, scope.ServiceProvider.GetRequiredService<IFlagkeeperSnapshot>().Evaluate("checkout").Reason);
    }

    [Fact]
    public async Task An_accessor_registered_by_the_app_is_kept()
    {
        _dir.Write("flags.yaml", On);
        await using var host = await TestHost.StartAsync(Settings(), services =>
            services.AddSingleton<IEvaluationContextAccessor>(new FixedContext(new EvaluationContext("user-1"))));

        using var scope = host.Services.CreateScope();
        Assert.Equal("user-1", scope.ServiceProvider.GetRequiredService<IEvaluationContextAccessor>().Current.TargetingKey);
    }

    private sealed class FixedContext(EvaluationContext context) : IEvaluationContextAccessor
    {
        public EvaluationContext Current => context;
    }

    [Fact]
    public async Task Several_registries_and_every_option_bind_from_configuration()
    {
        _dir.Write("a/flags.yaml", On);
        _dir.Write("b/flags.yaml", FlagsYaml.Of(("search", "enabled: true")));
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Flagkeeper:Registries:0"] = _dir["a/flags.yaml"],
            ["Flagkeeper:Registries:1"] = _dir["b/flags.yaml"],
            ["Flagkeeper:CheckInterval"] = "00:00:05",
            ["Flagkeeper:Watch"] = "false",
            ["Flagkeeper:DebounceDelay"] = "00:00:01",
            ["Flagkeeper:ActivityEvents"] = "false",
            ["Flagkeeper:Environment"] = "dev",
        });
        var options = host.Services.GetRequiredService<IOptions<FlagkeeperOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(5), false, TimeSpan.FromSeconds(1), false, "dev"),
            (options.CheckInterval, options.Watch, options.DebounceDelay, options.ActivityEvents, options.Environment));
        var cache = host.Services.GetRequiredService<FlagCache>();
        Assert.Equal(2, cache.Registries.Count);
        Assert.False(cache.IsWatching);
        Assert.False(cache.Evaluator.ActivityEvents);
        Assert.True(cache.Evaluator.IsEnabled("search"));
    }

    [Theory]
    [InlineData(null, null, "no registry file is configured: set Flagkeeper:Registry")]
    [InlineData("Flagkeeper:Registry", "", "Flagkeeper:Registry is empty")]
    [InlineData("Flagkeeper:Registries:0", " ", "Flagkeeper:Registries:0 is empty")]
    [InlineData("Flagkeeper:CheckInterval", "-00:01:00", "Flagkeeper:CheckInterval is -00:01:00")]
    [InlineData("Flagkeeper:DebounceDelay", "-00:00:01", "Flagkeeper:DebounceDelay is -00:00:01")]
    public async Task Bad_options_stop_the_start_with_a_message_naming_the_setting(string? key, string? value, string expected)
    {
        var settings = key is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["Flagkeeper:Registry"] = _dir["flags.yaml"], [key] = value };
        if (key == "Flagkeeper:Registries:0")
        {
            settings.Remove("Flagkeeper:Registry");
        }
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(settings));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public async Task A_missing_file_stops_the_start_naming_it_unless_told_to_start_with_defaults()
    {
        var ex = await Assert.ThrowsAsync<FlagCacheLoadException>(() => TestHost.StartAsync(Settings()));
        Assert.Contains(_dir["flags.yaml"], ex.Message);

        await using var host = await TestHost.StartAsync(Settings(("Flagkeeper:StartWithDefaultsIfMissing", "true")));
        var health = await Health(host);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("does not exist", health.Entries["flagkeeper"].Description);
        Assert.Equal(1006, Assert.Single(host.Logs.GetSnapshot(), r => r.Category == "Flagkeeper").Id.Id);

        _dir.Write("flags.yaml", On);
        host.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(host.Services.GetRequiredService<FlagEvaluator>().IsEnabled("checkout"));
        Assert.Equal(HealthStatus.Healthy, (await Health(host)).Status);
    }

    [Fact]
    public async Task Configured_in_code_works_like_configuration()
    {
        _dir.Write("flags.yaml", On);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddFlagkeeper(options =>
        {
            options.Registry = _dir["flags.yaml"];
            options.Watch = false;
        });
        using var host = builder.Build();
        await host.StartAsync();

        Assert.True(host.Services.GetRequiredService<FlagEvaluator>().IsEnabled("checkout"));
        await host.StopAsync();
    }
}
