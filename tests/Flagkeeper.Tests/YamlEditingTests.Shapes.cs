using Flagkeeper.Editing;

using static Flagkeeper.Tests.Edits;

namespace Flagkeeper.Tests;

public partial class YamlEditingTests
{
    [Fact]
    public void Set_value_of_a_flag_written_as_a_flow_mapping()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  a: { description: d, owner: o, type: operational }  # flow\n";
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("a", null, "rollout", 30.0));

        Assert.Equal("version: 1\nflags:\n  a: { description: d, owner: o, type: operational, rollout: 30 }  # flow\n", dir.Read("flags.yaml"));
    }

    [Fact]
    public void Set_new_environment_in_a_flow_environments_mapping()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n" + TestRegistries.Flag("a", "    environments: { prod: { rollout: 5 } } # envs\n");
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("a", "qa", "rollout", 30.0));

        Assert.Equal(text.Replace("{ prod: { rollout: 5 } }", "{ prod: { rollout: 5 }, qa: { rollout: 30 } }", StringComparison.Ordinal), dir.Read("flags.yaml"));
        Assert.Equal(30, ReadBack(path, "a").Environments.Single(e => e.Name == "qa").Rollout);
    }

    [Fact]
    public void Set_new_environment_on_a_flag_written_as_a_flow_mapping()
    {
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  a: { description: d, owner: o, type: operational }  # flow\n  b: { description: d, owner: o, type: operational }\n";
        var path = dir.Write("flags.yaml", text);

        Edit(path, new SetFlagValue("a", "qa", "rollout", 30.0));

        var lines = dir.Read("flags.yaml").Split('\n');
        Assert.Equal(text.Split('\n').Length, lines.Length);
        Assert.StartsWith("  a: { description: d, owner: o, type: operational, ", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("}  # flow", lines[2], StringComparison.Ordinal);
        Assert.Equal(30, ReadBack(path, "a").Environments.Single().Rollout);
    }

    [Theory]
    [InlineData("|")]
    [InlineData(">")]
    public void Set_new_field_on_a_flag_whose_last_field_is_a_block_scalar(string style)
    {
        using var dir = new TempDirectory();
        var a = $"  a:\n    owner: o\n    type: operational\n    description: {style}\n      long text\n      more\n";
        var b = "  b:\n    owner: o\n    type: operational\n    description: d\n";
        var path = dir.Write("flags.yaml", "version: 1\nflags:\n" + a + b);

        Edit(path, new SetFlagValue("a", null, "rollout", 30.0));

        Assert.Equal("version: 1\nflags:\n" + a + "    rollout: 30\n" + b, dir.Read("flags.yaml"));
    }

    [Fact]
    public void Remove_a_flag_whose_last_field_is_a_block_scalar()
    {
        using var dir = new TempDirectory();
        var a = "  a:\n    owner: o\n    type: operational\n    description: |\n      long text\n";
        var b = "  b:\n    owner: o\n    type: operational\n    description: d\n";
        var path = dir.Write("flags.yaml", "version: 1\nflags:\n" + a + b);

        Edit(path, new RemoveFlag("a"));

        Assert.Equal("version: 1\nflags:\n" + b, dir.Read("flags.yaml"));
    }

    [Fact]
    public void Set_value_on_a_flag_that_is_an_alias_does_not_change_the_anchored_flag()
    {
        // b is written as an alias of a; changing b must not silently change a as well.
        using var dir = new TempDirectory();
        var text = "version: 1\nflags:\n  a: &base\n    description: d\n    owner: o\n    type: operational\n  b: *base\n";
        var path = dir.Write("flags.yaml", text);

        if (TryEdit(path, new SetFlagValue("b", null, "rollout", 30.0)).Failed)
        {
            Assert.Equal(text, dir.Read("flags.yaml"));
            return;
        }
        Assert.Equal(30, ReadBack(path, "b").Rollout);
        Assert.Null(ReadBack(path, "a").Rollout);
    }

    [Fact]
    public void Rollout_given_as_a_whole_number_is_written_and_accepted()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Commented);

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30));

        Assert.Equal(30, ReadBack(path, "checkout-v2").Rollout);
    }

    [Fact]
    public void Edit_of_a_missing_file_creates_a_new_registry()
    {
        using var dir = new TempDirectory();
        var path = dir["flags.yaml"];

        Edit(path, new AddFlag("first", [new("description", "d"), new("owner", "o"), new("type", "operational")]));

        Assert.StartsWith(RegistryFileEditor.NewRegistryText, dir.Read("flags.yaml"), StringComparison.Ordinal);
        Assert.Equal("o", ReadBack(path, "first").Owner);
    }
}
