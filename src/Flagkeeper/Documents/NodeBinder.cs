using System.Globalization;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Documents;

/// <summary>
/// Typed reads from a <see cref="DocNode"/> tree that collect located errors instead of throwing,
/// so one run reports every wrong type and unknown field at once.
/// </summary>
internal sealed class NodeBinder(string displayPath, ErrorDescriptor unknownKey, ErrorDescriptor wrongType, ErrorDescriptor duplicateKey)
{
    private readonly List<FlagkeeperError> _errors = [];

    public IReadOnlyList<FlagkeeperError> Errors => _errors;

    public string DisplayPath { get; } = displayPath;

    public SourceLocation At(DocNode node) => At(node.Start);

    public SourceLocation At(DocMark mark) => new(DisplayPath, mark.Line, mark.Column);

    public void Error(ErrorDescriptor descriptor, string message, DocNode node) => _errors.Add(descriptor.Create(message, At(node)));

    /// <summary>Errors another binder found in part of the same document, in their order.</summary>
    public void Add(IReadOnlyList<FlagkeeperError> errors) => _errors.AddRange(errors);

    /// <summary>Reports every key of <paramref name="mapping"/> not in <paramref name="allowed"/>, with a spelling hint.</summary>
    public void RejectUnknownKeys(MappingNode mapping, IReadOnlyCollection<string> allowed, Place where)
    {
        var entries = mapping.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!Allowed(allowed, entry.KeyText))
            {
                var hint = Closest(entry.KeyText, allowed) is { } guess ? $"; did you mean '{guess}'?" : $"; expected one of: {string.Join(", ", allowed)}";
                Error(unknownKey, $"unknown field '{entry.Key.Value}' in {where}{hint}", entry.Key);
            }
        }
    }

    /// <summary>An ordinal search of the field names, without the interface call per name of ICollection.Contains.</summary>
    private static bool Allowed(IReadOnlyCollection<string> allowed, string key)
    {
        if (allowed is string[] names)
        {
            foreach (var name in names)
            {
                if (string.Equals(name, key, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
        return allowed.Contains(key);
    }

    /// <summary>Reports keys that appear twice in one mapping.</summary>
    public void RejectDuplicateKeys(MappingNode mapping, Place where)
    {
        var entries = mapping.Entries;
        if (entries.Count <= SmallMapping)
        {
            // A flag's fields: comparing pairs allocates nothing, where a set per mapping costs more than the flag.
            for (var i = 1; i < entries.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (entries[i].KeyText == entries[j].KeyText)
                    {
                        Error(duplicateKey, $"field '{entries[i].Key.Value}' appears twice in {where}", entries[i].Key);
                        break;
                    }
                }
            }
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!seen.Add(entry.KeyText))
            {
                Error(duplicateKey, $"field '{entry.Key.Value}' appears twice in {where}", entry.Key);
            }
        }
    }

    /// <summary>Up to this many entries, duplicate keys are found by comparing pairs.</summary>
    private const int SmallMapping = 16;

    public MappingNode? Mapping(DocNode node, Place what)
    {
        if (node is MappingNode mapping)
        {
            return mapping;
        }
        WrongType(node, what, null, "a mapping");
        return null;
    }

    /// <summary>A string value; plain scalars count (YAML does not quote most strings). Null is null.</summary>
    public string? Text(DocNode node, string what) => Text(node, what, null);

    /// <summary>As <see cref="Text(DocNode, string)"/> for the field <paramref name="field"/> of <paramref name="where"/>; the name is only built for an error.</summary>
    public string? Text(DocNode node, Place where, string? field)
    {
        if (node is ScalarNode scalar)
        {
            return scalar.IsNull ? null : scalar.Value;
        }
        WrongType(node, where, field, "a text value");
        return null;
    }

    public bool? Boolean(DocNode node, string what) => Boolean(node, what, null);

    public bool? Boolean(DocNode node, Place where, string? field)
    {
        if (node is ScalarNode { Quoted: false } scalar)
        {
            if (scalar.IsNull)
            {
                return null;
            }
            if (scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            if (scalar.Value.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        WrongType(node, where, field, "true or false");
        return null;
    }

    /// <param name="allowPercent">Accept a trailing '%' (rollouts: <c>25%</c>).</param>
    public double? Number(DocNode node, string what, bool allowPercent = false) => Number(node, what, null, allowPercent);

    public double? Number(DocNode node, Place where, string? field, bool allowPercent)
    {
        if (node is ScalarNode { Quoted: false } scalar)
        {
            if (scalar.IsNull)
            {
                return null;
            }
            var text = allowPercent && scalar.Value.EndsWith('%') ? scalar.Value[..^1] : scalar.Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            // YAML's own spellings of the special floats.
            switch (text)
            {
                case ".nan" or ".NaN" or ".NAN": return double.NaN;
                case ".inf" or ".Inf" or ".INF" or "+.inf": return double.PositiveInfinity;
                case "-.inf" or "-.Inf" or "-.INF": return double.NegativeInfinity;
            }
        }
        WrongType(node, where, field, "a number");
        return null;
    }

    public long? WholeNumber(DocNode node, string what)
    {
        if (node is ScalarNode { Quoted: false } scalar && long.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        WrongType(node, what, null, "a whole number");
        return null;
    }

    /// <summary>A list of strings; a single string is taken as a list of one.</summary>
    public List<(string Value, DocNode Node)> StringList(DocNode node, string what) => StringList(node, what, null);

    public List<(string Value, DocNode Node)> StringList(DocNode node, Place where, string? field)
    {
        var result = new List<(string, DocNode)>();
        if (node is ScalarNode scalar)
        {
            if (!scalar.IsNull)
            {
                result.Add((scalar.Value, scalar));
            }
            return result;
        }
        if (node is not SequenceNode sequence)
        {
            WrongType(node, where, field, "a list");
            return result;
        }
        var items = sequence.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is ScalarNode { IsNull: false } text)
            {
                result.Add((text.Value, text));
            }
            else
            {
                WrongType(item, $"an item of {Name(where, field)}", null, "a text value");
            }
        }
        return result;
    }

    /// <summary>As <see cref="StringList(DocNode, Place, string?)"/>, the values only, in an array of the exact size.</summary>
    public string[] Strings(DocNode node, Place where, string? field)
    {
        if (node is SequenceNode sequence)
        {
            // An exact-size array: a flag's tags and aliases are kept for the life of the registry.
            var items = sequence.Items;
            var result = new string[items.Count];
            var count = 0;
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (item is ScalarNode { IsNull: false } text)
                {
                    result[count++] = text.Value;
                }
                else
                {
                    WrongType(item, $"an item of {Name(where, field)}", null, "a text value");
                }
            }
            return count == result.Length ? result : result[..count];
        }
        return [.. StringList(node, where, field).ConvertAll(x => x.Value)];
    }

    private void WrongType(DocNode node, Place where, string? field, string expected) =>
        Error(wrongType, $"{Name(where, field)} must be {expected}, found {node.KindName}", node);

    private static string Name(Place where, string? field) => field is null ? where.ToString() : $"{where}: {field}";

    private static string? Closest(string key, IEnumerable<string> candidates) => Suggestions.Closest(key, candidates);
}
