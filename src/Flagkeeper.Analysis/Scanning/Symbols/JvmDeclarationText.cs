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
        for (var at = text.IndexOf(bytes); at >= 0; at = Next(text, bytes, at))
        {
            if (IsWordAt(text, at, bytes.Length) && (BeforeAssignment(text, at + bytes.Length) || OnImportLine(text, at)))
            {
                return true;
            }
        }
        return false;
    }

    private static int Next(ReadOnlySpan<byte> text, byte[] name, int at)
    {
        var next = text[(at + 1)..].IndexOf(name);
        return next < 0 ? -1 : at + 1 + next;
    }

    private static bool IsConstantStyle(string name) => name.Any(char.IsUpper) && !name.Any(char.IsLower);

    private static bool IsWordAt(ReadOnlySpan<byte> text, int at, int length) =>
        (at == 0 || !IsIdentifierPart(Utf8Chars.Before(text, at))) && (at + length >= text.Length || !IsIdentifierPart(Utf8Chars.At(text, at + length, out _)));

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private static bool BeforeAssignment(ReadOnlySpan<byte> text, int end)
    {
        end = Utf8Chars.SkipWhiteSpace(text, end);
        return end < text.Length && text[end] == '=' && (end + 1 >= text.Length || text[end + 1] != '=');
    }

    /// <summary>The line holding the name starts, after white space, with <c>import</c> (a lone '\r' ends a line, as the decoded text has it).</summary>
    private static bool OnImportLine(ReadOnlySpan<byte> text, int at)
    {
        var start = Utf8Chars.SkipWhiteSpace(text[..at], text[..at].LastIndexOfAny((byte)'\n', (byte)'\r') + 1);
        return text[start..].StartsWith("import"u8);
    }
}
