using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Languages;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Tells a function's declaration (<c>function isEnabled(key: string)</c>, <c>def is_enabled(key):</c>,
/// <c>public bool IsEnabled(string key)</c>, <c>func (c *C) IsEnabled(key string)</c>) from a call,
/// so a wrapper's own definition is not reported as a dynamic usage.
/// </summary>
internal static partial class Declarations
{
    private static readonly HashSet<string> CallKeywords = new(StringComparer.Ordinal)
    {
        "return", "await", "yield", "new", "not", "and", "or", "if", "elif", "while", "unless", "until", "when", "case", "in", "of",
        "else", "do", "then", "throw", "typeof", "echo", "print", "puts", "assert", "go", "defer", "is", "as", "lambda", "select",
        "from", "where", "let", "var", "val", "const", "using", "lock", "foreach", "for", "switch", "with", "raise", "except", "nameof", "sizeof",
    };

    private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
    {
        "public", "private", "protected", "static", "async", "override", "readonly", "abstract", "get", "set", "export", "declare", "default",
    };

    /// <param name="nameStart">Offset of the called name (after any receiver).</param>
    /// <param name="afterClose">Offset just past the closing parenthesis, or -1 when unknown.</param>
    /// <param name="argument">The key argument's text: a parameter (<c>string key</c>, <c>key string</c>, <c>key: string</c>) gives a declaration away.</param>
    public static bool IsDeclaration(string text, int nameStart, int afterClose, ReadOnlySpan<char> argument, Language language)
    {
        var lineStart = nameStart == 0 ? 0 : text.LastIndexOf('\n', nameStart - 1) + 1;
        var prefix = text.AsSpan(lineStart, nameStart - lineStart);
        var trimmed = prefix.TrimEnd();
        if (KeywordDeclaration().IsMatch(prefix) || GoMethod().IsMatch(prefix))
        {
            return true; // "def self.is_enabled(" is a declaration although "self." looks like a receiver
        }
        if (trimmed.EndsWith(".") || trimmed.EndsWith("->") || trimmed.EndsWith("::") || trimmed.EndsWith("=>"))
        {
            return false; // a method called on something
        }
        if (language.Id == "go")
        {
            return NameThenType().IsMatch(argument); // Go interface methods: IsEnabled(key string) bool
        }
        if (language.Id is "csharp" or "razor" or "java" && TypeThenName().IsMatch(argument) && !CallKeywords.Contains(FirstWord(argument)))
        {
            return true;
        }
        if (language.Id is "csharp" or "razor" or "java")
        {
            if (trimmed.Length == 0)
            {
                return false;
            }
            var last = trimmed[^1];
            if (last == '?' && (trimmed.Length < 2 || !Identifiers.IsPart(trimmed[^2])))
            {
                return false; // ternary
            }
            if (!(Identifiers.IsPart(last) || last is '>' or ']' or '?'))
            {
                return false;
            }
            var wordEnd = trimmed.Length;
            var wordStart = wordEnd;
            while (wordStart > 0 && Identifiers.IsPart(trimmed[wordStart - 1]))
            {
                wordStart--;
            }
            return !CallKeywords.Contains(trimmed[wordStart..wordEnd].ToString());
        }
        if (language.Family.HasFlag(LanguageFamily.JavaScript) && afterClose > 0)
        {
            foreach (var word in trimmed.ToString().Split(' ', '\t'))
            {
                if (word.Length > 0 && !Modifiers.Contains(word))
                {
                    return false;
                }
            }
            // A method or interface member: "isEnabled(key) {" or "isEnabled(key: string): boolean".
            // A ternary operand at the start of a line ("isEnabled(name) :") has an untyped argument.
            var rest = text.AsSpan(afterClose).TrimStart(" \t");
            return rest.Length > 0 && (rest[0] == '{' || (rest[0] == ':' && TypedParameter().IsMatch(argument)));
        }
        return false;
    }

    private static string FirstWord(ReadOnlySpan<char> text)
    {
        var end = 0;
        while (end < text.Length && Identifiers.IsPart(text[end]))
        {
            end++;
        }
        return text[..end].ToString();
    }


    [GeneratedRegex(@"(?:^|[^A-Za-z0-9_$])(?:function\*?|def|func|fun|fn|sub)\s+(?:self\s*\.\s*)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeywordDeclaration();

    [GeneratedRegex(@"^\s*func\s*\([^)]*\)\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex GoMethod();

    [GeneratedRegex(@"^[A-Za-z_]\w*\s+[*\[\]A-Za-z_][\w.*\[\]]*(?:\s*,.*)?$", RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NameThenType();

    [GeneratedRegex(@"^(?:(?:this|params|ref|in|out|final)\s+)?[A-Za-z_][\w.]*(?:<[^<>]*>)?(?:\[\])?\??\s+[A-Za-z_]\w*(?:\s*=.*)?$", RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TypeThenName();

    [GeneratedRegex(@"^[A-Za-z_$][\w$]*\??\s*:\s*[A-Za-z_$\[({<'""]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TypedParameter();
}
