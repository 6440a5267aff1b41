using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Flagkeeper.Evaluation;
using Flagkeeper.Loading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Flagkeeper.Bench.Evaluation;

/// <summary>
/// Five cases, each with Flagkeeper and with Microsoft.FeatureManagement configured the same way: a plain on/off
/// flag, a 25 % rollout, a flag with two prerequisites (FeatureManagement has none: three IsEnabledAsync calls, as an
/// application would write it), a targeted group, an unknown key.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EvaluationBenchmarks
{
    private const string Registry = """
        version: 1
        flags:
          on-off: { enabled: true }
          rollout-25: { enabled: true, rollout: 25 }
          prereq-a: { enabled: true }
          prereq-b: { enabled: true }
          with-prereqs: { enabled: true, requires: [prereq-a, prereq-b] }
          targeted-group: { enabled: true, rollout: 0, targeting: { groups: [{ name: beta, rollout: 100 }] } }
        """;

    private static readonly Dictionary<string, string?> FeatureManagementConfig = new()
    {
        ["FeatureManagement:OnOff"] = "true",
        ["FeatureManagement:PrereqA"] = "true",
        ["FeatureManagement:PrereqB"] = "true",
        ["FeatureManagement:WithPrereqs"] = "true",
        ["FeatureManagement:Rollout25:EnabledFor:0:Name"] = "Microsoft.Targeting",
        ["FeatureManagement:Rollout25:EnabledFor:0:Parameters:Audience:DefaultRolloutPercentage"] = "25",
        ["FeatureManagement:TargetedGroup:EnabledFor:0:Name"] = "Microsoft.Targeting",
        ["FeatureManagement:TargetedGroup:EnabledFor:0:Parameters:Audience:Groups:0:Name"] = "beta",
        ["FeatureManagement:TargetedGroup:EnabledFor:0:Parameters:Audience:Groups:0:RolloutPercentage"] = "100",
        ["FeatureManagement:TargetedGroup:EnabledFor:0:Parameters:Audience:DefaultRolloutPercentage"] = "0",
    };

    private readonly EvaluationContext _user = new("user-123", ["beta"]);
    private readonly TargetingContext _targeting = new() { UserId = "user-123", Groups = ["beta"] };
    // 65,536 distinct users cycled: 16x the percentile cache's slots, so nearly every ask is a miss.
    private const int ManyUsers = 1 << 16;
    private EvaluationContext[] _manyUsers = null!;
    private TargetingContext[] _manyTargeting = null!;
    private int _next;
    private FlagEvaluator _flags = null!;
    private IFeatureManager _featureManager = null!;
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        _manyUsers = Enumerable.Range(0, ManyUsers).Select(i => new EvaluationContext($"user-{i}", ["beta"])).ToArray();
        _manyTargeting = Enumerable.Range(0, ManyUsers).Select(i => new TargetingContext { UserId = $"user-{i}", Groups = ["beta"] }).ToArray();
        var registry = RegistryReader.Read("/bench/flags.yaml", "flags.yaml", Registry).Registry!;
        _flags = new FlagEvaluator(FlagSnapshot.Compile([registry]));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(FeatureManagementConfig).Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddFeatureManagement().Services.BuildServiceProvider();
        _featureManager = _services.GetRequiredService<IFeatureManager>();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [BenchmarkCategory("on-off"), Benchmark(Baseline = true)]
    public Task<bool> OnOff_FeatureManagement() => _featureManager.IsEnabledAsync("OnOff", _targeting);

    [BenchmarkCategory("on-off"), Benchmark]
    public bool OnOff_Flagkeeper() => _flags.IsEnabled("on-off", _user);

    [BenchmarkCategory("rollout-25"), Benchmark(Baseline = true)]
    public Task<bool> Rollout25_FeatureManagement() => _featureManager.IsEnabledAsync("Rollout25", _targeting);

    [BenchmarkCategory("rollout-25"), Benchmark]
    public bool Rollout25_Flagkeeper() => _flags.IsEnabled("rollout-25", _user);

    /// <summary>A new user on every call: the percentile cache misses, so this is the SHA-256 path.</summary>
    [BenchmarkCategory("rollout-25-new-users"), Benchmark(Baseline = true)]
    public Task<bool> Rollout25NewUsers_FeatureManagement() =>
        _featureManager.IsEnabledAsync("Rollout25", _manyTargeting[_next++ & (ManyUsers - 1)]);

    [BenchmarkCategory("rollout-25-new-users"), Benchmark]
    public bool Rollout25NewUsers_Flagkeeper() => _flags.IsEnabled("rollout-25", _manyUsers[_next++ & (ManyUsers - 1)]);

    [BenchmarkCategory("prerequisites"), Benchmark(Baseline = true)]
    public async Task<bool> Prerequisites_FeatureManagement() =>
        await _featureManager.IsEnabledAsync("PrereqA", _targeting) && await _featureManager.IsEnabledAsync("PrereqB", _targeting)
        && await _featureManager.IsEnabledAsync("WithPrereqs", _targeting);

    [BenchmarkCategory("prerequisites"), Benchmark]
    public bool Prerequisites_Flagkeeper() => _flags.IsEnabled("with-prereqs", _user);

    [BenchmarkCategory("targeted-group"), Benchmark(Baseline = true)]
    public Task<bool> TargetedGroup_FeatureManagement() => _featureManager.IsEnabledAsync("TargetedGroup", _targeting);

    [BenchmarkCategory("targeted-group"), Benchmark]
    public bool TargetedGroup_Flagkeeper() => _flags.IsEnabled("targeted-group", _user);

    [BenchmarkCategory("unknown-key"), Benchmark(Baseline = true)]
    public Task<bool> UnknownKey_FeatureManagement() => _featureManager.IsEnabledAsync("Missing", _targeting);

    [BenchmarkCategory("unknown-key"), Benchmark]
    public bool UnknownKey_Flagkeeper() => _flags.IsEnabled("missing", _user);

    private static readonly byte[] HashInput = "user-123\nrollout-25"u8.ToArray();

    /// <summary>One SHA-256 of a short key through the platform (OpenSSL here), as the percentile path did before.</summary>
    [BenchmarkCategory("sha256"), Benchmark(Baseline = true)]
    public uint Sha256_Platform()
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(HashInput, hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(hash);
    }

    /// <summary>The same hash through the managed one-block path: the percentile's fallback where libcrypto is not found.</summary>
    [BenchmarkCategory("sha256"), Benchmark]
    public uint Sha256_Managed() => Sha256Block.First4BytesLittleEndian(HashInput, native: false);

    /// <summary>The managed padding and libcrypto's SHA256_Transform (SHA-NI here): the path the percentile takes on Linux.</summary>
    [BenchmarkCategory("sha256"), Benchmark]
    public uint Sha256_Native() => Sha256Block.First4BytesLittleEndian(HashInput, native: true);

    /// <summary>The raw cost of one exact percentile: SHA-256 over a stack buffer.</summary>
    [BenchmarkCategory("percentile"), Benchmark]
    public double Percentile_Sha256() => Percentiles.Of("user-123", "rollout-25");
}
