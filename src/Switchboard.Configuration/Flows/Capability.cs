namespace Switchboard.Configuration;

/// <summary>What a flow does; each capability needs certain operations from the systems it uses.</summary>
public enum Capability
{
    /// <summary>Show the caller's customer record when a call is offered. Needs customer.findByPhone.</summary>
    ScreenPop,

    /// <summary>Write each finished call to a system as an activity. Needs interaction.log.</summary>
    CallLogging,

    /// <summary>Take orders during a call. Needs order.create, and order.get or order.listChanged to follow them.</summary>
    OrderCapture,

    /// <summary>Open tickets during a call. Needs ticket.create.</summary>
    Ticketing,

    /// <summary>Keep customer records in step between systems. Needs customer.upsert and customer.listChanged.</summary>
    CustomerSync,
}
