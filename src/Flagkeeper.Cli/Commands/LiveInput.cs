using System.Globalization;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Git;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Commands;

/// <summary>The values a person types into a live command, each checked with a message in their words.</summary>
internal static partial class LiveInput
{
    /// <summary>The longest <c>--for</c>: an override is an incident tool, not a second registry.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    public const int MaxReasonLength = 500;

    /// <summary><c>--for</c>: whole numbers with s, m, h or d, alone or together (90s, 30m, 2h, 1d, 1h30m); null when not given.</summary>
    public static Result<TimeSpan?> ParseDuration(string? text)
    {
        if (text is null)
        {
            return Result<TimeSpan?>.Success(null);
        }
        var match = Duration().Match(text.Trim());
        if (!match.Success)
        {
            return ErrorCodes.InvalidArgument.Create($"--for '{text}' is not a duration; write a number and a unit: 90s, 30m, 2h, 1d or 1h30m");
        }
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value[^1];
            if (!long.TryParse(part.Value.AsSpan(0, part.Value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
            {
                return ErrorCodes.InvalidValue.Create($"--for '{text}' is longer than the {MaxDuration.TotalDays:0} days an override may last");
            }
            total += unit switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) };
        }
        if (total <= TimeSpan.Zero)
        {
            return ErrorCodes.InvalidValue.Create($"--for '{text}' is no time at all; give a positive duration such as 30m, or leave --for out for an override that stays until `live clear`");
        }
        if (total > MaxDuration)
        {
            return ErrorCodes.InvalidValue.Create($"--for '{text}' is longer than the {MaxDuration.TotalDays:0} days an override may last; change flags.yaml for anything longer");
        }
        return total;
    }

    /// <summary><c>--reason</c>: required for a change, one line of printable text (it is shown in history and on terminals).</summary>
    public static Result<string> ParseReason(string? text, string command)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ErrorCodes.InvalidArgument.Create($"`live {command}` needs --reason TEXT: say why (it is kept in `live history` for whoever looks at the incident next)");
        }
        var reason = text.Trim();
        if (reason.Length > MaxReasonLength)
        {
            return ErrorCodes.InvalidArgument.Create($"--reason is {reason.Length} characters long; keep it to {MaxReasonLength} (link to the incident for the rest)");
        }
        if (reason.Any(char.IsControl))
        {
            return ErrorCodes.InvalidArgument.Create("--reason holds control characters (a line break, an escape); write it on one line of plain text");
        }
        return reason;
    }

    /// <summary>Who makes the change: git's user.name and user.email at the root, else $USER, else "unknown".</summary>
    public static string Who(string root)
    {
        var name = GitValue(root, "user.name");
        var email = GitValue(root, "user.email");
        var who = (name, email) switch
        {
            ({ } n, { } e) => $"{n} <{e}>",
            ({ } n, null) => n,
            (null, { } e) => e,
            _ => System.Environment.GetEnvironmentVariable("USER") ?? System.Environment.GetEnvironmentVariable("USERNAME") ?? "unknown",
        };
        return new string([.. who.Where(c => !char.IsControl(c))]);
    }

    private static string? GitValue(string root, string key)
    {
        var result = GitCommand.TryRunTo($"reading git's {key}", root, "config", "--get", key);
        return result.Failed || string.IsNullOrWhiteSpace(result.Value) ? null : result.Value.Trim();
    }

    /// <summary>Text from Redis (anyone with write access may have put it there) made safe for a terminal.</summary>
    public static string Printable(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });

    [GeneratedRegex(@"^(?<part>[0-9]{1,9}[smhd]){1,4}$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Duration();
}
