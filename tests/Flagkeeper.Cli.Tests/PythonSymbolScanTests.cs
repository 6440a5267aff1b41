using System.Text.Json;

namespace Flagkeeper.Cli.Tests;

/// <summary>The real CLI on a Python package whose flag checks name module constants and enum members: scan and check see the values.</summary>
public class PythonSymbolScanTests
{
    private const string Names = "from enum import Enum\n\nPREFIX = \"shop.\"\nNEW_CHECKOUT = PREFIX + \"new-checkout\"\n\n\nclass Flag(str, Enum):\n    BETA = \"beta\"\n";
    private const string Cart = "from app.flags import NEW_CHECKOUT\nimport app.flags as f\n\n\ndef run(client, key):\n    client.is_enabled(NEW_CHECKOUT)\n    client.is_enabled(f.Flag.BETA)\n    client.is_enabled(key)\n";
    private const string Registry = "version: 1\nflags:\n  shop.new-checkout:\n    description: d\n    owner: o\n    type: operational\n";

    private static TempDirectory Tree()
    {
        var dir = new TempDirectory();
        dir.Write("flags.yaml", Registry);
        dir.Write("app/__init__.py", "");
        dir.Write("app/flags.py", Names);
        dir.Write("app/cart.py", Cart);
        return dir;
    }

    [Fact]
    public void Scan_json_gives_the_constant_value_and_where_it_is_declared()
    {
        using var dir = Tree();

        var result = CliRunner.Run(dir.Path, ["scan", ".", "--format", "json", "--no-cache"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var usages = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("usages").EnumerateArray().ToList();
        Assert.Equal(["shop.new-checkout", "beta", null], usages.Select(u => u.GetProperty("flag").GetString()));
        var declared = usages[0].GetProperty("declaredAt");
        Assert.Equal(("app/flags.py", 4, 1), (declared.GetProperty("file").GetString(), declared.GetProperty("line").GetInt32(), declared.GetProperty("column").GetInt32()));
        Assert.Equal("shop.new-checkout", usages[0].GetProperty("registryKey").GetString());
        Assert.Equal(8, usages[1].GetProperty("declaredAt").GetProperty("line").GetInt32());
        Assert.Equal("key is not a constant assigned or imported at the top level of app/cart.py", usages[2].GetProperty("unresolved").GetString());
    }

    [Fact]
    public void Check_sees_a_check_through_a_constant_as_a_use_of_the_registered_flag()
    {
        using var dir = Tree();

        var findings = FlagLintFindings.Of(dir.Path);

        Assert.DoesNotContain(findings, f => f.Rule == "unused-flag" || f.Line == 6);
        Assert.Contains(findings, f => f.Rule == "unregistered-flag" && f.Line == 7);
        Assert.Contains(findings, f => f.Rule == "dynamic-key" && f.Line == 8);
    }
}
