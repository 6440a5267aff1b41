namespace Flagkeeper.Analysis.Scanning.Symbols;

/// <summary>What the C# and Go lexers read alike: identifiers and character (rune) literals.</summary>
internal static class LexerText
{
    public static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    /// <summary>The end of the identifier (or number's word characters) starting at <paramref name="at"/>.</summary>
    public static int IdentifierEnd(string text, int at)
    {
        var end = at;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }
        return end;
    }

    /// <summary>The end of a character or rune literal <c>'x'</c>, <c>'\''</c>; one past its quote when it is unterminated on its line.</summary>
    public static int CharacterLiteralEnd(string text, int at)
    {
        for (var i = at + 1; i < text.Length && text[i] != '\n'; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '\'')
            {
                return i + 1;
            }
        }
        return at + 1;
    }
}
