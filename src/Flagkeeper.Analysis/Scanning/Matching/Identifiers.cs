namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>The identifier characters every language in the catalog shares: ASCII letters, digits, '_' and '$'.</summary>
internal static class Identifiers
{
    public static bool IsPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';
}
