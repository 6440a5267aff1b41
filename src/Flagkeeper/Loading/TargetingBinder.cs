using Flagkeeper.Documents;
using Flagkeeper.Registry;

namespace Flagkeeper.Loading;

/// <summary>
/// Binds <c>targeting: { users: [...], groups: [{ name, rollout }], exclude: { users: [...], groups: [...] } }</c>,
/// under a flag or an environment entry. Kept apart from <see cref="RegistryReader"/> so the reader changes by a line.
/// </summary>
internal static class TargetingBinder
{
    internal static readonly string[] Fields = ["users", "groups", "exclude"];
    internal static readonly string[] GroupFields = ["name", "rollout"];
    internal static readonly string[] ExcludeFields = ["users", "groups"];

    /// <summary>The targeting in <paramref name="map"/>'s <c>targeting</c> field; null when it has none.</summary>
    public static FlagTargeting? Bind(NodeBinder binder, MappingNode map, Place owner)
    {
        if (map.Find("targeting")?.Value is not { } node || node is ScalarNode { IsNull: true })
        {
            return null;
        }
        var where = $"{owner}: targeting";
        if (binder.Mapping(node, where) is not { } targeting)
        {
            return null;
        }
        binder.RejectUnknownKeys(targeting, Fields, where);
        binder.RejectDuplicateKeys(targeting, where);

        IReadOnlyList<TargetingItem> excludedUsers = [], excludedGroups = [];
        if (targeting.Find("exclude")?.Value is { } excludeNode && !(excludeNode is ScalarNode { IsNull: true })
            && binder.Mapping(excludeNode, $"{where}: exclude") is { } exclude)
        {
            binder.RejectUnknownKeys(exclude, ExcludeFields, $"{where}: exclude");
            binder.RejectDuplicateKeys(exclude, $"{where}: exclude");
            excludedUsers = Items(binder, exclude, $"{where}: exclude", "users");
            excludedGroups = Items(binder, exclude, $"{where}: exclude", "groups");
        }
        return new FlagTargeting
        {
            Location = binder.At(node),
            Users = Items(binder, targeting, where, "users"),
            Groups = Groups(binder, targeting, where),
            ExcludedUsers = excludedUsers,
            ExcludedGroups = excludedGroups,
        };
    }

    private static List<TargetingItem> Items(NodeBinder binder, MappingNode map, string where, string field) =>
        map.Find(field)?.Value is { } node
            ? binder.StringList(node, where, field).Select(x => new TargetingItem(x.Value, binder.At(x.Node))).ToList()
            : [];

    /// <summary>Each group is a mapping <c>{ name, rollout }</c>, or just its name (everyone in it).</summary>
    private static List<GroupRollout> Groups(NodeBinder binder, MappingNode map, string where)
    {
        var result = new List<GroupRollout>();
        if (map.Find("groups")?.Value is not { } node || node is ScalarNode { IsNull: true })
        {
            return result;
        }
        var items = node is SequenceNode sequence ? sequence.Items : [node];
        foreach (var item in items)
        {
            if (item is ScalarNode { IsNull: false } name)
            {
                result.Add(new GroupRollout(name.Value, null, binder.At(item)));
                continue;
            }
            if (binder.Mapping(item, $"an item of {where}: groups") is not { } group)
            {
                continue;
            }
            var groupWhere = $"{where}: groups";
            binder.RejectUnknownKeys(group, GroupFields, groupWhere);
            binder.RejectDuplicateKeys(group, groupWhere);
            var groupName = group.Find("name")?.Value is { } n ? binder.Text(n, groupWhere, "name") : null;
            var rollout = group.Find("rollout")?.Value is { } r ? binder.Number(r, groupWhere, "rollout", allowPercent: true) : null;
            // A group without a name is kept with an empty one so validation can point at it.
            result.Add(new GroupRollout(groupName ?? string.Empty, rollout, binder.At(item)));
        }
        return result;
    }
}
