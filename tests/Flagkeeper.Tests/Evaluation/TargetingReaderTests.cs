using Flagkeeper.Loading;
using static Flagkeeper.Tests.Evaluation.Evaluations;

namespace Flagkeeper.Tests.Evaluation;

/// <summary><c>targeting:</c> in flags.yaml and flags.json: what it binds to, and the errors for what it rejects.</summary>
public class TargetingReaderTests
{
    [Fact]
    public void Targeting_binds_users_groups_and_exclusions_with_their_lines()
    {
        const string yaml = """
            version: 1
            flags:
              k:
                targeting:
                  users: [ann, bo]
                  groups:
                    - { name: beta, rollout: 25% }
                    - staff
                  exclude: { users: [cy], groups: [blocked] }
                environments:
                  prod:
                    targeting: { users: dee }
            """;
        var flag = Load(yaml).Find("k")!;

        var targeting = flag.Targeting!;
        Assert.Equal(["ann", "bo"], targeting.Users.Select(u => u.Value));
        Assert.Equal([("beta", (double?)25), ("staff", null)], targeting.Groups.Select(g => (g.Name, g.Rollout)));
        Assert.Equal(7, targeting.Groups[0].Location.Line);
        Assert.Equal(["cy"], targeting.ExcludedUsers.Select(u => u.Value));
        Assert.Equal(["blocked"], targeting.ExcludedGroups.Select(g => g.Value));
        Assert.Equal(["dee"], flag.Environments.Single().Targeting!.Users.Select(u => u.Value));
    }

    [Fact]
    public void Targeting_reads_from_json_too()
    {
        var result = RegistryReader.Read("/repo/flags.json", "flags.json",
            """{ "version": 1, "flags": { "k": { "targeting": { "groups": [{ "name": "beta", "rollout": 5 }], "exclude": { "users": ["x"] } } } } }""");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(5, result.Registry!.Find("k")!.Targeting!.Groups.Single().Rollout);
    }

    [Theory]
    [InlineData("targeting: { user: [ann] }", "FK3003", "user")]
    [InlineData("targeting: { exclude: { user: [ann] } }", "FK3003", "user")]
    [InlineData("targeting: { groups: [{ name: beta, percent: 5 }] }", "FK3003", "percent")]
    [InlineData("targeting: { groups: [{ name: beta, rollout: lots }] }", "FK3004", "rollout")]
    [InlineData("targeting: [ann]", "FK3004", "targeting")]
    [InlineData("targeting: { users: { ann: 1 } }", "FK3004", "users")]
    public void Malformed_targeting_is_an_error_that_names_the_field(string field, string code, string named)
    {
        var result = RegistryReader.Read("/repo/flags.yaml", "flags.yaml", $"version: 1\nflags:\n  k:\n    {field}\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Descriptor.Code);
        Assert.Contains(named, error.Message);
        Assert.Equal(4, error.Location!.Value.Line);
    }
}
