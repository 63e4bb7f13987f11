using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Core.Events;
using Switchboard.Core.Phones;
using Switchboard.Interactions.Journal;
using Switchboard.Storage;
using Switchboard.Testing;

namespace Switchboard.Ingress.Tests.Journal;

/// <summary>
/// The journal forgets folded rows once a resend of their event would be refused as too old anyway, oldest first in
/// chunks, and keeps everything assembly or duplicate detection may still need. On both databases.
/// </summary>
public sealed class JournalRetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _directory = new("switchboard-retention");
    private readonly FakeTimeProvider _clock = new(Now);
    private TestPostgres? _postgres;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Theory]
    [InlineData(StorageProviderKind.Sqlite)]
    [InlineData(StorageProviderKind.PostgreSql)]
    public async Task Folded_rows_received_before_the_kept_period_go_oldest_first_in_chunks_and_the_rest_stay(StorageProviderKind provider)
    {
        await using var host = await JournalHost.StartAsync(await StorageAsync(provider), _clock, startJournal: false);
        var old = Now - JournalRetention.Kept - TimeSpan.FromMinutes(1);
        var oldFolded = Enumerable.Range(0, 7).Select(i => $"old-folded-{i}").ToList();
        foreach (var id in oldFolded.Take(3))
        {
            await InsertAsync(host.Storage, id, old, applied: true);
        }

        // Received as long ago, but not yet folded: assembly still needs it.
        await InsertAsync(host.Storage, "old-waiting", old, applied: false);
        foreach (var id in oldFolded.Skip(3))
        {
            await InsertAsync(host.Storage, id, old.AddSeconds(1), applied: true);
        }

        // A minute younger than the kept period: a resend could still be accepted, so it stays.
        await InsertAsync(host.Storage, "just-kept", Now - JournalRetention.Kept + TimeSpan.FromMinutes(1), applied: true);
        await InsertAsync(host.Storage, "recent", Now.AddHours(-1), applied: true);

        var retention = Retention(host.Storage, chunk: 2);
        (await retention.PruneAsync(Ct)).ShouldBe(oldFolded.Count);

        (await EventIdsAsync(host.Storage)).ShouldBe(["old-waiting", "just-kept", "recent"]);
        (await retention.PruneAsync(Ct)).ShouldBe(0, "a second run finds nothing more to forget");
    }

    [Fact]
    public async Task A_resend_of_a_forgotten_event_is_refused_as_too_old_so_duplicate_detection_stays_exact()
    {
        await using var host = await JournalHost.StartAsync(await StorageAsync(StorageProviderKind.Sqlite), _clock, startJournal: false);
        var validator = new ContactCenterEventValidator(new PhoneNormalizer("US"), _clock);
        // The youngest an event may claim to be when received: as far in the future as the validator allows.
        var e = new ContactCenterEvent
        {
            EventId = "resent-late",
            Type = EventTypes.CallOffered,
            OccurredAt = Now + ContactCenterEventValidator.MaxFuture,
            CallId = "call-resent-late",
            From = "+14155550100",
        };
        validator.Validate(e).ShouldBeEmpty();
        await InsertAsync(host.Storage, e.EventId, Now, applied: true);

        _clock.Advance(JournalRetention.Kept + TimeSpan.FromMilliseconds(1));
        (await Retention(host.Storage, chunk: 100).PruneAsync(Ct)).ShouldBe(1);

        validator.Validate(e).Select(error => error.Field).ShouldContain("occurredAt", "a resend the journal no longer remembers must be refused, not accepted twice");
    }

    [Fact]
    public async Task The_hub_runs_it_after_start_and_then_every_interval()
    {
        await using var host = await JournalHost.StartAsync(await StorageAsync(StorageProviderKind.Sqlite), _clock, startJournal: false);
        var options = new EventJournalOptions { RetentionFirstRun = TimeSpan.FromMinutes(1), RetentionInterval = TimeSpan.FromHours(1) };
        using var retention = new JournalRetention(host.Storage, _clock, options, NullLogger<JournalRetention>.Instance);
        await InsertAsync(host.Storage, "first", Now - JournalRetention.Kept - TimeSpan.FromSeconds(1), applied: true);
        await retention.StartAsync(Ct);

        await Task.Delay(200, Ct);
        (await EventIdsAsync(host.Storage)).ShouldBe(["first"], "not before the first run is due");
        await AdvanceUntilAsync(options.RetentionFirstRun, async () => (await EventIdsAsync(host.Storage)).Count == 0);

        // Kept at the first run by a minute; an hour later it is past the period.
        await InsertAsync(host.Storage, "second", Now - JournalRetention.Kept + TimeSpan.FromMinutes(2), applied: true);
        await Task.Delay(200, Ct);
        (await EventIdsAsync(host.Storage)).ShouldBe(["second"]);
        await AdvanceUntilAsync(options.RetentionInterval, async () => (await EventIdsAsync(host.Storage)).Count == 0);
        await retention.StopAsync(Ct);
    }

    private async Task<StorageOptions> StorageAsync(StorageProviderKind provider)
    {
        if (provider == StorageProviderKind.Sqlite)
        {
            return new StorageOptions { SqlitePath = Path.Combine(_directory.Path, "hub.db") };
        }

        _postgres = await TestPostgres.CreateAsync();
        return new StorageOptions { Provider = StorageProviderKind.PostgreSql, PostgreSqlConnectionString = _postgres.ConnectionString };
    }

    private JournalRetention Retention(IStorageProvider storage, int chunk) =>
        new(storage, _clock, new EventJournalOptions { RetentionChunk = chunk, RetentionPause = TimeSpan.Zero }, NullLogger<JournalRetention>.Instance);

    private static async Task InsertAsync(IStorageProvider storage, string eventId, DateTimeOffset receivedAt, bool applied)
    {
        await using var connection = await storage.OpenAsync(Ct);
        await connection.ExecuteAsync(
            "INSERT INTO inbound_events (event_id, call_id, type, occurred_at, received_at, payload, applied) " +
            "VALUES (@eventId, @eventId, 'call.offered', @at, @at, '{}', @applied)",
            new { eventId, at = receivedAt.ToUnixTimeMilliseconds(), applied = applied ? 1 : 0 });
    }

    private static async Task<List<string>> EventIdsAsync(IStorageProvider storage)
    {
        await using var connection = await storage.OpenAsync(Ct);
        return (await connection.QueryAsync<string>("SELECT event_id FROM inbound_events ORDER BY seq")).AsList();
    }

    /// <summary>
    /// Moves the clock on by <paramref name="step"/> until <paramref name="condition"/> holds (within 10 s of real time):
    /// on a busy machine the service may start waiting for its next run only after the first step was taken, and then
    /// that wait needs a step of its own.
    /// </summary>
    private async Task AdvanceUntilAsync(TimeSpan step, Func<Task<bool>> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(100, Ct))
        {
            _clock.Advance(step);
            await Task.Delay(50, Ct);
            if (await condition())
            {
                return;
            }
        }

        (await condition()).ShouldBeTrue("the retention did not run within 10 s");
    }
}
