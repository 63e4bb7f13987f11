namespace Switchboard.Server.Contracts;

/// <summary>The answer of <c>GET /api/v1/delivery/targets</c>.</summary>
public sealed record DeliveryStatusView(string Transport, IReadOnlyList<DeliveryTargetView> Targets);

/// <summary>One target system's delivery since the hub started. <c>Active</c>: a dispatcher delivers its queue now (the system is not off).</summary>
public sealed record DeliveryTargetView(
    string Target,
    bool Active,
    long Pending,
    long Delivered,
    long FailedAttempts,
    long DeadLettered,
    long DuplicatesSuppressed,
    double? LagP50Ms,
    double? LagP99Ms,
    DateTimeOffset? LastDeliveredAt,
    string? LastError,
    DateTimeOffset? LastErrorAt);
