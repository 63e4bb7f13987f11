namespace Switchboard.Configuration;

/// <summary>The operations each capability needs: every group must be met by at least one operation in it.</summary>
internal static class CapabilityRequirements
{
    public sealed record Requirement(
        Capability Capability,
        IReadOnlyList<IReadOnlyList<string>> Required,
        IReadOnlyList<(string Operation, string Without)> Optional);

    public static readonly IReadOnlyList<Requirement> All =
    [
        new(Capability.ScreenPop,
            [[OperationNames.CustomerFindByPhone]],
            [
                (OperationNames.OrderListByCustomer, "recent orders are not shown"),
                (OperationNames.TicketListByCustomer, "open tickets are not shown"),
            ]),
        new(Capability.CallLogging, [[OperationNames.InteractionLog]], []),
        new(Capability.OrderCapture,
            [[OperationNames.OrderCreate], [OperationNames.OrderGet, OperationNames.OrderListChanged]],
            []),
        new(Capability.Ticketing,
            [[OperationNames.TicketCreate]],
            [(OperationNames.TicketUpdate, "tickets cannot be updated from the desktop")]),
        new(Capability.CustomerSync,
            [[OperationNames.CustomerUpsert], [OperationNames.CustomerListChanged]],
            []),
    ];
}
