using System.Text.Json;
using Flagkeeper.Documents;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Tests;

/// <summary>
/// An edit's read-back that reads only the changed flags must bind exactly what a whole read of the edited text
/// binds (every value and position), and must step aside (null) whenever that is not certain.
/// </summary>
public class RegistryRegionReaderTests
{
    private const string Original = """
        # the registry
        version: 1
        flags:
          alpha:
            description: First
            owner: team-a
            type: release
            expires: 2027-01-01
            enabled: false
            environments:
              staging: { enabled: true, rollout: 50 }
              production:
                enabled: false
            tags: [web, api]

          beta:
            description: "Second, quoted"
            owner: team-b
            type: operational
            enabled: true
            rollout: 30
            requires: [alpha]
            aliases: [beta-old]
            targeting:
              users: [ann, bob]
          # a comment that belongs to no flag
          gamma:
            description: Third
            owner: team-c
            type: operational
            enabled: false

        """;

    private static string Path(TempDirectory dir) => dir["flags.yaml"];

    /// <summary>The region read of <paramref name="edited"/> after <paramref name="original"/>, or null.</summary>
    private static RegistryLoadResult? RegionRead(TempDirectory dir, string original, string edited)
    {
        var before = RegistryReader.Read(Path(dir), "flags.yaml", original, null, keepSource: true);
        Assert.True(before.Succeeded, string.Join("\n", before.Errors));
        return RegistryRegionReader.TryReadEdited(before, original, edited, "flags.yaml", DocumentLimits.Default);
    }

    /// <summary>Everything a registry holds, positions included, as text to compare.</summary>
    private static string Everything(FlagRegistry registry) =>
        JsonSerializer.Serialize(new { registry.Version, registry.Environments, registry.Flags, registry.DuplicateKeys, registry.FullPath, registry.DisplayPath })
        + string.Join(",", registry.Flags.Select(f => registry.Find(f.Key) == f));

    private static void AssertSameAsWholeRead(TempDirectory dir, string edited, string original = Original)
    {
        var region = RegionRead(dir, original, edited);
        Assert.NotNull(region);
        var whole = RegistryReader.Read(Path(dir), "flags.yaml", edited, null, keepSource: true);
        Assert.True(whole.Succeeded, string.Join("\n", whole.Errors));
        Assert.Equal(Everything(whole.Registry!), Everything(region.Registry!));
        Assert.Equal(edited, region.Registry!.Source!.Text);
        // Where each flag now is, for the next edit: as a whole read of the edited text says.
        Assert.Equal(whole.Registry!.Source!.Lines!.KeyStarts, region.Registry.Source.Lines!.KeyStarts);
        Assert.Equal(whole.Registry.Source.Lines.End, region.Registry.Source.Lines.End);

        // The edit as the editor hands it over, its changed range replaced and the rest not copied: the same.
        var spliced = RegistryRegionReader.TryReadEdited(
            RegistryReader.Read(Path(dir), "flags.yaml", original, null, keepSource: true), Splice(original, edited), "flags.yaml", DocumentLimits.Default);
        Assert.NotNull(spliced);
        Assert.Equal(Everything(whole.Registry), Everything(spliced.Registry!));
        Assert.Equal(whole.Registry.Source.Lines.KeyStarts, spliced.Registry!.Source!.Lines!.KeyStarts);
        Assert.Equal(edited, spliced.Registry.Source.Text);

        // The registry read in chunks before the edit (no tree, only its lines) reads back the same.
        var chunked = RegistryReader.Read(Path(dir), "flags.yaml", original, null, keepSource: true, parts: 3);
        Assert.Null(chunked.Document);
        var fromChunks = RegistryRegionReader.TryReadEdited(chunked, original, edited, "flags.yaml", DocumentLimits.Default);
        Assert.NotNull(fromChunks);
        Assert.Equal(Everything(whole.Registry), Everything(fromChunks.Registry!));
    }

    /// <summary><paramref name="edited"/> as <paramref name="original"/> with the one range that differs replaced.</summary>
    private static EditedText Splice(string original, string edited)
    {
        var prefix = original.AsSpan().CommonPrefixLength(edited);
        var suffix = 0;
        while (suffix < Math.Min(original.Length, edited.Length) - prefix && original[^(suffix + 1)] == edited[^(suffix + 1)])
        {
            suffix++;
        }
        return new EditedText(original, [new(prefix, original.Length - suffix, edited[prefix..^suffix])]);
    }

    private static string Edit(string from, string to) =>
        Original.Contains(from, StringComparison.Ordinal) ? Original.Replace(from, to, StringComparison.Ordinal) : throw new ArgumentException(from);

    [Theory]
    [InlineData("    enabled: false\n    environments:", "    enabled: true\n    environments:")] // the first flag, same lines
    [InlineData("    rollout: 30\n", "    rollout: 42.5\n")] // the middle flag
    [InlineData("users: [ann, bob]", "users: [ann, bob, carol]")] // inside targeting
    [InlineData("staging: { enabled: true, rollout: 50 }", "staging: { enabled: false, rollout: 5 }")] // a flow override
    [InlineData("# a comment that belongs to no flag", "# another comment")] // between flags
    [InlineData("owner: team-c\n    type: operational\n    enabled: false", "owner: team-c\n    type: operational\n    enabled: true\n    rollout: 10\n    tags: [x]")] // the last flag grows
    [InlineData("    rollout: 30\n", "    rollout: 30\n    default: true\n")] // later flags move down a line
    [InlineData("    tags: [web, api]\n", "")] // later flags move up a line
    [InlineData("    tags: [web, api]\n", "    tags: [web, api]\n    rollout: 5\n")] // a field appended at a flag's end (it looks like one before the next flag)
    [InlineData("    enabled: false\n    environments:", "    enabled: false\n    rollout: 5\n    default: true\n    task: T-1\n    environments:")] // every later position moves three lines
    public void An_edit_read_back_by_region_binds_what_a_whole_read_binds(string from, string to)
    {
        using var dir = new TempDirectory();
        AssertSameAsWholeRead(dir, Edit(from, to));
    }

    [Fact]
    public void Every_position_of_a_later_flag_moves_with_its_lines()
    {
        // Positions of every kind after the edited flag: targeting users, groups and exclusions, environments with their
        // own targeting, prerequisites, field locations.
        const string original = """
            version: 1
            flags:
              first:
                description: One
                owner: team
                type: operational
              second:
                description: Two
                owner: team
                type: operational
                requires: [first]
                targeting:
                  users: [ann]
                  groups: [staff, beta]
                  exclude: { users: [eve], groups: [blocked] }
                environments:
                  staging: { rollout: 10 }
                  production:
                    enabled: true
                    targeting:
                      users: [bob]

            """;
        using var dir = new TempDirectory();
        AssertSameAsWholeRead(dir, original.Replace("    owner: team\n    type: operational\n  second:", "    owner: team\n    type: operational\n    enabled: true\n    rollout: 5\n  second:", StringComparison.Ordinal), original);
        AssertSameAsWholeRead(dir, original.Replace("    description: One\n", "", StringComparison.Ordinal), original);
    }

    [Fact]
    public void A_flag_added_at_the_end_and_the_last_flag_removed_read_back_by_region()
    {
        using var dir = new TempDirectory();
        AssertSameAsWholeRead(dir, Original + "  delta:\n    description: Fourth\n    owner: team-d\n    type: operational\n");
        var withoutLast = Original[..Original.IndexOf("  # a comment", StringComparison.Ordinal)];
        AssertSameAsWholeRead(dir, withoutLast);
    }

    [Theory]
    [InlineData("  beta:\n", "")] // a flag's key removed: its fields join the previous flag... or fail
    [InlineData("    enabled: true\n    rollout: 30", "    enabled: maybe\n    rollout: 30")] // a wrong type: the whole read reports it
    [InlineData("  gamma:\n", "  alpha:\n")] // a repeated key
    [InlineData("version: 1", "version: 2")] // before the flags
    [InlineData("    owner: team-b\n", "   owner: team-b\n")] // broken indentation
    [InlineData("    owner: team-b\n", "    owner: &o team-b\n")] // outside the plain subset
    [InlineData("    rollout: 30\n", "    rolout: 30\n")] // an unknown field
    public void An_edit_the_region_cannot_decide_for_certain_is_left_to_a_whole_read(string from, string to)
    {
        using var dir = new TempDirectory();
        Assert.Null(RegionRead(dir, Original, Edit(from, to)));
    }

    [Fact]
    public void Text_that_was_not_plain_or_a_last_flag_followed_by_other_fields_is_left_to_a_whole_read()
    {
        using var dir = new TempDirectory();
        var notPlain = Original.Replace("tags: [web, api]", "tags:\n      - web\n      - api", StringComparison.Ordinal);
        Assert.Null(RegionRead(dir, notPlain, notPlain.Replace("description: Third", "description: 3rd", StringComparison.Ordinal)));

        var flagsFirst = Original.Replace("version: 1\n", "", StringComparison.Ordinal) + "version: 1\n";
        Assert.Null(RegionRead(dir, flagsFirst, flagsFirst.Replace("description: Third", "description: 3rd", StringComparison.Ordinal)));
        // The same change in a flag before the last one is still read by region.
        Assert.NotNull(RegionRead(dir, flagsFirst, flagsFirst.Replace("description: First", "description: 1st", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_edit_that_takes_the_registry_over_the_node_limit_is_left_to_a_whole_read()
    {
        using var dir = new TempDirectory();
        var before = RegistryReader.Read(Path(dir), "flags.yaml", Original, null, keepSource: true);
        var limits = new DocumentLimits { MaxNodes = before.PlainNodes };
        var added = Original + "  delta:\n    description: Fourth\n";
        Assert.Null(RegistryRegionReader.TryReadEdited(before, Original, added, "flags.yaml", limits));
        Assert.Equal(before.PlainNodes, RegistryRegionReader.TryReadEdited(before, Original, Edit("rollout: 30", "rollout: 31"), "flags.yaml", limits)!.PlainNodes);
        Assert.False(RegistryReader.Read(Path(dir), "flags.yaml", added, limits).Succeeded);
    }

    [Fact]
    public void An_edit_of_most_of_a_large_registry_is_left_to_a_whole_read_and_one_flag_of_it_is_not()
    {
        using var dir = new TempDirectory();
        var text = new System.Text.StringBuilder("version: 1\nflags:\n");
        for (var i = 0; text.Length <= RegistryRegionReader.LargeRegionChars * 2; i++)
        {
            text.Append($"  flag-{i:D5}:\n    description: Flag {i}\n    owner: team\n    type: operational\n    enabled: true\n\n");
        }
        var original = text.ToString();

        // `kill --all`: every flag changed, so the region would be the whole registry, read twice on one thread.
        Assert.Null(RegionRead(dir, original, original.Replace("enabled: true", "enabled: false", StringComparison.Ordinal)));
        // A small region of the same registry, and a whole small registry changed, are still read by region.
        Assert.NotNull(RegionRead(dir, original, original.Replace("description: Flag 7\n", "description: Seven\n", StringComparison.Ordinal)));
        Assert.NotNull(RegionRead(dir, Original, Original.Replace("owner: team-", "owner: squad-", StringComparison.Ordinal)));
    }
}
