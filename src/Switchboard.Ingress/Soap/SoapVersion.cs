namespace Switchboard.Ingress.Soap;

/// <summary>The envelope versions the endpoint speaks; a reply uses the version of its request.</summary>
internal enum SoapVersion
{
    Soap11,
    Soap12,
}
