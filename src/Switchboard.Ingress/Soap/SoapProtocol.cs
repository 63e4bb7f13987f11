using System.Xml.Linq;

namespace Switchboard.Ingress.Soap;

/// <summary>Envelope namespaces, media types and the HTTP status each fault gets.</summary>
internal static class SoapProtocol
{
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Events = SoapIngressDefaults.Namespace;

    public static XNamespace EnvelopeNamespace(SoapVersion version) => version == SoapVersion.Soap12 ? Soap12 : Soap11;

    public static string ContentType(SoapVersion version) =>
        version == SoapVersion.Soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";

    /// <summary>The version to answer in before the envelope was read (or when it could not be).</summary>
    public static SoapVersion FromContentType(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/soap+xml", StringComparison.OrdinalIgnoreCase) ? SoapVersion.Soap12 : SoapVersion.Soap11;

    /// <summary>
    /// WS-I Basic Profile (R1126) puts every SOAP 1.1 fault on 500; the SOAP 1.2 HTTP binding puts Sender
    /// faults on 400. A status the pipeline chose (401, 413) wins over both.
    /// </summary>
    public static int HttpStatus(SoapVersion version, SoapFaultCode code, int? pipelineStatus) =>
        pipelineStatus ?? (version == SoapVersion.Soap12 && code == SoapFaultCode.Sender ? 400 : 500);
}
