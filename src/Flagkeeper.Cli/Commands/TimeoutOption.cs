using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// <c>--timeout SECONDS</c> of scan and check: a plain number greater than 0 with at most three decimals (the budget
/// counts milliseconds), read with the invariant culture so <c>1,5</c> is refused, never read as 15.
/// </summary>
internal static partial class TimeoutOption
{
    public static Option<string?> Create() => new("--timeout")
    {
        Description = "Stop after this many seconds (a number greater than 0, like 30 or 0.5): what was found by then is reported, marked incomplete, and the exit code is 2.",
        HelpName = "SECONDS",
    };

    /// <returns>The budget (null when the option was not given), or FK1005 saying what to write instead.</returns>
    public static Result<TimeSpan?> Parse(string? text)
    {
        if (text is null)
        {
            return Result<TimeSpan?>.Success(null);
        }
        var trimmed = text.Trim();
        if (!Seconds().IsMatch(trimmed))
        {
            return ErrorCodes.InvalidArgument.Create(
                $"--timeout '{text}' is not a number of seconds; write a plain number greater than 0 with at most 3 decimals, like 30 or 0.5{PercentText.DecimalCommaHint(trimmed)}");
        }
        var seconds = decimal.Parse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (seconds == 0)
        {
            return ErrorCodes.InvalidArgument.Create($"--timeout {trimmed} is no time at all; give a number of seconds greater than 0");
        }
        return TimeSpan.FromMilliseconds((double)(seconds * 1000));
    }

    [GeneratedRegex(@"^[0-9]{1,6}(\.[0-9]{1,3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Seconds();
}
