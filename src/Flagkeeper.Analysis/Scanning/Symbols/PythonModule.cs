namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>One module-level binding of a Python name: an assignment (its value's tokens), an enum class, an import, or anything else.</summary>
/// <param name="Expression">An assignment's value.</param>
/// <param name="Enum">An enum class's members by name.</param>
/// <param name="Import">Where an import points: the module (with its leading dots) and the name in it (null: the module itself).</param>
internal sealed record PyBinding(int Offset, Range? Expression = null, PyEnum? Enum = null, (string Module, string? Name)? Import = null);

/// <summary>An <c>Enum</c> subclass; <see cref="IsString"/>: a <c>str</c> mix-in or <c>StrEnum</c>, whose members are strings themselves.</summary>
internal sealed record PyEnum(bool IsString, Dictionary<string, PyBinding> Members);

/// <summary>What one Python module binds at its top level, as far as keys need.</summary>
internal sealed class PythonModule(string file, string text, List<Token> tokens)
{
    public string File { get; } = file;
    public string Text { get; } = text;
    public List<Token> Tokens { get; } = tokens;
    public LineIndex Lines { get; } = new(text);

    /// <summary>Every module-level binding by name: a name bound more than once is not a constant.</summary>
    public Dictionary<string, List<PyBinding>> Bindings { get; } = new(StringComparer.Ordinal);

    /// <summary><c>from m import *</c>: the modules whose names this one takes.</summary>
    public List<string> StarImports { get; } = [];

    public void Bind(string name, PyBinding binding)
    {
        if (!Bindings.TryGetValue(name, out var list))
        {
            Bindings[name] = list = [];
        }
        list.Add(binding);
    }

    /// <summary>The column (0-based) of the line that holds <paramref name="offset"/>'s first non-blank character.</summary>
    public int Indent(int offset)
    {
        var start = Text.LastIndexOf('\n', Math.Max(0, Math.Min(offset, Text.Length) - 1)) + 1;
        var at = start;
        while (at < Text.Length && Text[at] is ' ' or '\t')
        {
            at++;
        }
        return at - start;
    }
}
