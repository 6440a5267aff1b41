using Flagkeeper.Editing;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Tests;

/// <summary>
/// An edit handed the registry its caller loaded reuses that parse only while the file still holds the same text:
/// a file changed between the load and the lock is parsed again, so the edit never plans against stale positions.
/// </summary>
public class LoadedRegistryEditTests
{
    private const string Registry = """
        version: 1
        flags:
          a:
            description: A
            owner: team
            type: operational
            enabled: false
          b:
            description: B
            owner: team
            type: operational
            enabled: false

        """;

    private static FlagRegistry LoadForEdit(string path)
    {
        var registry = RegistryReader.ReadFile(path, "flags.yaml", null, keepSource: true).Registry!;
        Assert.NotNull(registry.Source);
        return registry;
    }

    private static EditOutcome Edit(string path, FlagRegistry loaded, RegistryEdit edit) =>
        RegistryFileEditor.Edit(path, "flags.yaml", [edit], Edits.Validate, TimeSpan.FromSeconds(10), loaded).Value;

    [Fact]
    public void An_unchanged_file_is_edited_as_without_the_loaded_registry()
    {
        using var dir = new TempDirectory();
        var reused = dir.Write("reused/flags.yaml", Registry);
        var fresh = dir.Write("fresh/flags.yaml", Registry);

        var outcome = Edit(reused, LoadForEdit(reused), new SetFlagValue("b", null, "enabled", true));
        Edits.Edit(fresh, new SetFlagValue("b", null, "enabled", true));

        Assert.Equal(File.ReadAllText(fresh), File.ReadAllText(reused));
        Assert.True(outcome.Registry!.Find("b")!.Enabled);
        Assert.Equal(File.ReadAllText(reused), outcome.Registry.Source!.Text);
    }

    [Fact]
    public void A_file_changed_after_the_load_is_parsed_again_and_keeps_the_change()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Registry);
        var stale = LoadForEdit(path);
        // Someone else's edit lands between the load and the lock: a comment line moves every position below it.
        File.WriteAllText(path, "# owned by the platform team\n" + Registry.Replace("description: A", "description: A, renamed", StringComparison.Ordinal));

        Edit(path, stale, new SetFlagValue("b", null, "enabled", true));

        var text = File.ReadAllText(path);
        Assert.StartsWith("# owned by the platform team\n", text, StringComparison.Ordinal);
        Assert.Contains("description: A, renamed", text, StringComparison.Ordinal);
        var after = RegistryReader.Read(path, "flags.yaml", text).Registry!;
        Assert.True(after.Find("b")!.Enabled);
        Assert.False(after.Find("a")!.Enabled);
    }

    [Fact]
    public void A_chain_of_edits_reuses_each_outcome_and_each_reaches_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Registry);

        var first = Edit(path, LoadForEdit(path), new SetFlagValue("a", null, "enabled", true));
        Edit(path, first.Registry!, new SetFlagValue("a", null, "rollout", 30));

        var after = RegistryReader.ReadFile(path, "flags.yaml").Registry!;
        Assert.True(after.Find("a")!.Enabled);
        Assert.Equal(30, after.Find("a")!.Rollout);
    }
}
