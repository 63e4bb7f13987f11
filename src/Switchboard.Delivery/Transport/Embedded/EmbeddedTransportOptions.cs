namespace Switchboard.Delivery.Transport.Embedded;

public sealed class EmbeddedTransportOptions
{
    /// <summary>How often an idle consumer looks at the outbox without being signalled (rows another process wrote).</summary>
    public TimeSpan IdleLook { get; init; } = TimeSpan.FromSeconds(2);
}
