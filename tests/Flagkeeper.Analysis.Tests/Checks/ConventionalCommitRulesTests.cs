using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Analysis.Tests.Checks;

/// <summary>
/// The conventional preset: every commitlint config-conventional rule both ways, breaking changes,
/// the corrected example, custom types, the none preset, and which rules each preset picks.
/// </summary>
public class ConventionalCommitRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 14);
    private static readonly ICommitRules Conventional = CommitRules.For(new CommitConvention());

    private static SubjectVerdict Check(string message) => Conventional.Check(CommitMessages.Parse(message), Today);

    private static string[] RuleIds(IEnumerable<string> problems) => [.. problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)])];

    [Theory]
    [InlineData("fix: correct the typo")]
    [InlineData("feat(api): add search")]
    [InlineData("fix(API): correct it")] // config-conventional has no scope-case rule
    [InlineData("feat(api)!: drop the v1 endpoint")]
    [InlineData("feat!: drop the v1 endpoint")]
    [InlineData("build: bump the sdk")]
    [InlineData("ci: cache packages")]
    [InlineData("docs: explain presets")]
    [InlineData("perf: skip binary files")]
    [InlineData("style: format")]
    [InlineData("revert: feat: add search")]
    [InlineData("chore: release 1.2.0")]
    [InlineData("refactor: one walker")]
    [InlineData("test: cover presets")]
    [InlineData("fix: handle `NullReferenceException`")]
    [InlineData("fix: 3 bugs")]
    [InlineData("fix: wait for it...")]
    [InlineData("feat: search box [T-2026-11-28-001] [MODE:F] (#42)")]
    public void Valid_headers_pass(string header)
    {
        var verdict = Check(header);

        Assert.True(verdict.Valid, string.Join(" | ", verdict.Problems));
        Assert.Empty(verdict.Warnings);
    }

    [Theory]
    [InlineData("Fix: correct the typo", new[] { "type-case", "type-enum" })]
    [InlineData("feature: add search", new[] { "type-enum" })]
    [InlineData("bugfix: correct it", new[] { "type-enum" })]
    [InlineData(": correct it", new[] { "type-empty" })]
    [InlineData("correct the typo", new[] { "type-empty", "subject-empty" })]
    [InlineData("fix:correct the typo", new[] { "type-empty", "subject-empty" })]
    [InlineData("fix: ", new[] { "subject-empty" })]
    [InlineData("fix: Correct the typo", new[] { "subject-case" })]
    [InlineData("fix: Correct The Typo", new[] { "subject-case" })]
    [InlineData("fix: CorrectTheTypo", new[] { "subject-case" })]
    [InlineData("fix: CORRECT THE TYPO", new[] { "subject-case" })]
    [InlineData("fix: correct the typo.", new[] { "subject-full-stop" })]
    [InlineData("Fixed stuff.", new[] { "type-empty", "subject-empty" })]
    public void Each_failure_is_named_by_its_commitlint_rule(string header, string[] rules)
    {
        var verdict = Conventional.Check(new CommitMessage(header, header, []), Today);

        Assert.False(verdict.Valid);
        Assert.Equal(rules, RuleIds(verdict.Problems));
    }

    [Fact]
    public void Header_of_100_characters_passes_and_101_fails_header_max_length()
    {
        var exactly = "fix: " + new string('a', 95);
        var over = exactly + "a";

        Assert.True(Check(exactly).Valid);
        Assert.Equal(["header-max-length"], RuleIds(Check(over).Problems));
        Assert.Contains("101 characters", Check(over).Problems[0]);
    }

    [Fact]
    public void Unknown_type_suggests_the_one_meant()
    {
        Assert.Contains("did you mean 'feat'?", Check("feature: add search").Problems[0]);
        Assert.Contains("did you mean 'docs'?", Check("doc: explain").Problems[0]);
    }

    [Fact]
    public void The_example_mends_what_can_be_mended()
    {
        Assert.Equal("fix(API): correct the typo", Check("Fix(API): Correct the typo.").Example);
        Assert.Equal("feat!: drop v1", Check("feature!: drop v1").Example);
        Assert.Null(Check("just words").Example);
    }

    [Theory]
    [InlineData("fix: a\nbody on the next line\n", "body-leading-blank")]
    [InlineData("fix: a\n\nbody\nBREAKING CHANGE: the old flag is gone\n", "footer-leading-blank")]
    public void Missing_blank_lines_are_warnings_not_errors(string message, string rule)
    {
        var verdict = Check(message);

        Assert.True(verdict.Valid);
        Assert.Equal([rule], RuleIds(verdict.Warnings));
    }

    [Theory]
    [InlineData("fix: a\n\nbody\n\nBREAKING CHANGE: the old flag is gone\n")]
    [InlineData("fix: a\n\nbody\n\nBREAKING-CHANGE: gone\nRefs: #12\n")]
    [InlineData("fix: a\n\n\n")]
    public void Blank_lines_where_they_belong_give_no_warning(string message) => Assert.Empty(Check(message).Warnings);

    [Theory]
    [InlineData("feat!: drop v1", true)]
    [InlineData("feat(api)!: drop v1", true)]
    [InlineData("fix: a\n\nBREAKING CHANGE: gone", true)]
    [InlineData("fix: a\n\nBREAKING-CHANGE: gone", true)]
    [InlineData("fix: a\n\nbreaking change: lower case is no footer", false)]
    [InlineData("fix: breaking change in the subject", false)]
    public void Breaking_changes_are_understood(string message, bool breaking) =>
        Assert.Equal(breaking, ConventionalCommitRules.IsBreaking(CommitMessages.Parse(message)));

    [Theory]
    [InlineData("Merge branch 'topic'")]
    [InlineData("Revert \"feat: add search\"")]
    [InlineData("fixup! feat: add search")]
    public void Git_generated_subjects_are_exempt(string subject) => Assert.True(Check(subject).Exempt);

    [Fact]
    public void Configured_types_replace_the_conventional_list()
    {
        var rules = CommitRules.For(new CommitConvention { CustomTypes = ["feat", "ops"] });

        Assert.True(rules.Check(CommitMessage.OfSubject("ops: rotate keys"), Today).Valid);
        Assert.Contains("type-enum", rules.Check(CommitMessage.OfSubject("fix: a"), Today).Problems[0]);
    }

    [Theory]
    [InlineData("feat: add search", true)]
    [InlineData("feat(api)!: drop v1", true)]
    [InlineData("fix: a", false)]
    [InlineData("Feat: add search", false)]
    [InlineData("add search", false)]
    public void Feature_commits_are_conventional_feat_in_conventional_and_none(string subject, bool feature)
    {
        Assert.Equal(feature, Conventional.IsFeature(subject));
        Assert.Equal(feature, CommitRules.For(new CommitConvention { Preset = CommitPreset.None }).IsFeature(subject));
    }

    [Fact]
    public void None_accepts_every_message()
    {
        var none = CommitRules.For(new CommitConvention { Preset = CommitPreset.None });

        Assert.True(none.Check(CommitMessage.OfSubject("WIP stuff."), Today).Valid);
        Assert.True(none.Check(CommitMessage.OfSubject(""), Today).Valid);
    }

    [Fact]
    public void Each_preset_and_a_custom_pattern_pick_their_rules()
    {
        Assert.IsType<ConventionalCommitRules>(CommitRules.For(new CommitConvention()));
        Assert.IsType<CommitSubjectRules>(CommitRules.For(new CommitConvention { Preset = CommitPreset.Flagkeeper }));
        var pattern = CommitRules.For(new CommitConvention { Preset = CommitPreset.None, Pattern = "^JIRA-\\d+ .+$" });
        Assert.IsType<CommitSubjectRules>(pattern);
        Assert.True(pattern.Check(CommitMessage.OfSubject("JIRA-12 fix it"), Today).Valid);
        var failed = pattern.Check(CommitMessage.OfSubject("fix: it"), Today);
        Assert.Equal(["it does not match the configured pattern `^JIRA-\\d+ .+$`"], failed.Problems);
        Assert.Null(failed.Example);
    }

    [Fact]
    public void Hostile_headers_end_quickly()
    {
        var huge = "feat(" + new string('(', 100_000) + "): " + new string('x', 100_000);

        var verdict = Check(huge);

        Assert.False(verdict.Valid);
        Assert.Contains("header-max-length", RuleIds(verdict.Problems));
    }
}
