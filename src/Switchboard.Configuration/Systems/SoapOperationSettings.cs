namespace Switchboard.Configuration;

/// <summary>The <c>soap</c> section of an operation: the body template is wrapped in an envelope of the system's SOAP version.</summary>
public sealed record SoapOperationSettings
{
    /// <summary>The SOAPAction (1.1 header, 1.2 content-type parameter).</summary>
    public required string Action { get; init; }
}
