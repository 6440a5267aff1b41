namespace Flagkeeper.Analysis.Scanning.Symbols;

internal enum TsValueKind
{
    /// <summary>A string expression: literals, template literals and names joined by '+', folded on demand.</summary>
    String,
    /// <summary>An object literal or an enum: its members by name.</summary>
    Members,
    /// <summary>Anything else (a number, a call, a numeric enum member): never a flag key.</summary>
    Other,
}

/// <summary>A declared name or member: where it is and what its value is made of.</summary>
/// <param name="Expression">For <see cref="TsValueKind.String"/>: the tokens of its initializer.</param>
internal sealed record TsBinding(TsValueKind Kind, int Offset, Range Expression, Dictionary<string, TsBinding>? Members, string? Why = null);

/// <summary>What one TypeScript or JavaScript file declares, imports and exports, as far as keys need.</summary>
internal sealed class TypeScriptModule(string file, string text, List<Token> tokens)
{
    public string File { get; } = file;
    public string Text { get; } = text;
    public List<Token> Tokens { get; } = tokens;

    /// <summary>Line starts, for a declaration's <c>file:line:column</c>.</summary>
    public LineIndex Lines { get; } = new(text);

    /// <summary>Every <c>const</c>, <c>let</c>, <c>var</c> and <c>enum</c> in the file by name (all scopes: a name declared twice with different values is ambiguous).</summary>
    public Dictionary<string, List<TsBinding>> Declarations { get; } = new(StringComparer.Ordinal);

    /// <summary><c>import { a as b } from 'spec'</c>: b → (spec, a); a default import is (spec, "default").</summary>
    public Dictionary<string, (string Spec, string Name)> Imports { get; } = new(StringComparer.Ordinal);

    /// <summary><c>import * as ns from 'spec'</c>: ns → spec.</summary>
    public Dictionary<string, string> NamespaceImports { get; } = new(StringComparer.Ordinal);

    /// <summary><c>export { a as b }</c>: b → a.</summary>
    public Dictionary<string, string> ExportedAs { get; } = new(StringComparer.Ordinal);

    /// <summary><c>export { a as b } from 'spec'</c>: b → (spec, a); <c>export * as ns from 'spec'</c>: ns → (spec, "*").</summary>
    public Dictionary<string, (string Spec, string Name)> ReExports { get; } = new(StringComparer.Ordinal);

    /// <summary><c>export * from 'spec'</c>.</summary>
    public List<string> StarExports { get; } = [];

    /// <summary><c>export default NAME</c> or <c>export default { … }</c>.</summary>
    public TsBinding? DefaultExport { get; set; }

    public void Declare(string name, TsBinding binding)
    {
        if (!Declarations.TryGetValue(name, out var list))
        {
            Declarations[name] = list = [];
        }
        list.Add(binding);
    }
}
