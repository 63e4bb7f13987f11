using Switchboard.Configuration;

namespace Switchboard.Connectors.Soap;

/// <summary>The SOAP 1.1 and 1.2 envelopes and content types an operation's body is sent in.</summary>
internal static class SoapEnvelope
{
    public const string Soap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12Namespace = "http://www.w3.org/2003/05/soap-envelope";

    public static string Wrap(SoapVersion version, string body) =>
        $"""<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{Namespace(version)}"><soap:Body>{body}</soap:Body></soap:Envelope>""";

    public static string Namespace(SoapVersion version) => version == SoapVersion.Soap12 ? Soap12Namespace : Soap11Namespace;

    public static string ContentType(SoapVersion version, string action) =>
        version == SoapVersion.Soap12
            ? $"application/soap+xml; charset=utf-8; action=\"{action}\""
            : "text/xml; charset=utf-8";
}
