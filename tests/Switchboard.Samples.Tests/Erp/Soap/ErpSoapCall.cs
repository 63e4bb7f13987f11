using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Switchboard.Samples.Tests.Erp.Soap;

/// <summary>Raw SOAP 1.1 and 1.2 posts to the demo ERP, written by hand so that each binding's wire format is what is tested.</summary>
public static class ErpSoapCall
{
    public const string Address = "/soap/erp";
    public static readonly XNamespace ErpNs = "urn:switchboard:demo-erp";
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>Posts <paramref name="body"/> (the SOAP Body's content) as SOAP 1.1: text/xml with a SOAPAction header.</summary>
    public static Task<HttpResponseMessage> Soap11Async(HttpClient client, string operation, string body, string path = Address)
    {
        var content = new StringContent(Envelope(Soap11, body), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/xml; charset=utf-8");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("SOAPAction", $"\"urn:switchboard:demo-erp/{operation}\"");
        return client.SendAsync(request);
    }

    /// <summary>Posts as SOAP 1.2: application/soap+xml with the action as a content-type parameter, no SOAPAction header.</summary>
    public static Task<HttpResponseMessage> Soap12Async(HttpClient client, string operation, string body)
    {
        var content = new StringContent(Envelope(Soap12, body), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/soap+xml; charset=utf-8; action=\"urn:switchboard:demo-erp/{operation}\"");
        return client.PostAsync(Address, content);
    }

    /// <summary>The answer's SOAP Body, after checking the status so that a failure shows the whole answer.</summary>
    public static async Task<XElement> ReadBodyAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        var envelope = XDocument.Parse(text).Root.ShouldNotBeNull();
        return envelope.Elements().Single(e => e.Name.LocalName == "Body");
    }

    public static string Text(this XElement element, string name) =>
        element.Element(ErpNs + name)?.Value ?? throw new InvalidOperationException($"{element.Name.LocalName} has no {name}: {element}");

    private static string Envelope(XNamespace version, string body) =>
        $"""<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="{version.NamespaceName}"><s:Body>{body}</s:Body></s:Envelope>""";
}
