using Switchboard.Core.Common;
using Switchboard.Core.Customers;
using Switchboard.Core.Interactions;

namespace Switchboard.Storage.Tests.Support;

/// <summary>Records with unique ids and numbers, so tests sharing one database never meet.</summary>
public static class TestModel
{
    /// <summary>A fixed instant with millisecond precision, as the stores keep it.</summary>
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_123);

    public static string NewId() => HubIds.New();

    public static string NewPhone() =>
        "+1" + Random.Shared.NextInt64(2_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string NewEmail() => $"{Guid.NewGuid():N}@example.com";

    public static Customer Customer(params ContactPoint[] points) => new()
    {
        Id = NewId(),
        DisplayName = "Ada Lovelace",
        FirstName = "Ada",
        LastName = "Lovelace",
        ContactPoints = points,
        CreatedAt = T0,
        UpdatedAt = T0.AddMinutes(5),
    };

    public static Interaction Interaction(string? caller = null, string? customerId = null, params string[] agentIds) => new()
    {
        Id = NewId(),
        CallId = "call-" + Guid.NewGuid().ToString("N"),
        CallerNumber = caller,
        CallerNumberRaw = caller,
        CustomerId = customerId,
        AgentIds = agentIds,
        StartedAt = T0,
    };

    public static InteractionEvent Event(string type, DateTimeOffset occurredAt, DateTimeOffset? receivedAt = null) => new()
    {
        EventId = NewId(),
        Type = type,
        OccurredAt = occurredAt,
        ReceivedAt = receivedAt ?? occurredAt.AddMilliseconds(20),
        Source = "pbx",
    };
}
