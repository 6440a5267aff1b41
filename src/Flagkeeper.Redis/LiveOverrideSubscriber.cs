using Flagkeeper.Evaluation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Flagkeeper.Redis;

/// <summary>
/// Keeps the evaluator's live overrides current: reads the whole hash at start, applies published changes in version
/// order, and re-reads everything after a version gap, after every reconnect and every
/// <see cref="RedisOverrideOptions.SafetyInterval"/> (TimeProvider), so a message missed during a partition is never
/// lost. While Redis is unreachable the last-known overrides keep answering and <see cref="Status"/> says why.
/// </summary>
public sealed class LiveOverrideSubscriber : IHostedService, IAsyncDisposable
{
    private readonly FlagEvaluator _evaluator;
    private readonly RedisOverrideOptions _options;
    private readonly string _namespace;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _reportedMalformed = new(StringComparer.Ordinal);
    private Dictionary<string, LiveOverride> _overrides = new(StringComparer.Ordinal);
    private long _version = -1;
    private List<LiveChange>? _sinceRead; // changes applied while a re-read is in flight, replayed on top of it
    private ConnectionMultiplexer? _redis;
    private LiveOverrideStore? _store;
    private ITimer? _timer;
    private int _subscribed;
    private volatile string? _problem = "not started";
    private readonly SemaphoreSlim _resync = new(1, 1);

    public LiveOverrideSubscriber(FlagEvaluator evaluator, RedisOverrideOptions options, string @namespace, TimeProvider? time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(options);
        _evaluator = evaluator;
        _options = options;
        _namespace = @namespace;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>The configuration string with its secrets hidden.</summary>
    public string Endpoint => RedisSecrets.Redact(_options.Redis);

    /// <summary>Null while in sync with Redis; otherwise why not (no secrets).</summary>
    public string? Status => _problem;

    /// <summary>The namespace version last applied (-1 before the first read).</summary>
    public long Version { get { lock (_gate) { return _version; } } }

    /// <summary>Raised after every change to the applied overrides (tests and benchmarks wait on it).</summary>
    public event Action<long>? Applied;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var config = ConfigurationOptions.Parse(_options.Redis ?? string.Empty);
        config.AbortOnConnectFail = false; // a down Redis must not fail the host: it starts from the file
        _redis = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
        _store = new LiveOverrideStore(_redis, _namespace, _time);
        _redis.ConnectionFailed += (_, e) => OnFailed(e.Exception?.Message ?? e.FailureType.ToString());
        _redis.ConnectionRestored += (_, _) =>
        {
            LiveOverrideLog.Restored(_logger, Endpoint);
            _ = ResyncAsync();
        };

        if (!await ResyncAsync().ConfigureAwait(false))
        {
            LiveOverrideLog.StartedWithout(_logger, Endpoint, _problem ?? "unknown");
            _problem = "started without Redis, flags.yaml only: " + _problem;
        }

        _timer = _time.CreateTimer(_ => _ = ResyncAsync(), null, _options.SafetyInterval, _options.SafetyInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        if (_redis is not null)
        {
            await _redis.CloseAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync().ConfigureAwait(false);
        }

        _resync.Dispose();
    }

    /// <summary>Re-reads the whole namespace (subscribing first when not yet subscribed); false when Redis did not answer.</summary>
    public async Task<bool> ResyncAsync()
    {
        if (_store is null)
        {
            return false;
        }

        await _resync.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _subscribed) == 0)
            {
                var queue = await _redis!.GetSubscriber().SubscribeAsync(_store.Keys.Changes).ConfigureAwait(false);
                queue.OnMessage(m => OnMessage(m.Message!));
                Volatile.Write(ref _subscribed, 1);
            }

            lock (_gate)
            {
                _sinceRead = [];
            }

            var snapshot = await _store.ReadAllAsync().ConfigureAwait(false);
            foreach (var bad in snapshot.Malformed)
            {
                if (_reportedMalformed.Add(bad.Key + "\n" + bad.Error))
                {
                    LiveOverrideLog.Malformed(_logger, bad.Key, bad.Error);
                }
            }

            int count;
            lock (_gate)
            {
                // The read is the truth (also when a Redis without persistence came back empty, at a lower version);
                // changes that arrived after it were taken are replayed on top.
                _overrides = snapshot.Overrides.ToDictionary(o => o.Key, StringComparer.Ordinal);
                _version = snapshot.Version;
                foreach (var change in _sinceRead!.Where(c => c.Version > snapshot.Version).OrderBy(c => c.Version))
                {
                    Apply(change);
                }

                _sinceRead = null;
                Publish();
                count = _overrides.Count;
            }

            _problem = await WrongUserAsync().ConfigureAwait(false);
            LiveOverrideLog.Loaded(_logger, _namespace, count, snapshot.Version);
            Applied?.Invoke(snapshot.Version);
            return true;
        }
#pragma warning disable CA1031 // any failure to reach Redis degrades; the last-known overrides keep answering
        catch (Exception e)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _sinceRead = null;
            }

            OnFailed(e.Message);
            return false;
        }
        finally
        {
            _resync.Release();
        }
    }

    /// <summary>
    /// Why the connection is not the configured ACL user, or null. StackExchange.Redis connects even when AUTH fails,
    /// and a server whose default user needs no password then serves it as that user: health must say so.
    /// </summary>
    private async Task<string?> WrongUserAsync()
    {
        var user = ConfigurationOptions.Parse(_options.Redis ?? string.Empty).User;
        if (string.IsNullOrEmpty(user))
        {
            return null;
        }

        try
        {
            var actual = (string?)await _redis!.GetDatabase().ExecuteAsync("ACL", "WHOAMI").ConfigureAwait(false);
            if (actual is null || string.Equals(actual, user, StringComparison.Ordinal))
            {
                return null;
            }

            LiveOverrideLog.WrongUser(_logger, Endpoint, user, actual);
            return $"Redis {Endpoint} did not accept user '{user}' and let the connection in as '{actual}': check the user and password";
        }
        catch (RedisServerException)
        {
            return null; // ACL WHOAMI refused: a restricted user, not the unrestricted default
        }
    }

    private void OnFailed(string reason)
    {
        var safe = RedisSecrets.Scrub(reason, _options.Redis);
        int count;
        lock (_gate)
        {
            count = _overrides.Count;
        }

        _problem = $"Redis {Endpoint} is unreachable ({safe}); serving {count} last-known live overrides";
        LiveOverrideLog.Unavailable(_logger, Endpoint, safe, count);
    }

    private void OnMessage(string message)
    {
        if (!LiveOverrideJson.TryReadChange(message, out var change, out var error))
        {
            LiveOverrideLog.Malformed(_logger, "(change message)", error!);
            return;
        }

        bool gap;
        lock (_gate)
        {
            _sinceRead?.Add(change!);
            gap = _sinceRead is null && change!.Version > _version + 1;
            if (!gap && change!.Version == _version + 1)
            {
                Apply(change);
                Publish();
            }
        }

        if (gap)
        {
            LiveOverrideLog.Gap(_logger, change!.Version, Version);
            _ = ResyncAsync();
        }
        else
        {
            Applied?.Invoke(change!.Version);
        }
    }

    // Called under _gate.
    private void Apply(LiveChange change)
    {
        if (change.Override is { } o)
        {
            _overrides[change.Key] = o;
        }
        else
        {
            _overrides.Remove(change.Key);
        }

        _version = change.Version;
    }

    // Called under _gate: a new immutable set for the evaluator (its reads never lock).
    private void Publish() =>
        _evaluator.SetLiveOverrides(LiveOverrideSet.Create(_overrides.Values.Select(o => new LiveFlagOverride(
            o.Key, o.State switch { LiveState.On => true, LiveState.Off => false, _ => null }, o.Rollout, o.Expires))), _time);
}
