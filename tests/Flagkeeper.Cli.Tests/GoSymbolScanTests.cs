using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>The real CLI on a Go module whose gate checks name typed constants: scan's JSON gives the values and where they are declared.</summary>
public class GoSymbolScanTests
{
    private const string Features = "package feature\n\nconst (\n\tMachinePool featuregate.Feature = \"MachinePool\"\n\tPrefix = \"shop.\"\n\tSearch = Prefix + \"search\"\n\tLevel = iota\n)\n";
    private const string Main = "package main\n\nimport f \"example.com/app/feature\"\n\nfunc main() {\n\t_ = f.Gates.Enabled(f.MachinePool)\n\t_ = f.Gates.Enabled(f.Search)\n\t_ = f.Gates.Enabled(f.Level)\n}\n";

    [Fact]
    public void Scan_json_gives_the_constant_value_and_where_it_is_declared()
    {
        using var dir = new TempDirectory();
        dir.Write("go.mod", "module example.com/app\n");
        dir.Write("feature/features.go", Features);
        dir.Write("cmd/main.go", Main);

        var result = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--no-cache"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var usages = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("usages").EnumerateArray().ToList();
        Assert.Equal(3, usages.Count);
        var pool = usages[0];
        Assert.Equal(("MachinePool", "usage", "f.MachinePool", "go-feature-gate"),
            (pool.GetProperty("flag").GetString(), pool.GetProperty("kind").GetString(), pool.GetProperty("argument").GetString(), pool.GetProperty("pattern").GetString()));
        Assert.Equal(("cmd/main.go", 6, 22), (pool.GetProperty("file").GetString(), pool.GetProperty("line").GetInt32(), pool.GetProperty("column").GetInt32()));
        var declared = pool.GetProperty("declaredAt");
        Assert.Equal(("feature/features.go", 4, 2), (declared.GetProperty("file").GetString(), declared.GetProperty("line").GetInt32(), declared.GetProperty("column").GetInt32()));
        Assert.Equal(JsonValueKind.Null, pool.GetProperty("unresolved").ValueKind);
        Assert.Equal("shop.search", usages[1].GetProperty("flag").GetString());
        Assert.Equal(6, usages[1].GetProperty("declaredAt").GetProperty("line").GetInt32());
        Assert.Equal("dynamic", usages[2].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, usages[2].GetProperty("declaredAt").ValueKind);
        Assert.Contains("iota", usages[2].GetProperty("unresolved").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_sees_a_gate_check_through_its_constant_as_a_use_of_the_registered_flag()
    {
        using var dir = new TempDirectory();
        dir.Write("go.mod", "module example.com/app\n");
        dir.Write("feature/features.go", Features);
        dir.Write("cmd/main.go", Main);
        dir.Write("flags.yaml", "version: 1\nflags:\n  MachinePool:\n    description: d\n    owner: o\n    type: operational\n");

        var findings = FlagLintFindings.Of(dir.Path);

        Assert.DoesNotContain(findings, f => f.Rule == "unused-flag" || f.Line == 6);
        Assert.Contains(findings, f => f.Rule == "unregistered-flag" && f.Line == 7);
        Assert.Contains(findings, f => f.Rule == "dynamic-key" && f.Line == 8);
    }
}
