using Switchboard.Configuration;
using Switchboard.Connectors.Http;
using Switchboard.Connectors.Rest;
using Switchboard.Mapping;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;

namespace Switchboard.Connectors.Soap;

/// <summary>
/// A SOAP 1.1 or 1.2 system over HTTP: each operation's body template is the content of the SOAP
/// Body, sent with its action; faults become errors naming their code and reason; answers map with
/// XPath over the whole envelope.
/// </summary>
public sealed class SoapConnector(SystemDefinition system, SystemHttpTransport transport, TemplateEngine templates, ResponseMapper mapper)
    : HttpOperationConnector(system, transport, templates, mapper)
{
    private readonly SoapVersion _version = (system ?? throw new ArgumentNullException(nameof(system))).Soap?.Version ?? SoapVersion.Soap11;

    protected override string DefaultContentType => SoapEnvelope.ContentType(_version, string.Empty);

    protected override ResponseFormat DefaultFormat => ResponseFormat.Xml;

    private protected override RenderedRequest Prepare(OperationDefinition operation, RenderedRequest request)
    {
        var action = operation.Soap?.Action ?? throw new ConnectorException(System.Name, operation.Name,
            ConnectorFailureKind.Configuration, "a SOAP operation needs soap.action");
        var headers = request.Headers.ToList();
        if (_version == SoapVersion.Soap11)
        {
            headers.Add(KeyValuePair.Create("SOAPAction", $"\"{action}\""));
        }

        return request with
        {
            Method = HttpMethod.Post,
            Body = SoapEnvelope.Wrap(_version, request.Body ?? string.Empty),
            ContentType = SoapEnvelope.ContentType(_version, action),
            Headers = headers,
        };
    }

    /// <summary>A fault the service blames on the request (1.1 Client, 1.2 Sender) is not retried, even when sent as 500.</summary>
    protected override bool IsTransient(OperationDefinition operation, int status, string body) =>
        base.IsTransient(operation, status, body) && SoapFault.Read(body) is not { IsSenderFault: true };

    protected override string? FailureReason(OperationDefinition operation, HttpExchangeResult answer) =>
        SoapFault.Read(answer.Body)?.ToString() ?? base.FailureReason(operation, answer);

    protected override void ThrowIfFault(OperationDefinition operation, HttpExchangeResult answer, ResponseDocument? document)
    {
        if (SoapFault.Read(answer.Body) is { } fault)
        {
            throw new ConnectorException(System.Name, operation.Name, ConnectorFailureKind.Status,
                $"answered {Describe(answer.Status)} with {fault}") { Status = answer.Status, Attempts = answer.Attempts };
        }
    }
}
