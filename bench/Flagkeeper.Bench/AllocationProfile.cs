using System.Diagnostics.Tracing;
using System.Globalization;

namespace Flagkeeper.Bench;

/// <summary>
/// Which types a piece of work allocates, from the runtime's own sampled allocation events (GCAllocationTick:
/// one event about every 100 KB, naming the type of the object that crossed the mark). Sampled, so each type's
/// bytes are estimates, good to a few percent on work that allocates tens of megabytes; enough to say where
/// the bytes go without an external profiler.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private bool _recording;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }
        var type = Payload(eventData, "TypeName") as string ?? "?";
        var amount = Convert.ToInt64(Payload(eventData, "AllocationAmount64") ?? Payload(eventData, "AllocationAmount") ?? 0L, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }

    private static object? Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames!.IndexOf(name);
        return index < 0 ? null : e.Payload![index];
    }

    /// <summary>Runs <paramref name="work"/> <paramref name="rounds"/> times and prints the top types by sampled bytes per round.</summary>
    public static void Print(string name, Func<object?> work, int rounds, int top = 15)
    {
        using var profile = new AllocationProfile();
        using var pause = new ManualResetEventSlim();
        pause.Wait(300); // runtime events reach a listener through a dispatcher thread: let it attach
        GC.Collect();
        profile._recording = true;
        for (var i = 0; i < rounds; i++)
        {
            GC.KeepAlive(work());
        }
        pause.Wait(1000); // and deliver the last events
        profile._recording = false;
        List<KeyValuePair<string, long>> rows;
        lock (profile._gate)
        {
            rows = [.. profile._bytes.OrderByDescending(x => x.Value)];
        }
        var total = rows.Sum(r => r.Value);
        Console.WriteLine();
        Console.WriteLine($"allocations by type, {name} (sampled, per round):");
        Console.WriteLine("| type | MB | share |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (type, bytes) in rows.Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{type}` | {bytes / 1e6 / rounds:0.00} | {100.0 * bytes / total:0}% |"));
        }
    }
}
