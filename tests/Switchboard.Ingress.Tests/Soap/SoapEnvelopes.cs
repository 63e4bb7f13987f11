using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Switchboard.Ingress.Tests.Soap;

/// <summary>Hand-written SOAP requests, as a legacy sender would post them, and a reader for the replies.</summary>
public static class SoapEnvelopes
{
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string Ns = "urn:switchboard:events:v1";

    public static string Now => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", System.Globalization.CultureInfo.InvariantCulture);

    public static string Event(string eventId, string type = "call.offered", string? occurredAt = null, string callId = "call-1", string from = "+14155550100", string extra = "") => $"""
        <e:eventId>{eventId}</e:eventId><e:type>{type}</e:type><e:occurredAt>{occurredAt ?? Now}</e:occurredAt>
        <e:callId>{callId}</e:callId><e:from>{from}</e:from><e:to>+14155550199</e:to>{extra}
        """;

    public static string SubmitEvent(string eventXml, string envelope = Soap11) =>
        Envelope($"<e:SubmitEvent><e:event>{eventXml}</e:event></e:SubmitEvent>", envelope);

    public static string SubmitEvents(params string[] events) =>
        Envelope($"<e:SubmitEvents><e:events>{string.Concat(events.Select(e => $"<e:event>{e}</e:event>"))}</e:events></e:SubmitEvents>");

    public static string Envelope(string body, string envelope = Soap11, string header = "") =>
        $"""<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{envelope}" xmlns:e="{Ns}">{header}<soap:Body>{body}</soap:Body></soap:Envelope>""";

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string xml, string? apiKey = TestApiKeyHandler.EventsKey, bool soap12 = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/soap/events")
        {
            Content = new StringContent(xml, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(soap12 ? "application/soap+xml" : "text/xml") { CharSet = "utf-8" };
        if (!soap12)
        {
            request.Headers.Add("SOAPAction", "\"urn:switchboard:events:v1#SubmitEvent\"");
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<XDocument> ReadAsync(HttpResponseMessage response) =>
        XDocument.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>The outcomes of a SubmitEvent(s) response, as (eventId, outcome).</summary>
    public static IReadOnlyList<(string EventId, string Outcome)> Outcomes(XDocument reply) =>
        [.. reply.Descendants(XName.Get("result", Ns)).Select(r => (r.Element(XName.Get("eventId", Ns))!.Value, r.Element(XName.Get("outcome", Ns))!.Value))];

    /// <summary>The fault of a SOAP 1.1 or 1.2 reply: code (local name), text and the fields of the listed errors.</summary>
    public static (string Code, string Text, IReadOnlyList<string> Fields) Fault(XDocument reply)
    {
        var fault = reply.Descendants().Single(e => e.Name.LocalName == "Fault");
        var soap12 = fault.Name.NamespaceName == Soap12;
        var code = soap12
            ? fault.Element(XName.Get("Code", Soap12))!.Element(XName.Get("Value", Soap12))!.Value
            : fault.Element("faultcode")!.Value;
        var text = soap12
            ? fault.Element(XName.Get("Reason", Soap12))!.Element(XName.Get("Text", Soap12))!.Value
            : fault.Element("faultstring")!.Value;
        var fields = fault.Descendants(XName.Get("field", Ns)).Select(f => f.Value).ToList();
        return (code[(code.IndexOf(':', StringComparison.Ordinal) + 1)..], text, fields);
    }
}
