namespace Switchboard.Delivery.Tests.Support;

public enum DeliveryTransportKind
{
    Embedded,
    RabbitMq,
}
