using Dapper;
using Switchboard.Storage;

namespace Switchboard.Sync.Polling;

/// <summary>
/// Which hub process polls a target next, when several share the database (<see cref="SyncSchema"/>): a poll
/// is made only by the process that claimed the target's lease, and a lease can be claimed only once the
/// previous one is due (<c>due_at</c>, Unix milliseconds: one interval after the last poll ended, or after it
/// was claimed if it never ended). So each target is polled once per interval by one hub, and a hub that
/// stops (or dies mid-poll) leaves the next poll to whichever hub comes first once it is due.
/// </summary>
public sealed class PollLeases(IStorageProvider provider)
{
    private const string ClaimSql = """
        INSERT INTO sync_poll_leases (system, operation, holder, due_at)
        VALUES (@system, @operation, @holder, @dueAt)
        ON CONFLICT (system, operation) DO UPDATE SET holder = excluded.holder, due_at = excluded.due_at
        WHERE sync_poll_leases.due_at <= @now
        """;

    /// <summary>This process's name in the leases it holds.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Claims <paramref name="target"/> for a poll starting at <paramref name="now"/>; false when another claim is not yet due.</summary>
    public async Task<bool> TryClaimAsync(PollTarget target, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await provider.OpenAsync(ct);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            ClaimSql,
            new
            {
                system = target.System,
                operation = target.Operation,
                holder = Holder,
                dueAt = (now + target.Interval).ToUnixTimeMilliseconds(),
                now = now.ToUnixTimeMilliseconds(),
            },
            cancellationToken: ct));
        return claimed == 1;
    }

    /// <summary>The poll that claimed <paramref name="target"/> ended at <paramref name="ended"/>: the next is due one interval later.</summary>
    public async Task EndAsync(PollTarget target, DateTimeOffset ended, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await provider.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sync_poll_leases SET due_at = @dueAt WHERE system = @system AND operation = @operation AND holder = @holder",
            new { system = target.System, operation = target.Operation, holder = Holder, dueAt = (ended + target.Interval).ToUnixTimeMilliseconds() },
            cancellationToken: ct));
    }
}
