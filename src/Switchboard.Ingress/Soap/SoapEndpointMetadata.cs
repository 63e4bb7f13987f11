namespace Switchboard.Ingress.Soap;

/// <summary>Marks the SOAP POST endpoint so errors written by the pipeline (401, 403, 413, 500) become SOAP Faults.</summary>
internal sealed class SoapEndpointMetadata
{
    public static readonly SoapEndpointMetadata Instance = new();

    private SoapEndpointMetadata()
    {
    }
}
