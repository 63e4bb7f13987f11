namespace Switchboard.Ingress.Soap;

/// <summary>SOAP 1.2 fault code names; SOAP 1.1 calls Sender <c>Client</c> and Receiver <c>Server</c>.</summary>
internal enum SoapFaultCode
{
    /// <summary>The request is wrong; resending it unchanged fails again.</summary>
    Sender,
    /// <summary>The hub failed; the same request may succeed later.</summary>
    Receiver,
    VersionMismatch,
    MustUnderstand,
}
