using Flagkeeper.Diagnostics;
using Flagkeeper.Validation;
using static Flagkeeper.Tests.TestRegistries;

namespace Flagkeeper.Tests;

/// <summary>
/// Every rule in <see cref="RuleCatalog.Registry"/>: it fires on a minimal broken registry, at the right line,
/// and nothing fires on the corrected one. Registries are read from text with paths inside a temp folder,
/// so scopes (parent and child folders) are real paths.
/// </summary>
public class RegistryValidatorTests
{
    /// <summary>Reads each (relative path, text) as a registry and validates them together.</summary>
    private static IReadOnlyList<Finding> Validate(TempDirectory dir, IReadOnlyDictionary<string, RuleSeverity>? severities, params (string Path, string Text)[] files)
    {
        var registries = files.Select(f => LoadOk(dir, f.Path, f.Text)).ToList();
        return new RegistryValidator(severities is null ? null : new RuleSeverities(severities)).Validate(registries);
    }

    private static IReadOnlyList<Finding> Validate(string text)
    {
        using var dir = new TempDirectory();
        return Validate(dir, null, ("flags.yaml", text));
    }

    private static string Describe(IEnumerable<Finding> findings) =>
        string.Join("\n", findings.Select(f => $"{f.Rule} {f.Severity} {f.Location}: {f.Message}"));

    private static Finding Single(IReadOnlyList<Finding> findings, RuleDescriptor rule)
    {
        var matching = findings.Where(f => f.Rule == rule.Id).ToList();
        Assert.True(matching.Count == 1, $"expected one {rule.Id} finding, got:\n{Describe(findings)}");
        return matching[0];
    }

    private static void AssertClean(IReadOnlyList<Finding> findings) => Assert.True(findings.Count == 0, Describe(findings));

    public static TheoryData<string, string, string, int> Rules => new()
    {
        // rule id, broken registry, fixed registry, line of the finding
        { "invalid-key", RegistryText(Flag("bad key!")), RegistryText(Flag("good-key")), 3 },
        { "invalid-key", RegistryText(Flag(new string('k', 129))), RegistryText(Flag(new string('k', 128))), 3 },
        { "invalid-key", RegistryText(Flag("\"caf\u00e9\"")), RegistryText(Flag("cafe.v2:x_y-z")), 3 },
        { "duplicate-flag", RegistryText(Flag("f"), Flag("g"), Flag("f")), RegistryText(Flag("f"), Flag("g"), Flag("h")), 11 },
        { "duplicate-flag", RegistryText(Flag("f"), Flag("F")), RegistryText(Flag("f"), Flag("G")), 7 },
        { "duplicate-flag", RegistryText(Flag("f", "    aliases: [g]\n"), Flag("g")), RegistryText(Flag("f", "    aliases: [old-f]\n"), Flag("g")), 7 },
        { "duplicate-flag", RegistryText(Flag("f", "    aliases: [old]\n"), Flag("g", "    aliases: [old]\n")),
          RegistryText(Flag("f", "    aliases: [old-f]\n"), Flag("g", "    aliases: [old-g]\n")), 12 },
        { "missing-description", "version: 1\nflags:\n  f:\n    owner: o\n    type: operational\n", RegistryText(Flag("f")), 3 },
        { "missing-description", "version: 1\nflags:\n  f:\n    description: \"  \"\n    owner: o\n    type: operational\n", RegistryText(Flag("f")), 3 },
        { "missing-owner", "version: 1\nflags:\n  f:\n    description: d\n    type: operational\n", RegistryText(Flag("f")), 3 },
        { "missing-owner", "version: 1\nflags:\n  f:\n    description: d\n    owner:\n    type: operational\n", RegistryText(Flag("f")), 3 },
        { "missing-type", "version: 1\nflags:\n  f:\n    description: d\n    owner: o\n", RegistryText(Flag("f")), 3 },
        { "unknown-type", "version: 1\nflags:\n  f:\n    description: d\n    owner: o\n    type: toggle\n", RegistryText(Flag("f")), 6 },
        { "unknown-type", "version: 1\nflags:\n  f:\n    description: d\n    owner: o\n    type: Release\n",
          "version: 1\nflags:\n  f:\n    description: d\n    owner: o\n    type: release\n    expires: 2027-01-01\n", 6 },
        { "missing-expiry", "version: 1\nflags:\n  f:\n    description: d\n    owner: o\n    type: release\n",
          "version: 1\nflags:\n  f:\n    description: d\n    owner: o\n    type: release\n    expires: 2027-01-01\n", 3 },
        { "missing-expiry", "version: 1\nflags:\n  f:\n    description: d\n    owner: o\n    type: experiment\n",
          "version: 1\nflags:\n  f:\n    description: d\n    owner: o\n    type: experiment\n    expires: 2027-01-01\n", 3 },
        { "invalid-date", RegistryText(Flag("f", "    expires: 2026-02-30\n")), RegistryText(Flag("f", "    expires: 2026-02-28\n")), 7 },
        { "invalid-date", RegistryText(Flag("f", "    expires: 2026-2-3\n")), RegistryText(Flag("f", "    expires: 2026-02-03\n")), 7 },
        { "invalid-date", RegistryText(Flag("f", "    created: yesterday\n")), RegistryText(Flag("f", "    created: 2026-01-01\n")), 7 },
        { "invalid-rollout", RegistryText(Flag("f", "    rollout: 150\n")), RegistryText(Flag("f", "    rollout: 100\n")), 7 },
        { "invalid-rollout", RegistryText(Flag("f", "    rollout: -1\n")), RegistryText(Flag("f", "    rollout: 0\n")), 7 },
        { "invalid-rollout", RegistryText(Flag("f", "    rollout: .nan\n")), RegistryText(Flag("f", "    rollout: 0.5\n")), 7 },
        { "invalid-rollout", RegistryText(Flag("f", "    environments:\n      prod: { rollout: 101 }\n")),
          RegistryText(Flag("f", "    environments:\n      prod: { rollout: 99.9 }\n")), 8 },
        { "unknown-environment", "version: 1\nenvironments: [prod, staging]\nflags:\n" + Flag("f", "    environments:\n      production: { rollout: 5 }\n"),
          "version: 1\nenvironments: [prod, staging]\nflags:\n" + Flag("f", "    environments:\n      prod: { rollout: 5 }\n"), 9 },
        { "unknown-prerequisite", RegistryText(Flag("f", "    requires: [ghost]\n")), RegistryText(Flag("f", "    requires: [g]\n"), Flag("g")), 7 },
        { "prerequisite-cycle", RegistryText(Flag("a", "    requires: [b]\n"), Flag("b", "    requires: [a]\n")),
          RegistryText(Flag("a", "    requires: [b]\n"), Flag("b")), 7 },
        { "prerequisite-cycle", RegistryText(Flag("a", "    requires: [a]\n")), RegistryText(Flag("a")), 7 },
        { "invalid-rollout", RegistryText(Flag("f", "    targeting:\n      groups: [{ name: beta, rollout: 120 }]\n")),
          RegistryText(Flag("f", "    targeting:\n      groups: [{ name: beta, rollout: 20 }]\n")), 8 },
        { "invalid-targeting", RegistryText(Flag("f", "    targeting:\n      groups:\n        - rollout: 5\n")),
          RegistryText(Flag("f", "    targeting:\n      groups:\n        - { name: beta, rollout: 5 }\n")), 9 },
        { "invalid-targeting", RegistryText(Flag("f", "    targeting:\n      users: [ann, bo, ann]\n")),
          RegistryText(Flag("f", "    targeting:\n      users: [ann, bo]\n")), 8 },
        { "invalid-targeting", RegistryText(Flag("f", "    environments:\n      prod:\n        targeting: { groups: [beta, beta] }\n")),
          RegistryText(Flag("f", "    environments:\n      prod:\n        targeting: { groups: [beta] }\n")), 9 },
        { "targeting-conflict", RegistryText(Flag("f", "    targeting:\n      users: [ann]\n      exclude: { users: [ann] }\n")),
          RegistryText(Flag("f", "    targeting:\n      users: [ann]\n      exclude: { users: [bo] }\n")), 8 },
        { "targeting-conflict", RegistryText(Flag("f", "    targeting:\n      groups: [beta]\n      exclude: { groups: [beta] }\n")),
          RegistryText(Flag("f", "    targeting:\n      groups: [beta]\n      exclude: { groups: [ops] }\n")), 8 },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_fires_once_on_the_broken_registry_at_its_line(string rule, string broken, string fixedText, int line)
    {
        _ = fixedText;
        var finding = Single(Validate(broken), RuleCatalog.Registry.Single(r => r.Id == rule));

        Assert.Equal(new SourceLocation("flags.yaml", line, finding.Location!.Value.Column), finding.Location);
        Assert.True(finding.Location.Value.Column >= 1);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        Assert.NotNull(finding.Flag);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Nothing_fires_on_the_fixed_registry(string rule, string broken, string fixedText, int line)
    {
        _ = (rule, broken, line);

        AssertClean(Validate(fixedText));
    }

    [Fact]
    public void Every_rule_has_a_broken_case_in_the_table()
    {
        var covered = Rules.Select(row => (string)row[0]).ToHashSet();

        Assert.Equal(RuleCatalog.Registry.Select(r => r.Id).Order(), covered.Order());
    }

    [Fact]
    public void Keys_that_differ_only_by_case_are_found_outside_lowercase_ascii_too()
    {
        // Lowercase ASCII keys skip the case-insensitive comparison; other keys, and a hand-built registry that repeats a
        // key in its flags, still get it.
        var accented = Single(Validate(RegistryText(Flag("\"g\u00e4rten\""), Flag("\"G\u00c4RTEN\""))), RuleCatalog.DuplicateFlag);
        using var dir = new TempDirectory();
        var loaded = LoadOk(dir, "flags.yaml", RegistryText(Flag("f"), Flag("g")));
        var repeated = loaded with { Flags = [loaded.Flags[0], loaded.Flags[0] with { Location = loaded.Flags[1].Location }] };
        var handBuilt = Single(new RegistryValidator().Validate([repeated]), RuleCatalog.DuplicateFlag);

        Assert.Equal(7, accented.Location!.Value.Line);
        Assert.Contains("only by case", accented.Message, StringComparison.Ordinal);
        Assert.Equal(7, handBuilt.Location!.Value.Line);
        AssertClean(Validate(RegistryText(Flag("f"), Flag("g"), Flag("f-2.v3:x_y"))));
    }

    [Fact]
    public void Rule_ids_are_unique_and_every_rule_has_a_summary_and_fix()
    {
        Assert.Equal(RuleCatalog.Registry.Count, RuleCatalog.Registry.Select(r => r.Id).Distinct().Count());
        Assert.All(RuleCatalog.Registry, r =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", r.Id);
            Assert.Equal(GateIds.FlagLint, r.Gate);
            Assert.False(string.IsNullOrWhiteSpace(r.Summary));
            Assert.False(string.IsNullOrWhiteSpace(r.Fix));
        });
    }

    [Fact]
    public void Missing_description_is_a_warning_by_default_and_missing_owner_an_error()
    {
        var findings = Validate("version: 1\nflags:\n  f:\n    type: operational\n");

        Assert.Equal(RuleSeverity.Warning, Single(findings, RuleCatalog.MissingDescription).Severity);
        Assert.Equal(RuleSeverity.Error, Single(findings, RuleCatalog.MissingOwner).Severity);
    }

    [Theory]
    [InlineData("operational")]
    [InlineData("kill-switch")]
    [InlineData("permission")]
    public void Long_lived_types_need_no_expiry(string type)
    {
        AssertClean(Validate($"version: 1\nflags:\n  f:\n    description: d\n    owner: o\n    type: {type}\n"));
    }

    [Fact]
    public void Unknown_type_is_not_also_reported_as_missing_type_or_expiry()
    {
        var findings = Validate("version: 1\nflags:\n  f:\n    description: d\n    owner: o\n    type: toggle\n");

        Assert.Equal(["unknown-type"], findings.Select(f => f.Rule));
    }

    [Fact]
    public void Environment_overrides_are_free_when_the_registry_lists_no_environments()
    {
        AssertClean(Validate(RegistryText(Flag("f", "    environments:\n      anything: { rollout: 5 }\n      else:\n"))));
    }

    [Fact]
    public void Each_unknown_environment_is_reported_at_its_override()
    {
        var findings = Validate("version: 1\nenvironments: [prod]\nflags:\n" + Flag("f", "    environments:\n      prod: {}\n      qa: {}\n      dev: {}\n"));

        Assert.Equal([10, 11], findings.Where(f => f.Rule == "unknown-environment").Select(f => f.Location!.Value.Line));
    }

    [Fact]
    public void Out_of_range_rollout_in_flag_and_environment_are_both_reported()
    {
        var findings = Validate(RegistryText(Flag("f", "    rollout: 101\n    environments:\n      prod: { rollout: -5 }\n")));

        Assert.Equal([7, 9], findings.Where(f => f.Rule == "invalid-rollout").Select(f => f.Location!.Value.Line));
    }

    [Fact]
    public void Invalid_date_finding_points_at_the_date_value()
    {
        var finding = Single(Validate(RegistryText(Flag("f", "    expires: 2026-02-30\n"))), RuleCatalog.InvalidDate);

        Assert.Equal(new SourceLocation("flags.yaml", 7, 14), finding.Location);
        Assert.Contains("2026-02-30", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_flag_cycle_is_reported_once()
    {
        var findings = Validate(RegistryText(Flag("b", "    requires: [a]\n"), Flag("a", "    requires: [b]\n")));

        var cycle = Single(findings, RuleCatalog.PrerequisiteCycle);
        Assert.Equal("a", cycle.Flag);
        Assert.Contains("a -> b -> a", cycle.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_flag_cycle_is_reported_once_and_a_flag_leading_into_it_is_not_a_cycle()
    {
        var findings = Validate(RegistryText(
            Flag("a", "    requires: [b]\n"),
            Flag("b", "    requires: [c]\n"),
            Flag("c", "    requires: [a]\n"),
            Flag("d", "    requires: [a]\n")));

        var cycle = Single(findings, RuleCatalog.PrerequisiteCycle);
        Assert.Contains("a -> b -> c -> a", cycle.Message, StringComparison.Ordinal);
        Assert.Same(cycle, Assert.Single(findings));
    }

    [Fact]
    public void Self_cycle_is_reported()
    {
        var cycle = Single(Validate(RegistryText(Flag("a", "    requires: a\n"))), RuleCatalog.PrerequisiteCycle);

        Assert.Contains("a -> a", cycle.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_key_in_a_parent_and_a_child_registry_is_a_duplicate_reported_at_the_child()
    {
        using var dir = new TempDirectory();

        var findings = Validate(dir, null,
            ("flags.yaml", RegistryText(Flag("shared"))),
            ("services/api/flags.yaml", RegistryText(Flag("other"), Flag("shared"))));

        var duplicate = Single(findings, RuleCatalog.DuplicateFlag);
        Assert.Equal(new SourceLocation("services/api/flags.yaml", 7, 3), duplicate.Location);
        Assert.Contains("flags.yaml:3", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_key_in_sibling_folders_is_not_a_duplicate()
    {
        using var dir = new TempDirectory();

        AssertClean(Validate(dir, null,
            ("services/api/flags.yaml", RegistryText(Flag("shared"))),
            ("services/web/flags.yaml", RegistryText(Flag("shared")))));
    }

    [Fact]
    public void Folder_whose_name_starts_like_another_is_not_its_child()
    {
        using var dir = new TempDirectory();

        AssertClean(Validate(dir, null,
            ("api/flags.yaml", RegistryText(Flag("shared"))),
            ("api-v2/flags.yaml", RegistryText(Flag("shared")))));
    }

    [Fact]
    public void Same_key_in_two_registries_of_one_folder_is_reported_once()
    {
        using var dir = new TempDirectory();

        var findings = Validate(dir, null,
            ("flags.yaml", RegistryText(Flag("shared"))),
            ("flags.json", """{"version": 1, "flags": {"shared": {"description": "d", "owner": "o", "type": "operational"}}}"""));

        Single(findings, RuleCatalog.DuplicateFlag);
    }

    [Fact]
    public void Prerequisite_declared_in_a_parent_registry_is_known_to_the_child()
    {
        using var dir = new TempDirectory();

        AssertClean(Validate(dir, null,
            ("flags.yaml", RegistryText(Flag("base"))),
            ("app/flags.yaml", RegistryText(Flag("feature", "    requires: [base]\n")))));
    }

    [Fact]
    public void Prerequisite_declared_only_in_a_child_registry_is_unknown_to_the_parent()
    {
        using var dir = new TempDirectory();

        var findings = Validate(dir, null,
            ("flags.yaml", RegistryText(Flag("feature", "    requires: [local]\n"))),
            ("app/flags.yaml", RegistryText(Flag("local"))));

        Assert.Equal("flags.yaml", Single(findings, RuleCatalog.UnknownPrerequisite).Location?.File);
    }

    [Fact]
    public void Severity_off_drops_the_findings_of_a_rule()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  f:\n    description: d\n    type: operational\n";

        var findings = Validate(dir, new Dictionary<string, RuleSeverity> { ["missing-owner"] = RuleSeverity.Off }, ("flags.yaml", text));

        AssertClean(findings);
    }

    [Fact]
    public void Severity_override_changes_the_severity_of_a_rule_and_leaves_others_alone()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  f:\n    type: operational\n";
        var severities = new Dictionary<string, RuleSeverity>
        {
            ["missing-owner"] = RuleSeverity.Warning,
            ["missing-description"] = RuleSeverity.Error,
        };

        var findings = Validate(dir, severities, ("flags.yaml", text));

        Assert.Equal(RuleSeverity.Warning, Single(findings, RuleCatalog.MissingOwner).Severity);
        Assert.Equal(RuleSeverity.Error, Single(findings, RuleCatalog.MissingDescription).Severity);
        Assert.Equal(RuleSeverity.Warning, new RuleSeverities(severities).Of(RuleCatalog.MissingOwner));
        Assert.Equal(RuleSeverity.Error, new RuleSeverities(severities).Of(RuleCatalog.InvalidKey));
    }

    [Fact]
    public void Severity_override_applies_to_nested_duplicates_too()
    {
        using var dir = new TempDirectory();

        var findings = Validate(dir, new Dictionary<string, RuleSeverity> { ["duplicate-flag"] = RuleSeverity.Off },
            ("flags.yaml", RegistryText(Flag("shared"))),
            ("app/flags.yaml", RegistryText(Flag("shared"))));

        AssertClean(findings);
    }

    [Fact]
    public void Findings_are_sorted_by_file_line_and_column()
    {
        var findings = Validate("version: 1\nflags:\n  z:\n    type: toggle\n  a:\n    rollout: 500\n");

        var locations = findings.Select(f => (f.Location!.Value.Line, f.Location!.Value.Column)).ToList();
        Assert.Equal(locations.Order(), locations);
        Assert.True(findings.Count >= 5, Describe(findings));
    }
}
