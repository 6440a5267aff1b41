using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Analysis.Tests.Checks;

/// <summary>Delivery modes from tags and option values, and the subject of a whole commit message.</summary>
public class DeliveryModeAndMessageTests
{
    // ------------------------------------------------------------------ DeliveryModes.FromTag

    [Theory]
    [InlineData("feat: x [T-2026-01-15-001] [MODE:F]", DeliveryMode.F)]
    [InlineData("feat: x [T-2026-01-15-001] [MODE:NF]", DeliveryMode.NF)]
    [InlineData("[MODE:NF] at the start", DeliveryMode.NF)]
    public void FromTag_reads_an_exact_tag(string subject, DeliveryMode expected)
    {
        Assert.Equal(expected, DeliveryModes.FromTag(subject));
    }

    [Theory]
    [InlineData("feat: x [T-2026-01-15-001]")]
    [InlineData("")]
    [InlineData("feat: x [MODE:nf]")]
    [InlineData("feat: x [MODE:f]")]
    [InlineData("feat: x [mode:F]")]
    [InlineData("feat: x [MODE: F]")]
    [InlineData("feat: x [MODE:X]")]
    [InlineData("feat: x MODE:F")]
    public void FromTag_is_null_without_an_exact_tag(string subject)
    {
        Assert.Null(DeliveryModes.FromTag(subject));
    }

    // ------------------------------------------------------------------ DeliveryModes.TryParse

    [Theory]
    [InlineData("f", DeliveryMode.F)]
    [InlineData("F", DeliveryMode.F)]
    [InlineData("nf", DeliveryMode.NF)]
    [InlineData("NF", DeliveryMode.NF)]
    [InlineData(" NF ", DeliveryMode.NF)]
    [InlineData("nF", DeliveryMode.NF)]
    [InlineData("\tf\n", DeliveryMode.F)]
    public void TryParse_accepts_either_mode_in_any_case(string text, DeliveryMode expected)
    {
        Assert.True(DeliveryModes.TryParse(text, out var mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("X")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("N F")]
    [InlineData("FF")]
    [InlineData("[MODE:F]")]
    public void TryParse_rejects_anything_else(string? text)
    {
        Assert.False(DeliveryModes.TryParse(text, out _));
    }

    // ------------------------------------------------------------------ CommitMessages.Subject

    [Fact]
    public void The_subject_is_the_first_line()
    {
        Assert.Equal("feat: x", CommitMessages.Subject("feat: x\n\nbody line\n"));
    }

    [Fact]
    public void Leading_blank_and_comment_lines_are_skipped()
    {
        const string message = "\n   \n# Please enter the commit message\n#\n\t\nfeat: x [T-2026-01-15-001] [MODE:F]\n\nbody\n";
        Assert.Equal("feat: x [T-2026-01-15-001] [MODE:F]", CommitMessages.Subject(message));
    }

    [Fact]
    public void Trailing_whitespace_is_trimmed_but_leading_whitespace_is_kept()
    {
        Assert.Equal("feat: x", CommitMessages.Subject("feat: x   \t\n"));
        Assert.Equal("  feat: x", CommitMessages.Subject("  feat: x\n"));
    }

    [Fact]
    public void Nothing_below_the_scissors_line_counts()
    {
        const string message = "\n# ------------------------ >8 ------------------------\n# Do not modify or remove the line above.\nfeat: x\ndiff --git a/x b/x\n";
        Assert.Equal("", CommitMessages.Subject(message));
    }

    [Fact]
    public void A_subject_above_the_scissors_line_is_found()
    {
        const string message = "fix: y\n# ------------------------ >8 ------------------------\nfeat: x\n";
        Assert.Equal("fix: y", CommitMessages.Subject(message));
    }

    [Fact]
    public void Crlf_messages_are_read_like_lf_ones()
    {
        Assert.Equal("feat: x [T-2026-01-15-001] [MODE:F]", CommitMessages.Subject("\r\n# comment\r\nfeat: x [T-2026-01-15-001] [MODE:F]\r\n\r\nbody\r\n"));
        Assert.Equal("", CommitMessages.Subject("\r\n# ------------------------ >8 ------------------------\r\nfeat: x\r\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("   \r\n\t\r\n")]
    public void A_message_without_a_subject_gives_empty_text(string message)
    {
        Assert.Equal("", CommitMessages.Subject(message));
    }

    [Fact]
    public void A_message_without_a_final_newline_works()
    {
        Assert.Equal("feat: x", CommitMessages.Subject("feat: x"));
    }

    [Fact]
    public void A_hash_not_at_the_start_of_the_line_is_text()
    {
        Assert.Equal("fix: issue #12", CommitMessages.Subject("fix: issue #12\n"));
    }
}
