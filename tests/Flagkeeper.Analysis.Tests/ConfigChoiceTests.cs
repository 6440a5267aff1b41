using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Tests;

/// <summary>Keys of flagkeeper.yaml whose values come from a fixed set: a mistyped value is FK1003 at its place, with "did you mean".</summary>
public class ConfigChoiceTests
{
    private static ConfigLoadResult Parse(string yaml) => ConfigLoader.Parse("flagkeeper.yaml", yaml);

    [Fact]
    public void The_commit_preset_defaults_to_conventional()
    {
        Assert.Equal(CommitPreset.Conventional, FlagkeeperConfig.Default.Commits.Preset);
        Assert.Equal(CommitConvention.ConventionalTypes, Parse("commits: {}\n").Config.Commits.Types);
    }

    [Theory]
    [InlineData("conventional", CommitPreset.Conventional)]
    [InlineData("flagkeeper", CommitPreset.Flagkeeper)]
    [InlineData("none", CommitPreset.None)]
    public void Each_commit_preset_binds(string name, CommitPreset preset)
    {
        var result = Parse($"commits:\n  preset: {name}\n");

        Assert.Empty(result.Errors);
        Assert.Equal(preset, result.Config.Commits.Preset);
    }

    [Fact]
    public void The_flagkeeper_preset_brings_its_own_types_unless_types_are_set()
    {
        Assert.Equal(CommitConvention.FlagkeeperTypes, Parse("commits: { preset: flagkeeper }\n").Config.Commits.Types);
        Assert.Equal(["feat", "ops"], Parse("commits: { preset: flagkeeper, types: [feat, ops] }\n").Config.Commits.Types);
    }

    [Theory]
    [InlineData("conventionnal", "did you mean 'conventional'?")]
    [InlineData("Flagkeeper", "did you mean 'flagkeeper'?")]
    [InlineData("angular", "found 'angular'")]
    public void An_unknown_commit_preset_is_FK1003_at_the_value(string name, string hint)
    {
        var result = Parse($"version: 1\ncommits:\n  preset: {name}\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("FK1003", error.Code);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 3, 11), error.Location);
        Assert.Contains("commits: preset must be conventional, flagkeeper or none", error.Message);
        Assert.Contains(hint, error.Message);
    }

    [Fact]
    public void Known_sdks_bind_in_any_case()
    {
        var result = Parse("sdks: [configcat, GrowthBook]\n");

        Assert.Empty(result.Errors);
        Assert.Equal(["configcat", "GrowthBook"], result.Config.Sdks);
    }

    [Theory]
    [InlineData("sdks: [nope]\n", 1, 8, "unknown SDK 'nope' in sdks (known SDKs: launchdarkly, configcat")]
    [InlineData("version: 1\nsdks:\n  - configcat\n  - launchdarkley\n", 4, 5, "unknown SDK 'launchdarkley' in sdks; did you mean 'launchdarkly'?")]
    [InlineData("sdks: [flagsmit]\n", 1, 8, "did you mean 'flagsmith'?")]
    public void An_unknown_sdk_is_FK1003_at_the_item(string yaml, int line, int column, string message)
    {
        var error = Assert.Single(Parse(yaml).Errors);

        Assert.Equal("FK1003", error.Code);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", line, column), error.Location);
        Assert.Contains(message, error.Message);
    }
}
