using System.Diagnostics.CodeAnalysis;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Registry;

/// <summary>
/// Where each field of one flag was written, in the order written. A flag has a dozen fields at most, so an
/// exact-size array searched in order is a quarter of a dictionary's size (a 10,000-flag registry builds
/// 10,000 of them) and as fast to search.
/// </summary>
internal sealed class FieldLocationMap(KeyValuePair<string, SourceLocation>[] fields) : IReadOnlyDictionary<string, SourceLocation>
{
    public static FieldLocationMap Empty { get; } = new([]);

    public int Count => fields.Length;

    public SourceLocation this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no field '{key}'");

    public IEnumerable<string> Keys => fields.Select(f => f.Key);

    public IEnumerable<SourceLocation> Values => fields.Select(f => f.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out SourceLocation value)
    {
        foreach (var field in fields)
        {
            if (string.Equals(field.Key, key, StringComparison.Ordinal))
            {
                value = field.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, SourceLocation>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, SourceLocation>>)fields).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
