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
            return pipeline.Execute(static path => new RegistryLock(
                new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)), lockPath);
        }
        catch (TimeoutRejectedException)
        {
            return ErrorCodes.RegistryLocked.Create(
                $"{registryPath} stayed locked for {timeout.TotalSeconds:0.###} s (lock file {lockPath})");
        }
    }

    public void Dispose() => _stream.Dispose();
}
