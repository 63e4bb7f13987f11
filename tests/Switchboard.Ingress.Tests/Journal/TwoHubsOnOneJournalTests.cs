using Dapper;
using Switchboard.Core.Events;
using Switchboard.Interactions;
using Switchboard.Storage;
using Switchboard.Testing;

namespace Switchboard.Ingress.Tests.Journal;

/// <summary>
/// Two hub processes on one PostgreSQL database each journal events and each assemble the shared journal: every call
/// must end as ONE interaction holding all its events, whichever hub took which event and whichever folded it.
/// </summary>
public sealed class TwoHubsOnOneJournalTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Each_call_becomes_one_interaction_with_every_event_when_two_hubs_ingest_and_assemble_at_once()
    {
        await using var database = await TestPostgres.CreateAsync();
        var storage = new StorageOptions { Provider = StorageProviderKind.PostgreSql, PostgreSqlConnectionString = database.ConnectionString };
        await using var first = await JournalHost.StartAsync(storage, TimeProvider.System);
        await using var second = await JournalHost.StartAsync(storage, TimeProvider.System);
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var calls = Enumerable.Range(0, 400).Select(i => $"two-hubs-{i}-{Guid.NewGuid():N}").ToList();

        // Each call's offered event goes through one hub and its answered event through the other, all calls at once.
        await Task.WhenAll(calls.Select(async (call, i) =>
        {
            var (a, b) = i % 2 == 0 ? (first, second) : (second, first);
            await a.Journal.IngestAsync([Event(call, EventTypes.CallOffered, start)], Ct);
            await b.Journal.IngestAsync([Event(call, EventTypes.CallAnswered, start.AddSeconds(5))], Ct);
        }));

        await using var connection = await first.Storage.OpenAsync(Ct);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100, Ct))
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbound_events WHERE applied = 0") == 0)
            {
                break;
            }
        }

        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbound_events WHERE applied = 0")).ShouldBe(0);
        var perCall = (await connection.QueryAsync<(string CallId, long Interactions)>(
            "SELECT call_id, COUNT(*) FROM interactions GROUP BY call_id")).ToDictionary(r => r.CallId, r => r.Interactions);
        perCall.Count.ShouldBe(calls.Count);
        perCall.Where(c => c.Value != 1).ShouldBeEmpty("a call assembled by both hubs at once got two interactions");
        foreach (var call in calls)
        {
            var interaction = await first.Interactions.FindByCallIdAsync(call, Ct);
            interaction!.Timeline.Select(e => e.Type).ShouldBe([EventTypes.CallOffered, EventTypes.CallAnswered], call);
        }
    }

    private static ContactCenterEvent Event(string call, string type, DateTimeOffset at) =>
        new() { EventId = $"{call}-{type}", Type = type, OccurredAt = at, CallId = call, From = "+14155550134", AgentId = "agent-1" };
}
