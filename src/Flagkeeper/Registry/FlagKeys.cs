using System.Text.RegularExpressions;

namespace Flagkeeper.Registry;

/// <summary>What a flag key may be: the one definition the validator and the CLI both use.</summary>
public static partial class FlagKeys
{
    /// <summary>The rule in words, for messages.</summary>
    public const string Description = "1-128 characters of A-Z a-z 0-9 . _ : -";

    public static bool IsValid(string key) => KeyPattern().IsMatch(key);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex KeyPattern();
}
