using System.Globalization;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis;

/// <summary>
/// The time a scan or check may take (<c>--timeout</c>). Once spent, work stops between files and the result says
/// it is partial. The clock is a <see cref="TimeProvider"/>, so tests spend the budget with a fake one.
/// </summary>
public sealed class RunBudget : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TimeProvider _time;
    private readonly long _started;

    public RunBudget(TimeSpan limit, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        Limit = limit;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _started = time.GetTimestamp();
        _source = new CancellationTokenSource(limit, time);
    }

    public TimeSpan Limit { get; }

    /// <summary>Cancelled when the budget runs out.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>
    /// Whether the budget is spent. Asking also reads the clock and cancels <see cref="Token"/> when the time is up:
    /// a timer may fire late (a busy thread pool), and a fast run must not outlive a small budget because of it.
    /// </summary>
    public bool Expired
    {
        get
        {
            if (!_source.IsCancellationRequested && _time.GetElapsedTime(_started) >= Limit)
            {
                _source.Cancel();
            }
            return _source.IsCancellationRequested;
        }
    }

    /// <summary>A budget of <paramref name="limit"/>, or none when no limit was asked for.</summary>
    public static RunBudget? Start(TimeSpan? limit, TimeProvider time) => limit is { } given ? new RunBudget(given, time) : null;

    /// <summary>Why the result is partial, for reports: "the time budget of 30 s (--timeout) ran out after 12 file(s)".</summary>
    public string Reason(string progress) =>
        string.Create(CultureInfo.InvariantCulture, $"the time budget of {Limit.TotalSeconds:0.###} s (--timeout) ran out {progress}");

    /// <summary>FK5002: what ran out and what is missing; High severity, so the run exits 2.</summary>
    public FlagkeeperError Error(string progress) => ErrorCodes.TimedOut.Create(Reason(progress) + "; the results are partial");

    public void Dispose() => _source.Dispose();
}
