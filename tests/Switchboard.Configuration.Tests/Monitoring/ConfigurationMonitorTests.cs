using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Monitoring;

public sealed class ConfigurationMonitorTests : IDisposable
{
    private readonly ConfigDirectory _config = new();
    private readonly ListLogger<ConfigurationMonitor> _logger = new();

    public ConfigurationMonitorTests() => _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem);

    public void Dispose() => _config.Dispose();

    private ConfigurationMonitor Monitor(bool watch = false) =>
        new(_config.Path, _logger, watch: watch, debounce: TimeSpan.FromMilliseconds(100));

    [Fact]
    public void The_first_load_becomes_current()
    {
        using var monitor = Monitor();

        monitor.Current.ShouldNotBeNull().Systems.ShouldHaveSingleItem().Name.ShouldBe("crm");
        monitor.LastErrors.ShouldBeEmpty();
        _logger.Entries.ShouldContain(entry => entry.EventId.Id == 2000);
    }

    [Fact]
    public void A_valid_edit_is_applied_and_announced()
    {
        using var monitor = Monitor();
        var before = monitor.Current!;
        ConfigurationChangedEventArgs? changed = null;
        monitor.Changed += (_, e) => changed = e;
        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem.Replace("mode: on", "mode: shadow", StringComparison.Ordinal));

        var result = monitor.Reload();

        result.Outcome.ShouldBe(ReloadOutcome.Applied);
        result.Warnings.ShouldBeEmpty();
        monitor.Current.ShouldBeSameAs(result.Configuration);
        monitor.Current!.Systems[0].Mode.ShouldBe(RolloutMode.Shadow);
        changed.ShouldNotBeNull();
        changed.Previous.ShouldBeSameAs(before);
        changed.Current.ShouldBeSameAs(monitor.Current);
    }

    [Fact]
    public void A_reload_of_unchanged_files_changes_nothing()
    {
        using var monitor = Monitor();
        var before = monitor.Current;
        var raised = false;
        monitor.Changed += (_, _) => raised = true;

        var result = monitor.Reload();

        result.Outcome.ShouldBe(ReloadOutcome.Unchanged);
        monitor.Current.ShouldBeSameAs(before);
        raised.ShouldBeFalse();
    }

    [Fact]
    public void An_invalid_edit_keeps_the_last_good_configuration_until_it_is_fixed()
    {
        using var monitor = Monitor();
        var good = monitor.Current;
        var raised = 0;
        monitor.Changed += (_, _) => raised++;

        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem.Replace("mode: on", "mode: live", StringComparison.Ordinal));
        var rejected = monitor.Reload();

        rejected.Outcome.ShouldBe(ReloadOutcome.Rejected);
        rejected.Configuration.ShouldBeSameAs(good);
        rejected.Errors.ShouldHaveSingleItem().ToString().ShouldBe("systems/crm.yaml:4:7: mode: 'live' is not one of off, shadow, pilot, on");
        monitor.Current.ShouldBeSameAs(good);
        monitor.LastErrors.ShouldBe(rejected.Errors);
        raised.ShouldBe(0);
        _logger.Entries.ShouldContain(entry => entry.EventId.Id == 2001);
        _logger.Entries.ShouldContain(entry => entry.EventId.Id == 2002 && entry.Message.Contains("systems/crm.yaml:4:7", StringComparison.Ordinal));

        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem.Replace("mode: on", "mode: pilot", StringComparison.Ordinal));
        var fixedResult = monitor.Reload();

        fixedResult.Outcome.ShouldBe(ReloadOutcome.Applied);
        monitor.Current!.Systems[0].Mode.ShouldBe(RolloutMode.Pilot);
        monitor.LastErrors.ShouldBeEmpty();
        raised.ShouldBe(1);
    }

    [Fact]
    public void A_server_change_waits_for_a_restart_and_is_reported()
    {
        using var monitor = Monitor();
        _config.Write("switchboard.yaml", "server:\n  httpsPort: 6443\nlogging:\n  level: Debug");

        var result = monitor.Reload();

        result.Outcome.ShouldBe(ReloadOutcome.Applied);
        result.Warnings.ShouldBe(["server settings changed; they take effect when the hub restarts"]);
        monitor.Current!.Server.HttpsPort.ShouldBe(5443);
        monitor.Current.Logging.Level.ShouldBe(Microsoft.Extensions.Logging.LogLevel.Debug);
        _logger.Entries.ShouldContain(entry => entry.EventId.Id == 2003);
    }

    [Fact]
    public void Storage_and_data_directory_changes_wait_for_a_restart_too()
    {
        using var monitor = Monitor();
        var running = monitor.Current!;
        _config.Write("switchboard.yaml", "hub:\n  dataDirectory: elsewhere\nstorage:\n  durability: power");

        var result = monitor.Reload();

        result.Warnings.ShouldBe([
            "storage settings changed; they take effect when the hub restarts",
            "hub.dataDirectory changed; it takes effect when the hub restarts",
        ]);
        monitor.Current!.Storage.ShouldBe(running.Storage);
        monitor.Current.Hub.DataDirectory.ShouldBe(running.Hub.DataDirectory);
    }

    [Fact]
    public void A_redis_change_waits_for_a_restart_too()
    {
        using var monitor = Monitor();
        _config.Write("switchboard.yaml", "redis:\n  connectionString: ${env:SWITCHBOARD_REDIS}\n");

        var result = monitor.Reload();

        result.Warnings.ShouldBe(["redis settings changed; they take effect when the hub restarts"]);
        monitor.Current!.Redis.ShouldBeNull();
    }

    [Fact]
    public void A_monitor_that_starts_on_bad_files_has_no_configuration_until_they_are_fixed()
    {
        _config.Write("systems/crm.yaml", "name: crm");

        using var monitor = Monitor();

        monitor.Current.ShouldBeNull();
        monitor.LastErrors.Count.ShouldBe(2);

        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem);
        var result = monitor.Reload();

        result.Outcome.ShouldBe(ReloadOutcome.Applied);
        result.Warnings.ShouldBeEmpty();
        monitor.Current.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_edited_file_is_reloaded_by_the_watcher()
    {
        using var monitor = Monitor(watch: true);
        var changed = new TaskCompletionSource<ConfigurationChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.Changed += (_, e) => changed.TrySetResult(e);

        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nmode: on");
        var e = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        e.Current.Flows.ShouldHaveSingleItem().Name.ShouldBe("pop");
        monitor.Current.ShouldBeSameAs(e.Current);
    }

    [Fact]
    public async Task A_folder_created_after_the_start_is_watched_for_later_edits_too()
    {
        // The watchers are not recursive (the data directory inside must not wake them): a new folder gets its own.
        using var monitor = Monitor(watch: true);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<ConfigurationChangedEventArgs>();
        monitor.Changed += (_, e) => changes.Writer.TryWrite(e);

        Directory.Exists(Path.Combine(_config.Path, "flows")).ShouldBeFalse();
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nmode: on");
        var first = await changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        first.Current.Flows.ShouldHaveSingleItem().Mode.ToString().ShouldBe("On");

        // Only the folder's own watcher sees this: the file exists already, so the directory above does not change.
        await Task.Delay(300);
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nmode: shadow");
        var second = await changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        second.Current.Flows.ShouldHaveSingleItem().Mode.ToString().ShouldBe("Shadow");
    }

    [Fact]
    public async Task The_watcher_keeps_the_last_good_configuration_on_a_bad_edit()
    {
        using var monitor = Monitor(watch: true);
        var good = monitor.Current;

        _config.Write("systems/crm.yaml", "name: crm\nprotocol: telepathy\naddress: x");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (monitor.LastErrors.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        monitor.LastErrors.ShouldHaveSingleItem().Field.ShouldBe("protocol");
        monitor.Current.ShouldBeSameAs(good);
    }

    [Fact]
    public void Files_outside_the_configuration_do_not_matter_to_the_fingerprint()
    {
        using var monitor = Monitor();
        _config.Write("data/switchboard.db", "not yaml");

        monitor.Reload().Outcome.ShouldBe(ReloadOutcome.Unchanged);
    }
}
