using System.Text;
using Flagkeeper.Editing;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Tests;

/// <summary>
/// A registry worth chunking is loaded for an edit without its tree: the edit reads again only the flags it names
/// (<see cref="EditTree"/>). The file it writes must be, byte for byte, what the editor writes from the whole tree,
/// for every kind of edit and wherever the flag sits, and a chain of edits must stay exact.
/// </summary>
public class PartialTreeEditTests
{
    /// <summary>Flags in several shapes, blank lines and comments between them, enough of them to be read in chunks.</summary>
    private static string Registry()
    {
        var text = new StringBuilder("# the registry\nversion: 1\nenvironments: [dev, staging, prod]\nflags:\n");
        for (var i = 0; i < 400; i++)
        {
            if (i % 13 == 4)
            {
                text.Append("# a comment between flags\n\n");
            }
            text.Append($"  flag-{i:D4}:\n    description: Flag number {i} of the partial-tree tests\n    owner: team-{i % 7}\n");
            text.Append("    type: operational\n").Append($"    enabled: {(i % 2 == 0 ? "true" : "false")}\n");
            if (i % 3 == 1)
            {
                text.Append("    environments:\n      staging: { enabled: true, rollout: 25 }\n      prod:\n        enabled: false\n");
            }
            if (i % 5 == 2)
            {
                text.Append("    targeting:\n      users: [ann, bob]\n");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    public static TheoryData<string, RegistryEdit> EditsEverywhere => new()
    {
        { "first flag on", new SetFlagValue("flag-0000", null, "enabled", false) },
        { "second flag rollout", new SetFlagValue("flag-0001", null, "rollout", 40) },
        { "middle flag in an existing environment", new SetFlagValue("flag-0199", "prod", "enabled", true) },
        { "middle flag in a new environment", new SetFlagValue("flag-0200", "staging", "rollout", 5) },
        { "last flag off", new SetFlagValue("flag-0399", null, "enabled", false) },
        { "targeting replaced", new SetTargeting("flag-0202", null, new TargetingSpec(["carol"], [new TargetedGroup("beta", 10)], [], [])) },
        { "targeting added in an environment", new SetTargeting("flag-0250", "staging", new TargetingSpec(["dan"], [], [], [])) },
        { "first flag removed", new RemoveFlag("flag-0000") },
        { "middle flag removed", new RemoveFlag("flag-0213") },
        { "last flag removed", new RemoveFlag("flag-0399") },
        { "flag added", new AddFlag("flag-new", [new("description", "New"), new("owner", "team-x"), new("type", "operational")]) },
    };

    [Theory]
    [MemberData(nameof(EditsEverywhere))]
    public void An_edit_planned_on_the_flags_it_names_writes_what_the_whole_tree_writes(string what, RegistryEdit edit)
    {
        using var dir = new TempDirectory();
        var text = Registry();
        var path = dir.Write("flags.yaml", text);
        var loaded = LoadedWithoutTree(path);

        var outcome = RegistryFileEditor.Edit(path, "flags.yaml", [edit], Edits.Validate, TimeSpan.FromSeconds(10), loaded);

        Assert.False(outcome.Failed, $"{what}: {string.Join("; ", outcome.Errors)}");
        Assert.Equal(WholeTreeEdit(text, edit), File.ReadAllText(path));
    }

    [Fact]
    public void A_chain_of_edits_each_on_the_last_outcome_writes_what_the_whole_tree_writes()
    {
        using var dir = new TempDirectory();
        var text = Registry();
        var path = dir.Write("flags.yaml", text);
        RegistryEdit[] chain =
        [
            new SetFlagValue("flag-0100", "staging", "enabled", false),
            new SetFlagValue("flag-0100", "prod", "rollout", 0),
            new RemoveFlag("flag-0050"),
            new SetFlagValue("flag-0300", null, "enabled", false),
            new SetFlagValue("flag-0399", null, "rollout", 1),
        ];

        var loaded = LoadedWithoutTree(path);
        var expected = text;
        foreach (var edit in chain)
        {
            var outcome = RegistryFileEditor.Edit(path, "flags.yaml", [edit], Edits.Validate, TimeSpan.FromSeconds(10), loaded);
            Assert.False(outcome.Failed, string.Join("; ", outcome.Errors));
            expected = WholeTreeEdit(expected, edit);
            Assert.Equal(expected, File.ReadAllText(path));
            loaded = outcome.Value.Registry!;
            Assert.Null(loaded.Source!.Document);
        }
        Assert.Equal(RegistryReader.Read(path, "flags.yaml", expected).Registry!.Flags.Count, loaded.Flags.Count);
    }

    [Fact]
    public void An_edit_of_a_flag_that_is_not_there_says_so()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Registry());

        var outcome = RegistryFileEditor.Edit(path, "flags.yaml", [new SetFlagValue("nope", null, "enabled", true)], Edits.Validate, TimeSpan.FromSeconds(10), LoadedWithoutTree(path));

        Assert.True(outcome.Failed);
        Assert.Contains("'nope'", outcome.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_partial_tree_holds_the_named_flags_and_the_first_two_and_the_last_only()
    {
        var text = Registry();
        var before = RegistryReader.Read("/r/flags.yaml", "flags.yaml", text, null, keepSource: true);

        var root = EditTree.TryPartial(before, text, [new SetFlagValue("flag-0123", null, "enabled", true), new RemoveFlag("flag-0321")]);

        Assert.NotNull(root);
        var flags = (Documents.MappingNode)root.Find("flags")!.Value;
        Assert.Equal(["flag-0000", "flag-0001", "flag-0123", "flag-0321", "flag-0399"], flags.Entries.Select(e => e.KeyText));
        Assert.Equal(["version", "environments", "flags"], root.Entries.Select(e => e.KeyText));
        Assert.Equal(text.TrimEnd('\n').Length, flags.End.Index);
        // Another text than the one the lines were taken from: no partial tree.
        Assert.Null(EditTree.TryPartial(before, "\n" + text, [new RemoveFlag("flag-0321")]));
    }

    [Fact]
    public void Many_edits_at_once_find_their_flags_in_one_pass_and_write_what_the_whole_tree_writes()
    {
        using var dir = new TempDirectory();
        var text = Registry();
        var path = dir.Write("flags.yaml", text);
        // As `kill --all` plans them: one edit per flag (enough to be read on both cores), in file order or not, and
        // a flag edited twice.
        var edits = new List<RegistryEdit>();
        for (var i = 399; i >= 0; i--)
        {
            edits.Add(new SetFlagValue($"flag-{i:D4}", null, "enabled", i % 3 == 0));
        }
        edits.Add(new SetFlagValue("flag-0397", "prod", "rollout", 0));
        edits.Add(new SetFlagValue("flag-0001", null, "rollout", 10));

        var root = EditTree.TryPartial(RegistryReader.Read("/r/flags.yaml", "flags.yaml", text, null, keepSource: true), text, edits);
        var named = edits.Select(e => e.Key).Append("flag-0000").Append("flag-0399").Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(named, ((Documents.MappingNode)root!.Find("flags")!.Value).Entries.Select(e => e.KeyText).Order(StringComparer.Ordinal));

        var outcome = RegistryFileEditor.Edit(path, "flags.yaml", edits, Edits.Validate, TimeSpan.FromSeconds(10), LoadedWithoutTree(path));

        Assert.False(outcome.Failed, string.Join("; ", outcome.Errors));
        var whole = new YamlRegistryEditor(text, "flags.yaml");
        Assert.All(edits, edit => Assert.Null(whole.Apply(edit)));
        Assert.Equal(whole.Edited().Value, File.ReadAllText(path));
        // One key among many that no flag has: the edit says so and writes nothing.
        var missing = RegistryFileEditor.Edit(path, "flags.yaml", [.. edits, new SetFlagValue("flag-04", null, "enabled", true)], Edits.Validate, TimeSpan.FromSeconds(10), LoadedWithoutTree(path));
        Assert.True(missing.Failed);
        Assert.Contains("'flag-04'", missing.Errors[0].Message, StringComparison.Ordinal);
    }

    private static FlagRegistry LoadedWithoutTree(string path)
    {
        var read = RegistryReader.ReadFile(path, "flags.yaml", null, keepSource: true);
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        Assert.Null(read.Registry!.Source!.Document); // read in chunks: the partial tree is what is tested
        Assert.NotNull(read.Registry.Source.Lines);
        return read.Registry;
    }

    /// <summary>The editor's text from a whole parse of <paramref name="text"/>.</summary>
    private static string WholeTreeEdit(string text, RegistryEdit edit)
    {
        var editor = new YamlRegistryEditor(text, "flags.yaml");
        Assert.Null(editor.Apply(edit));
        return editor.Edited().Value;
    }
}
