using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis.Tests;

/// <summary>The <c>live:</c> section of flagkeeper.yaml: checked like every other section, typos named with a guess.</summary>
public class LiveConfigTests
{
    private static ConfigLoadResult Parse(string yaml) => ConfigLoader.Parse("flagkeeper.yaml", yaml);

    [Fact]
    public void Live_section_gives_the_redis_configuration_and_namespace()
    {
        var result = Parse("live:\n  redis: redis.internal:6379,ssl=true\n  namespace: team-a\n");

        Assert.Empty(result.Errors);
        Assert.Equal("redis.internal:6379,ssl=true", result.Config.Live.Redis);
        Assert.Equal("team-a", result.Config.Live.Namespace);
    }

    [Fact]
    public void Absent_live_section_configures_nothing()
    {
        var result = Parse("version: 1\n");

        Assert.Empty(result.Errors);
        Assert.Null(result.Config.Live.Redis);
        Assert.Null(result.Config.Live.Namespace);
    }

    [Fact]
    public void Misspelt_key_in_live_is_FK1002_with_a_guess_at_its_place()
    {
        var result = Parse("live:\n  redis: localhost\n  namspace: team-a\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCodes.ConfigUnknownKey.Code, error.Code);
        Assert.Equal(new SourceLocation("flagkeeper.yaml", 3, 3), error.Location);
        Assert.Contains("did you mean 'namespace'", error.Message);
    }

    [Theory]
    [InlineData("live: localhost:6379\n")]
    [InlineData("live:\n  redis: '  '\n")]
    [InlineData("live:\n  redis: [a, b]\n")]
    [InlineData("live:\n  namespace: 'team a'\n")]
    [InlineData("live:\n  namespace: 'flagkeeper:{x}*'\n")]
    public void Wrong_values_in_live_are_FK1003(string yaml)
    {
        var result = Parse(yaml);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCodes.ConfigInvalidValue.Code, error.Code);
    }
}
