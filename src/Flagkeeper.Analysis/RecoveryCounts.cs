using Flagkeeper.Diagnostics;

namespace Flagkeeper.Analysis;

/// <summary>
/// Operations tried again after a transient failure, and how many of those then succeeded. A retry that worked
/// leaves no error record, so only this count says it happened.
/// </summary>
public sealed record RecoveryCounts(int Attempts, int Succeeded)
{
    public static RecoveryCounts None { get; } = new(0, 0);

    /// <summary>
    /// Every automatic recovery of a run: the retries, plus each error whose recovery needs no one (a skipped file, a
    /// rebuilt cache). Such an error is a recovery that succeeded: the run went on. An error with
    /// <see cref="RecoveryStrategy.Retry"/> is one whose retries all failed.
    /// </summary>
    public RecoveryCounts WithRecoveriesOf(IEnumerable<FlagkeeperError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var attempts = Attempts;
        var succeeded = Succeeded;
        foreach (var error in errors)
        {
            if (error.Recovery == RecoveryStrategy.None)
            {
                continue;
            }
            attempts++;
            succeeded += error.Recovery == RecoveryStrategy.Retry ? 0 : 1;
        }
        return new RecoveryCounts(attempts, succeeded);
    }
}
