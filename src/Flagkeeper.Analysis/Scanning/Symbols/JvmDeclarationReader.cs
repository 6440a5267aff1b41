namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Reads what the JVM symbol pass needs from a Java or Kotlin file's tokens: its package, its imports, its type
/// bodies, and its constants: Java <c>static final String</c> fields and interface fields, Kotlin <c>const val</c>
/// (top level, <c>object</c>, <c>companion object</c>), and enum entries. Everything else is skipped.
/// </summary>
internal static class JvmDeclarationReader
{
    private sealed record Scope(string? TypePath, bool IsInterface, int StartOffset);

    /// <summary>A type header read, waiting for its body's '{' (at the same bracket depth).</summary>
    private sealed record PendingType(string Path, bool Interface, bool Enum, int Parens);

    public static JvmFile Read(string file, string text)
    {
        var kotlin = JvmFile.IsKotlinFile(file);
        using var tokens = JvmLexer.TokenizeLent(text, kotlin);
        var result = Read(file, text, tokens.List, kotlin);
        // Only a constant's initializer is read again (folded on demand): most files a call is in declare none.
        result.Tokens = result.Constants.Count > 0 ? [.. tokens.List] : [];
        return result;
    }

    private static JvmFile Read(string file, string text, List<Token> tokens, bool kotlin)
    {
        var result = new JvmFile(file, text, kotlin);
        var scopes = new Stack<Scope>();
        PendingType? pending = null;
        var parens = 0;
        var memberStart = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var type = scopes.Count > 0 ? scopes.Peek().TypePath : "";
            if (token.Is('(') || token.Is('['))
            {
                parens++;
            }
            else if (token.Is(')') || token.Is(']'))
            {
                parens = Math.Max(0, parens - 1);
            }
            else if (token.Is('{'))
            {
                var opened = pending is { } p && p.Parens == parens ? p : null;
                scopes.Push(new Scope(opened?.Path, opened?.Interface ?? false, token.Start));
                pending = null;
                if (opened is { Enum: true })
                {
                    i = EnumEntries(result, tokens, i + 1, opened.Path) - 1;
                }
            }
            else if (token.Is('}') && scopes.Count > 0)
            {
                var closed = scopes.Pop();
                if (closed.TypePath is { } path)
                {
                    result.Types.Add(new TypeSpan(closed.StartOffset, token.Start, result.Package, path));
                }
            }
            else if (token.Is(';') && pending is { } p && p.Parens == parens)
            {
                pending = null; // `class Empty(val x: Int)`: a type without a body
            }
            // Kotlin inserts no ';' after `import a.*`, so there an import need not start a statement.
            else if (token.Kind == TokenKind.Identifier && scopes.Count == 0 && token.Text is "package" or "import" && (memberStart || kotlin))
            {
                i = token.Text == "package" ? Package(result, tokens, i + 1) : Import(result, tokens, i + 1);
            }
            else if (token.Kind == TokenKind.Identifier && TypeHeader(tokens, i, kotlin) is { } header)
            {
                var inner = header.Name is null ? type : type is { Length: > 0 } ? type + "." + header.Name : header.Name;
                pending = type is null ? null : new PendingType(inner!, token.Text == "interface", header.Enum, parens);
                if (pending is not null && !kotlin)
                {
                    result.Supertypes[inner!] = Supertypes(tokens, i + 2);
                }
            }
            else if (memberStart && type is not null && parens == 0)
            {
                i = kotlin ? KotlinConstant(result, tokens, i, type) : JavaField(result, tokens, i, type, scopes.Count > 0 && scopes.Peek().IsInterface);
            }
            else if (type is not null && DeclaresToString(tokens, i))
            {
                result.OverridesToString.Add(type);
            }
            else if (token.Kind == TokenKind.Identifier && IsVariable(tokens, i, kotlin))
            {
                result.Variables.Add(token.Text);
            }
            memberStart = i < tokens.Count && (tokens[i].Is(';') || tokens[i].Is('{') || tokens[i].Is('}'));
        }
        return result;
    }

    /// <summary>
    /// A parameter, local or field that is not a constant: Java <c>Type name</c> before <c>, ) = ; :</c>; Kotlin <c>val name</c>,
    /// <c>var name</c> (not <c>const</c>) and <c>name: Type</c> in a parameter list. A bare name declared so is never looked up in the tree.
    /// </summary>
    private static bool IsVariable(List<Token> tokens, int i, bool kotlin)
    {
        var previous = i > 0 ? tokens[i - 1] : default;
        var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
        if (kotlin)
        {
            return ((previous.IsWord("val") || previous.IsWord("var")) && !(i > 1 && tokens[i - 2].IsWord("const")))
                || (next.Is(':') && (previous.Is('(') || previous.Is(',')));
        }
        return (previous.Kind == TokenKind.Identifier && !NotTypes.Contains(previous.Text) || previous.Is('>') || previous.Is(']'))
            && (next.Is(',') || next.Is(')') || next.Is('=') || next.Is(';') || next.Is(':'));
    }

    /// <summary>Java: the names after <c>extends</c> and <c>implements</c> up to the type's body (type arguments skipped).</summary>
    private static List<string> Supertypes(List<Token> tokens, int at)
    {
        var names = new List<string>();
        var listing = false;
        for (var (i, angles) = (at, 0); i < tokens.Count && !tokens[i].Is('{') && !tokens[i].Is(';'); i++)
        {
            angles += tokens[i].Is('<') ? 1 : tokens[i].Is('>') ? -1 : 0;
            if (tokens[i].IsWord("extends") || tokens[i].IsWord("implements"))
            {
                listing = angles == 0;
            }
            else if (listing && angles == 0 && tokens[i].Kind == TokenKind.Identifier && !tokens[i - 1].Is('.'))
            {
                i = CSharpDeclarationReader.DottedName(tokens, i, out var name) - 1;
                names.Add(name);
            }
        }
        return names;
    }

    /// <summary><c>String toString()</c> (Java) or <c>fun toString()</c> (Kotlin): an enum's string is then not its entry's name.</summary>
    private static bool DeclaresToString(List<Token> tokens, int i) =>
        tokens[i].IsWord("toString") && i > 0 && (tokens[i - 1].IsWord("String") || tokens[i - 1].IsWord("fun"))
        && i + 2 < tokens.Count && tokens[i + 1].Is('(') && tokens[i + 2].Is(')');

    // Words before a name that are not its type: `return key;`, `throw e;`, `case X:`.
    private static readonly HashSet<string> NotTypes = new(StringComparer.Ordinal) { "return", "throw", "new", "case", "else", "yield", "assert", "package", "import", "static", "default" };

    /// <summary><c>class Name</c>, <c>interface Name</c>, <c>enum Name</c>, <c>object Name</c>, <c>record Name</c>, <c>companion object</c> (Name null: its members are its class's).</summary>
    private static (string? Name, bool Enum)? TypeHeader(List<Token> tokens, int i, bool kotlin)
    {
        var word = tokens[i].Text;
        var previous = i > 0 ? tokens[i - 1] : default;
        if (word is not ("class" or "interface" or "enum" or "object" or "record") || previous.Is('.') || previous.Is(':'))
        {
            return null; // Foo.class, Foo::class
        }
        if (word == "enum" && kotlin)
        {
            return null; // `enum class E`: the `class` reads it
        }
        var isEnum = word == "enum" || (previous.IsWord("enum") && word == "class");
        if (word == "object" && previous.IsWord("companion"))
        {
            return (null, false);
        }
        return i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Identifier ? (tokens[i + 1].Text, isEnum) : null;
    }

    private static int Package(JvmFile file, List<Token> tokens, int at)
    {
        var end = CSharpDeclarationReader.DottedName(tokens, at, out var name);
        file.Package = name;
        return end - 1;
    }

    /// <summary><c>import [static] a.b.C[.*] [as D]</c>.</summary>
    private static int Import(JvmFile file, List<Token> tokens, int at)
    {
        var isStatic = at < tokens.Count && tokens[at].IsWord("static");
        var end = CSharpDeclarationReader.DottedName(tokens, isStatic ? at + 1 : at, out var path);
        var wildcard = end + 1 < tokens.Count && tokens[end].Is('.') && tokens[end + 1].Is('*');
        end += wildcard ? 2 : 0;
        string? alias = null;
        if (end + 1 < tokens.Count && tokens[end].IsWord("as") && tokens[end + 1].Kind == TokenKind.Identifier)
        {
            alias = tokens[end + 1].Text;
            end += 2;
        }
        if (path.Length > 0)
        {
            file.Imports.Add(new JvmImport(path, alias, isStatic, wildcard));
        }
        return end - 1;
    }

    /// <summary>Java: <c>[annotations] modifiers String A = init[, B = init];</c>; static and final, or in an interface.</summary>
    private static int JavaField(JvmFile file, List<Token> tokens, int at, string type, bool inInterface)
    {
        var i = SkipAnnotations(tokens, at);
        var isStatic = inInterface;
        var isFinal = inInterface;
        while (i < tokens.Count && tokens[i].Kind == TokenKind.Identifier && Modifiers.Contains(tokens[i].Text))
        {
            isStatic |= tokens[i].Text == "static";
            isFinal |= tokens[i].Text == "final";
            i++;
        }
        var typeEnd = CSharpDeclarationReader.DottedName(tokens, i, out var typeName);
        if (!isStatic || !isFinal || typeName is not ("String" or "java.lang.String"))
        {
            return at;
        }
        for (i = typeEnd; i + 1 < tokens.Count && tokens[i].Kind == TokenKind.Identifier && tokens[i + 1].Is('=');)
        {
            var end = CSharpDeclarationReader.ExpressionEnd(tokens, i + 2);
            file.Constants.Add(new JvmConstant(SymbolKind.StringConstant, tokens[i].Text, type, tokens[i].Start, file, (i + 2)..end));
            if (end >= tokens.Count || !tokens[end].Is(','))
            {
                return end;
            }
            i = end + 1;
        }
        return at;
    }

    /// <summary>Kotlin: <c>[annotations] [modifiers] const val NAME[: String] = init</c>.</summary>
    private static int KotlinConstant(JvmFile file, List<Token> tokens, int at, string type)
    {
        var i = SkipAnnotations(tokens, at);
        while (i < tokens.Count && tokens[i].Kind == TokenKind.Identifier && Modifiers.Contains(tokens[i].Text))
        {
            i++;
        }
        if (i + 3 >= tokens.Count || !tokens[i].IsWord("const") || !tokens[i + 1].IsWord("val") || tokens[i + 2].Kind != TokenKind.Identifier)
        {
            return at;
        }
        var name = tokens[i + 2];
        i += 3;
        if (tokens[i].Is(':'))
        {
            i = CSharpDeclarationReader.DottedName(tokens, i + 1, out _);
        }
        if (i >= tokens.Count || !tokens[i].Is('='))
        {
            return at;
        }
        var end = CSharpDeclarationReader.ExpressionEnd(tokens, i + 1);
        file.Constants.Add(new JvmConstant(SymbolKind.StringConstant, name.Text, type, name.Start, file, (i + 1)..end));
        return end;
    }

    /// <summary>An enum body's entries, <c>A, B("x"), @Ann C { … };</c>, from <paramref name="at"/>; returns where members start.</summary>
    private static int EnumEntries(JvmFile file, List<Token> tokens, int at, string type)
    {
        var i = at;
        while (i < tokens.Count)
        {
            i = SkipAnnotations(tokens, i);
            if (i >= tokens.Count || tokens[i].Kind != TokenKind.Identifier)
            {
                break;
            }
            file.Constants.Add(new JvmConstant(SymbolKind.EnumMember, tokens[i].Text, type, tokens[i].Start, file, default));
            i++;
            i = i < tokens.Count && tokens[i].Is('(') ? ConstantConcatenation.Close(tokens, i, tokens.Count) + 1 : i;
            if (i < tokens.Count && tokens[i].Is('{'))
            {
                var close = Balanced(tokens, i);
                if (Enumerable.Range(i, close - i).Any(t => DeclaresToString(tokens, t)))
                {
                    file.OverridesToString.Add(type); // an entry with its own toString()
                }
                i = close + 1;
            }
            if (i >= tokens.Count || !tokens[i].Is(','))
            {
                break;
            }
            i++;
        }
        return i < tokens.Count && tokens[i].Is(';') ? i + 1 : i;
    }

    private static int SkipAnnotations(List<Token> tokens, int i)
    {
        while (i + 1 < tokens.Count && tokens[i].Is('@') && tokens[i + 1].Kind == TokenKind.Identifier)
        {
            i = CSharpDeclarationReader.DottedName(tokens, i + 1, out _);
            if (i < tokens.Count && tokens[i].Is(':'))
            {
                i = CSharpDeclarationReader.DottedName(tokens, i + 1, out _); // Kotlin @field:Ann
            }
            i = i < tokens.Count && tokens[i].Is('(') ? ConstantConcatenation.Close(tokens, i, tokens.Count) + 1 : i;
        }
        return i;
    }

    private static int Balanced(List<Token> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            depth += tokens[i].Is('{') ? 1 : tokens[i].Is('}') ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }
        return tokens.Count;
    }

    private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
    {
        "public", "private", "protected", "internal", "static", "final", "transient", "volatile", "override", "open", "lateinit", "actual", "expect",
    };
}
