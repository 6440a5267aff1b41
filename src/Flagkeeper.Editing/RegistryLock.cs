using Flagkeeper.Diagnostics;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Flagkeeper.Editing;

/// <summary>
/// Serialises edits of one registry across processes. The lock is a file opened with
/// <see cref="FileShare.None"/>, which .NET turns into an OS lock (flock on Unix) that the kernel
/// releases if the process dies, so a crash never leaves a stale lock. The file itself is kept:
/// deleting it would let two processes lock two different files.
/// </summary>
public sealed class RegistryLock : IDisposable
{
    private readonly FileStream _stream;

    private RegistryLock(FileStream stream) => _stream = stream;

    public static string LockPathFor(string registryPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(registryPath))!, $".{Path.GetFileName(registryPath)}.lock");

    /// <summary>Waits (retrying with jitter) until the lock is free or <paramref name="timeout"/> passes; FK3011 when it stays taken.</summary>
    public static Result<RegistryLock> Acquire(string registryPath, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        var lockPath = LockPathFor(registryPath);
        // A free lock is the common case: take it at once, and build the retry pipeline (Polly validates its options
        // by reflection, a few milliseconds of a short command) only when another process holds it.
        try
        {
            return Open(lockPath);
        }
        catch (IOException)
        {
        }
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddTimeout(timeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<IOException>(),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromMilliseconds(15),
                BackoffType = DelayBackoffType.Constant,
                UseJitter = true,
            })
            .Build();
        try
        {
            return pipeline.Execute(Open, lockPath);
        }
        catch (TimeoutRejectedException)
        {
            return ErrorCodes.RegistryLocked.Create(
                $"{registryPath} stayed locked for {timeout.TotalSeconds:0.###} s (lock file {lockPath})");
        }
    }

    private static RegistryLock Open(string lockPath) =>
        new(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));

    public void Dispose() => _stream.Dispose();
}
