using Microsoft.Extensions.Logging;

namespace Switchboard.Configuration;

/// <summary>
/// Keeps the current configuration of a directory and reloads it when its YAML files change (after
/// <see cref="Debounce"/> of quiet, so an editor's burst of writes causes one reload) or when
/// <see cref="Reload"/> is called. A reload with errors keeps the last good configuration. Server,
/// storage and hub.dataDirectory settings are bound when the hub starts: a reload that changes them
/// keeps the running values in <see cref="Current"/> and says so in <see cref="ReloadResult.Warnings"/>.
/// </summary>
public sealed class ConfigurationMonitor : IDisposable
{
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(300);

    private readonly ILogger<ConfigurationMonitor> _logger;
    private readonly Lock _gate = new();
    // One watcher on the directory itself and one per configuration folder, none recursive: the data directory
    // often lives inside the configuration directory, and a recursive watch would be woken by every database write.
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private readonly ITimer? _timer;
    private HubConfiguration? _current;
    private IReadOnlyList<ConfigurationError> _lastErrors = [];
    private bool _disposed;

    /// <summary>Loads the directory once (see <see cref="Current"/> and <see cref="LastErrors"/>) and, when <paramref name="watch"/> is true, watches it.</summary>
    public ConfigurationMonitor(
        string directory,
        ILogger<ConfigurationMonitor> logger,
        TimeProvider? timeProvider = null,
        bool watch = true,
        TimeSpan? debounce = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(logger);
        Directory = Path.GetFullPath(directory);
        Debounce = debounce ?? DefaultDebounce;
        _logger = logger;
        Reload();

        if (!watch)
        {
            return;
        }

        if (!System.IO.Directory.Exists(Directory))
        {
            ConfigurationMonitorLog.NotWatched(_logger, Directory);
            return;
        }

        _timer = (timeProvider ?? TimeProvider.System).CreateTimer(_ => ReloadInBackground(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            Watch(Directory);
            WatchFolders();
        }
    }

    /// <summary>Raised after a reload replaced <see cref="Current"/>, on the thread that reloaded.</summary>
    public event EventHandler<ConfigurationChangedEventArgs>? Changed;

    /// <summary>The absolute configuration directory.</summary>
    public string Directory { get; }

    public TimeSpan Debounce { get; }

    /// <summary>The last good configuration; null until one loads without errors.</summary>
    public HubConfiguration? Current => Volatile.Read(ref _current);

    /// <summary>The errors of the last reload; empty when it succeeded.</summary>
    public IReadOnlyList<ConfigurationError> LastErrors => Volatile.Read(ref _lastErrors);

    /// <summary>Reads the directory now and applies it if it is valid and changed.</summary>
    public ReloadResult Reload()
    {
        lock (_gate)
        {
            var result = ConfigurationLoader.Load(Directory);
            var previous = _current;
            if (!result.IsValid)
            {
                Volatile.Write(ref _lastErrors, result.Errors);
                ConfigurationMonitorLog.Rejected(_logger, Directory, result.Errors.Count);
                foreach (var error in result.Errors)
                {
                    ConfigurationMonitorLog.Error(_logger, error.ToString());
                }

                return new ReloadResult(ReloadOutcome.Rejected, previous, result.Errors, []);
            }

            Volatile.Write(ref _lastErrors, []);
            var loaded = result.Configuration!;
            if (previous is not null && previous.Fingerprint == loaded.Fingerprint)
            {
                ConfigurationMonitorLog.Unchanged(_logger, Directory);
                return new ReloadResult(ReloadOutcome.Unchanged, previous, [], []);
            }

            var (applied, warnings) = previous is null ? (loaded, []) : KeepRestartOnlySettings(previous, loaded);
            Volatile.Write(ref _current, applied);
            ConfigurationMonitorLog.Loaded(_logger, Directory, applied.Systems.Count, applied.Flows.Count, applied.Fingerprint);
            foreach (var warning in warnings)
            {
                ConfigurationMonitorLog.RestartRequired(_logger, warning);
            }

            Changed?.Invoke(this, new ConfigurationChangedEventArgs(previous, applied, warnings));
            return new ReloadResult(ReloadOutcome.Applied, applied, [], warnings);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        lock (_gate)
        {
            foreach (var watcher in _watchers.Values)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
        }

        _timer?.Dispose();
    }

    /// <summary>The new configuration with the running server, storage, redis and data directory, and a warning for each that differs.</summary>
    private static (HubConfiguration Applied, IReadOnlyList<string> Warnings) KeepRestartOnlySettings(HubConfiguration running, HubConfiguration loaded)
    {
        var warnings = new List<string>();
        if (running.Server != loaded.Server)
        {
            warnings.Add("server settings changed; they take effect when the hub restarts");
        }

        if (running.Storage != loaded.Storage)
        {
            warnings.Add("storage settings changed; they take effect when the hub restarts");
        }

        if (running.Redis != loaded.Redis)
        {
            warnings.Add("redis settings changed; they take effect when the hub restarts");
        }

        if (running.Hub.DataDirectory != loaded.Hub.DataDirectory)
        {
            warnings.Add("hub.dataDirectory changed; it takes effect when the hub restarts");
        }

        var applied = loaded with
        {
            Server = running.Server,
            Storage = running.Storage,
            Redis = running.Redis,
            Hub = loaded.Hub with { DataDirectory = running.Hub.DataDirectory },
        };
        return (applied, warnings.AsReadOnly());
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        // Only YAML files and the systems/flows/webhooks folders matter; the data directory may live in here too.
        var name = Path.GetFileName(e.FullPath);
        var relevant = name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || name is ConfigurationLoader.SystemsFolder or ConfigurationLoader.FlowsFolder or ConfigurationLoader.WebhooksFolder
            || (e is RenamedEventArgs renamed && Path.GetFileName(renamed.OldFullPath) is var old
                && (old.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || old.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)));
        if (!relevant)
        {
            return;
        }

        ConfigurationMonitorLog.ChangeDetected(_logger, e.FullPath, Debounce.TotalMilliseconds);
        if (name is ConfigurationLoader.SystemsFolder or ConfigurationLoader.FlowsFolder or ConfigurationLoader.WebhooksFolder)
        {
            // A folder created (or renamed into place) after the start gets its own watcher.
            lock (_gate)
            {
                if (!_disposed)
                {
                    WatchFolders();
                }
            }
        }

        ScheduleReload();
    }

    /// <summary>Watches each configuration folder that exists and is not watched yet (and forgets those that went away). Holds <see cref="_gate"/>.</summary>
    private void WatchFolders()
    {
        foreach (var folder in new[] { ConfigurationLoader.SystemsFolder, ConfigurationLoader.FlowsFolder, ConfigurationLoader.WebhooksFolder })
        {
            var path = Path.Combine(Directory, folder);
            if (_watchers.TryGetValue(path, out var existing) && !System.IO.Directory.Exists(path))
            {
                existing.Dispose();
                _watchers.Remove(path);
            }
            else if (!_watchers.ContainsKey(path) && System.IO.Directory.Exists(path))
            {
                try
                {
                    Watch(path);
                }
                catch (Exception ex) when (ex is ArgumentException or IOException)
                {
                    // Gone again between the check and the watch: the next event on the directory tries again.
                    ConfigurationMonitorLog.WatcherFailed(_logger, ex, path);
                }
            }
        }
    }

    private void Watch(string path)
    {
        var watcher = new FileSystemWatcher(path)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += OnFileEvent;
        watcher.Created += OnFileEvent;
        watcher.Deleted += OnFileEvent;
        watcher.Renamed += OnFileEvent;
        watcher.Error += OnWatcherError;
        watcher.EnableRaisingEvents = true;
        _watchers[path] = watcher;
    }

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        // Usually an overflow of the change buffer: changes were missed, so read everything again.
        ConfigurationMonitorLog.WatcherFailed(_logger, e.GetException(), Directory);
        ScheduleReload();
    }

    private void ScheduleReload()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                // Each event pushes the reload back: it runs once the files have been quiet for Debounce.
                _timer?.Change(Debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void ReloadInBackground()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
        }

        try
        {
            Reload();
        }
        catch (Exception ex)
        {
            // A throwing Changed handler, or a folder vanishing mid-read, must not take the process down from a timer thread.
            ConfigurationMonitorLog.ReloadFailed(_logger, ex, Directory);
        }
    }
}
