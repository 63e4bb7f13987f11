namespace Switchboard.Configuration;

/// <summary>Where outgoing messages wait for their target system.</summary>
public enum DeliveryTransport
{
    /// <summary>A durable queue in the hub's own database (SQLite or PostgreSQL), woken in-process: nothing to install.</summary>
    Embedded,

    /// <summary>RabbitMQ quorum queues, one per target system: for several hub processes.</summary>
    RabbitMq,
}
