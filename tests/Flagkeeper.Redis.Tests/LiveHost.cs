using Flagkeeper.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Flagkeeper.Redis.Tests;

/// <summary>A real generic host: flags.yaml in a temp folder, live overrides from a real Redis, FakeTimeProvider, FakeLogger.</summary>
internal sealed class LiveHost : IAsyncDisposable
{
    public static readonly string Yaml = FlagsYaml.Of(("checkout", "enabled: false"), ("search", "enabled: true"));

    private readonly TempDirectory _dir;

    private LiveHost(IHost host, FakeTimeProvider time, TempDirectory dir)
    {
        Host = host;
        Time = time;
        _dir = dir;
    }

    public IHost Host { get; }
    public FakeTimeProvider Time { get; }
    public FlagEvaluator Flags => Host.Services.GetRequiredService<FlagEvaluator>();
    public LiveOverrideSubscriber Subscriber => Host.Services.GetRequiredService<LiveOverrideSubscriber>();
    public FakeLogCollector Logs => Host.Services.GetFakeLogCollector();

    public static async Task<LiveHost> StartAsync(string redis, string ns, FakeTimeProvider? time = null)
    {
        var dir = new TempDirectory();
        dir.Write("flags.yaml", Yaml);
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 14, 0, 0, TimeSpan.Zero));
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flagkeeper:Registry"] = dir["flags.yaml"],
            ["Flagkeeper:Watch"] = "false",
            ["Flagkeeper:Redis"] = redis,
            ["Flagkeeper:Namespace"] = ns,
        });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        builder.Services.AddFlagkeeper(builder.Configuration).AddRedisOverrides(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new LiveHost(host, time, dir);
    }

    /// <summary>Waits (on the subscriber's signal, not a sleep) until <paramref name="condition"/> holds; fails after 5 s.</summary>
    public async Task Until(Func<FlagEvaluator, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(long _)
        {
            if (condition(Flags))
            {
                done.TrySetResult();
            }
        }

        Subscriber.Applied += Check;
        try
        {
            Check(0);
            await done.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            Subscriber.Applied -= Check;
        }
    }

    public async Task<HealthReport> HealthAsync() => await Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        _dir.Dispose();
    }
}
