using Flagkeeper.Diagnostics;
using Flagkeeper.Evaluation;
using Flagkeeper.Telemetry;

namespace Flagkeeper.Caching;

/// <summary>
/// Holds the registries' compiled snapshot in a <see cref="FlagEvaluator"/> it owns, and reloads it when the files'
/// content hash changes: on a file-watcher event (debounced) and every <see cref="FlagCacheOptions.CheckInterval"/>.
/// A new version that cannot be read, validated or compiled is rejected: the last good snapshot keeps answering and
/// <see cref="Health"/> says Degraded with the located reason until a good version arrives. Never throws after start-up.
/// </summary>
public sealed partial class FlagCache : IDisposable
{
    private readonly FlagCacheOptions _options;
    private readonly string[] _paths;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private ActiveVersion _active;
    private string _lastSeen; // the version the last check found, loaded or rejected: the same again is a hit
    private FlagCacheHealth _health = FlagCacheHealth.Healthy;
    private long _hits, _misses, _reloads, _rejected, _lastLoadTicks;

    private sealed record ActiveVersion(string Version, DateTimeOffset LoadedAt, int FlagCount);

    /// <summary>Loads the registries now.</summary>
    /// <exception cref="FlagCacheLoadException">A file is missing (unless <see cref="FlagCacheOptions.StartWithDefaultsIfMissing"/>), or cannot be read, validated or compiled.</exception>
    public FlagCache(FlagCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Registries.Count == 0 || options.Registries.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("name at least one registry file, and no empty path (FlagCacheOptions.Registries)", nameof(options));
        }
        _options = options;
        _paths = [.. options.Registries];
        _time = options.TimeProvider ?? TimeProvider.System;

        var started = _time.GetTimestamp();
        var files = RegistryFiles.Read(_paths);
        FlagSnapshot snapshot;
        if (files.FirstMissing is { } missing && options.StartWithDefaultsIfMissing)
        {
            snapshot = FlagSnapshot.Compile([]);
            var reason = $"{missing}: the registry file does not exist; every flag answers false until it does";
            _health = new FlagCacheHealth(FlagCacheStatus.Degraded, reason,
                new FlagCacheRejection(files.Version, _time.GetUtcNow(), [reason], new SourceLocation(missing, 0, 0)));
            _active = new ActiveVersion("", _time.GetUtcNow(), 0);
        }
        else
        {
            var (loaded, errors) = files.Load(options.Severities, options.EnvironmentVariables);
            if (loaded is null)
            {
                var lines = errors.Select(e => e.Line).ToList();
                throw new FlagCacheLoadException(
                    $"Flagkeeper could not load its flag registry:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", lines)}", lines);
            }
            snapshot = loaded;
            _active = new ActiveVersion(files.Version, _time.GetUtcNow(), loaded.Count);
        }
        _lastSeen = files.Version;
        _lastLoadTicks = _time.GetElapsedTime(started).Ticks;
        Evaluator = FlagEvaluator.WithWarnings(snapshot, options.OnWarning);
        StartWatching();
    }

    /// <summary>The evaluator the application asks; its snapshot is swapped on each reload.</summary>
    public FlagEvaluator Evaluator { get; }

    /// <summary>The active snapshot's content hash (SHA-256 hex; several files: the hash of their hashes). Empty when started with defaults.</summary>
    public string Version => Volatile.Read(ref _active).Version;

    /// <summary>When the active snapshot was loaded (the cache's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset LoadedAt => Volatile.Read(ref _active).LoadedAt;

    public FlagCacheHealth Health => Volatile.Read(ref _health);

    public FlagCacheStatistics Statistics => new(
        Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), Interlocked.Read(ref _reloads),
        Interlocked.Read(ref _rejected), TimeSpan.FromTicks(Interlocked.Read(ref _lastLoadTicks)));

    /// <summary>The files as configured.</summary>
    public IReadOnlyList<string> Registries => _paths;

    /// <summary>A new version became active. Raised on the thread that checked; a handler's exception is swallowed.</summary>
    public event EventHandler<FlagCacheReloadedEventArgs>? Reloaded;

    /// <summary>A new version was rejected; the previous one keeps answering.</summary>
    public event EventHandler<FlagCacheRejectedEventArgs>? Rejected;

    /// <summary>Hashes the files now and reloads if they changed. Safe from any thread; checks run one at a time.</summary>
    public FlagCacheCheckResult CheckNow()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FlagCacheReloadedEventArgs? reloaded = null;
        FlagCacheRejectedEventArgs? rejected = null;
        FlagCacheCheckResult outcome;
        lock (_gate)
        {
            var files = RegistryFiles.Read(_paths);
            if (files.Version == _lastSeen)
            {
                Interlocked.Increment(ref _hits);
                return FlagCacheCheckResult.Unchanged;
            }
            Interlocked.Increment(ref _misses);
            _lastSeen = files.Version;

            var started = _time.GetTimestamp();
            var (snapshot, errors) = files.Load(_options.Severities, _options.EnvironmentVariables);
            Interlocked.Exchange(ref _lastLoadTicks, _time.GetElapsedTime(started).Ticks);
            if (snapshot is null)
            {
                var rejection = new FlagCacheRejection(files.Version, _time.GetUtcNow(), errors.ConvertAll(e => e.Line), errors[0].Location);
                Volatile.Write(ref _health, new FlagCacheHealth(FlagCacheStatus.Degraded, rejection.Reason, rejection));
                Interlocked.Increment(ref _rejected);
                FlagkeeperTelemetry.ReloadRejected();
                rejected = new FlagCacheRejectedEventArgs(rejection, Version);
                outcome = FlagCacheCheckResult.Rejected;
            }
            else
            {
                var previous = Version;
                Evaluator.Replace(snapshot);
                Volatile.Write(ref _active, new ActiveVersion(files.Version, _time.GetUtcNow(), snapshot.Count));
                Volatile.Write(ref _health, FlagCacheHealth.Healthy);
                Interlocked.Increment(ref _reloads);
                FlagkeeperTelemetry.Reloaded();
                reloaded = new FlagCacheReloadedEventArgs(files.Version, previous.Length == 0 ? null : previous, snapshot.Count, TimeSpan.FromTicks(_lastLoadTicks));
                outcome = FlagCacheCheckResult.Reloaded;
            }
        }
        // Outside the lock: a handler that logs slowly must not hold up the next check.
        Raise(Reloaded, reloaded);
        Raise(Rejected, rejected);
        return outcome;
    }

#pragma warning disable CA1031 // a logging handler must never break reloading
    private void Raise<T>(EventHandler<T>? handler, T? args) where T : EventArgs
    {
        if (handler is null || args is null)
        {
            return;
        }
        try
        {
            handler(this, args);
        }
        catch (Exception)
        {
        }
    }

    /// <summary>A check from a timer: nothing may escape onto a timer thread.</summary>
    private void CheckQuietly()
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            CheckNow();
        }
        catch (Exception)
        {
        }
    }
#pragma warning restore CA1031
}
