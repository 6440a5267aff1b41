using Flagkeeper.Registry;
using System.Globalization;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Usages;

namespace Flagkeeper.Cli.Rendering.Reports;

/// <summary>The human report of <c>scan</c>: one line per usage, <c>path:line:column</c> first, then a summary line.</summary>
internal static class TextScanReport
{
    public static void Write(TextWriter console, ScanResult result, FlagResolver resolver)
    {
        using var output = BlockWriter.For(console);
        var unregistered = 0;
        var dynamic = 0;
        foreach (var usage in result.Usages)
        {
            if (usage.Kind == UsageKind.Dynamic)
            {
                dynamic++;
                var why = usage.Unresolved is null ? "" : $": {usage.Unresolved}";
                output.WriteLine($"{usage.File}:{usage.Line}:{usage.Column}  <dynamic: {usage.Argument}{why}>  ({usage.Pattern})");
                continue;
            }
            var registered = resolver.Resolve(Path.Combine(result.Root, usage.File), usage.Flag!) is not null;
            if (!registered)
            {
                unregistered++;
            }
            var via = usage.DeclaredAt is { } declared ? $", via {usage.Argument} at {declared.File}:{declared.Line}" : "";
            via += usage.Via is { } wrapper ? $", through {wrapper.Name} at {wrapper.DeclaredAt.File}:{wrapper.DeclaredAt.Line}" : "";
            output.WriteLine($"{usage.File}:{usage.Line}:{usage.Column}  {usage.Flag}  ({usage.Pattern}{via}){(registered ? "" : "  unregistered")}");
        }
        var stats = result.Statistics;
        var flags = result.Usages.Where(u => u.Flag is not null).Select(u => u.Flag).Distinct(StringComparer.Ordinal).Count();
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Count(result.Usages.Count, "usage")} of {Count(flags, "flag")} ({unregistered} unregistered, {dynamic} dynamic) in {Count(stats.FilesScanned, "file")}; " +
            $"{stats.FilesSkipped} skipped ({stats.BinaryFiles} binary, {stats.LargeFiles} too large, {stats.UnreadableFiles} unreadable); " +
            $"{stats.Duration.TotalMilliseconds:0} ms, cache {stats.CacheHits} hits / {stats.CacheMisses} misses"));
        if (result.IncompleteReason is { } reason)
        {
            output.WriteLine($"INCOMPLETE: {reason}; the usages above are only part of the tree");
        }
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
