using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Editing;
using Flagkeeper.Registry;
using Flagkeeper.Validation;

namespace Flagkeeper.Tests;

/// <summary>
/// Edits of a 10,000-flag registry: the fast YAML reader must plan every edit exactly as the YamlDotNet tree
/// did, and the editor validates the registry as it was only when the edited one has errors.
/// </summary>
public class LargeRegistryEditTests
{
    private static readonly string Text = PlainYamlReaderTests.LargeRegistry(10_000);

    public static TheoryData<RegistryEdit> EditsOfEveryKind => new()
    {
        new SetFlagValue("flag-5000", null, "rollout", 42),
        new SetFlagValue("flag-5003", null, "enabled", false),
        new SetFlagValue("flag-5000", "production", "rollout", 7.5),
        new SetFlagValue("flag-5001", "staging", "enabled", true),
        new SetFlagValue("flag-5002", "development", "rollout", 1),
        new AddFlag("new-flag", [new("description", "d"), new("owner", "o"), new("type", "operational"), new("requires", new[] { "flag-1" })]),
        new RemoveFlag("flag-9999"),
        new RemoveFlag("flag-0"),
    };

    [Theory]
    [MemberData(nameof(EditsOfEveryKind))]
    public void An_edit_writes_the_same_bytes_as_with_the_yamldotnet_tree(RegistryEdit edit)
    {
        Assert.True(PlainYamlReader.TryRead(Text, DocumentLimits.Default, out var plain));
        var yamlDotNet = YamlDocumentReader.ReadWithYamlDotNet("flags.yaml", Text, DocumentLimits.Default, ErrorCodes.RegistrySyntax);

        var expected = new YamlRegistryEditor(Text, "flags.yaml", (MappingNode)yamlDotNet!);
        var actual = new YamlRegistryEditor(Text, "flags.yaml", (MappingNode)plain!);
        Assert.Null(expected.Apply(edit));
        Assert.Null(actual.Apply(edit));

        Assert.NotEqual(Text, actual.Edited().Value);
        Assert.Equal(expected.Edited().Value, actual.Edited().Value);
    }

    [Fact]
    public void An_edit_of_a_clean_registry_validates_once()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Text);
        var validations = 0;

        var edited = RegistryFileEditor.Edit(path, "flags.yaml", [new SetFlagValue("flag-5000", null, "rollout", 42)], Count, TimeSpan.FromSeconds(10));

        Assert.True(edited.Value.Changed);
        Assert.Equal(1, validations);
        Assert.Contains("\n    rollout: 42\n", File.ReadAllText(path), StringComparison.Ordinal);

        IReadOnlyList<Finding> Count(FlagRegistry registry)
        {
            validations++;
            return new RegistryValidator().Validate([registry]);
        }
    }

    [Fact]
    public void An_edit_of_a_registry_with_errors_still_refuses_only_new_ones()
    {
        using var dir = new TempDirectory();
        // flag-1 gets an invalid rollout: a known error, which does not block other edits.
        var at = Text.IndexOf("\n    rollout: 1\n", StringComparison.Ordinal);
        var path = dir.Write("flags.yaml", Text[..at] + "\n    rollout: 500\n" + Text[(at + "\n    rollout: 1\n".Length)..]);
        var validations = 0;

        var edited = RegistryFileEditor.Edit(path, "flags.yaml", [new SetFlagValue("flag-5000", null, "rollout", 42)], Count, TimeSpan.FromSeconds(10));
        var refused = Assert.Single(
            RegistryFileEditor.Edit(path, "flags.yaml", [new SetFlagValue("flag-5000", null, "rollout", 420)], Count, TimeSpan.FromSeconds(10)).Errors);

        Assert.True(edited.Value.Changed);
        Assert.Equal(4, validations);
        Assert.Equal("FK3010", refused.Code);
        Assert.Contains("flag-5000", refused.Message, StringComparison.Ordinal);

        IReadOnlyList<Finding> Count(FlagRegistry registry)
        {
            validations++;
            return new RegistryValidator().Validate([registry]);
        }
    }
}
