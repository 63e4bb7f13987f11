using System.Xml;
using System.Xml.Linq;

namespace Switchboard.Connectors.Soap;

/// <summary>A SOAP fault read from an answer: its code and reason in either version's shape.</summary>
internal sealed record SoapFault(string Code, string Reason, string? Detail)
{
    private const int MaxDetailChars = 300;

    /// <summary>The request was at fault (1.1 <c>Client</c>, 1.2 <c>Sender</c>): sending it again cannot help.</summary>
    public bool IsSenderFault =>
        Code.Split(' ')[0].Split(':')[^1] is "Client" or "Sender" || Code.Split(' ')[0].Split(':')[^1].StartsWith("Client.", StringComparison.Ordinal);

    public override string ToString() =>
        Detail is null ? $"SOAP fault {Code}: {Reason}" : $"SOAP fault {Code}: {Reason} ({Detail})";

    /// <summary>The fault in <paramref name="body"/>, or null when it holds none (or is not XML).</summary>
    public static SoapFault? Read(string body)
    {
        // Every successful answer passes through here too: only a body that can hold a Fault is parsed
        // (the response mapping parses it once more anyway).
        if (string.IsNullOrWhiteSpace(body) || !body.Contains("Fault", StringComparison.Ordinal) || !body.TrimStart().StartsWith('<'))
        {
            return null;
        }

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(body),
                new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        var fault = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Fault"
            && e.Name.NamespaceName is SoapEnvelope.Soap11Namespace or SoapEnvelope.Soap12Namespace);
        if (fault is null)
        {
            return null;
        }

        // 1.1: faultcode/faultstring/detail (unqualified). 1.2: Code/Value (+Subcode), Reason/Text, Detail.
        var code = fault.Element("faultcode")?.Value
            ?? string.Join(" / ", fault.Descendants().Where(e => e.Name.LocalName == "Value").Select(e => e.Value.Trim()));
        var reason = fault.Element("faultstring")?.Value
            ?? fault.Descendants().FirstOrDefault(e => e.Name.LocalName == "Text")?.Value
            ?? "(no reason given)";
        var detailElement = fault.Element("detail") ?? fault.Elements().FirstOrDefault(e => e.Name.LocalName == "Detail");
        var detail = detailElement is null ? null : Shorten(string.Concat(detailElement.DescendantNodes().OfType<XText>().Select(t => t.Value.Trim() + " ")).Trim());
        return new SoapFault(code.Trim().Length == 0 ? "(no code)" : code.Trim(), reason.Trim(), string.IsNullOrEmpty(detail) ? null : detail);
    }

    private static string Shorten(string text) => text.Length <= MaxDetailChars ? text : text[..MaxDetailChars] + "…";
}
