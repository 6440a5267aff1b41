using System.Diagnostics;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Analysis.Tests.Checks;

/// <summary>
/// The commit-subject convention: what is valid, what each failure says, the corrected example,
/// exempt subjects, custom types / pattern / exempt lists, and hostile input.
/// </summary>
public class CommitSubjectRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 14);

    private static readonly CommitSubjectRules Default = new(new CommitConvention { Preset = CommitPreset.Flagkeeper });

    private static SubjectVerdict Check(string subject) => Default.Check(subject, Today);

    private static void AssertInvalidWith(SubjectVerdict verdict, string problemFragment)
    {
        Assert.False(verdict.Valid);
        Assert.False(verdict.Exempt);
        Assert.True(
            verdict.Problems.Any(p => p.Contains(problemFragment, StringComparison.Ordinal)),
            $"expected a problem containing \"{problemFragment}\" in: [{string.Join(" | ", verdict.Problems)}]");
    }

    // ------------------------------------------------------------------ valid subjects

    public static TheoryData<string, string> TypesAndModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in new[] { "feat", "fix", "chore", "refactor", "revert", "test" })
        {
            data.Add(type, "F");
            data.Add(type, "NF");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TypesAndModes))]
    public void A_default_type_with_either_mode_is_valid(string type, string mode)
    {
        var verdict = Check($"{type}: add the new checkout [T-2026-01-15-001] [MODE:{mode}]");

        Assert.True(verdict.Valid, verdict.Explanation);
        Assert.False(verdict.Exempt);
        Assert.Empty(verdict.Problems);
        Assert.Null(verdict.Example);
        Assert.Equal("", verdict.Explanation);
    }

    [Fact]
    public void A_leap_day_task_id_is_valid()
    {
        Assert.True(Check("fix: leap [T-2024-02-29-7] [MODE:NF]").Valid);
    }

    // ------------------------------------------------------------------ each failure names its problem

    [Fact]
    public void No_type_is_reported()
    {
        var verdict = Check("add the new checkout [T-2026-01-15-001] [MODE:F]");
        AssertInvalidWith(verdict, "it does not start with a type and a colon");
        AssertInvalidWith(verdict, "feat:");
    }

    [Fact]
    public void An_unknown_long_form_type_suggests_feat()
    {
        var verdict = Check("feature: add the new checkout [T-2026-01-15-001] [MODE:F]");
        AssertInvalidWith(verdict, "unknown type 'feature' (did you mean 'feat'?)");
        Assert.StartsWith("feat: add the new checkout", verdict.Example, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capitalised_type_suggests_the_lower_case_one()
    {
        var verdict = Check("Feat: add the new checkout [T-2026-01-15-001] [MODE:F]");
        AssertInvalidWith(verdict, "unknown type 'Feat' (did you mean 'feat'?)");
        Assert.Equal("feat: add the new checkout [T-2026-01-15-001] [MODE:F]", verdict.Example);
    }

    [Fact]
    public void An_unknown_type_with_no_close_match_lists_the_types_without_a_guess()
    {
        var verdict = Check("xyzzy: add it [T-2026-01-15-001] [MODE:F]");
        AssertInvalidWith(verdict, "unknown type 'xyzzy'; use one of feat, fix, chore, refactor, revert, test");
        Assert.DoesNotContain(verdict.Problems, p => p.Contains("did you mean", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scope_is_reported()
    {
        var verdict = Check("feat(api): add the new checkout [T-2026-01-15-001] [MODE:F]");
        AssertInvalidWith(verdict, "the scope '(api)' is not part of the convention; write 'feat:'");
        Assert.Equal("feat: add the new checkout [T-2026-01-15-001] [MODE:F]", verdict.Example);
    }

    [Fact]
    public void A_bang_is_reported()
    {
        AssertInvalidWith(Check("feat!: breaking [T-2026-01-15-001] [MODE:F]"), "'!' after the type");
    }

    [Fact]
    public void A_missing_space_after_the_colon_is_reported()
    {
        var verdict = Check("feat:add the new checkout [T-2026-01-15-001] [MODE:F]");
        AssertInvalidWith(verdict, "put a space after the colon");
        Assert.Equal("feat: add the new checkout [T-2026-01-15-001] [MODE:F]", verdict.Example);
    }

    [Fact]
    public void A_missing_task_id_is_reported_and_the_example_uses_the_example_date()
    {
        var verdict = Check("feat: add the new checkout [MODE:NF]");
        AssertInvalidWith(verdict, "it has no task id [T-YYYY-MM-DD-NNN]");
        Assert.Equal("feat: add the new checkout [T-2026-03-14-001] [MODE:NF]", verdict.Example);
    }

    [Fact]
    public void A_bare_task_id_must_be_bracketed()
    {
        var verdict = Check("feat: add the new checkout T-2026-01-15-001 [MODE:F]");
        AssertInvalidWith(verdict, "the task id must be in brackets: [T-YYYY-MM-DD-NNN]");
        Assert.DoesNotContain(verdict.Problems, p => p.Contains("it has no task id", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_task_id_is_reported()
    {
        var verdict = Check("feat: add the new checkout [T-2026-1-1-1] [MODE:F]");
        AssertInvalidWith(verdict, "the task id [T-2026-1-1-1] is not T-YYYY-MM-DD-NNN");
        Assert.Equal("feat: add the new checkout [T-2026-03-14-001] [MODE:F]", verdict.Example);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("2025-02-29")]
    [InlineData("2026-04-31")]
    [InlineData("0000-01-01")]
    public void An_impossible_task_date_fails_although_the_pattern_matches(string date)
    {
        var subject = $"feat: add the new checkout [T-{date}-001] [MODE:F]";
        Assert.Matches(Default.Pattern, subject);

        var verdict = Check(subject);

        AssertInvalidWith(verdict, $"the task id's date {date} is not a real calendar date");
        Assert.Single(verdict.Problems);
        Assert.Equal("feat: add the new checkout [T-2026-03-14-001] [MODE:F]", verdict.Example);
    }

    [Fact]
    public void A_missing_mode_is_reported()
    {
        var verdict = Check("feat: add the new checkout [T-2026-01-15-001]");
        AssertInvalidWith(verdict, "it has no delivery mode [MODE:F] or [MODE:NF]");
        Assert.Equal("feat: add the new checkout [T-2026-01-15-001] [MODE:F]", verdict.Example);
    }

    [Fact]
    public void An_invalid_mode_is_reported()
    {
        var verdict = Check("feat: add the new checkout [T-2026-01-15-001] [MODE:X]");
        AssertInvalidWith(verdict, "the mode 'X' is not F or NF (upper case)");
        Assert.Equal("feat: add the new checkout [T-2026-01-15-001] [MODE:F]", verdict.Example);
    }

    [Theory]
    [InlineData("mode")]
    [InlineData("Mode")]
    public void A_lower_case_tag_name_is_named_as_the_problem(string tag)
    {
        var verdict = Check($"fix: handle it [T-2026-01-15-001] [{tag}:NF]");
        AssertInvalidWith(verdict, "write the mode tag in upper case: [MODE:NF]");
        Assert.Equal("fix: handle it [T-2026-01-15-001] [MODE:NF]", verdict.Example);
    }

    [Theory]
    [InlineData("f", "F")]
    [InlineData("nf", "NF")]
    [InlineData("Nf", "NF")]
    public void A_lower_case_mode_is_reported_and_the_example_upper_cases_it(string written, string corrected)
    {
        var verdict = Check($"fix: handle it [T-2026-01-15-001] [MODE:{written}]");
        AssertInvalidWith(verdict, $"the mode '{written}' is not F or NF (upper case)");
        Assert.Equal($"fix: handle it [T-2026-01-15-001] [MODE:{corrected}]", verdict.Example);
    }

    [Fact]
    public void A_lower_case_tag_name_is_reported()
    {
        var verdict = Check("fix: handle it [T-2026-01-15-001] [mode:F]");
        Assert.False(verdict.Valid);
        Assert.NotEmpty(verdict.Problems);
        Assert.Equal("fix: handle it [T-2026-01-15-001] [MODE:F]", verdict.Example);
    }

    [Fact]
    public void An_empty_summary_is_reported()
    {
        var verdict = Check("feat: [T-2026-01-15-001] [MODE:F]");
        AssertInvalidWith(verdict, "it has no summary after the type");
        Assert.Equal("feat: say what changed [T-2026-01-15-001] [MODE:F]", verdict.Example);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void An_empty_subject_is_reported_once(string subject)
    {
        var verdict = Check(subject);
        Assert.False(verdict.Valid);
        Assert.Equal(["the subject is empty"], verdict.Problems);
        Assert.Equal("feat: say what changed [T-2026-03-14-001] [MODE:F]", verdict.Example);
        Assert.Equal("the subject is empty. Example: feat: say what changed [T-2026-03-14-001] [MODE:F]", verdict.Explanation);
    }

    [Theory]
    [InlineData("feat: add the new checkout [MODE:F] [T-2026-01-15-001]")]
    [InlineData("feat: [T-2026-01-15-001] add the new checkout [MODE:F]")]
    [InlineData("feat: add the new checkout [T-2026-01-15-001] [MODE:F] trailing words")]
    public void Parts_in_the_wrong_order_are_reported(string subject)
    {
        var verdict = Check(subject);
        AssertInvalidWith(verdict, "its parts are out of order or there is extra text");
        Assert.NotNull(verdict.Example);
        Assert.True(Check(verdict.Example).Valid, verdict.Example);
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var verdict = Check("Feature(ui):add it");
        AssertInvalidWith(verdict, "unknown type 'Feature'");
        AssertInvalidWith(verdict, "the scope '(ui)'");
        AssertInvalidWith(verdict, "put a space after the colon");
        AssertInvalidWith(verdict, "it has no task id");
        AssertInvalidWith(verdict, "it has no delivery mode");
        Assert.Equal("feat: add it [T-2026-03-14-001] [MODE:F]", verdict.Example);
        Assert.Contains("; ", verdict.Explanation, StringComparison.Ordinal);
        Assert.EndsWith(". Example: feat: add it [T-2026-03-14-001] [MODE:F]", verdict.Explanation, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ the example round-trips

    public static TheoryData<string> BrokenSubjects() =>
    [
        "",
        "add the checkout",
        "feature: add the checkout [T-2026-01-15-042] [MODE:NF]",
        "Feat: add the checkout",
        "feat(api): add the checkout [T-2026-01-15-042]",
        "feat:add the checkout [MODE:nf]",
        "feat: add the checkout T-2026-01-15-042 [MODE:F]",
        "feat: add the checkout [T-2026-1-1-1] [MODE:F]",
        "feat: add the checkout [T-2026-02-30-001] [MODE:F]",
        "feat: add the checkout [T-2026-01-15-042] [MODE:X]",
        "feat: [T-2026-01-15-042] [MODE:F]",
        "feat: add the checkout [MODE:F] [T-2026-01-15-042]",
        "xyzzy: something odd",
        "fix!: a b  c   [T-2026-01-15-042]   [MODE:NF]",
        "  feat: leading space [T-2026-01-15-042] [MODE:F]",
    ];

    [Theory]
    [MemberData(nameof(BrokenSubjects))]
    public void The_example_is_itself_valid(string subject)
    {
        var verdict = Check(subject);

        Assert.False(verdict.Valid);
        Assert.NotEmpty(verdict.Problems);
        Assert.NotNull(verdict.Example);
        var again = Check(verdict.Example);
        Assert.True(again.Valid, $"example \"{verdict.Example}\" for \"{subject}\" is invalid: {again.Explanation}");
    }

    [Fact]
    public void The_example_keeps_the_parsed_summary_task_id_and_mode()
    {
        var verdict = Check("feature:  add   the checkout  [T-2026-01-15-042] [MODE:NF]");
        Assert.Equal("feat: add the checkout [T-2026-01-15-042] [MODE:NF]", verdict.Example);
    }

    // ------------------------------------------------------------------ exempt subjects

    [Theory]
    [InlineData("Merge branch 'x'")]
    [InlineData("Merge pull request #12 from a/b")]
    [InlineData("Revert \"feat: add it [T-2026-01-15-001] [MODE:F]\"")]
    [InlineData("fixup! feat: add it")]
    [InlineData("squash! feat: add it")]
    public void Git_generated_subjects_are_exempt(string subject)
    {
        var verdict = Check(subject);
        Assert.True(verdict.Valid);
        Assert.True(verdict.Exempt);
        Assert.Empty(verdict.Problems);
        Assert.Null(verdict.Example);
        Assert.True(Default.IsExempt(subject));
    }

    [Theory]
    [InlineData("merge branch 'x'")]
    [InlineData("Revert feat: add it")]
    [InlineData("fixup feat: add it")]
    [InlineData(" Merge branch 'x'")]
    public void Look_alikes_of_exempt_subjects_are_not_exempt(string subject)
    {
        var verdict = Check(subject);
        Assert.False(verdict.Exempt);
        Assert.False(verdict.Valid);
    }

    // ------------------------------------------------------------------ custom conventions

    [Fact]
    public void Custom_types_change_what_is_valid_and_the_suggestions()
    {
        var rules = new CommitSubjectRules(new CommitConvention { Preset = CommitPreset.Flagkeeper, CustomTypes = ["feat", "docs"] });

        Assert.True(rules.Check("docs: explain flags [T-2026-01-15-001] [MODE:NF]", Today).Valid);
        Assert.True(rules.Check("feat: add it [T-2026-01-15-001] [MODE:F]", Today).Valid);

        var fix = rules.Check("fix: repair it [T-2026-01-15-001] [MODE:F]", Today);
        AssertInvalidWith(fix, "unknown type 'fix'");
        AssertInvalidWith(fix, "use one of feat, docs");
        Assert.DoesNotContain(fix.Problems, p => p.Contains("chore", StringComparison.Ordinal));

        var doc = rules.Check("doc: explain flags [T-2026-01-15-001] [MODE:NF]", Today);
        AssertInvalidWith(doc, "unknown type 'doc' (did you mean 'docs'?)");
        Assert.Equal("docs: explain flags [T-2026-01-15-001] [MODE:NF]", doc.Example);

        var none = rules.Check("just words", Today);
        AssertInvalidWith(none, "(feat:, docs:)");
    }

    [Fact]
    public void Custom_types_without_feat_use_the_first_type_in_the_example()
    {
        var rules = new CommitSubjectRules(new CommitConvention { Preset = CommitPreset.Flagkeeper, CustomTypes = ["docs", "ops"] });
        var verdict = rules.Check("", Today);
        Assert.Equal("docs: say what changed [T-2026-03-14-001] [MODE:F]", verdict.Example);
        Assert.True(rules.Check(verdict.Example!, Today).Valid);
    }

    [Fact]
    public void The_default_pattern_escapes_types()
    {
        var rules = new CommitSubjectRules(new CommitConvention { Preset = CommitPreset.Flagkeeper, CustomTypes = ["c++", "feat"] });
        Assert.True(rules.Check("c++: speed [T-2026-01-15-001] [MODE:NF]", Today).Valid);
        Assert.False(rules.Check("cc: speed [T-2026-01-15-001] [MODE:NF]", Today).Valid);
        Assert.Equal(CommitSubjectRules.DefaultPattern(["c++", "feat"]), rules.Pattern);
    }

    private const string JiraPattern = @"^[A-Z]+-\d+ .+$";

    [Fact]
    public void A_custom_pattern_decides_validity_and_is_named_in_the_problem()
    {
        var rules = new CommitSubjectRules(new CommitConvention { Preset = CommitPreset.Flagkeeper, Pattern = JiraPattern });
        Assert.Equal(JiraPattern, rules.Pattern);

        Assert.True(rules.Check("SHOP-12 add the checkout", Today).Valid);

        var conventional = rules.Check("feat: add the checkout [T-2026-01-15-001] [MODE:F]", Today);
        Assert.False(conventional.Valid);
        Assert.Equal([$"it does not match the configured pattern `{JiraPattern}`"], conventional.Problems);
        Assert.Null(conventional.Example);
        Assert.Equal($"it does not match the configured pattern `{JiraPattern}`", conventional.Explanation);

        var words = rules.Check("just words", Today);
        Assert.False(words.Valid);
        AssertInvalidWith(words, $"it must match the configured pattern `{JiraPattern}`");
        Assert.Null(words.Example);
    }

    [Fact]
    public void A_task_id_with_an_impossible_date_fails_even_under_a_custom_pattern()
    {
        // Documented in docs/configuration.md: a [T-YYYY-MM-DD-...] tag's date must be real whatever the pattern.
        var rules = new CommitSubjectRules(new CommitConvention { Preset = CommitPreset.Flagkeeper, Pattern = JiraPattern });

        var verdict = rules.Check("SHOP-12 revert [T-2026-02-30-001]", Today);

        Assert.False(verdict.Valid);
        Assert.Contains("2026-02-30", verdict.Explanation, StringComparison.Ordinal);
        Assert.True(rules.Check("SHOP-12 revert [T-2026-02-28-001]", Today).Valid);
    }

    [Fact]
    public void Custom_exempt_replaces_the_default_list()
    {
        var rules = new CommitSubjectRules(new CommitConvention { Preset = CommitPreset.Flagkeeper, Exempt = ["^WIP\\b"] });

        var wip = rules.Check("WIP trying things", Today);
        Assert.True(wip.Valid);
        Assert.True(wip.Exempt);

        var merge = rules.Check("Merge branch 'x'", Today);
        Assert.False(merge.Exempt);
        Assert.False(merge.Valid);
    }

    [Fact]
    public void No_exempt_patterns_exempt_nothing()
    {
        var rules = new CommitSubjectRules(new CommitConvention { Preset = CommitPreset.Flagkeeper, Exempt = [] });
        Assert.False(rules.Check("fixup! feat: x", Today).Exempt);
    }

    [Fact]
    public void A_null_convention_or_subject_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => new CommitSubjectRules(null!));
        Assert.Throws<ArgumentNullException>(() => Default.Check((string)null!, Today));
    }

    // ------------------------------------------------------------------ TypeOf

    [Theory]
    [InlineData("feat(api)!: x", "feat")]
    [InlineData("feat: x", "feat")]
    [InlineData("Fix:x", "Fix")]
    [InlineData("feature(ui): x", "feature")]
    [InlineData("no colon", null)]
    [InlineData("", null)]
    [InlineData(": x", null)]
    [InlineData("1feat: x", null)]
    [InlineData("feat (api): x", null)]
    public void TypeOf_reads_the_conventional_type(string subject, string? expected)
    {
        Assert.Equal(expected, CommitSubjectRules.TypeOf(subject));
    }

    // ------------------------------------------------------------------ hostile input

    public static TheoryData<string> HostileSubjects() =>
    [
        "feat: " + string.Concat(Enumerable.Repeat("a ", 50_000)),
        "feat: a" + new string(' ', 100_000) + "x",
        "feat: a" + new string(' ', 100_000) + "[T-2026-01-15-001]" + new string(' ', 1000) + "[MODE:Q",
        string.Concat(Enumerable.Repeat("[T-", 33_334)),
        string.Concat(Enumerable.Repeat("[MODE:", 16_667)),
        new string('a', 100_000) + ":",
        "feat(" + new string('(', 100_000) + ": x",
        string.Concat(Enumerable.Repeat("T-2026-01-15-1 ", 7_000)),
        "feat: " + new string('x', 100_000) + " [T-2026-01-15-001] [MODE:F]",
    ];

    [Theory]
    [MemberData(nameof(HostileSubjects))]
    public void A_huge_subject_gets_a_verdict_quickly(string subject)
    {
        var clock = Stopwatch.StartNew();
        var verdict = Check(subject);
        clock.Stop();

        Assert.Equal(verdict.Valid, verdict.Problems.Count == 0); // a rejection always says why, an acceptance never complains
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_long_valid_subject_is_valid()
    {
        Assert.True(Check("feat: " + new string('x', 100_000) + " [T-2026-01-15-001] [MODE:F]").Valid);
    }

    [Theory]
    [InlineData("feat:\u0000add it [T-2026-01-15-001] [MODE:F]")]
    [InlineData("feat: add\u0007 it\u001b[31m [T-2026-01-15-001] [MODE:F]")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("feat: add it [T-2026-01-15-001\u0000] [MODE:F]")]
    [InlineData("feat: add it [T-2026-01-15-001] [MODE:F\u0000]")]
    [InlineData("\ud800feat: x")]
    public void Control_characters_give_a_verdict_without_throwing(string subject)
    {
        var verdict = Check(subject);
        if (!verdict.Valid)
        {
            Assert.NotEmpty(verdict.Problems);
        }
    }

    [Fact]
    public void A_nul_after_the_colon_is_not_a_space()
    {
        AssertInvalidWith(Check("feat:\u0000add it [T-2026-01-15-001] [MODE:F]"), "put a space after the colon");
    }
}
