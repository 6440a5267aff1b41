namespace Flagkeeper.Web.Tests;

/// <summary>The flags.yaml the web tests serve: one flag per kind of decision.</summary>
internal static class Registries
{
    public const string Mixed = """
        version: 1
        environments: [dev, prod]
        flags:
          always-on: { enabled: true }
          always-off: { enabled: false }
          killed-default-on: { enabled: false, default: true }
          quarter:
            enabled: true
            rollout: 25
            aliases: [QUARTER]
          beta-only:
            enabled: true
            rollout: 0
            targeting:
              users: [user-3, user-500]
              groups: [{ name: beta, rollout: 100 }, { name: staff, rollout: 50 }]
          not-for-blocked:
            enabled: true
            targeting: { exclude: { users: [user-7, user-42], groups: [blocked] } }
          needs-quarter: { enabled: true, rollout: 60, requires: [quarter] }
          half-default-on: { enabled: true, rollout: 50, default: true }
          prod-dark:
            enabled: true
            environments:
              prod: { enabled: false }
          banner:
            enabled: true
            rollout: 0
            targeting: { groups: [{ name: beta }] }
          gated: { enabled: true }
        """;

    /// <summary>Every key of <see cref="Mixed"/>, an alias and a key no registry declares.</summary>
    public static readonly string[] Keys =
    [
        "always-on", "always-off", "killed-default-on", "quarter", "QUARTER", "beta-only", "not-for-blocked",
        "needs-quarter", "half-default-on", "prod-dark", "banner", "gated", "no-such-flag",
    ];

    /// <summary>Group sets cycled over the users: none, one, two, an excluded one.</summary>
    public static readonly string[][] GroupSets = [[], ["beta"], ["staff"], ["blocked"], ["beta", "staff"], ["ring"]];
}
