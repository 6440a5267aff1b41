using System.CommandLine;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Cli.Commands;

/// <summary>Which Redis store and namespace a live command talks to, and where each came from (for messages).</summary>
internal sealed record LiveTarget(string Configuration, string Namespace, string NamespaceSource)
{
    /// <summary>The only part of the configuration string a message may show.</summary>
    public string Endpoints => RedisConfigText.Endpoints(Configuration);
}

/// <summary>
/// <c>--redis</c> and <c>--namespace</c>, then the <c>FLAGKEEPER_REDIS</c> and <c>FLAGKEEPER_NAMESPACE</c>
/// environment variables, then the <c>live:</c> section of flagkeeper.yaml; the namespace defaults to the root
/// folder's name. The same options on every live command and on <c>flags eval</c>.
/// </summary>
internal sealed class LiveStoreOptions
{
    public const string RedisVariable = "FLAGKEEPER_REDIS";
    public const string NamespaceVariable = "FLAGKEEPER_NAMESPACE";

    public LiveStoreOptions(bool required = true)
    {
        Redis = new Option<string?>("--redis")
        {
            Description = required
                ? $"The Redis store: a StackExchange.Redis configuration string, e.g. 127.0.0.1:6379 (default: ${RedisVariable}, else live.redis in flagkeeper.yaml). Never printed."
                : "Include the live overrides of this Redis store (a StackExchange.Redis configuration string, e.g. 127.0.0.1:6379). Never printed.",
            HelpName = "CONFIGURATION",
        };
        Namespace = new Option<string?>("--namespace")
        {
            Description = $"Whose overrides: the {{NS}} of the keys flagkeeper:{{NS}}:* (default: ${NamespaceVariable}, else live.namespace in flagkeeper.yaml, else the root folder's name).",
            HelpName = "NS",
        };
    }

    public Option<string?> Redis { get; }
    public Option<string?> Namespace { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Redis);
        command.Options.Add(Namespace);
    }

    /// <summary>The store and namespace for a command run at <paramref name="root"/> with <paramref name="config"/>.</summary>
    public Result<LiveTarget> Resolve(ParseResult parse, string root, LiveConfig config) =>
        Resolve(parse.GetValue(Redis), parse.GetValue(Namespace), root, config, System.Environment.GetEnvironmentVariable);

    public static Result<LiveTarget> Resolve(string? redis, string? ns, string root, LiveConfig config, Func<string, string?> environment)
    {
        var configuration = FirstGiven(redis, environment(RedisVariable), config.Redis);
        if (configuration is null)
        {
            return ErrorCodes.LiveStoreNotConfigured.Create(
                $"no Redis store is configured: pass --redis HOST:PORT, set {RedisVariable}=HOST:PORT, or add to flagkeeper.yaml:\n  live:\n    redis: HOST:PORT");
        }
        var (name, source) = FirstGiven(ns, "--namespace", environment(NamespaceVariable), NamespaceVariable, config.Namespace, "live.namespace in flagkeeper.yaml")
            ?? (Path.GetFileName(Path.TrimEndingDirectorySeparator(root)), "the root folder's name");
        if (!LiveConfig.IsValidNamespace(name))
        {
            return ErrorCodes.InvalidArgument.Create(
                $"namespace '{name}' (from {source}) must be 1-100 letters, digits, '.', '_' or '-'; pass --namespace NS");
        }
        return new LiveTarget(configuration, name, source);
    }

    private static string? FirstGiven(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static (string Value, string Source)? FirstGiven(string? a, string aSource, string? b, string bSource, string? c, string cSource) =>
        !string.IsNullOrWhiteSpace(a) ? (a, aSource)
        : !string.IsNullOrWhiteSpace(b) ? (b, bSource)
        : !string.IsNullOrWhiteSpace(c) ? (c, cSource)
        : null;
}

/// <summary>Lets a command's collection initializer take the store options like any other symbol.</summary>
internal static class LiveStoreOptionsCommandExtensions
{
    public static void Add(this Command command, LiveStoreOptions options) => options.AddTo(command);
}
