using System.Globalization;
using Spectre.Console;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Rendering;

/// <summary>The <c>--stats</c> table, on standard error so it never mixes with JSON on standard output.</summary>
internal static class StatsPrinter
{
    public static void Print(CliContext context, CollectionPause? pause = null)
    {
        var snapshot = context.Monitor.Snapshot();
        var table = new Table().Title("performance").AddColumns("operation", "count", "wall ms", "max ms", "cpu ms", "allocated KiB");
        foreach (var op in snapshot.Operations)
        {
            table.AddRow(Markup.Escape(op.Operation), N(op.Count), F(op.WallMs), F(op.MaxWallMs), F(op.CpuMs), F(op.AllocatedBytes / 1024.0));
        }
        foreach (var cache in snapshot.Caches)
        {
            table.AddRow(Markup.Escape($"cache {cache.Cache}"), $"{cache.Hits} hits / {cache.Misses} misses", F(cache.HitRate * 100) + "%", "", "", "");
        }
        Terminal.Stderr(context).Write(table);
        context.Error.WriteLine(VectorSupport.Describe());
        context.Error.WriteLine(pause is null
            ? $"garbage collections: {N(GC.CollectionCount(0))}{Heap()}"
            : $"garbage collections: {N(pause.Collections)} during the command ({(pause.Paused ? $"paused up to {CollectionPause.Budget / (1024 * 1024)} MiB allocated" : "the runtime refused a pause")}){Heap()}");
    }

    /// <summary>What the last collection left and what the heap holds now: where a peak in memory comes from.</summary>
    private static string Heap()
    {
        var info = GC.GetGCMemoryInfo();
        return $"; {F(GC.GetTotalAllocatedBytes() / Mib)} MiB allocated in all, {F(info.HeapSizeBytes / Mib)} MiB heap after the last, "
            + $"{F(info.PromotedBytes / Mib)} MiB of it kept, {F(GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes / Mib)} MiB committed";
    }

    private const double Mib = 1024 * 1024;

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string F(double d) => d.ToString("0.0", CultureInfo.InvariantCulture);
}
