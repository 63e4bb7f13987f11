using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Switchboard.Core.Common;
using Switchboard.Core.Events;
using Switchboard.Interactions;

namespace Switchboard.Ingress.Soap;

/// <summary>Writes result envelopes and faults in the request's SOAP version.</summary>
internal static class SoapResponseWriter
{
    private const string Ns = SoapIngressDefaults.Namespace;
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false) };

    public static Task WriteResultsAsync(
        HttpResponse response, SoapVersion version, SoapOperation operation,
        IReadOnlyList<ContactCenterEvent> events, IReadOnlyList<IngestOutcome> outcomes, CancellationToken ct) =>
        WriteEnvelopeAsync(response, version, StatusCodes.Status200OK, xml =>
        {
            var batch = operation == SoapOperation.SubmitEvents;
            xml.WriteStartElement("tns", batch ? "SubmitEventsResponse" : "SubmitEventResponse", Ns);
            if (batch)
            {
                xml.WriteStartElement("results", Ns);
            }

            for (var i = 0; i < events.Count; i++)
            {
                xml.WriteStartElement("result", Ns);
                xml.WriteElementString("eventId", Ns, events[i].EventId);
                xml.WriteElementString("outcome", Ns, outcomes[i] == IngestOutcome.Duplicate ? "duplicate" : "accepted");
                xml.WriteEndElement();
            }

            if (batch)
            {
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }, ct);

    public static Task WriteFaultAsync(
        HttpResponse response, SoapVersion version, SoapFaultCode code, string message,
        IReadOnlyList<FieldError> errors, int status, CancellationToken ct) =>
        WriteEnvelopeAsync(response, version, status, xml =>
        {
            var env = SoapProtocol.EnvelopeNamespace(version).NamespaceName;
            xml.WriteStartElement("soap", "Fault", env);
            if (version == SoapVersion.Soap12)
            {
                xml.WriteStartElement("soap", "Code", env);
                xml.WriteStartElement("soap", "Value", env);
                xml.WriteQualifiedName(code.ToString(), env);
                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteStartElement("soap", "Reason", env);
                xml.WriteStartElement("soap", "Text", env);
                xml.WriteAttributeString("xml", "lang", null, "en");
                xml.WriteString(Printable(message));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            else
            {
                xml.WriteStartElement("faultcode");
                xml.WriteQualifiedName(Soap11Code(code), env);
                xml.WriteEndElement();
                xml.WriteElementString("faultstring", Printable(message));
            }

            if (errors.Count > 0)
            {
                // SOAP 1.1 leaves detail unqualified; SOAP 1.2 puts it in the envelope namespace.
                if (version == SoapVersion.Soap12)
                {
                    xml.WriteStartElement("soap", "Detail", env);
                }
                else
                {
                    xml.WriteStartElement("detail");
                }

                WriteErrors(xml, errors);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }, ct);

    private static void WriteErrors(XmlWriter xml, IReadOnlyList<FieldError> errors)
    {
        xml.WriteStartElement("tns", "EventFault", Ns);
        foreach (var error in errors)
        {
            xml.WriteStartElement("error", Ns);
            xml.WriteElementString("field", Ns, error.Field);
            if (error.Value is not null)
            {
                xml.WriteElementString("value", Ns, Printable(error.Value));
            }

            xml.WriteElementString("reason", Ns, error.Reason);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static string Soap11Code(SoapFaultCode code) => code switch
    {
        SoapFaultCode.Sender => "Client",
        SoapFaultCode.Receiver => "Server",
        _ => code.ToString(),
    };

    // Text from the pipeline (an exception's detail) may hold characters XML 1.0 cannot carry.
    private static string Printable(string value) =>
        value.All(XmlConvert.IsXmlChar) ? value : new string([.. value.Select(c => XmlConvert.IsXmlChar(c) ? c : '?')]);

    private static async Task WriteEnvelopeAsync(HttpResponse response, SoapVersion version, int status, Action<XmlWriter> body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            var env = SoapProtocol.EnvelopeNamespace(version).NamespaceName;
            xml.WriteStartDocument();
            xml.WriteStartElement("soap", "Envelope", env);
            xml.WriteStartElement("soap", "Body", env);
            body(xml);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        response.StatusCode = status;
        response.ContentType = SoapProtocol.ContentType(version);
        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, ct);
    }
}
