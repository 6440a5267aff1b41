using Flagkeeper.Analysis.Performance;

namespace Flagkeeper.Cli.Invocation;

/// <summary>What every command gets: output streams, the clock, the performance monitor and global switches.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, TimeProvider time, PerformanceMonitor monitor)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;
    public TimeProvider Time { get; } = time;
    public PerformanceMonitor Monitor { get; } = monitor;
    public bool Verbose { get; set; }

    /// <summary>--color: when human output (tables, reports on a terminal) is coloured.</summary>
    internal ColorMode Color { get; set; }

    /// <summary>Today's date, or the one fixed with --today so output is reproducible.</summary>
    public DateOnly Today(DateOnly? fixedDate) => fixedDate ?? DateOnly.FromDateTime(Time.GetLocalNow().DateTime);
}
