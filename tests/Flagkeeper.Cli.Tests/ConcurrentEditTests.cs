using System.Globalization;

namespace Flagkeeper.Cli.Tests;

/// <summary>Concurrent edits are serialised by the registry lock: nothing is lost.</summary>
public class ConcurrentEditTests
{
    [Fact]
    public async Task Twenty_processes_editing_twenty_flags_at_once_lose_nothing()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", Registries.Many(20));

        var runs = Enumerable.Range(0, 20)
            .Select(i => CliRunner.RunAsync(dir.Path, ["flags", "rollout", $"flag-{i}", (i + 1).ToString(CultureInfo.InvariantCulture)]))
            .ToList();
        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var list = CliRunner.Run(dir.Path, "flags", "list", "--format", "json").Json();
        var rollouts = list.RootElement.GetProperty("flags").EnumerateArray()
            .ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("rollout").GetDouble());
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i + 1, rollouts[$"flag-{i}"]);
        }
        Assert.Equal(0, CliRunner.Run(dir.Path, "flags", "validate").ExitCode);
        Assert.Equal(20, dir.Read("flags.yaml").Split("# flag number").Length - 1);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }
}
