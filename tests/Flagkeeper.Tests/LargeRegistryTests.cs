using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Loading;
using Flagkeeper.Validation;

namespace Flagkeeper.Tests;

/// <summary>
/// A huge but legitimate registry reads and validates completely. The timeouts only guard against an
/// algorithm gone quadratic (minutes, not seconds); they are not performance claims.
/// </summary>
public class LargeRegistryTests
{
    private const int Flags = 20_000;

    [Fact(Timeout = 120_000)]
    public async Task Twenty_thousand_flags_in_one_long_prerequisite_chain_read_and_validate()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Chain(closeTheLoop: false));

        var findings = await Task.Run(() => Validate(path));

        Assert.Empty(findings);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_cycle_through_twenty_thousand_flags_is_reported_once()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Chain(closeTheLoop: true));

        var findings = await Task.Run(() => Validate(path));

        var cycle = Assert.Single(findings);
        Assert.Equal("prerequisite-cycle", cycle.Rule);
        Assert.Equal("flag-0", cycle.Flag);
        Assert.StartsWith("prerequisite cycle: flag-0 -> flag-1 -> flag-2 -> ", cycle.Message);
        Assert.EndsWith($"flag-{Flags - 1} -> flag-0", cycle.Message);
    }

    private static IReadOnlyList<Finding> Validate(string path)
    {
        var result = RegistryReader.ReadFile(path, "flags.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(Flags, result.Registry!.Flags.Count);
        return new RegistryValidator().Validate([result.Registry]);
    }

    /// <summary>flag-i requires flag-(i+1); the last requires flag-0 when the loop is closed.</summary>
    private static string Chain(bool closeTheLoop)
    {
        var text = new StringBuilder("version: 1\nenvironments: [dev, prod]\nflags:\n");
        for (var i = 0; i < Flags; i++)
        {
            var next = i + 1 < Flags ? $"[flag-{i + 1}]" : closeTheLoop ? "[flag-0]" : "[]";
            text.Append($"  flag-{i}:\n    description: Flag number {i}\n    owner: team-{i % 50}\n    type: release\n    expires: 2027-01-01\n")
                .Append($"    enabled: true\n    rollout: {i % 100}\n    environments:\n      prod: {{ enabled: true, rollout: 5 }}\n")
                .Append($"    requires: {next}\n    aliases: [FLAG_{i}]\n");
        }
        return text.ToString();
    }
}
