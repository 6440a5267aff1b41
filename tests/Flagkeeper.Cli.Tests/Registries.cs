namespace Flagkeeper.Cli.Tests;

/// <summary>Registry texts shared by the CLI tests.</summary>
internal static class Registries
{
    /// <summary>A valid registry with one flag of each common shape.</summary>
    public const string Valid = """
        version: 1
        environments: [development, staging, production]
        flags:
          new-checkout:
            description: New checkout flow
            owner: payments-team
            type: release
            expires: 2027-03-31
            enabled: true
            default: false
            rollout: 25
            environments:
              production: { enabled: true, rollout: 10 }
            requires: [payments-v2]
            aliases: [NEW_CHECKOUT]
          payments-v2:
            description: Payments v2 client
            owner: payments-team
            type: operational
            enabled: true
        """;

    /// <summary>A registry of <paramref name="count"/> valid operational flags named flag-0 … flag-(n-1).</summary>
    public static string Many(int count)
    {
        var text = new System.Text.StringBuilder("version: 1\nflags:\n");
        for (var i = 0; i < count; i++)
        {
            text.Append($"  # flag number {i}\n  flag-{i}:\n    description: Flag {i}\n    owner: team-{i}\n    type: operational\n    enabled: true\n    rollout: 0\n\n");
        }
        return text.ToString();
    }
}
