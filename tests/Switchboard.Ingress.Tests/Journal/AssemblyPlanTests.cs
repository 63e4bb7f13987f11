using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Core.Events;
using Switchboard.Storage;
using Switchboard.Testing;

namespace Switchboard.Ingress.Tests.Journal;

/// <summary>
/// On a new PostgreSQL database the tables grow for about a minute before autovacuum first analyzes them; meanwhile a
/// slice must still find its calls' interactions by index, not by reading the whole table.
/// </summary>
public sealed class AssemblyPlanTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private TestPostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await TestPostgres.CreateAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task A_slice_finds_its_calls_by_index_in_a_large_table_that_was_never_analyzed()
    {
        await using var host = await JournalHost.StartAsync(
            new StorageOptions { Provider = StorageProviderKind.PostgreSql, PostgreSqlConnectionString = _postgres.ConnectionString },
            new FakeTimeProvider(Now), startJournal: false);
        await using (var connection = await host.Storage.OpenAsync(Ct))
        {
            // 20,000 stored calls and no statistics (autovacuum off for the table, so none arrive during the test).
            await connection.ExecuteAsync("ALTER TABLE interactions SET (autovacuum_enabled = false)");
            await connection.ExecuteAsync(
                """
                INSERT INTO interactions (id, call_id, direction, state, started_at)
                SELECT 'seeded-' || n, 'seeded-call-' || n, 'Inbound', 'Ringing', @startedAt FROM generate_series(1, 20000) AS n
                """,
                new { startedAt = Now.AddDays(-1).ToUnixTimeMilliseconds() });
            var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            for (var i = 0; i < 32; i++)
            {
                var e = new ContactCenterEvent
                {
                    EventId = $"e-{i}",
                    Type = EventTypes.CallQueued,
                    OccurredAt = Now,
                    CallId = i == 0 ? "seeded-call-7" : $"new-call-{i}",
                    From = "+14155550134",
                };
                await connection.ExecuteAsync(
                    "INSERT INTO inbound_events (event_id, call_id, type, occurred_at, received_at, payload) VALUES (@id, @call, @type, @at, @at, @payload)",
                    new { id = e.EventId, call = e.CallId, type = e.Type, at = Now.ToUnixTimeMilliseconds(), payload = JsonSerializer.Serialize(e, web) });
            }
        }

        var before = await ScansAsync(host.Storage);
        (await host.Assembler.ApplyPendingAsync(32, Ct)).ShouldBe(32);

        // Each backend reports its counters when it goes idle, within seconds: wait until the slice's index scans show.
        var after = before;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); after.Index == before.Index && DateTime.UtcNow < deadline; await Task.Delay(200, Ct))
        {
            after = await ScansAsync(host.Storage);
        }

        after.Index.ShouldBeGreaterThan(before.Index, "the slice's scans of the interactions were never reported");
        // Rows read by sequential scans: the schema's own checks scan the table while it is empty, and may be reported late.
        after.SequentialRows.ShouldBe(before.SequentialRows, "a slice read the whole table of interactions");
        (await host.Interactions.FindByCallIdAsync("seeded-call-7", Ct))!.Timeline.Select(t => t.EventId).ShouldBe(["e-0"]);
    }

    private static async Task<(long SequentialRows, long Index)> ScansAsync(IStorageProvider storage)
    {
        await using var connection = await storage.OpenAsync(Ct);
        return await connection.QuerySingleAsync<(long, long)>(
            "SELECT seq_tup_read, COALESCE(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'interactions'");
    }
}
