namespace Switchboard.Security.Accounts;

/// <summary>A person who signs in to the agent desktop with a local password. Only the password's hash is stored.</summary>
public sealed record AgentAccount
{
    /// <summary>The account's own id (16 hex characters); sessions refer to it, so a rename keeps them.</summary>
    public required string Id { get; init; }

    /// <summary>The sign-in name, always lower-case: names are unique regardless of case.</summary>
    public required string Username { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The contact center's agent id (e.g. <c>agent-7</c>) that calls are offered to and pops are routed by.</summary>
    public required string AgentId { get; init; }

    /// <summary>One of <see cref="Roles"/>; an agent is <see cref="Roles.Agent"/>.</summary>
    public required string Role { get; init; }

    /// <summary>The encoded hash, e.g. <c>pbkdf2-sha256$600000$&lt;salt&gt;$&lt;key&gt;</c> (see <see cref="PasswordHasher"/>).</summary>
    public required string PasswordHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>Failed sign-ins since the last success or lockout.</summary>
    public int FailedLogins { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    public bool IsDisabled => DisabledAt is not null;

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}
