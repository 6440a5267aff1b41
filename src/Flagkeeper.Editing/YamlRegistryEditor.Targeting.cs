using Flagkeeper.Diagnostics;
using Flagkeeper.Documents;

namespace Flagkeeper.Editing;

/// <summary>
/// <c>targeting:</c> edits. The whole value is written anew in the shape the registry documents (users and groups as flow
/// lists), so a comment inside the old <c>targeting:</c> block goes with it; every other line of the file stays as written.
/// </summary>
internal sealed partial class YamlRegistryEditor
{
    private FlagkeeperError? SetTargeting(MappingNode flagMap, SetTargeting edit)
    {
        var spec = edit.Targeting;
        if (edit.Environment is null)
        {
            return SetTargetingIn(flagMap, spec);
        }
        if (spec.IsEmpty)
        {
            // Nothing to remove where the environment has no mapping of its own; never create one just to empty it.
            return flagMap.Find("environments") is { Value: MappingNode envMap } environments && AliasError(environments) is null
                && envMap.Find(edit.Environment) is { Value: MappingNode envValues } env
                ? AliasError(env) ?? SetTargetingIn(envValues, spec)
                : null;
        }
        return InEnvironment(flagMap, edit.Key, edit.Environment, "targeting", TargetingText.Flow(spec), envValues => SetTargetingIn(envValues, spec));
    }

    private FlagkeeperError? SetTargetingIn(MappingNode map, TargetingSpec spec)
    {
        var existing = map.Find("targeting");
        if (existing is not null && AliasError(existing) is { } aliased)
        {
            return aliased;
        }
        if (spec.IsEmpty)
        {
            if (existing is not null)
            {
                RemoveEntry(map, existing);
            }
            return null;
        }
        if (existing is null)
        {
            if (map.Flow)
            {
                InsertEntry(map, "targeting", TargetingText.Flow(spec));
            }
            else
            {
                InsertBlockEntry(map, "targeting", null, TargetingText.Block(spec));
            }
            return null;
        }

        var value = existing.Value;
        if (map.Flow || value is MappingNode { Flow: true })
        {
            Replace(value.Start.Index, value.End.Index, TargetingText.Flow(spec), leadingSpace: value.Start.Index == value.End.Index);
            return null;
        }
        var childIndent = IndentOf(map) + IndentUnit(map);
        switch (value)
        {
            case ScalarNode { IsNull: true }:
                ReplaceNull(existing, TargetingText.Block(spec), childIndent);
                return null;
            case MappingNode:
                ReplaceBlockValue(existing, TargetingText.Block(spec), childIndent);
                return null;
            default:
                return Unsupported($"'targeting' (line {existing.Key.Start.Line}) is not a mapping");
        }
    }

    /// <summary>Replaces a block mapping value with <paramref name="children"/>, keeping a comment on the key's line.</summary>
    private void ReplaceBlockValue(MappingEntry entry, IReadOnlyList<string> children, int childIndent)
    {
        var colon = _text.IndexOf(':', entry.Key.End.Index);
        var keyLineEnd = LineEnd(entry.Key.End.Index);
        var rest = _text[(colon + 1)..keyLineEnd];
        var comment = rest.Contains('#', StringComparison.Ordinal) ? " " + rest[rest.IndexOf('#', StringComparison.Ordinal)..].Trim() : "";
        var block = new System.Text.StringBuilder(":").Append(comment);
        foreach (var child in children)
        {
            block.Append(_newline).Append(' ', childIndent).Append(child);
        }
        Splice(colon, LineEnd(Math.Max(entry.Value.End.Index, entry.Key.End.Index)), block.ToString());
    }

    /// <summary>Removes one entry: its lines in a block mapping, the entry and one comma in a flow mapping.</summary>
    private void RemoveEntry(MappingNode map, MappingEntry entry)
    {
        if (!map.Flow)
        {
            RemoveEntryLines(entry);
            return;
        }
        var index = IndexOf(map, entry);
        if (index > 0)
        {
            Splice(map.Entries[index - 1].Value.End.Index, entry.Value.End.Index, "");
        }
        else if (map.Entries.Count > 1)
        {
            Splice(entry.Key.Start.Index, map.Entries[1].Key.Start.Index, "");
        }
        else
        {
            Splice(entry.Key.Start.Index, entry.Value.End.Index, "");
        }
    }

    private static int IndexOf(MappingNode map, MappingEntry entry)
    {
        for (var i = 0; i < map.Entries.Count; i++)
        {
            if (ReferenceEquals(map.Entries[i], entry))
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>A <see cref="TargetingSpec"/> as YAML: users and groups as flow lists, as docs/registry.md writes them.</summary>
internal static class TargetingText
{
    /// <summary><c>{ users: [a], groups: [{ name: beta, rollout: 50 }, staff], exclude: { users: [b], groups: [c] } }</c></summary>
    public static string Flow(TargetingSpec spec) => "{ " + string.Join(", ", Block(spec)) + " }";

    /// <summary>The same entries, one a line, for a block <c>targeting:</c>.</summary>
    public static IReadOnlyList<string> Block(TargetingSpec spec)
    {
        var lines = new List<string>();
        if (spec.Users.Count > 0)
        {
            lines.Add($"users: {List(spec.Users)}");
        }
        if (spec.Groups.Count > 0)
        {
            lines.Add("groups: [" + string.Join(", ", spec.Groups.Select(g => g.Rollout is { } rollout
                ? $"{{ name: {YamlScalars.FormatFlowString(g.Name)}, rollout: {RegistryNumbers.Format(rollout)} }}"
                : YamlScalars.FormatFlowString(g.Name))) + "]");
        }
        var exclude = new List<string>();
        if (spec.ExcludedUsers.Count > 0)
        {
            exclude.Add($"users: {List(spec.ExcludedUsers)}");
        }
        if (spec.ExcludedGroups.Count > 0)
        {
            exclude.Add($"groups: {List(spec.ExcludedGroups)}");
        }
        if (exclude.Count > 0)
        {
            lines.Add("exclude: { " + string.Join(", ", exclude) + " }");
        }
        return lines;
    }

    private static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(YamlScalars.FormatFlowString)) + "]";
}
