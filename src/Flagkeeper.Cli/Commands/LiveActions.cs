using System.CommandLine;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Redis;

namespace Flagkeeper.Cli.Commands;

/// <summary>What <c>live set</c>, <c>clear</c>, <c>list</c> and <c>history</c> do once their arguments are checked.</summary>
internal static class LiveActions
{
    /// <summary>A checked <c>live set</c>.</summary>
    public sealed record SetRequest(string Key, LiveState State, double? Rollout, string Reason, TimeSpan? For, bool Force);

    /// <summary>The root a live command runs at and the store it talks to.</summary>
    public sealed record Where(string Root, LiveTarget Target)
    {
        /// <summary>Reads flagkeeper.yaml (its errors stop the command) and resolves the store and namespace.</summary>
        public static Result<Where> Load(CliContext context, string root, ParseResult parse, LiveStoreOptions store)
        {
            using var measurement = context.Monitor.Start("config.load");
            var config = ConfigLoader.Load(root);
            if (config.Errors.Count > 0)
            {
                return Result<Where>.Failure(config.Errors);
            }
            return store.Resolve(parse, root, config.Config.Live).Then(target => Result<Where>.Success(new Where(root, target)));
        }
    }

    public static int Set(CliContext context, Where where, SetRequest request)
    {
        var key = LiveFlags.Known(context, where.Root, request.Key, request.Force, "set");
        if (key.Failed)
        {
            return ErrorPrinter.Fail(context, key.Errors);
        }
        var now = context.Time.GetUtcNow();
        DateTimeOffset? expires = request.For is { } span ? now + span : null;
        var by = LiveInput.Who(where.Root);
        return WithStore(context, where, store => store.SetAsync(key.Value, request.State, request.Rollout, request.Reason, by, now, expires), written =>
        {
            context.Output.WriteLine($"{written.Key}: {LiveText.State(written)} on every instance of namespace '{where.Target.Namespace}' "
                + $"(version {written.Version}{(written.Expires is { } e ? $", until {LiveText.Time(e)}" : ", until `live clear`")})");
            return ExitCodes.Ok;
        });
    }

    public static int Clear(CliContext context, Where where, string key, string reason, bool force)
    {
        var known = LiveFlags.Known(context, where.Root, key, force, "clear");
        if (known.Failed)
        {
            return ErrorPrinter.Fail(context, known.Errors);
        }
        var by = LiveInput.Who(where.Root);
        return WithStore(context, where, store => store.ClearAsync(known.Value, by, reason), cleared =>
        {
            context.Output.WriteLine(cleared
                ? $"{known.Value}: override cleared; every instance of namespace '{where.Target.Namespace}' serves flags.yaml again"
                : $"{known.Value}: had no live override in namespace '{where.Target.Namespace}'; nothing changed");
            return ExitCodes.Ok;
        });
    }

    public static int List(CliContext context, Where where, string format) =>
        WithStore(context, where, store => store.ReadAllAsync(), snapshot =>
        {
            var now = context.Time.GetUtcNow();
            var overrides = snapshot.Overrides.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
            if (format == "json")
            {
                LiveJson.WriteList(context.Output, where.Target.Namespace, snapshot with { Overrides = overrides }, now);
                return ExitCodes.Ok;
            }
            LiveText.WriteList(context, where.Target.Namespace, snapshot with { Overrides = overrides }, now);
            return ExitCodes.Ok;
        });

    public static int History(CliContext context, Where where, int count, string format) =>
        WithStore(context, where, store => store.HistoryAsync(count), changes =>
        {
            if (format == "json")
            {
                LiveJson.WriteHistory(context.Output, where.Target.Namespace, changes);
            }
            else
            {
                LiveText.WriteHistory(context, where.Target.Namespace, changes);
            }
            return ExitCodes.Ok;
        });

    /// <summary>Connects, runs one store call and renders its answer; any Redis failure is one line, exit 2.</summary>
    public static int WithStore<T>(CliContext context, Where where, Func<LiveOverrideStore, Task<T>> call, Func<T, int> render)
    {
        var connection = Connect(context, where.Target);
        if (connection.Failed)
        {
            return ErrorPrinter.Fail(context, connection.Errors);
        }
        using var redis = connection.Value;
        var answer = redis.Run(call, Verbose(context));
        return answer.Failed ? ErrorPrinter.Fail(context, answer.Errors) : render(answer.Value);
    }

    public static Result<LiveConnection> Connect(CliContext context, LiveTarget target)
    {
        using var measurement = context.Monitor.Start("redis.connect");
        return LiveConnection.Open(target, context.Time, Verbose(context));
    }

    /// <summary>--verbose gets the library's own words (already redacted); otherwise nothing.</summary>
    public static Action<string> Verbose(CliContext context) =>
        text =>
        {
            if (context.Verbose)
            {
                context.Error.WriteLine(text);
            }
        };
}
