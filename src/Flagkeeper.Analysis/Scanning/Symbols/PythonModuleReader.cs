namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// Reads a Python module's top level: assignments (<c>NAME = …</c>, <c>NAME: Final[str] = …</c>), enum classes and their
/// members, <c>import</c> and <c>from … import</c>. Any other top-level binding of a name (a <c>def</c>, a plain class,
/// <c>+=</c>, a tuple target, a <c>global</c> in a function) is recorded too, so a name bound twice is not a constant.
/// </summary>
internal static class PythonModuleReader
{
    private static readonly HashSet<string> EnumBases = new(StringComparer.Ordinal) { "Enum", "StrEnum", "enum.Enum", "enum.StrEnum" };

    public static PythonModule Read(string file, string text)
    {
        var module = new PythonModule(file, text, PythonLexer.Tokenize(text));
        var tokens = module.Tokens;
        var start = 0;
        while (start < tokens.Count)
        {
            var end = StatementEnd(tokens, start);
            if (tokens[start].IsWord("global"))
            {
                for (var i = start + 1; i < end; i++)
                {
                    Other(module, tokens[i]);
                }
            }
            else if (module.Indent(tokens[start].Start) == 0 && end > start)
            {
                end = Statement(module, start, end);
            }
            start = end + 1;
        }
        return module;
    }

    private static int StatementEnd(List<Token> tokens, int start)
    {
        var end = start;
        while (end < tokens.Count && !tokens[end].Is(';'))
        {
            end++;
        }
        return end;
    }

    /// <summary>One top-level statement, tokens [start, end); returns where the next one starts (past a class body).</summary>
    private static int Statement(PythonModule module, int start, int end)
    {
        var tokens = module.Tokens;
        var first = tokens[start];
        if (first.IsWord("import"))
        {
            Imports(module, start + 1, end);
        }
        else if (first.IsWord("from") && start + 1 < end)
        {
            FromImport(module, start + 1, end);
        }
        else if (first.IsWord("class") && start + 1 < end && tokens[start + 1].Kind == TokenKind.Identifier)
        {
            return Class(module, start, end);
        }
        else if ((first.IsWord("def") || first.IsWord("for")) && start + 1 < end)
        {
            Other(module, tokens[start + 1]);
        }
        else if (first.Kind == TokenKind.Identifier)
        {
            Assignment(module, module.Bind, start, end);
        }
        return end;
    }

    /// <summary><c>NAME = value</c> or <c>NAME: type = value</c>; any other statement binding NAME (<c>+=</c>, <c>A = B = …</c>, <c>A, B = …</c>) is another binding.</summary>
    private static void Assignment(PythonModule module, Action<string, PyBinding> bind, int start, int end)
    {
        var tokens = module.Tokens;
        var name = tokens[start];
        var equals = start + 1;
        if (equals < end && tokens[equals].Is(':'))
        {
            while (equals < end && !tokens[equals].Is('='))
            {
                equals++; // the annotation: str, Final, Final[str]
            }
        }
        if (equals >= end || !tokens[equals].Is('='))
        {
            if (start + 1 < end && (tokens[start + 1].Is(',') || (start + 2 < end && tokens[start + 2].Is('='))))
            {
                Other(module, name); // a tuple target or an augmented assignment
            }
            return;
        }
        var chained = Enumerable.Range(equals + 1, end - equals - 1).Any(i => tokens[i].Is('=') && !tokens[i - 1].Is('=') && (i + 1 >= end || !tokens[i + 1].Is('=')) && !"!<>=".Contains(tokens[i - 1].Text[0]));
        bind(name.Text, chained ? new PyBinding(name.Start) : new PyBinding(name.Start, Expression: (equals + 1)..end));
    }

    private static void Other(PythonModule module, Token name)
    {
        if (name.Kind == TokenKind.Identifier)
        {
            module.Bind(name.Text, new PyBinding(name.Start));
        }
    }

    /// <summary><c>import a.b</c> binds <c>a</c>; <c>import a.b as c</c> binds <c>c</c> to <c>a.b</c>.</summary>
    private static void Imports(PythonModule module, int at, int end)
    {
        while (at < end)
        {
            var next = CSharpDeclarationReader.DottedName(module.Tokens, at, out var path);
            if (path.Length == 0)
            {
                return;
            }
            var alias = next + 1 < end && module.Tokens[next].IsWord("as") ? module.Tokens[next + 1] : default;
            var bound = alias.Text is null ? path.Split('.')[0] : alias.Text;
            module.Bind(bound, new PyBinding(module.Tokens[at].Start, Import: (alias.Text is null ? bound : path, null)));
            at = (alias.Text is null ? next : next + 2) + 1; // past the ','
        }
    }

    /// <summary><c>from .m import a, b as c</c>, <c>from m import (a, b)</c>, <c>from m import *</c>.</summary>
    private static void FromImport(PythonModule module, int at, int end)
    {
        var tokens = module.Tokens;
        var dots = "";
        while (at < end && tokens[at].Is('.'))
        {
            dots += ".";
            at++;
        }
        at = CSharpDeclarationReader.DottedName(tokens, at, out var path);
        if (at >= end || !tokens[at].IsWord("import"))
        {
            return;
        }
        var spec = dots + path;
        for (at++; at < end; at++)
        {
            if (tokens[at].Is('*'))
            {
                module.StarImports.Add(spec);
            }
            else if (tokens[at].Kind == TokenKind.Identifier)
            {
                var name = tokens[at];
                var alias = at + 2 < end && tokens[at + 1].IsWord("as") ? tokens[at += 2] : name;
                module.Bind(alias.Text, new PyBinding(alias.Start, Import: (spec, name.Text)));
            }
        }
    }

    /// <summary>A class binds its name; an enum class's members are its body's top-level assignments (not <c>_private</c> ones).</summary>
    private static int Class(PythonModule module, int start, int end)
    {
        var tokens = module.Tokens;
        var name = tokens[start + 1];
        var bases = new HashSet<string>(StringComparer.Ordinal);
        for (var i = start + 2; i < end; i = CSharpDeclarationReader.DottedName(tokens, i, out _) is var n && n > i ? n : i + 1)
        {
            if (tokens[i].Kind == TokenKind.Identifier && CSharpDeclarationReader.DottedName(tokens, i, out var dotted) > i)
            {
                bases.Add(dotted);
            }
        }
        var members = new Dictionary<string, PyBinding>(StringComparer.Ordinal);
        var isEnum = bases.Overlaps(EnumBases);
        var bodyIndent = -1;
        var at = end + 1;
        while (at < tokens.Count && module.Indent(tokens[at].Start) is var indent && indent > 0)
        {
            var statementEnd = StatementEnd(tokens, at);
            bodyIndent = bodyIndent < 0 ? indent : bodyIndent;
            if (isEnum && indent == bodyIndent && tokens[at].Kind == TokenKind.Identifier && !tokens[at].Text.StartsWith('_'))
            {
                Assignment(module, (member, binding) => members[member] = members.ContainsKey(member) ? new PyBinding(binding.Offset) : binding, at, statementEnd);
            }
            at = statementEnd + 1;
        }
        module.Bind(name.Text, new PyBinding(name.Start, Enum: isEnum ? new PyEnum(bases.Contains("str") || bases.Contains("StrEnum") || bases.Contains("enum.StrEnum"), members) : null));
        return at - 1;
    }
}
