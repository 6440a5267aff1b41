using System.Text.Json;
using Flagkeeper.Documents;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

namespace Flagkeeper.Tests;

/// <summary>
/// An edit that writes values over values (<c>kill --all</c>) is read back line by line: the result must bind exactly
/// what a whole read of the edited text binds (every value and position), and the reader must step aside (null)
/// whenever a change is more than a value.
/// </summary>
public class RegistryValueReaderTests
{
    private const string Original = """
        version: 1
        environments: [staging, production]
        flags:
          alpha:
            owner: team-a
            description: The first, a kill switch
            type: kill-switch
            expires: 2027-01-01
            enabled: false   # engaged in an incident
            environments:
              staging: { enabled: false, rollout: 50 }
              production:
                enabled: false
                rollout: 25
            tags: [payments]
          beta:
            owner: team-b
            description: 'Second, single-quoted'
            type: operational
            enabled: true
            rollout: 30
            targeting: { users: [carol] }
            requires: [alpha]
          gamma: { description: Third, owner: team-c, type: operational, enabled: true }

        """;

    /// <summary>
    /// The value read of <paramref name="edits"/>, or null: each `from` replaced by `to` at its first place after the one
    /// before; text before a '§' in `from` is only where to look (the part after it is replaced).
    /// </summary>
    private static (RegistryLoadResult? Read, string Edited) ValueRead(TempDirectory dir, string original, params (string From, string To)[] edits)
    {
        var before = RegistryReader.Read(dir["flags.yaml"], "flags.yaml", original, null, keepSource: true);
        Assert.True(before.Succeeded, string.Join("\n", before.Errors));
        Assert.NotNull(before.Document);
        var replacements = new List<EditedText.Replacement>();
        var at = 0;
        foreach (var (find, to) in edits)
        {
            var (context, from) = find.Contains('§') ? (find[..find.IndexOf('§')], find[(find.IndexOf('§') + 1)..]) : ("", find);
            at = original.IndexOf(context + from, at, StringComparison.Ordinal);
            Assert.True(at >= 0, find);
            at += context.Length;
            replacements.Add(new(at, at + from.Length, to));
            at += from.Length;
        }
        var edited = new EditedText(original, replacements);
        return (RegistryValueReader.TryReadEdited(before, edited, "flags.yaml", DocumentLimits.Default), edited.Text);
    }

    /// <summary>Everything a registry holds, positions included, as text to compare.</summary>
    private static string Everything(FlagRegistry registry) =>
        JsonSerializer.Serialize(new { registry.Version, registry.Environments, registry.Flags, registry.DuplicateKeys, registry.FullPath, registry.DisplayPath })
        + string.Join(",", registry.Flags.Select(f => registry.Find(f.Key) == f));

    private static void AssertSameAsWholeRead(params (string From, string To)[] edits)
    {
        using var dir = new TempDirectory();
        var (read, edited) = ValueRead(dir, Original, edits);
        Assert.NotNull(read);
        var whole = RegistryReader.Read(dir["flags.yaml"], "flags.yaml", edited, null, keepSource: true);
        Assert.True(whole.Succeeded, string.Join("\n", whole.Errors));
        Assert.Equal(Everything(whole.Registry!), Everything(read.Registry!));
        Assert.Equal(edited, read.Registry!.Source!.Text);
        // Where each flag now is, for the next edit: as a whole read of the edited text says.
        Assert.Equal(whole.Registry!.Source!.Lines!.KeyStarts, read.Registry.Source.Lines!.KeyStarts);
        Assert.Equal(whole.Registry.Source.Lines.End, read.Registry.Source.Lines.End);
        Assert.Equal(whole.PlainNodes, read.PlainNodes);
    }

    [Fact]
    public void Kill_all_of_every_kind_of_value_binds_what_a_whole_read_binds()
    {
        // The kill switch engaged everywhere (a value with a comment after it, a one-line flow environment with two
        // values, a block environment), the operational flag turned off.
        AssertSameAsWholeRead(
            ("false", "true"),
            ("false", "true"), ("50", "100"),
            ("false", "true"), ("25", "100"),
            ("true", "false"));
    }

    [Theory]
    [InlineData("30", "42.5")] // a rollout
    [InlineData("30", "25%")] // a rollout in percent
    [InlineData("25", "7")] // a line one character shorter: later flags' positions move left
    public void One_value_binds_what_a_whole_read_binds(string from, string to) => AssertSameAsWholeRead((from, to));

    [Theory]
    [InlineData("team-b", "team-c")] // a value this reader does not bind (owner)
    [InlineData("true", "maybe")] // a value that does not bind: the whole read reports it
    [InlineData("true", "\"false\"")] // quoted
    [InlineData("true", "false\n    rollout: 5")] // a line added
    [InlineData("true", "[false]")] // a flow sequence
    [InlineData("true", "false #")] // a space and a comment: more than a value
    [InlineData("enabled: true", "enabled: false")] // the key too
    [InlineData("alpha", "omega")] // a flag's key line
    [InlineData("30\n", "30\n    default: true\n")] // a newline in the range
    public void A_change_that_is_more_than_a_value_is_left_to_the_other_reads(string from, string to)
    {
        using var dir = new TempDirectory();
        Assert.Null(ValueRead(dir, Original, (from, to)).Read);
    }

    [Fact]
    public void A_value_of_a_flag_written_in_flow_style_or_in_a_registry_read_without_its_tree_is_left_to_the_other_reads()
    {
        using var dir = new TempDirectory();
        // gamma's `enabled: true` is on its key line, inside a flow mapping.
        Assert.Null(ValueRead(dir, Original, ("type: operational, enabled: §true", "false")).Read);
        Assert.NotNull(ValueRead(dir, Original, ("type: operational\n    enabled: §true", "false")).Read); // beta's, in block style

        var chunked = RegistryReader.Read(dir["flags.yaml"], "flags.yaml", Original, null, keepSource: true, parts: 3);
        Assert.Null(chunked.Document);
        var at = Original.IndexOf("rollout: 30", StringComparison.Ordinal) + "rollout: ".Length;
        Assert.Null(RegistryValueReader.TryReadEdited(chunked, new EditedText(Original, [new(at, at + 2, "31")]), "flags.yaml", DocumentLimits.Default));
    }
}
