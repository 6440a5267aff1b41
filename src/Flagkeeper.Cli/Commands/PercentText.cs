using System.Globalization;
using System.Text.RegularExpressions;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// A rollout percentage typed on the command line: a plain number (digits, optionally a dot and decimals),
/// optionally with the trailing <c>%</c> the registry accepts, 0-100, at most <see cref="RegistryNumbers.MaxDecimals"/>
/// decimals (what an edit writes). Read with the invariant culture, so <c>1,5</c> is refused, never read as 15.
/// </summary>
internal static partial class PercentText
{
    /// <returns>
    /// The percentage, or FK1005 for text that is not a plain number, FK4001 for a number out of range or with too many
    /// decimals; each says what to write instead.
    /// </returns>
    public static Result<double> Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var number = trimmed.EndsWith('%') ? trimmed[..^1] : trimmed;
        var match = PlainNumber().Match(number);
        if (!match.Success)
        {
            return ErrorCodes.InvalidArgument.Create($"{what} '{text}' is not a percentage; write a plain number from 0 to 100, like 25, 12.5 or 50%{DecimalCommaHint(number)}");
        }
        var value = double.Parse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (value is < 0 or > 100)
        {
            return Invalid($"{what} {number} is outside 0-100");
        }
        var decimals = match.Groups["decimals"].Value.TrimEnd('0').Length;
        if (decimals > RegistryNumbers.MaxDecimals)
        {
            return Invalid($"{what} {number} has {decimals} decimals; the registry keeps at most {RegistryNumbers.MaxDecimals}, so write {RegistryNumbers.Format(value)}");
        }
        return value == 0 ? 0d : value; // "-0" is written as 0
    }

    /// <summary>As <see cref="Parse"/> for an option that may be left out (null: not given).</summary>
    public static Result<double?> ParseOptional(string? text, string what) =>
        text is null ? Result<double?>.Success(null) : Parse(text, what).Then(value => Result<double?>.Success(value));

    /// <summary>"; write decimals with a dot: 1.5" for "1,5" (a decimal comma), else "".</summary>
    public static string DecimalCommaHint(string number) =>
        number.Contains(',', StringComparison.Ordinal) && !number.Contains('.', StringComparison.Ordinal)
            ? $"; write decimals with a dot: {number.Replace(',', '.')}"
            : "";

    private static FlagkeeperError Invalid(string message) => ErrorCodes.InvalidValue.Create(message);

    [GeneratedRegex(@"^-?[0-9]{1,16}(\.(?<decimals>[0-9]{1,32}))?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PlainNumber();
}
