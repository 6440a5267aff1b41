using System.Text;

namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>
/// A raw-text test, before any decoding or tokenizing, of whether a Java file can bind a bare name to a constant: the
/// name before an <c>=</c> (a field with its initializer), on an <c>import</c> line, any static wildcard import, or an
/// UPPER_CASE name in a class that extends or implements a type (which may declare it). It may say yes wrongly (a
/// local, a comment: the reader then decides); it never says no to a binding the reader finds. A parameter, the usual
/// dynamic key, is ruled out without reading the file's declarations. It reads the file's UTF-8 bytes and answers as
/// it would on the decoded text (<see cref="Utf8Chars"/>).
/// </summary>
internal static class JvmDeclarationText
{
    public static bool MayBind(ReadOnlySpan<byte> text, string name)
    {
        if (text.IndexOf(".*"u8) >= 0 && text.IndexOf("import static"u8) >= 0)
        {
            return true;
        }
        if (IsConstantStyle(name) && (text.IndexOf("implements"u8) >= 0 || text.IndexOf("extends"u8) >= 0))
        {
            return true; // a constant an interface declares is inherited; parameters are not written in UPPER_CASE
        }
        var bytes = Encoding.UTF8.GetBytes(name);
        for (var at = text.IndexOf(bytes); at >= 0; at = Utf8Chars.Find(text, bytes, at + 1))
        {
            if (DeclarationText.IsWordAt(text, at, bytes.Length) && (BeforeAssignment(text, at + bytes.Length) || OnImportLine(text, at)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsConstantStyle(string name) => name.Any(char.IsUpper) && !name.Any(char.IsLower);

    private static int SkipWhiteSpace(ReadOnlySpan<byte> text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(Utf8Chars.At(text, at, out var next)))
        {
            at = next;
        }
        return at;
    }

    private static bool BeforeAssignment(ReadOnlySpan<byte> text, int end)
    {
        end = SkipWhiteSpace(text, end);
        return end < text.Length && text[end] == '=' && (end + 1 >= text.Length || text[end + 1] != '=');
    }

    /// <summary>The line holding the name starts, after white space, with <c>import</c> (a lone '\r' ends a line, as the decoded text has it).</summary>
    private static bool OnImportLine(ReadOnlySpan<byte> text, int at)
    {
        var start = SkipWhiteSpace(text[..at], text[..at].LastIndexOfAny((byte)'\n', (byte)'\r') + 1);
        return text[start..].StartsWith("import"u8);
    }
}
