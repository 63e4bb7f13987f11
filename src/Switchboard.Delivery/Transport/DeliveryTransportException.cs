namespace Switchboard.Delivery.Transport;

/// <summary>The transport itself failed (broker unreachable, topology refused); the message names the broker and what failed.</summary>
public sealed class DeliveryTransportException(string message, Exception? inner = null) : Exception(message, inner);
