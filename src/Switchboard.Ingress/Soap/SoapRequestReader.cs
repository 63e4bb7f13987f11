using System.Xml;
using System.Xml.Linq;
using Switchboard.Core.Common;
using Switchboard.Core.Events;

namespace Switchboard.Ingress.Soap;

/// <summary>
/// Parses a SOAP 1.1 or 1.2 request. DTDs are refused outright, so neither external entities (XXE) nor
/// entity expansion bombs reach the parser; the body size is bounded by the server before this runs.
/// Envelope-level problems throw a <see cref="SoapFaultException"/>; event-level ones are collected.
/// </summary>
internal static class SoapRequestReader
{
    private static readonly XNamespace Ns = SoapProtocol.Events;

    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    public static async Task<SoapRequest> ReadAsync(Stream body, int maxBatchSize, CancellationToken ct)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(body, Settings);
            document = await XDocument.LoadAsync(reader, LoadOptions.None, ct);
        }
        catch (XmlException e)
        {
            throw new SoapFaultException(SoapFaultCode.Sender, "malformed", $"The request is not well-formed XML or carries a DTD: {e.Message}");
        }

        var envelope = document.Root!;
        var version = ReadVersion(envelope);
        var env = SoapProtocol.EnvelopeNamespace(version);
        CheckHeaders(envelope, version, env);

        var soapBody = envelope.Element(env + "Body")
            ?? throw Fault(version, "malformed", "The envelope has no Body.");
        var operations = soapBody.Elements().ToList();
        if (operations.Count != 1)
        {
            throw Fault(version, "malformed", $"The Body must hold exactly one element, SubmitEvent or SubmitEvents; it holds {operations.Count}.");
        }

        var operation = operations[0];
        var errors = new List<FieldError>();
        var events = new List<ContactCenterEvent>();
        var prefixes = new List<string>();
        if (operation.Name == Ns + "SubmitEvent")
        {
            var items = Single(operation, "event", errors);
            foreach (var item in items.Take(1))
            {
                prefixes.Add("event.");
                events.Add(CallEventReader.Read(item, "event.", errors));
            }

            if (items.Count > 1)
            {
                errors.Add(new FieldError("event", null, "appears more than once; send several events with SubmitEvents"));
            }

            return new SoapRequest(version, SoapOperation.SubmitEvent, events, prefixes, errors);
        }

        if (operation.Name == Ns + "SubmitEvents")
        {
            var lists = Single(operation, "events", errors);
            var items = lists.Count == 0 ? [] : Children(lists[0], "event", "events", errors);
            if (items.Count > maxBatchSize)
            {
                throw Fault(version, "batch_too_large",
                    $"events: holds {items.Count} events; at most {maxBatchSize} are accepted per request (server.limits.maxBatchSize). Nothing was ingested.");
            }

            if (lists.Count > 1)
            {
                errors.Add(new FieldError("events", null, "appears more than once"));
            }
            else if (lists.Count == 1 && items.Count == 0)
            {
                errors.Add(new FieldError("events", null, "must hold at least one event"));
            }

            for (var i = 0; i < items.Count; i++)
            {
                var prefix = $"events[{i}].";
                prefixes.Add(prefix);
                events.Add(CallEventReader.Read(items[i], prefix, errors));
            }

            return new SoapRequest(version, SoapOperation.SubmitEvents, events, prefixes, errors);
        }

        throw Fault(version, "unknown_operation",
            $"{operation.Name.LocalName} in namespace '{operation.Name.NamespaceName}' is not an operation of this service; send SubmitEvent or SubmitEvents in namespace {SoapIngressDefaults.Namespace}.");
    }

    private static SoapVersion ReadVersion(XElement envelope)
    {
        if (envelope.Name.LocalName != "Envelope")
        {
            throw new SoapFaultException(SoapFaultCode.Sender, "malformed", $"The root element is {envelope.Name.LocalName}, not a SOAP Envelope.");
        }

        if (envelope.Name.Namespace == SoapProtocol.Soap11)
        {
            return SoapVersion.Soap11;
        }

        if (envelope.Name.Namespace == SoapProtocol.Soap12)
        {
            return SoapVersion.Soap12;
        }

        throw new SoapFaultException(SoapFaultCode.VersionMismatch, "malformed",
            $"The envelope namespace '{envelope.Name.NamespaceName}' is neither SOAP 1.1 ({SoapProtocol.Soap11.NamespaceName}) nor SOAP 1.2 ({SoapProtocol.Soap12.NamespaceName}).");
    }

    // A header we do not know is fine unless the sender says we must understand it (SOAP 1.1 §4.2.3, 1.2 §5.2.3).
    private static void CheckHeaders(XElement envelope, SoapVersion version, XNamespace env)
    {
        foreach (var header in envelope.Elements(env + "Header").Elements())
        {
            var mustUnderstand = (string?)header.Attribute(env + "mustUnderstand");
            var target = (string?)header.Attribute(env + (version == SoapVersion.Soap12 ? "role" : "actor"));
            var forUs = target is null
                or "http://schemas.xmlsoap.org/soap/actor/next"
                or "http://www.w3.org/2003/05/soap-envelope/role/next"
                or "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver";
            if (mustUnderstand is "1" or "true" && forUs)
            {
                throw new SoapFaultException(SoapFaultCode.MustUnderstand, "must_understand",
                    $"The header {header.Name.LocalName} ({header.Name.NamespaceName}) is marked mustUnderstand; this endpoint does not process it.")
                {
                    Version = version,
                };
            }
        }
    }

    /// <summary>The children named <paramref name="name"/>; any other child is an error.</summary>
    private static List<XElement> Single(XElement parent, string name, List<FieldError> errors)
    {
        var found = Children(parent, name, parent.Name.LocalName, errors);
        if (found.Count == 0)
        {
            errors.Add(new FieldError(name, null, "is required"));
        }

        return found;
    }

    private static List<XElement> Children(XElement parent, string name, string parentField, List<FieldError> errors)
    {
        var found = new List<XElement>();
        foreach (var child in parent.Elements())
        {
            if (child.Name == Ns + name)
            {
                found.Add(child);
            }
            else
            {
                errors.Add(new FieldError($"{parentField}.{child.Name.LocalName}", null, $"is not an element here; expected {name} in {SoapIngressDefaults.Namespace}"));
            }
        }

        return found;
    }

    private static SoapFaultException Fault(SoapVersion version, string reason, string message) =>
        new(SoapFaultCode.Sender, reason, message) { Version = version };
}
