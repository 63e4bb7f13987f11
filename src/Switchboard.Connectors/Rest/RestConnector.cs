using Switchboard.Configuration;
using Switchboard.Connectors.Http;
using Switchboard.Mapping;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;

namespace Switchboard.Connectors.Rest;

/// <summary>A REST/JSON system (OData conventions are expressed by configuration: $filter in query, @odata.nextLink paging, If-Match headers).</summary>
public sealed class RestConnector(SystemDefinition system, SystemHttpTransport transport, TemplateEngine templates, ResponseMapper mapper)
    : HttpOperationConnector(system, transport, templates, mapper)
{
    protected override string DefaultContentType => "application/json; charset=utf-8";

    protected override ResponseFormat DefaultFormat => ResponseFormat.Auto;
}
