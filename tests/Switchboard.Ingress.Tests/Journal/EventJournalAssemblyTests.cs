using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Core.Events;
using Switchboard.Interactions;
using Switchboard.Interactions.Journal;
using Switchboard.Storage;
using Switchboard.Testing;

namespace Switchboard.Ingress.Tests.Journal;

/// <summary>
/// When the journal's writer loop folds events into interactions: while requests keep it busy, a whole slice every busy
/// interval; fewer rows only once the writer has been idle. The clock only moves when a test moves it.
/// </summary>
public sealed class EventJournalAssemblyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly EventJournalOptions Options = new()
    {
        AssemblySlice = 8,
        AssemblyBusyInterval = TimeSpan.FromMilliseconds(10),
        AssemblyIdle = TimeSpan.FromSeconds(1),
        AssemblyMaxPause = TimeSpan.FromSeconds(10),
    };
    private readonly TempDirectory _directory = new("switchboard-journal");
    private readonly FakeTimeProvider _clock = new(Start);
    private JournalHost _host = null!;

    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() =>
        _host = await JournalHost.StartAsync(new StorageOptions { SqlitePath = Path.Combine(_directory.Path, "hub.db") }, _clock, Options);

    [Fact]
    public async Task A_whole_slice_is_folded_while_requests_keep_the_writer_from_ever_being_idle()
    {
        var calls = await IngestCallsAsync(Options.AssemblySlice);

        // Far less than the idle time: only "a whole slice waits and the busy interval passed" can start this.
        _clock.Advance(Options.AssemblyBusyInterval);
        foreach (var call in calls)
        {
            (await _host.FoldedAsync(call)).ShouldBeTrue(call);
        }
    }

    [Fact]
    public async Task Fewer_rows_than_a_slice_wait_until_the_writer_has_been_idle_then_are_folded()
    {
        var calls = await IngestCallsAsync(3);

        _clock.Advance(Options.AssemblyBusyInterval);
        await Task.Delay(300, Ct);
        (await FindAsync(calls[0])).ShouldBeNull("three rows are fewer than a slice and the writer has not been idle");

        _clock.Advance(Options.AssemblyIdle - Options.AssemblyBusyInterval);
        foreach (var call in calls)
        {
            (await _host.FoldedAsync(call)).ShouldBeTrue(call);
        }
    }

    private async Task<List<string>> IngestCallsAsync(int count)
    {
        var calls = Enumerable.Range(0, count).Select(i => $"call-{i}-{Guid.NewGuid():N}").ToList();
        foreach (var call in calls)
        {
            var outcome = await _host.Journal.IngestAsync(
                [new ContactCenterEvent { EventId = "e-" + call, Type = EventTypes.CallOffered, OccurredAt = Start, CallId = call, From = "+14155550134" }],
                Ct);
            outcome.ShouldBe([IngestOutcome.Accepted]);
        }

        return calls;
    }

    private Task<Core.Interactions.Interaction?> FindAsync(string callId) => _host.Interactions.FindByCallIdAsync(callId, Ct);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
