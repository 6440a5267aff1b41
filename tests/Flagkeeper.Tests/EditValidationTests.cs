using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;
using Flagkeeper.Editing;
using Flagkeeper.Loading;
using Flagkeeper.Registry;
using Flagkeeper.Validation;

namespace Flagkeeper.Tests;

/// <summary>
/// An edit read back by region checks only the flags it read again alone, and every flag across flags: the errors it
/// finds new must be exactly those a full validation of a whole read finds new (rule, flag, message, file:line:col, order),
/// whatever the edit breaks (a cycle, a duplicate, an alias, a reference to a removed flag) and whatever was broken before.
/// </summary>
public class EditValidationTests
{
    private const string Clean = """
        version: 1
        environments: [staging, production]
        flags:
          alpha:
            description: First
            owner: team-a
            type: operational
            aliases: [alpha-old]

          beta:
            description: Second
            owner: team-b
            type: operational
            enabled: true
            rollout: 30
            requires: [alpha]

          gamma:
            description: Third
            owner: team-c
            type: operational
            requires: [beta]

          delta:
            description: Fourth
            owner: team-d
            type: operational
            requires: [gamma]

        """;

    /// <summary>Broken before any edit, after every flag the edits touch: an unknown prerequisite, a bad rollout, two keys that differ by case.</summary>
    private const string AlreadyInvalid = Clean + """
          epsilon:
            description: Fifth
            owner: team-e
            type: operational
            rollout: 500
            requires: [ghost]

          zeta:
            description: Sixth
            owner: team-f
            type: operational

          Zeta:
            description: Seventh
            owner: team-f
            type: operational

        """;

    private static AddFlag Add(string key, params string[] requires) =>
        new(key, [new("description", "New"), new("owner", "team"), new("type", "operational"), .. requires.Length == 0 ? [] : new[] { new KeyValuePair<string, object>("requires", requires) }]);

    public static TheoryData<bool, RegistryEdit> Cases()
    {
        RegistryEdit[] edits =
        [
            new SetFlagValue("alpha", null, "enabled", true), // clean, same lines
            new SetFlagValue("alpha", null, "rollout", 420), // a bad rollout on a new line: later flags move
            new SetFlagValue("beta", null, "rollout", 420), // a bad rollout in place
            new SetFlagValue("beta", "qa", "enabled", true), // an environment `environments:` does not list
            new SetFlagValue("beta", "staging", "rollout", 5), // clean, new lines
            Add("ghost", "epsilon"), // a cycle with epsilon when that requires ghost; else an unknown prerequisite
            Add("fresh", "delta"), // clean
            Add("Alpha"), // differs from alpha only by case, and an invalid key
            Add("alpha-old"), // the key is alpha's alias
            new RemoveFlag("alpha"), // beta, a later flag, now requires a flag that is gone
            new RemoveFlag("gamma"), // delta requires it
            new RemoveFlag("delta"), // nothing requires it
        ];
        var cases = new TheoryData<bool, RegistryEdit>();
        foreach (var invalid in new[] { false, true })
        {
            foreach (var edit in edits)
            {
                cases.Add(invalid, edit);
            }
        }
        return cases;
    }

    private static List<(string Rule, string? Flag, string Message, SourceLocation? Location)> Introduced(
        IReadOnlyList<Finding> after, IReadOnlyList<Finding> before)
    {
        var known = before.Where(f => f.Severity == RuleSeverity.Error).Select(f => (f.Rule, f.Flag, f.Message)).ToHashSet();
        return [.. after.Where(f => f.Severity == RuleSeverity.Error && !known.Contains((f.Rule, f.Flag, f.Message))).Select(f => (f.Rule, f.Flag, f.Message, f.Location))];
    }

    private static IReadOnlyList<Finding> Partial(FlagRegistry registry, IReadOnlySet<string> keys, params FlagRegistry[] others) =>
        new RegistryValidator().Validate([.. others, registry], (registry, keys));

    private static string Apply(string text, RegistryEdit edit)
    {
        var editor = new YamlRegistryEditor(text, "flags.yaml");
        Assert.Null(editor.Apply(edit));
        return editor.Edited().Value;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_errors_an_edit_introduces_are_those_a_full_validation_finds(bool alreadyInvalid, RegistryEdit edit)
    {
        using var dir = new TempDirectory();
        var original = alreadyInvalid ? AlreadyInvalid : Clean;
        var edited = Apply(original, edit);
        var before = RegistryReader.Read(dir["flags.yaml"], "flags.yaml", original, null, keepSource: true);
        var whole = RegistryReader.Read(dir["flags.yaml"], "flags.yaml", edited, null, keepSource: true);
        var region = RegistryRegionReader.TryReadEdited(before, original, edited, "flags.yaml", DocumentLimits.Default);
        Assert.NotNull(region?.Region);

        var validator = new RegistryValidator();
        var full = Introduced(validator.Validate([whole.Registry!]), validator.Validate([before.Registry!]));
        var keys = region.Region.ChangedKeys;
        var partial = Introduced(Partial(region.Registry!, keys), Partial(before.Registry!, keys));

        Assert.Equal(full, partial);
        // The first check, with the later flags not moved yet, has errors exactly when the moved registry has.
        Assert.Equal(
            Partial(region.Registry!, keys).Count(f => f.Severity == RuleSeverity.Error),
            Partial(region.Region.Unmoved, keys).Count(f => f.Severity == RuleSeverity.Error));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_edit_checked_by_its_changed_flags_writes_or_refuses_as_one_checked_whole(bool alreadyInvalid, RegistryEdit edit)
    {
        using var dir = new TempDirectory();
        var original = alreadyInvalid ? AlreadyInvalid : Clean;
        var whole = dir.Write("whole/flags.yaml", original);
        var changed = dir.Write("changed/flags.yaml", original);

        var byWhole = RegistryFileEditor.Edit(whole, "flags.yaml", [edit], Edits.Validate, TimeSpan.FromSeconds(10));
        var byChanged = RegistryFileEditor.Edit(changed, "flags.yaml", [edit],
            (registry, keys) => keys is null ? Edits.Validate(registry) : Partial(registry, keys), TimeSpan.FromSeconds(10), loaded: null);

        Assert.Equal(byWhole.Failed, byChanged.Failed);
        Assert.Equal(byWhole.Errors.Select(e => e.Message), byChanged.Errors.Select(e => e.Message));
        Assert.Equal(File.ReadAllText(whole), File.ReadAllText(changed));
        Assert.Equal(byWhole.Failed, File.ReadAllText(changed) == original);
    }

    [Fact]
    public void Refusals_name_the_new_error_wherever_it_lands()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", Clean);

        var removed = Edits.TryEdit(path, new RemoveFlag("alpha"));
        var cycle = Edits.TryEdit(dir.Write("invalid/flags.yaml", AlreadyInvalid), Add("ghost", "epsilon"));

        Assert.Contains("flag 'beta' requires 'alpha', which no registry declares", Assert.Single(removed.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("prerequisite cycle: epsilon -> ghost -> epsilon", Assert.Single(cycle.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(Clean, File.ReadAllText(path));
    }

    [Fact]
    public void A_parent_registry_is_checked_across_flags_too()
    {
        using var dir = new TempDirectory();
        var parentText = "version: 1\nflags:\n  shared:\n    description: Parent\n    owner: team\n    type: operational\n";
        var parent = RegistryReader.Read(dir["flags.yaml"], "flags.yaml", parentText).Registry!;
        var child = dir["sub/flags.yaml"];
        var before = RegistryReader.Read(child, "sub/flags.yaml", Clean, null, keepSource: true);
        var validator = new RegistryValidator();

        foreach (var edit in new RegistryEdit[] { Add("shared"), Add("uses-parent", "shared"), new RemoveFlag("alpha") })
        {
            var edited = Apply(Clean, edit);
            var region = RegistryRegionReader.TryReadEdited(before, Clean, edited, "sub/flags.yaml", DocumentLimits.Default);
            Assert.NotNull(region?.Region);
            var whole = RegistryReader.Read(child, "sub/flags.yaml", edited).Registry!;
            var keys = region.Region.ChangedKeys;

            var full = Introduced(validator.Validate([parent, whole]), validator.Validate([parent, before.Registry!]));
            var partial = Introduced(Partial(region.Registry!, keys, parent), Partial(before.Registry!, keys, parent));

            Assert.Equal(full, partial);
            Assert.Equal(edit is AddFlag { Key: "uses-parent" }, full.Count == 0);
        }
    }
}
