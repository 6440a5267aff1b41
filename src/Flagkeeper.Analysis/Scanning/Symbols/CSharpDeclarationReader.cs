namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Reads the string constants, enum members, namespaces, type nesting and <c>using</c> directives of one C#
/// file from its tokens. A reader of declarations, not a parser of C#: it follows braces and the few
/// keywords that open a scope or declare a constant, and ignores everything else.
/// </summary>
internal static class CSharpDeclarationReader
{
    private static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal) { "class", "struct", "interface", "record", "enum" };

    private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
    {
        "public", "private", "protected", "internal", "static", "readonly", "new", "const", "file", "required", "volatile", "unsafe",
    };

    private sealed record Scope(string? Type, bool IsEnum, string? Namespace, int Start);

    public static FileSymbols Read(string file, string text)
    {
        using var tokens = CSharpLexer.TokenizeLent(text);
        var symbols = Read(file, text, tokens.List);
        // Only a symbol's initializer is read again (folded on demand): most files a call is in declare none.
        symbols.Tokens = symbols.Symbols.Count > 0 ? [.. tokens.List] : [];
        return symbols;
    }

    private static FileSymbols Read(string file, string text, List<Token> tokens)
    {
        var symbols = new FileSymbols(file, text);
        var scopes = new List<Scope>();
        string? pendingType = null;
        var pendingEnum = false;
        string? pendingNamespace = null;
        var expectEnumMember = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var inEnum = scopes.Count > 0 && scopes[^1].IsEnum;
            if (token.Is('{'))
            {
                scopes.Add(new Scope(pendingType, pendingEnum, pendingNamespace, token.Start));
                expectEnumMember = pendingEnum;
                pendingType = null;
                pendingEnum = false;
                pendingNamespace = null;
            }
            else if (token.Is('}'))
            {
                if (scopes.Count > 0)
                {
                    var closed = scopes[^1];
                    scopes.RemoveAt(scopes.Count - 1);
                    if (closed.Type is not null)
                    {
                        symbols.Types.Add(new TypeSpan(closed.Start, token.Start + 1, NamespaceOf(symbols, scopes), TypePathOf(scopes, closed.Type)));
                    }
                }
                expectEnumMember = false;
            }
            else if (token.Is(';'))
            {
                pendingType = null; // record R(string A); has no body
                pendingEnum = false;
            }
            else if (inEnum)
            {
                if (token.Is(','))
                {
                    expectEnumMember = true;
                }
                else if (token.Is('[') && expectEnumMember)
                {
                    i = Matching(tokens, i, '[', ']'); // an attribute on the member
                }
                else if (expectEnumMember && token.Kind == TokenKind.Identifier)
                {
                    symbols.Symbols.Add(new Symbol(SymbolKind.EnumMember, token.Text, NamespaceOf(symbols, scopes), TypePathOf(scopes, null), token.Start, symbols, default));
                    expectEnumMember = false;
                }
            }
            else if (token.Kind != TokenKind.Identifier)
            {
                continue;
            }
            else if (token.Text == "namespace" && DottedName(tokens, i + 1, out var name) is var end && name.Length > 0)
            {
                if (end < tokens.Count && tokens[end].Is(';'))
                {
                    symbols.FileNamespace = name;
                }
                else
                {
                    pendingNamespace = name;
                }
                i = end - 1;
            }
            else if (TypeKeywords.Contains(token.Text) && TypeName(tokens, i) is { } type)
            {
                pendingType = type.Name;
                pendingEnum = token.Text == "enum";
                i = type.At;
            }
            else if (token.Text == "using" && !scopes.Any(s => s.Type is not null))
            {
                i = ReadUsing(symbols, tokens, i);
            }
            else if (token.Text == "const" || (token.Text == "readonly" && (HasModifierBefore(tokens, i, "static") || HasModifierAfter(tokens, i, "static"))))
            {
                i = ReadStringFields(symbols, tokens, i + 1, NamespaceOf(symbols, scopes), TypePathOf(scopes, null));
            }
        }
        return symbols;
    }

    /// <summary>After <c>class</c>, <c>record struct</c> and the like: the type's name, or null (a generic constraint <c>where T : class</c>).</summary>
    private static (string Name, int At)? TypeName(List<Token> tokens, int at)
    {
        var next = at + 1;
        if (tokens[at].Text == "record" && next < tokens.Count && (tokens[next].IsWord("class") || tokens[next].IsWord("struct")))
        {
            next++;
        }
        if (next >= tokens.Count || tokens[next].Kind != TokenKind.Identifier || TypeKeywords.Contains(tokens[next].Text))
        {
            return null;
        }
        // "record" is also a plain identifier (a variable named record): a type name is followed by a body, a base list, generics or a parameter list.
        var after = next + 1 < tokens.Count ? tokens[next + 1] : default;
        return after.Kind == TokenKind.Punctuation && after.Text is "{" or ":" or "<" or "(" or ";" || after.IsWord("where")
            ? (tokens[next].Text, next)
            : null;
    }

    /// <summary>Reads <c>string A = …, B = …;</c> after <c>const</c> or <c>static readonly</c>; other types are skipped.</summary>
    private static int ReadStringFields(FileSymbols symbols, List<Token> tokens, int at, string ns, string typePath)
    {
        while (at < tokens.Count && tokens[at].Kind == TokenKind.Identifier && Modifiers.Contains(tokens[at].Text))
        {
            at++;
        }
        var typeEnd = DottedName(tokens, at, out var type);
        if (type is not ("string" or "String" or "System.String" or "global::System.String") || typeEnd >= tokens.Count || tokens[typeEnd].Kind != TokenKind.Identifier)
        {
            return at - 1;
        }
        at = typeEnd;
        while (at + 1 < tokens.Count && tokens[at].Kind == TokenKind.Identifier && tokens[at + 1].Is('='))
        {
            var name = tokens[at];
            var start = at + 2;
            var end = ExpressionEnd(tokens, start);
            symbols.Symbols.Add(new Symbol(SymbolKind.StringConstant, name.Text, ns, typePath, name.Start, symbols, start..end));
            if (end >= tokens.Count || !tokens[end].Is(','))
            {
                return end - 1;
            }
            at = end + 1;
        }
        return at - 1;
    }

    /// <summary>The index of the ',' or ';' that ends an initializer, outside parentheses and braces (Java's too).</summary>
    internal static int ExpressionEnd(List<Token> tokens, int at)
    {
        var depth = 0;
        for (; at < tokens.Count; at++)
        {
            var token = tokens[at];
            if (token.Is('(') || token.Is('[') || token.Is('{'))
            {
                depth++;
            }
            else if (token.Is(')') || token.Is(']') || token.Is('}'))
            {
                if (--depth < 0)
                {
                    return at;
                }
            }
            else if (depth == 0 && (token.Is(',') || token.Is(';')))
            {
                return at;
            }
        }
        return at;
    }

    private static int ReadUsing(FileSymbols symbols, List<Token> tokens, int at)
    {
        var next = at + 1;
        if (next < tokens.Count && tokens[next].IsWord("global"))
        {
            next++;
        }
        if (next < tokens.Count && tokens[next].IsWord("static"))
        {
            var end = DottedName(tokens, next + 1, out var target);
            if (target.Length > 0)
            {
                symbols.StaticImports.Add(StripGlobal(target));
            }
            return end - 1;
        }
        if (next + 1 < tokens.Count && tokens[next].Kind == TokenKind.Identifier && tokens[next + 1].Is('='))
        {
            var end = DottedName(tokens, next + 2, out var target);
            if (target.Length > 0)
            {
                symbols.Aliases[tokens[next].Text] = StripGlobal(target);
            }
            return end - 1;
        }
        var nameEnd = DottedName(tokens, next, out var ns);
        if (ns.Length > 0 && nameEnd < tokens.Count && tokens[nameEnd].Is(';'))
        {
            symbols.Imports.Add(StripGlobal(ns));
        }
        return nameEnd - 1;
    }

    private static string StripGlobal(string name) => name.StartsWith("global::", StringComparison.Ordinal) ? name[8..] : name;

    /// <summary>Reads <c>A.B.C</c> (or <c>global::A.B</c>) from <paramref name="at"/>; returns the index after it.</summary>
    public static int DottedName(List<Token> tokens, int at, out string name)
    {
        var parts = new List<string>();
        var prefix = "";
        if (at + 2 < tokens.Count && tokens[at].IsWord("global") && tokens[at + 1].Is(':') && tokens[at + 2].Is(':'))
        {
            prefix = "global::";
            at += 3;
        }
        while (at < tokens.Count && tokens[at].Kind == TokenKind.Identifier)
        {
            parts.Add(tokens[at].Text);
            if (at + 1 < tokens.Count && tokens[at + 1].Is('.') && at + 2 < tokens.Count && tokens[at + 2].Kind == TokenKind.Identifier)
            {
                at += 2;
                continue;
            }
            at++;
            break;
        }
        name = parts.Count == 0 ? "" : prefix + string.Join('.', parts);
        return at;
    }

    private static bool HasModifierBefore(List<Token> tokens, int at, string modifier)
    {
        for (var i = at - 1; i >= 0 && tokens[i].Kind == TokenKind.Identifier; i--)
        {
            if (tokens[i].Text == modifier)
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasModifierAfter(List<Token> tokens, int at, string modifier)
    {
        for (var i = at + 1; i < tokens.Count && tokens[i].Kind == TokenKind.Identifier && Modifiers.Contains(tokens[i].Text); i++)
        {
            if (tokens[i].Text == modifier)
            {
                return true;
            }
        }
        return false;
    }

    private static int Matching(List<Token> tokens, int at, char open, char close)
    {
        var depth = 0;
        for (var i = at; i < tokens.Count; i++)
        {
            if (tokens[i].Is(open))
            {
                depth++;
            }
            else if (tokens[i].Is(close) && --depth == 0)
            {
                return i;
            }
        }
        return tokens.Count;
    }

    private static string NamespaceOf(FileSymbols symbols, List<Scope> scopes)
    {
        var nested = scopes.Where(s => s.Namespace is not null).Select(s => s.Namespace!);
        return string.Join('.', new[] { symbols.FileNamespace }.Concat(nested).Where(n => n.Length > 0));
    }

    private static string TypePathOf(List<Scope> scopes, string? last)
    {
        var types = scopes.Where(s => s.Type is not null).Select(s => s.Type!);
        return string.Join('.', last is null ? types : types.Append(last));
    }
}
