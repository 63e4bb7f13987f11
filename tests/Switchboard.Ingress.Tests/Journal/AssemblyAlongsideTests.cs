using Microsoft.Extensions.Time.Testing;
using Switchboard.Core.Events;
using Switchboard.Interactions;
using Switchboard.Interactions.Journal;
using Switchboard.Storage;
using Switchboard.Testing;

namespace Switchboard.Ingress.Tests.Journal;

/// <summary>
/// On PostgreSQL, assembly runs beside the journal's writer, woken by its commits: events are folded as they come, with
/// no idle time or busy interval to wait for (the clock never moves in these tests), and acknowledging never waits for it.
/// </summary>
public sealed class AssemblyAlongsideTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly EventJournalOptions Options = new()
    {
        AssemblySlice = 8,
        AssemblyIdle = TimeSpan.FromHours(1),
        AssemblyBusyInterval = TimeSpan.FromHours(1),
        AssemblyMaxPause = TimeSpan.FromHours(1),
    };
    private TestPostgres _postgres = null!;
    private JournalHost _host = null!;

    public async Task InitializeAsync()
    {
        _postgres = await TestPostgres.CreateAsync();
        _host = await JournalHost.StartAsync(
            new StorageOptions { Provider = StorageProviderKind.PostgreSql, PostgreSqlConnectionString = _postgres.ConnectionString },
            new FakeTimeProvider(Start), Options);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    public async Task Each_commit_wakes_assembly_so_every_event_is_folded_without_the_writer_going_idle(int calls)
    {
        var ids = Enumerable.Range(0, calls).Select(i => $"call-{i}-{Guid.NewGuid():N}").ToList();
        foreach (var call in ids)
        {
            (await _host.Journal.IngestAsync(
                [new ContactCenterEvent { EventId = "e-" + call, Type = EventTypes.CallOffered, OccurredAt = Start, CallId = call, From = "+14155550134" }],
                Ct)).ShouldBe([IngestOutcome.Accepted]);
        }

        foreach (var call in ids)
        {
            (await _host.FoldedAsync(call)).ShouldBeTrue(call);
        }
    }
}
