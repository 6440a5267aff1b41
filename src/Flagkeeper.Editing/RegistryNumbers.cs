using System.Globalization;

namespace Flagkeeper.Editing;

/// <summary>How edits write numbers (rollout percentages) into a registry.</summary>
public static class RegistryNumbers
{
    /// <summary>Decimals a written number keeps; a value with more could not be written as given.</summary>
    public const int MaxDecimals = 4;

    private const string Pattern = "0.####"; // MaxDecimals places, no trailing zeros

    /// <summary>Invariant, at most <see cref="MaxDecimals"/> decimals, and never <c>-0</c>.</summary>
    public static string Format(double value) => (value == 0 ? 0d : value).ToString(Pattern, CultureInfo.InvariantCulture);
}
