namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Reads a <see cref="TypeScriptModule"/> from tokens: <c>const</c>/<c>let</c>/<c>var</c> declarators with string or
/// object-literal initializers (<c>as const</c>, <c>satisfies</c> and type annotations allowed), enums, imports and
/// exports. Anything it does not understand is skipped to the next declaration; it never throws on broken source.
/// </summary>
internal static class TypeScriptModuleReader
{
    private const int MaxDepth = 32; // nested object literals: deeper ones are skipped

    public static TypeScriptModule Read(string file, string text)
    {
        var tokens = TypeScriptLexer.Tokenize(text);
        var module = new TypeScriptModule(file, text, tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Identifier || (i > 0 && tokens[i - 1].Is('.')))
            {
                continue; // a.const or obj.enum is a property, not a keyword
            }
            if (token.Text is "const" or "let" or "var" && At(tokens, i + 1) is { Kind: TokenKind.Identifier } next && next.Text != "enum")
            {
                i = Declarators(module, i + 1) - 1;
            }
            else if (token.Text == "enum" && At(tokens, i + 1) is { Kind: TokenKind.Identifier } name && At(tokens, i + 2) is { } open && open.Is('{'))
            {
                var (members, end) = Members(module, i + 3, isEnum: true, depth: 0);
                module.Declare(name.Text, new TsBinding(TsValueKind.Members, name.Start, default, members));
                i = end - 1;
            }
            else if (token.Text == "import" && !(At(tokens, i + 1) is { } paren && paren.Is('(')))
            {
                i = Import(module, i + 1) - 1;
            }
            else if (token.Text == "export")
            {
                i = Export(module, i + 1) - 1;
            }
        }
        return module;
    }

    private static Token? At(List<Token> tokens, int i) => i < tokens.Count ? tokens[i] : null;

    /// <summary><c>NAME [: type] = value [, NAME = value]*</c> from <paramref name="at"/>; returns where it stopped.</summary>
    private static int Declarators(TypeScriptModule module, int at)
    {
        var tokens = module.Tokens;
        while (At(tokens, at) is { Kind: TokenKind.Identifier } name)
        {
            var i = at + 1;
            if (At(tokens, i) is { } colon && colon.Is(':'))
            {
                i = SkipType(tokens, i + 1);
            }
            if (!(At(tokens, i) is { } equals && equals.Is('=')))
            {
                return i; // `let x;` or a for-of head
            }
            var (binding, end) = Value(module, i + 1, name.Start, depth: 0);
            module.Declare(name.Text, binding);
            if (!(At(tokens, end) is { } comma && comma.Is(',')))
            {
                return end;
            }
            at = end + 1;
        }
        return at;
    }

    /// <summary>Past a type annotation: to the '=' (not '=>') or the ',' / ';' that ends it at depth 0.</summary>
    private static int SkipType(List<Token> tokens, int at)
    {
        var depth = 0;
        for (var i = at; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Is('(') || t.Is('[') || t.Is('{') || t.Is('<'))
            {
                depth++;
            }
            else if (t.Is(')') || t.Is(']') || t.Is('}') || (t.Is('>') && !(i > 0 && tokens[i - 1].Is('='))))
            {
                depth--;
            }
            else if (depth <= 0 && t.Is('=') && !(At(tokens, i + 1) is { } arrow && arrow.Is('>')))
            {
                return i;
            }
            else if (depth <= 0 && (t.Is(';') || t.Is(',')))
            {
                return i;
            }
        }
        return tokens.Count;
    }

    /// <summary>An initializer: an object literal, a string expression, or something else skipped to its end.</summary>
    private static (TsBinding Binding, int End) Value(TypeScriptModule module, int at, int offset, int depth)
    {
        var tokens = module.Tokens;
        if (At(tokens, at) is { } open && open.Is('{') && depth < MaxDepth)
        {
            var (members, end) = Members(module, at + 1, isEnum: false, depth + 1);
            return (new TsBinding(TsValueKind.Members, offset, default, members), SkipAssertions(tokens, end));
        }
        var stringEnd = StringExpression(tokens, at);
        if (stringEnd > at && (At(tokens, stringEnd) is not { } after || EndsValue(after)))
        {
            return (new TsBinding(TsValueKind.String, offset, at..stringEnd, null), SkipAssertions(tokens, stringEnd));
        }
        return (new TsBinding(TsValueKind.Other, offset, default, null, "its value is not a constant string"), SkipExpression(tokens, at));
    }

    /// <summary>Terms (a string, a template literal, a dotted name, <c>X['y']</c>) joined by '+'; returns the end, or <paramref name="at"/> when none.</summary>
    private static int StringExpression(List<Token> tokens, int at)
    {
        var i = at;
        while (true)
        {
            var term = Term(tokens, i);
            if (term == i)
            {
                return at;
            }
            i = term;
            if (!(At(tokens, i) is { } plus && plus.Is('+')))
            {
                return i;
            }
            i++;
        }
    }

    private static int Term(List<Token> tokens, int at)
    {
        if (At(tokens, at) is not { } first)
        {
            return at;
        }
        if (first.Kind is TokenKind.String or TokenKind.Interpolated)
        {
            return at + 1;
        }
        if (first.Kind != TokenKind.Identifier)
        {
            return at;
        }
        var i = at + 1;
        while (true)
        {
            if (At(tokens, i) is { } dot && dot.Is('.') && At(tokens, i + 1) is { Kind: TokenKind.Identifier })
            {
                i += 2;
            }
            else if (At(tokens, i) is { } open && open.Is('[') && At(tokens, i + 1) is { Kind: TokenKind.String } && At(tokens, i + 2) is { } close && close.Is(']'))
            {
                i += 3;
            }
            else
            {
                return i;
            }
        }
    }

    /// <summary>What may follow a whole value: a separator, a closer, <c>as</c>/<c>satisfies</c>, or the next statement (no semicolons).</summary>
    private static bool EndsValue(Token next) =>
        next.Is(',') || next.Is(';') || next.Is(')') || next.Is('}') || next.Is(']') || next.Kind == TokenKind.Identifier;

    /// <summary>Past <c>as const</c>, <c>as T</c>, <c>satisfies T</c>.</summary>
    private static int SkipAssertions(List<Token> tokens, int at)
    {
        while (At(tokens, at) is { Kind: TokenKind.Identifier } word && word.Text is "as" or "satisfies")
        {
            at = SkipType(tokens, at + 1);
            if (At(tokens, at) is { } t && t.Is('='))
            {
                return at; // a type ending at '=': not ours to consume
            }
        }
        return at;
    }

    /// <summary>Past an expression we do not read: to the ',' ';' or closer at its depth.</summary>
    private static int SkipExpression(List<Token> tokens, int at)
    {
        var depth = 0;
        for (var i = at; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Is('(') || t.Is('[') || t.Is('{'))
            {
                depth++;
            }
            else if (t.Is(')') || t.Is(']') || t.Is('}'))
            {
                if (depth-- == 0)
                {
                    return i;
                }
            }
            else if (depth == 0 && (t.Is(',') || t.Is(';')))
            {
                return i;
            }
        }
        return tokens.Count;
    }

    /// <summary>An object literal's or an enum's members up to the closing brace; returns the index after it.</summary>
    private static (Dictionary<string, TsBinding> Members, int End) Members(TypeScriptModule module, int at, bool isEnum, int depth)
    {
        var tokens = module.Tokens;
        var members = new Dictionary<string, TsBinding>(StringComparer.Ordinal);
        var i = at;
        while (At(tokens, i) is { } token && !token.Is('}'))
        {
            if (token.Kind is TokenKind.Identifier or TokenKind.String && At(tokens, i + 1) is { } next)
            {
                if (!isEnum && next.Is(':'))
                {
                    var (value, end) = Value(module, i + 2, token.Start, depth);
                    members.TryAdd(token.Text, value);
                    i = end;
                }
                else if (isEnum && next.Is('='))
                {
                    var (value, end) = Value(module, i + 2, token.Start, depth);
                    members.TryAdd(token.Text, value.Kind == TsValueKind.Other ? value with { Why = "it is a numeric enum member" } : value);
                    i = end;
                }
                else if (next.Is(',') || next.Is('}'))
                {
                    // `{ A }` is `{ A: A }`; an enum member without a value is a number.
                    members.TryAdd(token.Text, isEnum
                        ? new TsBinding(TsValueKind.Other, token.Start, default, null, "it is a numeric enum member")
                        : new TsBinding(TsValueKind.String, token.Start, i..(i + 1), null));
                    i++;
                }
                else
                {
                    i = SkipExpression(tokens, i); // a method, a getter, a computed key
                }
            }
            else
            {
                i = SkipExpression(tokens, i + 1); // a spread, a computed key
            }
            if (At(tokens, i) is { } comma && comma.Is(','))
            {
                i++;
            }
            else if (At(tokens, i) is { } semicolon && semicolon.Is(';'))
            {
                i++;
            }
        }
        return (members, Math.Min(i + 1, tokens.Count));
    }

    /// <summary>The import clause after <c>import</c>; returns where it stopped.</summary>
    private static int Import(TypeScriptModule module, int at)
    {
        var tokens = module.Tokens;
        var i = At(tokens, at) is { Kind: TokenKind.Identifier, Text: "type" } && !(At(tokens, at + 1) is { } f && (f.IsWord("from") || f.Is(','))) ? at + 1 : at;
        var named = new List<(string Local, string Name)>();
        string? namespaceName = null;
        if (At(tokens, i) is { Kind: TokenKind.Identifier } defaultName && defaultName.Text != "from")
        {
            named.Add((defaultName.Text, "default"));
            i++;
            if (At(tokens, i) is { } comma && comma.Is(','))
            {
                i++;
            }
        }
        if (At(tokens, i) is { } star && star.Is('*') && At(tokens, i + 1) is { Kind: TokenKind.Identifier, Text: "as" } && At(tokens, i + 2) is { Kind: TokenKind.Identifier } ns)
        {
            namespaceName = ns.Text;
            i += 3;
        }
        else if (At(tokens, i) is { } open && open.Is('{'))
        {
            i = Specifiers(tokens, i + 1, named);
        }
        if (!(At(tokens, i) is { Kind: TokenKind.Identifier, Text: "from" } && At(tokens, i + 1) is { Kind: TokenKind.String } spec))
        {
            return i;
        }
        foreach (var (local, name) in named)
        {
            module.Imports[local] = (spec.Text, name);
        }
        if (namespaceName is not null)
        {
            module.NamespaceImports[namespaceName] = spec.Text;
        }
        return i + 2;
    }

    /// <summary><c>a, b as c, type d }</c>: (local, exported) pairs; returns the index after the brace.</summary>
    private static int Specifiers(List<Token> tokens, int at, List<(string Local, string Name)> into)
    {
        var i = at;
        while (At(tokens, i) is { } token && !token.Is('}'))
        {
            if (token.IsWord("type") && At(tokens, i + 1) is { Kind: TokenKind.Identifier or TokenKind.String } after && !after.IsWord("as"))
            {
                i++;
                continue;
            }
            if (token.Kind is TokenKind.Identifier or TokenKind.String)
            {
                if (At(tokens, i + 1) is { Kind: TokenKind.Identifier, Text: "as" } && At(tokens, i + 2) is { Kind: TokenKind.Identifier or TokenKind.String } alias)
                {
                    into.Add((alias.Text, token.Text));
                    i += 3;
                }
                else
                {
                    into.Add((token.Text, token.Text));
                    i++;
                }
            }
            else
            {
                i++;
            }
            if (At(tokens, i) is { } comma && comma.Is(','))
            {
                i++;
            }
        }
        return Math.Min(i + 1, tokens.Count);
    }

    /// <summary>After <c>export</c>: lists, re-exports, <c>export *</c> and <c>export default</c>; declarations are read by the main loop.</summary>
    private static int Export(TypeScriptModule module, int at)
    {
        var tokens = module.Tokens;
        var i = At(tokens, at) is { Kind: TokenKind.Identifier, Text: "type" } && At(tokens, at + 1) is { } brace && brace.Is('{') ? at + 1 : at;
        if (At(tokens, i) is { } open && open.Is('{'))
        {
            var named = new List<(string Exported, string Local)>();
            var end = Specifiers(tokens, i + 1, named);
            if (At(tokens, end) is { Kind: TokenKind.Identifier, Text: "from" } && At(tokens, end + 1) is { Kind: TokenKind.String } spec)
            {
                foreach (var (exported, local) in named)
                {
                    module.ReExports[exported] = (spec.Text, local);
                }
                return end + 2;
            }
            foreach (var (exported, local) in named)
            {
                module.ExportedAs[exported] = local;
            }
            return end;
        }
        if (At(tokens, i) is { } star && star.Is('*'))
        {
            if (At(tokens, i + 1) is { Kind: TokenKind.Identifier, Text: "as" } && At(tokens, i + 2) is { Kind: TokenKind.Identifier } ns
                && At(tokens, i + 3) is { Kind: TokenKind.Identifier, Text: "from" } && At(tokens, i + 4) is { Kind: TokenKind.String } nsSpec)
            {
                module.ReExports[ns.Text] = (nsSpec.Text, "*");
                return i + 5;
            }
            if (At(tokens, i + 1) is { Kind: TokenKind.Identifier, Text: "from" } && At(tokens, i + 2) is { Kind: TokenKind.String } starSpec)
            {
                module.StarExports.Add(starSpec.Text);
                return i + 3;
            }
            return i + 1;
        }
        if (At(tokens, i) is { Kind: TokenKind.Identifier, Text: "default" } word && At(tokens, i + 1) is { } value
            && (value.Is('{') || value.Kind is TokenKind.String or TokenKind.Identifier && !value.IsWord("function") && !value.IsWord("class")))
        {
            var (binding, end) = Value(module, i + 1, word.Start, depth: 0);
            module.DefaultExport = binding;
            return end;
        }
        return i;
    }
}
