namespace Switchboard.Ingress.Webhooks;

public enum WebhookMapOutcome
{
    /// <summary>A rule matched and every field it needs was found: <see cref="WebhookMapResult.Event"/> is set.</summary>
    Mapped,

    /// <summary>No rule matched: a status the configuration does not turn into an event.</summary>
    Ignored,

    /// <summary>A rule matched but a field its event type needs is absent from the payload.</summary>
    MissingField,

    /// <summary>A rule matched but a value cannot be read (a timestamp in another format).</summary>
    InvalidValue,
}
