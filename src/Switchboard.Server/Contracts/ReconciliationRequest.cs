namespace Switchboard.Server.Contracts;

/// <summary>The body of <c>POST /api/v1/delivery/reconciliation</c> (and <c>/resend</c>): which system and which period [from, to).</summary>
public sealed record ReconciliationRequest(string? System, DateTimeOffset? From, DateTimeOffset? To);
