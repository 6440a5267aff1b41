using System.Globalization;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Redis;

namespace Flagkeeper.Cli.Commands;

/// <summary>Human output of the live commands; every text from Redis goes through <see cref="LiveInput.Printable"/>.</summary>
internal static class LiveText
{
    public static string State(LiveOverride o) => StateText(o.State, o.Rollout);

    public static string StateText(LiveState state, double? rollout) => state switch
    {
        LiveState.On => "on",
        LiveState.Off => "off",
        _ => $"rollout {rollout?.ToString("0.####", CultureInfo.InvariantCulture) ?? "?"}%",
    };

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void WriteList(CliContext context, string ns, LiveStoreSnapshot snapshot, DateTimeOffset now)
    {
        if (snapshot.Overrides.Count == 0 && snapshot.Malformed.Count == 0)
        {
            context.Output.WriteLine($"No live overrides in namespace '{ns}' (store version {snapshot.Version}); every instance serves flags.yaml.");
            return;
        }
        var table = new PlainTable("key", "state", "expires", "by", "at", "reason");
        foreach (var o in snapshot.Overrides)
        {
            var expires = o.Expires is { } e ? Time(e) + (o.IsExpiredAt(now) ? " (expired)" : "") : "-";
            table.AddRow([LiveInput.Printable(o.Key), State(o), expires, LiveInput.Printable(o.By), Time(o.At), LiveInput.Printable(o.Reason)],
                [null, o.IsExpiredAt(now) ? "grey" : o.State == LiveState.Off ? "red" : "green", null, null, null, null]);
        }
        table.Write(Terminal.Stdout(context), context.Output);
        var expired = snapshot.Overrides.Count(o => o.IsExpiredAt(now));
        context.Output.WriteLine($"{snapshot.Overrides.Count} override(s) in namespace '{ns}'{(expired > 0 ? $", {expired} expired (no longer applied)" : "")}; store version {snapshot.Version}.");
        foreach (var bad in snapshot.Malformed)
        {
            context.Error.WriteLine($"warning: the override of '{LiveInput.Printable(bad.Key)}' is malformed and ignored by every instance: {LiveInput.Printable(bad.Error)}; `live clear {LiveInput.Printable(bad.Key)} --force --reason TEXT` removes it");
        }
    }

    /// <summary>One line per change: <c>#V KEY: WHAT by WHO at WHEN: WHY</c>; a part the entry does not hold is left out.</summary>
    public static void WriteHistory(CliContext context, string ns, IReadOnlyList<LiveHistoryEntry> changes)
    {
        if (changes.Count == 0)
        {
            context.Output.WriteLine($"No live changes recorded in namespace '{ns}'.");
            return;
        }
        foreach (var change in changes)
        {
            var what = change.State is { } state
                ? $"{change.Action} {StateText(state, change.Rollout)}{(change.Expires is { } e ? $" until {Time(e)}" : "")}"
                : change.Action;
            var who = change.By is { } by ? $" by {LiveInput.Printable(by)}" : "";
            var when = change.At is { } at ? $" at {Time(at)}" : "";
            var why = change.Reason is { } reason ? $": {LiveInput.Printable(reason)}" : "";
            context.Output.WriteLine($"#{change.Version} {LiveInput.Printable(change.Key)}: {LiveInput.Printable(what)}{who}{when}{why}");
        }
    }
}
