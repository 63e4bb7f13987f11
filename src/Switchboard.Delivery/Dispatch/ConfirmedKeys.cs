using System.Data;
using System.Data.Common;
using Dapper;
using Switchboard.Storage;
using Switchboard.Storage.Stores;

namespace Switchboard.Delivery.Dispatch;

/// <summary>
/// The idempotency keys targets confirmed (<c>delivery_confirmed</c>): a message whose key is here was delivered
/// already, so a redelivered copy (a crash between the target's answer and the settle, a relay that published twice)
/// is settled without calling the target again. Recorded in grouped commits; kept for the configured retention.
/// </summary>
public sealed class ConfirmedKeys : IAsyncDisposable
{
    private static readonly Statement Insert = new(
        "INSERT INTO delivery_confirmed (target, idempotency_key, message_id, confirmed_at) VALUES (@target, @key, @messageId, @at) " +
        "ON CONFLICT (target, idempotency_key) DO NOTHING",
        ("@target", DbType.String), ("@key", DbType.String), ("@messageId", DbType.String), ("@at", DbType.Int64));

    private readonly IStorageProvider _storage;
    private readonly TimeProvider _clock;
    private readonly GroupCommit<(string Target, string Key, string MessageId, long At)> _writes;

    public ConfirmedKeys(IStorageProvider storage, TimeProvider clock)
    {
        _storage = storage;
        _clock = clock;
        _writes = new GroupCommit<(string, string, string, long)>(storage, WriteAsync);
    }

    public async Task<bool> ContainsAsync(string target, string key, CancellationToken ct)
    {
        await using var connection = await _storage.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT 1 FROM delivery_confirmed WHERE target = @target AND idempotency_key = @key",
            new { target, key }, cancellationToken: ct)) is not null;
    }

    /// <summary>Completes when the key is durably recorded.</summary>
    public Task AddAsync(DeliveryMessage message) => _writes.AddAsync(RowOf(message));

    /// <summary>The row that records <paramref name="message"/>'s key as confirmed now (for <see cref="InsertAsync"/>).</summary>
    internal (string Target, string Key, string MessageId, long At) RowOf(DeliveryMessage message) =>
        (message.Target, message.IdempotencyKey, message.Id, _clock.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>Forgets keys confirmed before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await _storage.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM delivery_confirmed WHERE confirmed_at < @before", new { before = before.ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }

    private static Task WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(string Target, string Key, string MessageId, long At)> rows, CancellationToken ct) =>
        InsertAsync(connection, transaction, rows, ct);

    /// <summary>Records confirmed keys in the caller's transaction (a transport that settles in the same one), the statement compiled once for all.</summary>
    internal static async Task InsertAsync(DbConnection connection, DbTransaction transaction, IEnumerable<(string Target, string Key, string MessageId, long At)> rows, CancellationToken ct)
    {
        var batch = new StatementBatch();
        foreach (var row in rows)
        {
            batch.Add(Insert, row.Target, row.Key, row.MessageId, row.At);
        }

        await batch.ExecuteAsync(connection, transaction, ct);
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}
