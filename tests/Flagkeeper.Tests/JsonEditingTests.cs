using Flagkeeper.Editing;
using Flagkeeper.Loading;
using Flagkeeper.Registry;

using static Flagkeeper.Tests.Edits;

namespace Flagkeeper.Tests;

/// <summary>Edits of flags.json through <see cref="RegistryFileEditor"/>: values change, the file still parses, refusals write nothing.</summary>
public class JsonEditingTests
{
    private const string Registry = """
        {
          "version": 1,
          "environments": ["production", "staging"],
          "flags": {
            "checkout-v2": {
              "description": "New checkout",
              "owner": "team-payments",
              "type": "release",
              "expires": "2027-03-31",
              "enabled": false,
              "rollout": 10,
              "environments": {
                "production": { "enabled": true, "rollout": 5 }
              }
            },
            "search": {
              "description": "Search",
              "owner": "team-search",
              "type": "operational",
              "requires": ["checkout-v2"]
            }
          }
        }

        """;

    private static FlagRegistry ReadBack(string path)
    {
        var result = RegistryReader.ReadFile(path, "flags.json");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(RegistrySourceKind.Json, result.Registry!.Kind);
        return result.Registry;
    }

    [Fact]
    public void Set_rollout_and_enabled()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", Registry);

        var outcome = Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0), new SetFlagValue("checkout-v2", null, "enabled", true));

        Assert.True(outcome.Changed);
        var flag = ReadBack(path).Find("checkout-v2")!;
        Assert.Equal((true, 30.0), flag.In(null));
        Assert.Equal("New checkout", flag.Description);
        Assert.Equal(["checkout-v2", "search"], ReadBack(path).Flags.Select(f => f.Key));
    }

    [Fact]
    public void Set_existing_and_new_environment_values()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", Registry);

        Edit(path,
            new SetFlagValue("checkout-v2", "production", "rollout", 20.0),
            new SetFlagValue("checkout-v2", "staging", "enabled", false),
            new SetFlagValue("search", "staging", "rollout", 50.0));

        var registry = ReadBack(path);
        var checkout = registry.Find("checkout-v2")!;
        Assert.Equal([("production", (bool?)true, (double?)20.0), ("staging", false, null)], checkout.Environments.Select(e => (e.Name, e.Enabled, e.Rollout)));
        Assert.Equal(50, registry.Find("search")!.Environments.Single(e => e.Name == "staging").Rollout);
    }

    [Fact]
    public void Add_flag_with_every_kind_of_value()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", Registry);

        Edit(path, new AddFlag("new-flag",
        [
            new("description", "Quote \" and newline\n"),
            new("owner", "o"),
            new("type", "experiment"),
            new("expires", new DateOnly(2027, 1, 31)),
            new("enabled", false),
            new("rollout", 12.5),
            new("requires", new[] { "search" }),
        ]));

        var flag = ReadBack(path).Find("new-flag")!;
        Assert.Equal("Quote \" and newline\n", flag.Description);
        Assert.Equal(new DateOnly(2027, 1, 31), flag.Expires);
        Assert.Equal(12.5, flag.Rollout);
        Assert.Equal(["search"], flag.Requires.Select(r => r.Key));
    }

    [Fact]
    public void Remove_flag()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", Registry);

        Edit(path, new RemoveFlag("search"));

        Assert.Equal(["checkout-v2"], ReadBack(path).Flags.Select(f => f.Key));
    }

    [Fact]
    public void Edited_file_keeps_the_property_order()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", Registry);

        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        var text = dir.Read("flags.json");
        var order = new[] { "\"version\"", "\"environments\"", "\"flags\"", "\"checkout-v2\"", "\"description\"", "\"rollout\"", "\"search\"" }
            .Select(key => text.IndexOf(key, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void Removing_a_required_flag_is_FK3010_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", Registry);

        AssertRefused(path, "FK3010", new RemoveFlag("checkout-v2"));
    }

    [Fact]
    public void Adding_a_release_flag_without_expiry_is_FK3010_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", Registry);

        AssertRefused(path, "FK3010", new AddFlag("x", [new("description", "d"), new("owner", "o"), new("type", "release")]));
    }

    [Fact]
    public void Editing_a_flag_that_does_not_exist_is_FK3009_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", Registry);

        AssertRefused(path, "FK3009", new SetFlagValue("ghost", "production", "enabled", true));
        AssertRefused(path, "FK3009", new RemoveFlag("ghost"));
    }

    [Fact]
    public void Editing_a_json_file_with_a_syntax_error_is_FK3001_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", "{\"version\": 1, \"flags\": {\"a\": {\"owner\": \"o\"}}");

        AssertRefused(path, "FK3001", new SetFlagValue("a", null, "enabled", true));
    }

    [Fact]
    public void No_op_edit_of_a_file_in_the_editor_style_is_unchanged()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", Registry);
        Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));
        var canonical = dir.Read("flags.json");

        var outcome = Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 30.0));

        Assert.False(outcome.Changed);
        Assert.Equal(canonical, dir.Read("flags.json"));
    }

    [Fact]
    public void No_op_edit_does_not_reformat_a_hand_written_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.json", Registry);

        var outcome = Edit(path, new SetFlagValue("checkout-v2", null, "rollout", 10.0));

        Assert.False(outcome.Changed);
        Assert.Equal(Registry, dir.Read("flags.json"));
    }
}
