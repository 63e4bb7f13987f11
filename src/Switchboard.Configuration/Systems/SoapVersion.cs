namespace Switchboard.Configuration;

public enum SoapVersion
{
    /// <summary>SOAP 1.1: text/xml, the action in the SOAPAction header.</summary>
    Soap11,

    /// <summary>SOAP 1.2: application/soap+xml with the action as a content-type parameter.</summary>
    Soap12,
}
