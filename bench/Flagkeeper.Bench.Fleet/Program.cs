using System.Diagnostics;
using System.Globalization;
using Flagkeeper.Evaluation;
using Flagkeeper.Loading;
using Flagkeeper.Redis;
using Flagkeeper.TestUtils;
using StackExchange.Redis;

// Propagation: write through the store, wait until all instances evaluate the new value (each signals on apply).
const int Instances = 10;
const int Changes = 200;
using var server = new RedisServer();
var registry = RegistryReader.Read("/bench/flags.yaml", "flags.yaml", FlagsYaml.Of(("f", "enabled: false"))).Registry!;
var options = new RedisOverrideOptions { Redis = server.ConnectionString, SafetyInterval = TimeSpan.FromHours(1) };
var subscribers = new List<LiveOverrideSubscriber>();
for (var i = 0; i < Instances; i++)
{
    var subscriber = new LiveOverrideSubscriber(new FlagEvaluator(FlagSnapshot.Compile([registry])), options, "bench", null, null);
    await subscriber.StartAsync(CancellationToken.None);
    subscribers.Add(subscriber);
}

await using var writer = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
var store = new LiveOverrideStore(writer, "bench");
var all = new List<double>(Changes);
var each = new List<double>(Changes * Instances);
for (var change = 1; change <= Changes + 10; change++)
{
    var remaining = Instances;
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var started = Stopwatch.GetTimestamp();
    var perInstance = new List<double>(Instances);
    var version = (long)change;
    Action<long> onApplied = v =>
    {
        if (v != version)
        {
            return;
        }

        lock (perInstance)
        {
            perInstance.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        if (Interlocked.Decrement(ref remaining) == 0)
        {
            done.TrySetResult();
        }
    };
    subscribers.ForEach(s => s.Applied += onApplied);
    await store.SetAsync("f", change % 2 == 0 ? LiveState.Off : LiveState.On, null, "bench", "bench", DateTimeOffset.UnixEpoch, null);
    await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    subscribers.ForEach(s => s.Applied -= onApplied);
    if (change > 10) // the first 10 warm up (JIT, script cache)
    {
        all.Add(elapsed);
        each.AddRange(perInstance);
    }
}

foreach (var s in subscribers)
{
    await s.StopAsync(CancellationToken.None);
    await s.DisposeAsync();
}

static string P(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p / 100 * sorted.Count) - 1)].ToString("0.00", CultureInfo.InvariantCulture);
}

Console.WriteLine($"redis-server {server.Command("INFO", "server")?.Split('\n').FirstOrDefault(l => l.StartsWith("redis_version", StringComparison.Ordinal))?.Trim()}, {Instances} instances, {Changes} changes (after 10 warm-up)");
Console.WriteLine($"write -> applied on all {Instances}: p50 {P(all, 50)} ms, p99 {P(all, 99)} ms, max {P(all, 100)} ms");
Console.WriteLine($"write -> applied per instance: p50 {P(each, 50)} ms, p99 {P(each, 99)} ms");
