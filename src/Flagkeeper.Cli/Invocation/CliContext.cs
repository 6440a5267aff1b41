using Flagkeeper.Analysis.Performance;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flagkeeper.Cli.Invocation;

/// <summary>What every command gets: output streams, the clock, the performance monitor and global switches.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, TimeProvider time, PerformanceMonitor monitor)
{
    public TextWriter Output { get; } = output;
    /// <summary>Standard error; under <c>--log-format json</c> a writer that turns each line into a log event.</summary>
    public TextWriter Error { get; internal set; } = error;

    /// <summary>The log (<c>--log-format</c>, levels from <c>--verbose</c> / <c>--quiet</c>); nothing is logged until it is set up.</summary>
    public ILogger Log { get; internal set; } = NullLogger.Instance;
    public TimeProvider Time { get; } = time;
    public PerformanceMonitor Monitor { get; } = monitor;
    public bool Verbose { get; set; }

    /// <summary>The command's pause of garbage collection, if it took one (<see cref="CollectionPause"/>); ended when the command ends.</summary>
    internal CollectionPause? Pause { get; set; }

    /// <summary>--quiet: only warnings and errors are logged, and no progress is shown.</summary>
    internal bool Quiet { get; set; }

    /// <summary>--log-format json: standard error is for machines, so no progress line is drawn on it.</summary>
    internal bool JsonLog { get; set; }

    /// <summary>--color: when human output (tables, reports on a terminal) is coloured.</summary>
    internal ColorMode Color { get; set; }

    /// <summary>An informational "note: ..." line on standard error; see <see cref="Inform"/>.</summary>
    public void Note(string text) => Inform($"note: {text}");

    /// <summary>
    /// An informational line on standard error ("using root ..."). --quiet drops it in text; under --log-format json it
    /// goes through <see cref="Error"/>, so it stays a log event and the logger's level (Warning under --quiet) drops it.
    /// </summary>
    public void Inform(string line)
    {
        if (Quiet && !JsonLog)
        {
            return;
        }
        Error.WriteLine(line);
    }

    /// <summary>Today's date, or the one fixed with --today so output is reproducible.</summary>
    public DateOnly Today(DateOnly? fixedDate) => fixedDate ?? DateOnly.FromDateTime(Time.GetLocalNow().DateTime);
}
