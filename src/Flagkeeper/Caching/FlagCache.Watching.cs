namespace Flagkeeper.Caching;

/// <summary>
/// Noticing changes: a <see cref="FileSystemWatcher"/> per folder (names filtered here, so a rename onto the file,
/// which is how the CLI writes atomically, counts like a write), debounced on a <see cref="TimeProvider"/> timer;
/// and a TTL timer that hashes the files anyway, for file systems where watching fails (network shares, some containers).
/// </summary>
public sealed partial class FlagCache
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private ITimer? _debounce;
    private ITimer? _ttl;
    private volatile bool _disposed;
    private int _changePending;

    /// <summary>True when at least one folder is watched; false when watching is off or failed (the TTL check still runs).</summary>
    public bool IsWatching => _watchers.Count > 0;

    /// <summary>A change was noticed and its debounced check has not run yet (tests wait on this before advancing time).</summary>
    internal bool ChangePending => Volatile.Read(ref _changePending) != 0;

    private void StartWatching()
    {
        if (_options.CheckInterval > TimeSpan.Zero)
        {
            _ttl = _time.CreateTimer(_ => CheckQuietly(), null, _options.CheckInterval, _options.CheckInterval);
        }
        if (!_options.Watch)
        {
            return;
        }
        _debounce = _time.CreateTimer(_ =>
        {
            Volatile.Write(ref _changePending, 0);
            CheckQuietly();
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        foreach (var folder in _paths.Select(Path.GetFullPath).GroupBy(Path.GetDirectoryName, StringComparer.Ordinal))
        {
            var names = folder.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            try
            {
                var watcher = new FileSystemWatcher(folder.Key!)
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                void OnEvent(object? sender, FileSystemEventArgs e)
                {
                    if (names.Contains(e.Name!) || (e is RenamedEventArgs renamed && names.Contains(renamed.OldName!)))
                    {
                        Noticed();
                    }
                }
                watcher.Changed += OnEvent;
                watcher.Created += OnEvent;
                watcher.Deleted += OnEvent;
                watcher.Renamed += (sender, e) => OnEvent(sender, e);
                watcher.Error += (_, _) => Noticed(); // events were lost (buffer overflow): check anyway
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or PlatformNotSupportedException or UnauthorizedAccessException)
            {
                // No folder yet, or no inotify watches left: the TTL check covers it.
            }
        }
    }

    /// <summary>(Re)starts the debounce: the check runs once the events have been quiet for the delay.</summary>
    private void Noticed()
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            _debounce?.Change(_options.DebounceDelay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        Volatile.Write(ref _changePending, 1); // after scheduling: whoever sees it pending can advance time past the check

    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
        _ttl?.Dispose();
        _debounce?.Dispose();
    }
}
