namespace Switchboard.Ingress.Soap;

/// <summary>Names the SOAP ingress publishes: its address, XML namespace and the ingress tag on metrics and events.</summary>
public static class SoapIngressDefaults
{
    public const string Path = "/soap/events";

    /// <summary>The target namespace of the WSDL and of every message element.</summary>
    public const string Namespace = "urn:switchboard:events:v1";

    /// <summary>The <c>ingress</c> tag in <see cref="IngressMetrics"/> and <c>ContactCenterEvent.Source</c>.</summary>
    public const string Ingress = "soap";

    /// <summary>Used when the host has no running configuration to read <c>server.limits.maxBatchSize</c> from.</summary>
    public const int MaxBatchSize = 500;
}
