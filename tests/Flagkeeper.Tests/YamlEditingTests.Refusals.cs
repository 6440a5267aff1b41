using Flagkeeper.Editing;

using static Flagkeeper.Tests.Edits;

namespace Flagkeeper.Tests;

public partial class YamlEditingTests
{
    [Fact]
    public void Adding_a_release_flag_without_expiry_is_FK3010_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3010", new AddFlag("no-expiry", [new("description", "d"), new("owner", "o"), new("type", "release")]));
    }

    [Fact]
    public void Removing_a_flag_another_flag_requires_is_FK3010_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3010", new RemoveFlag("checkout-v2"));
    }

    [Fact]
    public void Refusal_message_names_the_rule_that_would_break()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        var refused = Assert.Single(TryEdit(path, new RemoveFlag("checkout-v2")).Errors);

        Assert.Contains("unknown-prerequisite", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_an_out_of_range_rollout_is_FK3010_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3010", new SetFlagValue("checkout-v2", "production", "rollout", 150.0));
    }

    [Fact]
    public void Adding_a_flag_that_already_exists_is_refused_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3010", new AddFlag("kill-payments", [new("description", "d"), new("owner", "o"), new("type", "operational")]));
    }

    [Fact]
    public void An_error_that_was_already_there_does_not_block_an_edit()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  a:\n    rollout: 10\n";
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("a", null, "rollout", 20.0));

        Assert.Equal("version: 1\nflags:\n  a:\n    rollout: 20\n", dir.Read("flags.yaml"));
    }

    [Fact]
    public void Second_edit_refused_means_the_first_is_not_written_either()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3009",
            new SetFlagValue("checkout-v2", null, "rollout", 30.0),
            new SetFlagValue("ghost", null, "enabled", true));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("production")]
    public void Editing_a_flag_that_does_not_exist_is_FK3009_and_writes_nothing(string? environment)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3009", new SetFlagValue("ghost", environment, "enabled", true));
    }

    [Fact]
    public void Removing_a_flag_that_does_not_exist_is_FK3009_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        AssertRefused(path, "FK3009", new RemoveFlag("old-banner"));
    }

    [Theory]
    [InlineData("version: 1\nflags:\n  a:\n    owner: 'unterminated\n", "FK3001")]
    [InlineData("version: 1\nflags:\n  a: [1, 2\n  b: 3\n", "FK3001")]
    [InlineData("version: 1\nflags:\n  a:\n    ownr: x\n", "FK3003")]
    [InlineData("# nothing\n", "FK3002")]
    public void Editing_a_broken_file_is_an_error_and_writes_nothing(string text, string code)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", text);

        AssertRefused(path, code, new SetFlagValue("a", null, "enabled", true));
    }

    [Theory]
    [InlineData("rollout", 10.0)]
    [InlineData("enabled", false)]
    public void No_op_edit_returns_unchanged_and_does_not_touch_the_file(string field, object value)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));

        var outcome = Edit(path, new SetFlagValue("checkout-v2", null, field, value));

        Assert.False(outcome.Changed);
        Assert.Empty(outcome.Changes);
        Assert.Equal(Commented, dir.Read("flags.yaml"));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(path));
    }
}
