using BenchmarkDotNet.Attributes;
using Flagkeeper.Evaluation;
using Flagkeeper.Loading;

namespace Flagkeeper.Bench.Evaluation;

/// <summary>
/// Issue 13: evaluation with the live-override layer attached (what Flagkeeper.Redis's subscriber installs) against
/// the same evaluator without it. Attached = 100 live overrides on other flags (the lookup misses), and a hit on the
/// asked flag (forced on, and a live 25 % rollout). Expected: the same speed and 0 B/op.
/// </summary>
[MemoryDiagnoser]
public class LiveOverrideBenchmarks
{
    private const string Registry = """
        version: 1
        flags:
          on-off: { enabled: true }
          rollout-25: { enabled: true, rollout: 25 }
        """;

    private readonly EvaluationContext _user = new("user-123", ["beta"]);
    private FlagEvaluator _plain = null!;
    private FlagEvaluator _attached = null!;
    private FlagEvaluator _hit = null!;

    [GlobalSetup]
    public void Setup()
    {
        var registry = RegistryReader.Read("/bench/flags.yaml", "flags.yaml", Registry).Registry!;
        _plain = new FlagEvaluator(FlagSnapshot.Compile([registry]));
        _attached = new FlagEvaluator(FlagSnapshot.Compile([registry]));
        var others = Enumerable.Range(0, 100).Select(i => new LiveFlagOverride($"other-{i}", true, null, DateTimeOffset.MaxValue)).ToList();
        _attached.SetLiveOverrides(LiveOverrideSet.Create(others));
        _hit = new FlagEvaluator(FlagSnapshot.Compile([registry]));
        _hit.SetLiveOverrides(LiveOverrideSet.Create([.. others, new("on-off", false, null, DateTimeOffset.MaxValue), new("rollout-25", null, 25, null)]));
    }

    [Benchmark(Baseline = true)]
    public bool OnOff_WithoutLive() => _plain.IsEnabled("on-off", _user);

    [Benchmark]
    public bool OnOff_LiveAttached() => _attached.IsEnabled("on-off", _user);

    [Benchmark]
    public bool OnOff_LiveHit() => _hit.IsEnabled("on-off", _user);

    [Benchmark]
    public bool Rollout25_WithoutLive() => _plain.IsEnabled("rollout-25", _user);

    [Benchmark]
    public bool Rollout25_LiveAttached() => _attached.IsEnabled("rollout-25", _user);

    [Benchmark]
    public bool Rollout25_LiveHit() => _hit.IsEnabled("rollout-25", _user);
}
