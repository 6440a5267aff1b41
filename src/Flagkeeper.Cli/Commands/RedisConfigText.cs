using System.Text.RegularExpressions;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// What may be shown of a Redis configuration string: its <c>host:port</c> endpoints (any other text goes through
/// <see cref="Flagkeeper.Redis.RedisSecrets.Scrub"/>). The string itself is never printed (it may hold <c>password=</c> or a
/// <c>redis://user:password@</c> URI), not in errors, not with --verbose.
/// </summary>
internal static partial class RedisConfigText
{
    /// <summary>The endpoints of a StackExchange.Redis configuration string or a redis:// URI, for messages.</summary>
    public static string Endpoints(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (UriForm().Match(configuration.Trim()) is { Success: true } uri)
        {
            return uri.Groups["host"].Value;
        }
        var endpoints = configuration.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !part.Contains('=', StringComparison.Ordinal))
            .Select(part => part.Contains(':', StringComparison.Ordinal) ? part : $"{part}:6379")
            .ToList();
        return endpoints.Count == 0 ? "(no endpoint)" : string.Join(", ", endpoints);
    }

    [GeneratedRegex(@"^rediss?://(?:[^@\s]*@)?(?<host>[^/?\s]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UriForm();
}
