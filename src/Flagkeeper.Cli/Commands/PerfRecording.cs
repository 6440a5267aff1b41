using Flagkeeper.Analysis.Performance.History;
using Flagkeeper.Cli.Invocation;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// Appends a <c>scan</c> or <c>check</c> run to the root's performance history. History is a by-product: when it
/// cannot be written the run still reports its findings and exits as it would have, with one warning.
/// </summary>
internal static class PerfRecording
{
    public static void Record(CliContext context, string command, string root, RunWork work, long startedTimestamp)
    {
        var records = RunRecorder.Records(command, context.Monitor.Snapshot(), work, context.Time.GetElapsedTime(startedTimestamp), context.Time);
        foreach (var warning in new HistoryFile(root).Append(records, context.Time))
        {
            context.Error.WriteLine($"warning: {warning}");
        }
    }
}
