using System.Diagnostics.CodeAnalysis;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Registry;

/// <summary>
/// Where each field of one flag was written, in the order written. A flag has a dozen fields at most, so an
/// exact-size array searched in order is a quarter of a dictionary's size (a 10,000-flag registry builds
/// 10,000 of them) and as fast to search. The file is the flag's, held once: an entry is a name, a line and a column.
/// </summary>
internal sealed class FieldLocationMap : IReadOnlyDictionary<string, SourceLocation>
{
    /// <summary>One field: its name and where its value starts.</summary>
    internal readonly record struct Field(string Name, int Line, int Column);

    private readonly string _file;
    private readonly Field[] _fields;

    /// <summary>Lines added to every field's line: a shifted map shares the fields it was made from.</summary>
    private readonly int _lineShift;

    public FieldLocationMap(string file, Field[] fields)
        : this(file, fields, 0)
    {
    }

    private FieldLocationMap(string file, Field[] fields, int lineShift)
    {
        _file = file;
        _fields = fields;
        _lineShift = lineShift;
    }

    public static FieldLocationMap Empty { get; } = new("", []);

    /// <summary>The same fields <paramref name="lines"/> lines further down the same file.</summary>
    /// <remarks>An edit that adds a line moves every later flag: sharing the fields keeps that move small.</remarks>
    internal FieldLocationMap Shifted(int lines) => new(_file, _fields, _lineShift + lines);

    public int Count => _fields.Length;

    public SourceLocation this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no field '{key}'");

    public IEnumerable<string> Keys => _fields.Select(f => f.Name);

    public IEnumerable<SourceLocation> Values => _fields.Select(Location);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out SourceLocation value)
    {
        foreach (var field in _fields)
        {
            if (string.Equals(field.Name, key, StringComparison.Ordinal))
            {
                value = Location(field);
                return true;
            }
        }
        value = default;
        return false;
    }

    private SourceLocation Location(Field field) => new(_file, field.Line + _lineShift, field.Column);

    public IEnumerator<KeyValuePair<string, SourceLocation>> GetEnumerator() =>
        _fields.Select(f => new KeyValuePair<string, SourceLocation>(f.Name, Location(f))).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
