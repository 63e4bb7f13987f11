using Dapper;
using Switchboard.Storage;

namespace Switchboard.Security.Accounts;

/// <summary>
/// Reads and writes <c>agent_accounts</c>. Times are unix milliseconds, as in every hub table. The
/// failure counter is changed only by single UPDATE statements, so concurrent sign-ins on one or many
/// hub processes never lose a count.
/// </summary>
public sealed class AccountStore(IStorageProvider storage)
{
    private const string Columns = """
        id AS Id, username AS Username, display_name AS DisplayName, agent_id AS AgentId, role AS Role,
        password_hash AS PasswordHash, created_at AS CreatedAt, disabled_at AS DisabledAt,
        failed_logins AS FailedLogins, locked_until AS LockedUntil
        """;

    /// <summary>Adds an account; a taken username or active agent id fails with the provider's unique-constraint error.</summary>
    public async Task InsertAsync(AgentAccount account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var connection = await storage.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO agent_accounts (id, username, display_name, agent_id, role, password_hash, created_at, disabled_at, failed_logins, locked_until) " +
            "VALUES (@Id, @Username, @DisplayName, @AgentId, @Role, @PasswordHash, @CreatedAt, NULL, 0, NULL)",
            new
            {
                account.Id,
                account.Username,
                account.DisplayName,
                account.AgentId,
                account.Role,
                account.PasswordHash,
                CreatedAt = account.CreatedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: ct));
    }

    public Task<AgentAccount?> GetAsync(string id, CancellationToken ct) =>
        QuerySingleAsync($"SELECT {Columns} FROM agent_accounts WHERE id = @value", id, ct);

    /// <summary>The account with this username; pass it lower-case, as stored.</summary>
    public Task<AgentAccount?> FindByUsernameAsync(string username, CancellationToken ct) =>
        QuerySingleAsync($"SELECT {Columns} FROM agent_accounts WHERE username = @value", username, ct);

    /// <summary>The account that is not disabled and holds this contact-center agent id.</summary>
    public Task<AgentAccount?> FindActiveByAgentIdAsync(string agentId, CancellationToken ct) =>
        QuerySingleAsync($"SELECT {Columns} FROM agent_accounts WHERE agent_id = @value AND disabled_at IS NULL", agentId, ct);

    /// <summary>Every account, by username.</summary>
    public async Task<IReadOnlyList<AgentAccount>> ListAsync(CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM agent_accounts ORDER BY username", cancellationToken: ct));
        return [.. rows.Select(r => r.ToAccount())];
    }

    /// <summary>
    /// Counts a sign-in attempt before its password is checked, unless the account is locked at
    /// <paramref name="now"/>. Returns the attempt's number since the last success or lockout, or null
    /// when the account is locked (or gone). Counting first means a burst of parallel guesses cannot
    /// all be checked before the lockout is written.
    /// </summary>
    public async Task<int?> BeginAttemptAsync(string id, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        var count = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "UPDATE agent_accounts SET failed_logins = failed_logins + 1 " +
            "WHERE id = @id AND (locked_until IS NULL OR locked_until <= @now) RETURNING failed_logins",
            new { id, now = now.ToUnixTimeMilliseconds() },
            cancellationToken: ct));
        return count is { } c ? (int)c : null;
    }

    /// <summary>Locks the account until <paramref name="until"/> and starts counting failures afresh.</summary>
    public Task LockAsync(string id, DateTimeOffset until, CancellationToken ct) =>
        ExecuteAsync("UPDATE agent_accounts SET failed_logins = 0, locked_until = @until WHERE id = @id",
            new { id, until = until.ToUnixTimeMilliseconds() }, ct);

    /// <summary>After a successful sign-in: no failures, no lock.</summary>
    public Task ResetFailuresAsync(string id, CancellationToken ct) =>
        ExecuteAsync("UPDATE agent_accounts SET failed_logins = 0, locked_until = NULL WHERE id = @id", new { id }, ct);

    /// <summary>Replaces the password hash and lifts any lockout.</summary>
    public async Task<bool> SetPasswordHashAsync(string id, string passwordHash, CancellationToken ct) =>
        await ExecuteAsync(
            "UPDATE agent_accounts SET password_hash = @passwordHash, failed_logins = 0, locked_until = NULL WHERE id = @id",
            new { id, passwordHash }, ct) == 1;

    /// <summary>Marks the account disabled; false when no enabled account has that id.</summary>
    public async Task<bool> DisableAsync(string id, DateTimeOffset at, CancellationToken ct) =>
        await ExecuteAsync("UPDATE agent_accounts SET disabled_at = @at WHERE id = @id AND disabled_at IS NULL",
            new { id, at = at.ToUnixTimeMilliseconds() }, ct) == 1;

    private async Task<AgentAccount?> QuerySingleAsync(string sql, string value, CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, new { value }, cancellationToken: ct));
        return row?.ToAccount();
    }

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await storage.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Username { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string AgentId { get; set; } = "";
        public string Role { get; set; } = "";
        public string PasswordHash { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? DisabledAt { get; set; }
        public long FailedLogins { get; set; }
        public long? LockedUntil { get; set; }

        public AgentAccount ToAccount() => new()
        {
            Id = Id,
            Username = Username,
            DisplayName = DisplayName,
            AgentId = AgentId,
            Role = Role,
            PasswordHash = PasswordHash,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            DisabledAt = DisabledAt is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null,
            FailedLogins = (int)FailedLogins,
            LockedUntil = LockedUntil is { } l ? DateTimeOffset.FromUnixTimeMilliseconds(l) : null,
        };
    }
}
