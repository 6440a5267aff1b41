using Flagkeeper.Analysis.Configuration;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>Keys that are identifiers: environment-variable flags (prefix stripped) and kill switches. Every expected line and column is written out or computed from the test's own input text.</summary>
public class EnvAndKillSwitchTests
{
    // ---------------------------------------------------------------- environment variables

    [Theory]
    [InlineData("NEXT_PUBLIC_FEATURE_X")]
    [InlineData("VITE_FEATURE_FLAG_X")]
    [InlineData("REACT_APP_FEATURE_X")]
    [InlineData("VITE_FEATURE_X")]
    [InlineData("FEATURE_FLAG_X")]
    [InlineData("FEATURE_X")]
    public void Env_var_with_each_default_prefix_has_the_longest_prefix_stripped(string name)
    {
        var line = $"const on = process.env.{name} === 'true';";
        var usage = Single(ScanText("a.js", line + "\n"));

        Assert.Equal("X", usage.Flag);
        Assert.Equal("env-process", usage.Pattern);
        Assert.Equal(ColumnOf(line, "X ==="), usage.Column);
    }

    [Theory]
    [InlineData("a.ts", "if (import.meta.env.VITE_FEATURE_FLAG_SEARCH) {}", "SEARCH", "env-import-meta")]
    [InlineData("a.ts", "if (import.meta.env.VITE_FEATURE_SEARCH) {}", "SEARCH", "env-import-meta")]
    [InlineData("a.ts", "const x = process.env['FEATURE_FLAG_DARK'];", "DARK", "env-process")]
    [InlineData("a.py", "on = os.getenv(\"FEATURE_FLAG_BETA\")", "BETA", "env-python")]
    [InlineData("a.py", "on = os.environ[\"FEATURE_BETA\"]", "BETA", "env-python")]
    [InlineData("a.py", "on = os.environ.get('FEATURE_BETA', '0')", "BETA", "env-python")]
    [InlineData("a.cs", "var on = Environment.GetEnvironmentVariable(\"FEATURE_EXPORT\");", "EXPORT", "env-dotnet")]
    [InlineData("a.go", "if os.Getenv(\"FEATURE_FAST\") == \"1\" {", "FAST", "env-other")]
    public void Env_var_shapes_in_each_language(string file, string line, string key, string pattern)
    {
        var usage = Single(ScanText(file, line + "\n"));

        Assert.Equal(key, usage.Flag);
        Assert.Equal(pattern, usage.Pattern);
        Assert.Equal(UsageKind.Usage, usage.Kind);
    }

    [Theory]
    [InlineData("const env = process.env.NODE_ENV;")]
    [InlineData("const url = process.env.API_URL;")]
    [InlineData("const x = process.env.FEATURES_X;")]
    [InlineData("const x = FEATURE_X;")]
    public void Env_var_without_a_prefix_or_outside_an_env_read_is_not_reported(string line)
    {
        var result = ScanText("a.js", line + "\n");

        Assert.True(result.Usages.Count == 0, Describe(result));
    }

    [Fact]
    public void Custom_env_prefixes_from_config_replace_the_defaults()
    {
        var config = FlagkeeperConfig.Default with { EnvPrefixes = ["MYAPP_FLAG_", "MYAPP_"] };
        const string content = "a = process.env.MYAPP_FLAG_BETA;\nb = process.env.MYAPP_GAMMA;\nc = process.env.FEATURE_X;\n";

        var result = ScanText("a.js", content, config);

        Assert.Equal(["BETA", "GAMMA"], result.Usages.Select(u => u.Flag));
        Assert.Equal([1, 2], result.Usages.Select(u => u.Line));
    }

    // ---------------------------------------------------------------- kill switches

    [Theory]
    [InlineData("a.ts", "if (config.KILL_SWITCH_PAYMENTS) { return; }")]
    [InlineData("a.go", "if KILL_SWITCH_PAYMENTS {")]
    [InlineData("a.py", "if settings.KILL_SWITCH_PAYMENTS:")]
    [InlineData("a.java", "if (Switches.KILL_SWITCH_PAYMENTS) return;")]
    public void Kill_switch_identifier_is_its_own_key(string file, string line)
    {
        var usage = Single(ScanText(file, line + "\n"));

        Assert.Equal("KILL_SWITCH_PAYMENTS", usage.Flag);
        Assert.Equal("kill-switch", usage.Pattern);
        Assert.Equal(ColumnOf(line, "KILL_SWITCH_"), usage.Column);
    }
}
