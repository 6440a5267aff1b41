using System.Text.RegularExpressions;

namespace Flagkeeper.Redis;

/// <summary>
/// Keeps Redis passwords out of logs, health reports and error messages: the configuration string is only ever
/// shown through <see cref="Redact"/>.
/// </summary>
public static partial class RedisSecrets
{
    private const string Hidden = "***";

    /// <summary>
    /// The configuration string with every secret replaced by <c>***</c>: <c>password=</c> (and any option ending in
    /// password, such as <c>sslPassword=</c>) up to the next comma, and the password of <c>redis://user:pass@</c> and
    /// <c>rediss://</c> URLs. User names stay, so an operator can tell which ACL user is meant.
    /// </summary>
    public static string Redact(string? configuration)
    {
        if (string.IsNullOrEmpty(configuration))
        {
            return string.Empty;
        }

        var redacted = PasswordOption().Replace(configuration, m => m.Groups["name"].Value + "=" + Hidden);
        return UrlCredentials().Replace(redacted, m => m.Groups["scheme"].Value + m.Groups["user"].Value + ":" + Hidden + "@");
    }

    /// <summary><paramref name="text"/> (an exception message, say) with the secrets of <paramref name="configuration"/> removed.</summary>
    public static string Scrub(string? text, string? configuration)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var scrubbed = text;
        if (!string.IsNullOrEmpty(configuration))
        {
            scrubbed = scrubbed.Replace(configuration, Redact(configuration), StringComparison.Ordinal);
            foreach (Match m in PasswordOption().Matches(configuration))
            {
                if (m.Groups["value"].Value.Length > 0)
                {
                    scrubbed = scrubbed.Replace(m.Groups["value"].Value, Hidden, StringComparison.Ordinal);
                }
            }

            foreach (Match m in UrlCredentials().Matches(configuration))
            {
                scrubbed = scrubbed.Replace(m.Groups["password"].Value, Hidden, StringComparison.Ordinal);
            }
        }

        return Redact(scrubbed);
    }

    [GeneratedRegex(@"(?<name>\b[A-Za-z]*password)\s*=\s*(?<value>[^,]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordOption();

    [GeneratedRegex(@"(?<scheme>rediss?://)(?<user>[^:@/\s]*):(?<password>[^@/\s]+)@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();
}
